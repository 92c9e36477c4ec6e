/**
 * Everything Convene owes Slack after a change that is not a reminder: DMs, channel invites, a
 * proposal's review card (posted, then updated in place) and, once it is approved, its group's
 * channel. Each is a Delivery row written in the transaction that caused it (`enqueue.ts`), tried at
 * once after commit (`sendFollowUps` with the ids, or `sendSoon`), and whatever failed stays owed
 * for the scheduler's next tick (`sendFollowUps` without ids). The runner's claim makes each go
 * out once even when a request and the tick try together.
 */
import type { KnownBlock } from "@slack/types";
import { WebAPIPlatformError, type WebClient } from "@slack/web-api";
import { z } from "zod";
import type { Config } from "../config";
import { groupChannel, keepsGroupChannel } from "../db/group-repository";
import { changeRequestNotes, findProposal, type ProposalRecord, recordReviewCard, staffSlackIds } from "../db/proposal-repository";
import { type ChannelDeps, syncGroupChannel } from "../services/channel-service";
import type { Services } from "../services/context";
import { myProposalOf, reviewCardOf } from "../services/proposal-views";
import type { Message } from "../views/message";
import { channelProblemMessage, channelReadyMessage, proposerEarlierMessage, reviewCardAbout } from "../views/proposal-messages";
import { proposalReviewCard } from "../views/proposal-review-card";
import { type DeliveryRecord, findDelivery, findDue, sentMessagesKeyed } from "./delivery-repository";
import { FOLLOW_UP_KINDS, rank, staffPostSchema } from "./enqueue";
import { deliveryMetadata, FOLLOW_UP_EVENT_TYPE, findPostedMessage } from "./posted-message";
import { MAX_ATTEMPTS, type Performed, type RunnerDeps, type RunOutcome, runDelivery, type Senders } from "./runner";

export interface FollowUpDeps extends RunnerDeps {
  slack: WebClient;
  config: ChannelDeps["config"] & Pick<Config, "CONVENE_ADMINS">;
}
import { tellStaffRefused } from "./refused-posts";

/** The follow-up dependencies of a request: its services and the listener's client. */
export const followUpDeps = (services: Services, slack: WebClient): FollowUpDeps => ({ ...services, slack });

/**
 * Sends follow-ups one after another: those a transaction just enqueued, or, without `ids`, every
 * one still owed (the scheduler's tick: failed tries, a crash between commit and send). Each
 * failure is left for a retry.
 */
export async function sendFollowUps(deps: FollowUpDeps, ids?: readonly string[]): Promise<RunOutcome[]> {
  const queue: { id: string; kind?: string }[] = ids
    ? ids.map((id) => ({ id }))
    : (await findDue(deps.db, FOLLOW_UP_KINDS, deps.now(), 200)).sort((a, b) => rank(a.kind) - rank(b.kind));
  // A review card Slack refused for good adds DMs to staff to this batch.
  const senders = followUpSenders(deps, (more) => queue.push(...more.map((id) => ({ id }))));
  const outcomes: RunOutcome[] = [];
  for (let i = 0; i < queue.length; i++) outcomes.push(await runDelivery(deps, queue[i]!, senders));
  return outcomes;
}

/**
 * Tries at once what a committed transaction enqueued. Never throws: the change is saved, and
 * whatever could not be sent stays owed for the scheduler's next tick.
 */
export async function sendSoon(deps: FollowUpDeps, ids: readonly string[]): Promise<void> {
  try {
    await sendFollowUps(deps, ids);
  } catch (err) {
    deps.logger.error({ err }, "follow-ups could not be tried now; the scheduler will retry them");
  }
}

// ---------------------------------------------------------------- the senders

const dmPayload = z.object({ text: z.string(), blocks: z.array(z.record(z.string(), z.unknown())), staffPost: staffPostSchema.optional() });
const invitePayload = z.object({ groupId: z.string(), users: z.array(z.string()).min(1) });
const kickPayload = z.object({ groupId: z.string(), user: z.string() });
const cardPayload = z.object({ proposalId: z.string() });
const channelPayload = z.object({ proposalId: z.string(), groupId: z.string() });

function followUpSenders(deps: FollowUpDeps, alsoSend: (ids: string[]) => void): Senders {
  const { db, slack } = deps;
  return {
    dm: {
      lookup: (d) => findPostedMessage(slack, { channelId: d.channelId!, eventType: FOLLOW_UP_EVENT_TYPE, deliveryId: d.id }),
      perform: async (d) => {
        const message = dmPayload.parse(d.payload);
        const res = await slack.chat.postMessage({
          channel: d.channelId!,
          text: message.text,
          blocks: message.blocks as unknown as KnownBlock[],
          unfurl_links: false,
          unfurl_media: false,
          metadata: deliveryMetadata(FOLLOW_UP_EVENT_TYPE, d.id),
        });
        return { channelId: res.channel ?? d.channelId!, ts: res.ts ?? null };
      },
      onFailed: async (d) => {
        const { staffPost } = dmPayload.parse(d.payload);
        if (staffPost) alsoSend(await tellStaffRefused(deps, d.id, staffPost));
      },
    },
    invite: {
      perform: async (d) => {
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
      },
    },
    kick: {
      perform: async (d) => {
        const { groupId, user } = kickPayload.parse(d.payload);
        const channel = await groupChannel(db, groupId);
        if (!channel) return { skip: "the group has no channel" };
        // Added back, or made a facilitator, before this was sent: the channel is theirs again.
        if (await keepsGroupChannel(db, groupId, user)) return { skip: "they belong in the channel again" };
        try {
          await slack.conversations.kick({ channel, user });
        } catch (err) {
          // Gone already (left by hand, or an earlier try that lost its answer).
          if (!(err instanceof WebAPIPlatformError && err.data.error === "not_in_channel")) throw err;
        }
        return { channelId: channel, ts: null };
      },
    },
    proposal_card: {
      perform: (d) => sendCard(deps, d),
      onFailed: async (d) => alsoSend(await tellStaffCardRefused(deps, d.id)),
    },
    group_channel: { perform: (d) => setUpChannel(deps, d) },
  };
}

/** A review card Slack refused for good: staff are told (`refused-posts.ts`). Returns the DMs' delivery ids. */
async function tellStaffCardRefused(deps: FollowUpDeps, deliveryId: string): Promise<string[]> {
  const d = await findDelivery(deps.db, deliveryId);
  const proposal = d && (await findProposal(deps.db, { id: cardPayload.parse(d.payload).proposalId }));
  if (!proposal) return [];
  const tell = [...deps.config.CONVENE_ADMINS, ...(await staffSlackIds(deps.db))];
  return tellStaffRefused(deps, deliveryId, {
    subject: `proposal:${proposal.id}:card:${deliveryId}`,
    tell,
    ...reviewCardAbout({ title: proposal.title, programmeName: proposal.programme.name }),
  });
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
    const res = await slack.chat.postMessage({
      channel: d.channelId,
      text: card.text,
      blocks: card.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
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
    const message = m.dedupeKey.endsWith(":receipt")
      ? proposerEarlierMessage("receipt", current)
      : proposerEarlierMessage("changes", current, notes.get(m.dedupeKey) ?? null);
    try {
      await slack.chat.update({
        channel: m.channelId,
        ts: m.messageTs,
        text: message.text,
        blocks: message.blocks as unknown as KnownBlock[],
      });
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
  const thread =
    proposal?.reviewChannelId && proposal.reviewTs ? { channel: proposal.reviewChannelId, thread_ts: proposal.reviewTs } : null;
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
    // A channel that cannot be set up is retried every tick for about this many minutes, then staff are told it stopped.
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
    await slack.chat
      .update({ channel: thread.channel, ts: thread.thread_ts, text: card.text, blocks: card.blocks })
      .catch((err: unknown) => {
        logger.warn({ err, proposalId }, "could not show the new channel on the review card");
      });
  }
  return { channelId: result.channelId, ts: null };
}
