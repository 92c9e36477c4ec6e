/**
 * The Slack calls Convene owes after a sign-up or a submission: channel invites and DMs. They are
 * written as Delivery rows in the transaction that caused them (`enqueueFollowUps`), tried at once
 * after commit (`sendFollowUps`), and whatever failed stays pending for the scheduler's next tick
 * (`sendDueFollowUps`). A claim (lease) makes each go out once even when both try together.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { KnownBlock } from "@slack/types";
import { WebAPIPlatformError, type WebClient } from "@slack/web-api";
import { z } from "zod";
import type { Db, Tx } from "../db/client";
import { type DeliveryRecord, claimDelivery, markFailed, releaseDelivery, skipDelivery } from "../db/delivery-repository";
import { findDue } from "../db/delivery-repository";
import { completeFollowUp, groupChannel, insertFollowUps } from "../db/follow-up-repository";
import type { Logger } from "../logger";
import type { Message } from "../views/message";
import type { Services } from "./context";

export const FOLLOW_UP_KINDS = ["dm", "invite"] as const;

export type FollowUp =
  | { kind: "dm"; dedupeKey: string; to: string; message: Message }
  /** The channel is looked up when sending: the group may get one after the sign-up. */
  | { kind: "invite"; dedupeKey: string; groupId: string; users: string[] };

const dmPayload = z.object({ text: z.string(), blocks: z.array(z.record(z.string(), z.unknown())) });
const invitePayload = z.object({ groupId: z.string(), users: z.array(z.string()).min(1) });

/** Lease on a claimed follow-up: one Slack call, well within a minute. */
const LEASE_MS = 2 * 60_000;
/** Transient failures are retried on later ticks up to this many attempts. */
const MAX_ATTEMPTS = 8;
/** Refusals that no retry will fix. */
const PERMANENT_ERRORS = new Set([
  "channel_not_found",
  "is_archived",
  "not_in_channel",
  "cant_invite",
  "user_not_found",
  "user_disabled",
  "cannot_dm_bot",
  "invalid_blocks",
  "msg_too_long",
  "no_text",
  "restricted_action",
  "missing_scope",
  "not_authed",
  "invalid_auth",
  "account_inactive",
  "method_not_supported_for_channel_type",
]);

/** Who claims, when the caller does not say: unique per process. */
const PROCESS_INSTANCE = `app:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Writes the follow-ups in the caller's transaction; a dedupe key seen before is a no-op. Returns the new rows' ids. */
export function enqueueFollowUps(tx: Tx, followUps: readonly FollowUp[], now: Date): Promise<string[]> {
  return insertFollowUps(
    tx,
    followUps.map((f) =>
      f.kind === "dm"
        ? { dedupeKey: f.dedupeKey, kind: f.kind, channelId: f.to, payload: { text: f.message.text, blocks: f.message.blocks } }
        : { dedupeKey: f.dedupeKey, kind: f.kind, channelId: null, payload: { groupId: f.groupId, users: f.users } },
    ),
    now,
  );
}

export interface FollowUpDeps {
  db: Db;
  slack: WebClient;
  logger: Logger;
  now: () => Date;
  /** Unique per process; replicas must differ. */
  instanceId?: string;
}

/** Follow-ups sent from a request, with the request's client. */
export const followUpDeps = (services: Services, slack: WebClient) => ({ ...services, slack });

export type FollowUpOutcome = { id: string; kind: string; outcome: "sent" | "skipped" | "retry" | "failed" | "taken"; error?: string };

/** Sends the given follow-ups now, one after another; each failure is left for a retry. */
export async function sendFollowUps(deps: FollowUpDeps, ids: readonly string[]): Promise<FollowUpOutcome[]> {
  const outcomes: FollowUpOutcome[] = [];
  for (const id of ids) outcomes.push(await sendOne(deps, id));
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

async function sendOne(deps: FollowUpDeps, id: string): Promise<FollowUpOutcome> {
  const { db, logger, now } = deps;
  const instanceId = deps.instanceId ?? PROCESS_INSTANCE;
  const claim = await claimDelivery(db, id, { now: now(), instanceId, leaseMs: LEASE_MS });
  if (!claim.claimed) return { id, kind: "", outcome: "taken" };
  const d = claim.delivery;
  try {
    const done = await perform(deps, d);
    if ("skip" in done) {
      await skipDelivery(db, id, done.skip, instanceId);
      logger.info({ deliveryId: id, kind: d.kind, reason: done.skip }, "follow-up skipped");
      return { id, kind: d.kind, outcome: "skipped", error: done.skip };
    }
    await completeFollowUp(db, id, { instanceId, channelId: done.channelId, messageTs: done.ts, sentAt: now() });
    return { id, kind: d.kind, outcome: "sent" };
  } catch (err) {
    const error = err instanceof WebAPIPlatformError ? err.data.error : (err as Error).message;
    if ((err instanceof WebAPIPlatformError && PERMANENT_ERRORS.has(error)) || d.attempts >= MAX_ATTEMPTS) {
      await markFailed(db, id, { instanceId, error });
      logger.error({ deliveryId: id, kind: d.kind, error, attempts: d.attempts }, "follow-up failed");
      return { id, kind: d.kind, outcome: "failed", error };
    }
    await releaseDelivery(db, id, { instanceId, error, posted: "no", countAttempt: true, now: now() });
    logger.warn({ deliveryId: id, kind: d.kind, error, attempts: d.attempts }, "follow-up will be retried");
    return { id, kind: d.kind, outcome: "retry", error };
  }
}

type Performed = { skip: string } | { channelId: string; ts: string | null };

async function perform({ db, slack }: FollowUpDeps, d: DeliveryRecord): Promise<Performed> {
  if (d.kind === "dm") {
    const message = dmPayload.parse(d.payload);
    const res = await slack.chat.postMessage({
      channel: d.channelId!,
      text: message.text,
      blocks: message.blocks as unknown as KnownBlock[],
      unfurl_links: false,
      unfurl_media: false,
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
