/**
 * The Slack calls Convene owes after a sign-up or a submission: channel invites and DMs. They are
 * written as Delivery rows in the transaction that caused them (`enqueueFollowUps`), tried at once
 * after commit (`sendFollowUps`), and whatever failed stays pending for the scheduler's next tick
 * (`sendDueFollowUps`). A claim (lease) makes each go out once even when both try together.
 */
import type { KnownBlock } from "@slack/types";
import { WebAPIPlatformError, type WebClient } from "@slack/web-api";
import { z } from "zod";
import type { Tx } from "../db/client";
import { type DeliveryRecord, findDue } from "../db/delivery-repository";
import { groupChannel, insertFollowUps } from "../db/follow-up-repository";
import type { Message } from "../views/message";
import type { Services } from "./context";
import { type FollowUpOutcome, type Performed, type RunnerDeps, runFollowUp } from "./follow-up-runner";
import { deliveryMetadata, findPostedMessage } from "./posted-message";
import { type StaffPost, staffPostSchema, tellStaffRefused } from "./refused-posts";

export type { FollowUpOutcome } from "./follow-up-runner";

export const FOLLOW_UP_KINDS = ["dm", "invite"] as const;

export type FollowUp =
  /** `staffPost`: the DM is meant for staff, who are told if Slack refuses it for good. */
  | { kind: "dm"; dedupeKey: string; to: string; message: Message; staffPost?: StaffPost }
  /** The channel is looked up when sending: the group may get one after the sign-up. */
  | { kind: "invite"; dedupeKey: string; groupId: string; users: string[] };

const dmPayload = z.object({ text: z.string(), blocks: z.array(z.record(z.string(), z.unknown())), staffPost: staffPostSchema.optional() });
const invitePayload = z.object({ groupId: z.string(), users: z.array(z.string()).min(1) });

/** Refusals no retry fixes: the user or channel cannot take it, or the app is not allowed to. */
const POLICY = {
  maxAttempts: 8,
  permanentErrors: new Set([
    "channel_not_found", "is_archived", "not_in_channel", "cant_invite", "user_not_found", "user_disabled", "cannot_dm_bot",
    "invalid_blocks", "msg_too_long", "no_text", "restricted_action", "missing_scope", "not_authed", "invalid_auth",
    "account_inactive", "method_not_supported_for_channel_type",
  ]),
};

/** Writes the follow-ups in the caller's transaction; a dedupe key seen before is a no-op. Returns the new rows' ids. */
export function enqueueFollowUps(tx: Tx, followUps: readonly FollowUp[], now: Date): Promise<string[]> {
  return insertFollowUps(
    tx,
    followUps.map((f) =>
      f.kind === "dm"
        ? { dedupeKey: f.dedupeKey, kind: f.kind, channelId: f.to, payload: { text: f.message.text, blocks: f.message.blocks, ...(f.staffPost && { staffPost: f.staffPost }) } }
        : { dedupeKey: f.dedupeKey, kind: f.kind, channelId: null, payload: { groupId: f.groupId, users: f.users } },
    ),
    now,
  );
}

export interface FollowUpDeps extends RunnerDeps {
  slack: WebClient;
}

/** Follow-ups sent from a request, with the request's client. */
export const followUpDeps = (services: Services, slack: WebClient) => ({ ...services, slack });

/** Sends the given follow-ups now, one after another; each failure is left for a retry. */
export async function sendFollowUps(deps: FollowUpDeps, ids: readonly string[]): Promise<FollowUpOutcome[]> {
  const outcomes: FollowUpOutcome[] = [];
  const refusals: string[] = [];
  for (const id of ids) {
    let staffPost: StaffPost | undefined;
    const outcome = await runFollowUp(deps, id, POLICY, (d, mayHavePosted) => {
      staffPost = d.kind === "dm" ? dmPayload.parse(d.payload).staffPost : undefined;
      return perform(deps, d, mayHavePosted);
    });
    outcomes.push(outcome);
    if (outcome.outcome === "failed" && staffPost) refusals.push(...(await tellStaffRefused(deps, id, staffPost)));
  }
  // The notices carry no staffPost: one refused in turn tells nobody again.
  if (refusals.length) outcomes.push(...(await sendFollowUps(deps, refusals)));
  return outcomes;
}

/** The scheduler's share: everything still owed (failed tries, a crash between commit and send). */
export async function sendDueFollowUps(deps: FollowUpDeps, limit = 200): Promise<FollowUpOutcome[]> {
  const due = await findDue(deps.db, FOLLOW_UP_KINDS, deps.now(), limit);
  return sendFollowUps(
    deps,
    due.map((d) => d.id),
  );
}

/** Marks Convene's follow-up DMs, so a retry finds one that did go out. */
const FOLLOW_UP_EVENT_TYPE = "convene_follow_up";

async function perform({ db, slack }: FollowUpDeps, d: DeliveryRecord, mayHavePosted: boolean): Promise<Performed> {
  if (d.kind === "dm") {
    const message = dmPayload.parse(d.payload);
    const found = mayHavePosted ? await findPostedMessage(slack, { channelId: d.channelId!, eventType: FOLLOW_UP_EVENT_TYPE, deliveryId: d.id }) : null;
    if (found) return { channelId: found.channel, ts: found.ts };
    const res = await slack.chat.postMessage({
      channel: d.channelId!,
      text: message.text,
      blocks: message.blocks as unknown as KnownBlock[],
      unfurl_links: false,
      unfurl_media: false,
      metadata: deliveryMetadata(FOLLOW_UP_EVENT_TYPE, d.id),
    });
    return { channelId: res.channel ?? d.channelId!, ts: res.ts ?? null };
  }
  if (d.kind === "invite") {
    const { groupId, users } = invitePayload.parse(d.payload);
    // Channel set-up invites every member when it creates the channel later.
    const channel = await groupChannel(db, groupId);
    if (!channel) return { skip: "the group has no channel yet" };
    try {
      // force: one colleague who cannot be invited must not keep the others out.
      await slack.conversations.invite({ channel, users: users.join(","), force: true });
    } catch (err) {
      if (!(err instanceof WebAPIPlatformError && err.data.error === "already_in_channel")) throw err;
    }
    return { channelId: channel, ts: null };
  }
  return { skip: `not a follow-up kind: ${d.kind}` };
}
