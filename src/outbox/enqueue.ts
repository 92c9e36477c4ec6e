/**
 * The write side of the follow-ups Convene owes Slack: a use case calls `enqueue` in its own
 * transaction, so the change and what it owes commit together; `follow-ups.ts` sends them.
 */
import { z } from "zod";
import type { Tx } from "../db/client";
import type { Message } from "../views/message";
import { type FollowUpRow, insertFollowUps } from "./delivery-repository";

/** What a post meant for staff says about itself, should Slack refuse it for good (`refused-posts.ts`). */
export const staffPostSchema = z.object({
  /** Scopes the DMs: one per staff member per subject (`submission:<id>`), however many posts of it fail. */
  subject: z.string().min(1),
  /** What was refused, as mrkdwn ("the review card for *Title* (Programme)"). */
  about: z.string().min(1),
  /** What staff can do now (mrkdwn). */
  next: z.string().min(1),
  /** Who to tell: staff's Slack ids. */
  tell: z.array(z.string().min(1)),
});
export type StaffPost = z.infer<typeof staffPostSchema>;

export type FollowUp =
  /** `staffPost`: the DM is meant for staff, who are told if Slack refuses it for good. */
  | { kind: "dm"; dedupeKey: string; to: string; message: Message; staffPost?: StaffPost }
  /** The channel is looked up when sending: the group may get one after the sign-up. */
  | { kind: "invite"; dedupeKey: string; groupId: string; users: string[] }
  /** Out of the group's channel after staff or a facilitator took them out of the group. */
  | { kind: "kick"; dedupeKey: string; groupId: string; user: string }
  /** Posts the card in `channelId`; without a channel, re-renders the card where it was posted. */
  | { kind: "proposal_card"; dedupeKey: string; proposalId: string; channelId: string | null }
  | { kind: "group_channel"; dedupeKey: string; proposalId: string; groupId: string };

/**
^ * Every follow-up kind, in the order a batch goes out: cards and channels first, so staff
 * see a proposal before anyone hears about it. The reminder tick leaves these alone.
 */
export const FOLLOW_UP_KINDS = ["proposal_card", "group_channel", "dm", "invite", "kick"] as const satisfies readonly FollowUp["kind"][];

export const rank = (kind: string) => FOLLOW_UP_KINDS.indexOf(kind as FollowUp["kind"]);

function row(f: FollowUp): FollowUpRow {
  const base = { dedupeKey: f.dedupeKey, kind: f.kind };
  switch (f.kind) {
    case "dm":
      return {
        ...base,
        channelId: f.to,
        payload: { text: f.message.text, blocks: f.message.blocks, ...(f.staffPost && { staffPost: f.staffPost }) },
      };
    case "invite":
      return { ...base, channelId: null, payload: { groupId: f.groupId, users: f.users } };
    case "kick":
      return { ...base, channelId: null, payload: { groupId: f.groupId, user: f.user } };
    case "proposal_card":
      return { ...base, channelId: f.channelId, payload: { proposalId: f.proposalId } };
    case "group_channel":
      return { ...base, channelId: null, payload: { proposalId: f.proposalId, groupId: f.groupId } };
  }
}

/**
 * Writes follow-ups in the caller's transaction; a dedupe key seen before is a no-op. Returns the
 * new rows' ids, in the order they should go out, for `sendFollowUps` once the transaction has committed.
 */
export function enqueue(tx: Tx, followUps: readonly FollowUp[], now: Date): Promise<string[]> {
  const ordered = [...followUps].sort((a, b) => rank(a.kind) - rank(b.kind));
  return insertFollowUps(tx, ordered.map(row), now);
}
