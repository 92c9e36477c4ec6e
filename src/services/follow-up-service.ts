/**
 * Every follow-up Convene owes Slack that is not a reminder, behind one entry point for the
 * scheduler's tick and for use right after a commit. DMs and invites are sent by
 * slack-follow-ups.ts; this module adds what a proposal owes: its review card (posted, then updated
 * in place) and, once approved, its group's channel. Each is a Delivery row claimed under a lease,
 * so it is done once even when the tick and a request try together, and retried when Slack fails.
 */
import { z } from "zod";
import type { Config } from "../config";
import type { Tx } from "../db/client";
import type { KnownBlock } from "@slack/types";
import { type DeliveryRecord, findDue, sentMessagesKeyed } from "../db/delivery-repository";
import { insertFollowUps } from "../db/follow-up-repository";
import { changeRequestNotes, findProposal, type ProposalRecord, recordReviewCard, staffSlackIds } from "../db/proposal-repository";
import type { Message } from "../views/message";
import { channelProblemMessage, channelReadyMessage, proposerEarlierMessage, reviewCardAbout } from "../views/proposal-messages";
import { proposalReviewCard } from "../views/proposal-review-card";
import { type ChannelDeps, syncGroupChannel } from "./channel-service";
import { type Performed, runFollowUp } from "./follow-up-runner";
import { myProposalOf, reviewCardOf } from "./proposal-views";
import { tellStaffRefused } from "./refused-posts";
import {
  type FollowUp,
  FOLLOW_UP_KINDS as MESSAGE_KINDS,
  type FollowUpDeps as MessageDeps,
  type FollowUpOutcome,
  enqueueFollowUps as enqueueMessages,
  sendDueFollowUps as sendDueMessages,
  sendFollowUps as sendMessages,
} from "./slack-follow-ups";

/** The follow-up dependencies of a request: its services and the listener's client. */
export { followUpDeps } from "./slack-follow-ups";

export const PROPOSAL_FOLLOW_UP_KINDS = ["proposal_card", "group_channel"] as const;
/** Every kind this module sends: the reminder tick must leave these alone. */
export const FOLLOW_UP_KINDS: readonly string[] = [...MESSAGE_KINDS, ...PROPOSAL_FOLLOW_UP_KINDS];

export type ProposalFollowUp =
  /** Posts the card in `channelId`; without a channel, re-renders the card where it was posted. */
  | { kind: "proposal_card"; dedupeKey: string; proposalId: string; channelId: string | null }
  | { kind: "group_channel"; dedupeKey: string; proposalId: string; groupId: string };

export type FollowUpDeps = MessageDeps & { config: ChannelDeps["config"] & Pick<Config, "CONVENE_ADMINS"> };

/** A channel that cannot be set up is retried every tick for about this many minutes, then staff are told it stopped. */
const MAX_ATTEMPTS = 8;
const POLICY = {
  maxAttempts: MAX_ATTEMPTS,
  /** Refusals no retry fixes: the card's channel is gone, or Convene was never invited to it. */
  permanentErrors: new Set(["channel_not_found", "not_in_channel", "is_archived", "invalid_blocks", "missing_scope", "not_authed", "invalid_auth", "account_inactive"]),
};

const cardPayload = z.object({ proposalId: z.string() });
const channelPayload = z.object({ proposalId: z.string(), groupId: z.string() });

/** What a transaction enqueued, by who sends it. */
export interface Enqueued {
  messages: string[];
  proposal: string[];
}

/**
 * Writes follow-ups in the caller's transaction; a dedupe key seen before is a no-op. Returns the
 * new rows' ids, for `sendFollowUps` to try once the transaction has committed.
 */
export async function enqueueFollowUps(tx: Tx, followUps: { messages?: readonly FollowUp[]; proposal?: readonly ProposalFollowUp[] }, now: Date): Promise<Enqueued> {
  const proposal = await insertFollowUps(
    tx,
    (followUps.proposal ?? []).map((f) =>
      f.kind === "proposal_card"
        ? { dedupeKey: f.dedupeKey, kind: f.kind, channelId: f.channelId, payload: { proposalId: f.proposalId } }
        : { dedupeKey: f.dedupeKey, kind: f.kind, channelId: null, payload: { proposalId: f.proposalId, groupId: f.groupId } },
    ),
    now,
  );
  return { proposal, messages: await enqueueMessages(tx, followUps.messages ?? [], now) };
}

/**
 * Sends follow-ups: those a transaction just enqueued (cards and channels first, so staff see a
 * proposal before anyone hears about it), or, without `enqueued`, every one still owed: the
 * scheduler's tick calls it so each failed or interrupted try is retried.
 */
export async function sendFollowUps(deps: FollowUpDeps, enqueued?: Enqueued): Promise<FollowUpOutcome[]> {
  const outcomes: FollowUpOutcome[] = [];
  const proposalIds = enqueued?.proposal ?? (await findDue(deps.db, PROPOSAL_FOLLOW_UP_KINDS, deps.now(), 200)).map((d) => d.id);
  const refusals: string[] = [];
  for (const id of proposalIds) {
    const outcome = await runFollowUp(deps, id, POLICY, (d) => (d.kind === "proposal_card" ? sendCard(deps, d) : setUpChannel(deps, d)));
    outcomes.push(outcome);
    if (outcome.outcome === "failed" && outcome.kind === "proposal_card") refusals.push(...(await tellStaffCardRefused(deps, id)));
  }
  outcomes.push(...(enqueued ? await sendMessages(deps, [...enqueued.messages, ...refusals]) : await sendDueMessages(deps)));
  return outcomes;
}

/** A review card Slack refused for good: staff are told (`refused-posts.ts`). Returns the DMs' delivery ids. */
async function tellStaffCardRefused(deps: FollowUpDeps, deliveryId: string): Promise<string[]> {
  const d = await deps.db.delivery.findUnique({ where: { id: deliveryId }, select: { payload: true } });
  const proposal = d && (await findProposal(deps.db, { id: cardPayload.parse(d.payload).proposalId }));
  if (!proposal) return [];
  const tell = [...deps.config.CONVENE_ADMINS, ...(await staffSlackIds(deps.db))];
  return tellStaffRefused(deps, deliveryId, { subject: `proposal:${proposal.id}:card:${deliveryId}`, tell, ...reviewCardAbout({ title: proposal.title, programmeName: proposal.programme.name }) });
}

/**
 * Tries at once what a committed transaction enqueued. Never throws: the change is saved, and
 * whatever could not be sent stays owed for the scheduler's next tick.
 */
export async function sendSoon(deps: FollowUpDeps, enqueued: Enqueued): Promise<void> {
  try {
    await sendFollowUps(deps, enqueued);
  } catch (err) {
    deps.logger.error({ err }, "follow-ups could not be tried now; the scheduler will retry them");
  }
}

/**
 * Posts a proposal's card in the review channel, or re-renders it in place. Every render reads the
 * proposal as it is now, so an update that comes late, or twice, still shows the truth.
 */
async function sendCard(deps: FollowUpDeps, d: DeliveryRecord): Promise<Performed> {
  const { db, slack } = deps;
  const { proposalId } = cardPayload.parse(d.payload);
  const proposal = await findProposal(db, { id: proposalId });
  if (!proposal) return { skip: "the proposal no longer exists" };
  const posted = proposal.reviewChannelId && proposal.reviewTs ? { channelId: proposal.reviewChannelId, ts: proposal.reviewTs } : null;
  const card = proposalReviewCard(reviewCardOf(proposal));
  if (d.channelId && d.channelId !== posted?.channelId) {
    const res = await slack.chat.postMessage({ channel: d.channelId, text: card.text, blocks: card.blocks, unfurl_links: false, unfurl_media: false });
    await recordReviewCard(db, proposalId, { channelId: res.channel ?? d.channelId, ts: res.ts! });
    // A change made while the card was on its way found no card to update: show it now.
    const current = await findProposal(db, { id: proposalId });
    const latest = current && proposalReviewCard(reviewCardOf(current));
    if (latest && JSON.stringify(latest) !== JSON.stringify(card)) {
      await slack.chat.update({ channel: res.channel ?? d.channelId, ts: res.ts!, text: latest.text, blocks: latest.blocks });
    }
    return { channelId: res.channel ?? d.channelId, ts: res.ts ?? null };
  }
  await refreshProposerMessages(deps, proposal);
  if (!posted) return { skip: "the card is not posted yet; it shows the proposal as it is when it is" };
  await slack.chat.update({ channel: posted.channelId, ts: posted.ts, text: card.text, blocks: card.blocks });
  return { channelId: posted.channelId, ts: posted.ts };
}

/**
 * The proposer's earlier DMs about a proposal whose state changed, redrawn as it is now. Best
 * effort: a DM that cannot be edited (deleted meanwhile) leaves the card's update standing.
 */
async function refreshProposerMessages({ db, slack, logger, now }: FollowUpDeps, proposal: ProposalRecord): Promise<void> {
  const earlier = await sentMessagesKeyed(db, [`proposal:${proposal.id}:receipt`, `proposal:${proposal.id}:changes:`]);
  const current = myProposalOf(proposal, now());
  const notes = await changeRequestNotes(db, proposal.id);
  for (const m of earlier) {
    const message = m.dedupeKey.endsWith(":receipt") ? proposerEarlierMessage("receipt", current) : proposerEarlierMessage("changes", current, notes.get(m.dedupeKey) ?? null);
    try {
      await slack.chat.update({ channel: m.channelId, ts: m.messageTs, text: message.text, blocks: message.blocks as unknown as KnownBlock[] });
    } catch (err) {
      logger.warn({ err, proposalId: proposal.id }, "could not update an earlier message to the proposer");
    }
  }
}

/**
 * Creates (or links) an approved proposal's group channel and invites its facilitators. A channel
 * that cannot be set up is reported in the card's thread the first time and when Convene gives
 * up; the group itself is already saved.
 */
async function setUpChannel(deps: FollowUpDeps, d: DeliveryRecord): Promise<Performed> {
  const { db, slack, logger } = deps;
  const { proposalId, groupId } = channelPayload.parse(d.payload);
  const result = await syncGroupChannel(deps, slack, groupId);
  const proposal = await findProposal(db, { id: proposalId });
  const thread = proposal?.reviewChannelId && proposal.reviewTs ? { channel: proposal.reviewChannelId, thread_ts: proposal.reviewTs } : null;
  const note = async (text: string, blocks: Message["blocks"]) => {
    if (!thread) return;
    try {
      await slack.chat.postMessage({ ...thread, text, blocks, unfurl_links: false });
    } catch (err) {
      logger.warn({ err, proposalId }, "could not report to the review thread");
    }
  };
  if (result.problem || !result.channelId) {
    const problem = result.problem ?? "no channel";
    const willRetry = d.attempts < MAX_ATTEMPTS;
    if (d.attempts === 1 || !willRetry) {
      const message = channelProblemMessage({ groupName: result.groupName, error: problem, willRetry });
      await note(message.text, message.blocks);
    }
    throw new Error(problem);
  }
  const done = channelReadyMessage({ groupName: result.groupName, channelId: result.channelId, warnings: result.warnings });
  await note(done.text, done.blocks);
  // The card now names the channel.
  if (thread && proposal) {
    const card = proposalReviewCard(reviewCardOf(proposal));
    await slack.chat.update({ channel: thread.channel, ts: thread.thread_ts, text: card.text, blocks: card.blocks }).catch((err: unknown) => {
      logger.warn({ err, proposalId }, "could not show the new channel on the review card");
    });
  }
  return { channelId: result.channelId, ts: null };
}
