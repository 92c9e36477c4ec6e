/**
 * Claim, renew, look, perform, record: the one loop that sends every Delivery row, reminder or
 * follow-up. The claim (a lease) makes each go out once even when a request and the scheduler's
 * tick, or two replicas, try together. Before posting again after a try that may have reached
 * Slack, the runner looks for that try's message (by the delivery id in its metadata) and adopts
 * it. A refusal is released for a later tick, a permanent one (or too many tries) is failed.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { WebAPIPlatformError } from "@slack/web-api";
import type { Services } from "../services/context";
import {
  type Claim,
  claimDelivery,
  type DeliveryRecord,
  markFailed,
  markSent,
  releaseDelivery,
  renewClaim,
  skipDelivery,
} from "./delivery-repository";
import { RateLimitedTooLong, type SlackPacer } from "./pacer";

/**
 * How long a claim holds. Renewed before each try, so it only has to outlast one try (a lookup and
 * a post or two, each bounded by the client's timeout), and it is how long a crashed process's work waits.
 */
export const LEASE_MS = 5 * 60_000;
/** Transient failures are retried on later ticks up to this many attempts. */
export const MAX_ATTEMPTS = 8;
/** Slack's refusals no retry fixes: the user or channel cannot take it, the message is malformed, or the app is not allowed to. */
export const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "cant_invite",
  "method_not_supported_for_channel_type",
  "user_not_found",
  "user_disabled",
  "cannot_dm_bot",
  "invalid_blocks",
  "invalid_metadata_format",
  "msg_too_long",
  "no_text",
  "restricted_action",
  "missing_scope",
  "not_authed",
  "invalid_auth",
  "account_inactive",
]);

/** Who claims, when the caller does not say: unique per process, so replicas never mistake each other's claims. */
const PROCESS_INSTANCE = `app:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export type Outcome = "sent" | "adopted" | "skipped" | "deferred" | "retry" | "failed" | "taken";

export interface RunOutcome {
  id: string;
  kind: string;
  outcome: Outcome;
  /** Why it was skipped, or the error it met. */
  error?: string;
  late?: boolean;
  text?: string;
  ts?: string;
}

/**
 * What performing a delivery did: skipped it for a reason; deferred it (it changed since it was
 * planned: pending again, the try not counted); or sent it (with the message's ts, if it posted one).
 */
export type Performed =
  | { skip: string; defer?: undefined }
  | { defer: string; skip?: undefined }
  | { skip?: undefined; defer?: undefined; channelId: string; ts: string | null; late?: boolean; text?: string };

/** One kind of delivery's sending. */
export interface Sender {
  /**
   * The message an earlier try of this delivery may have posted. Senders whose Slack calls are
   * safe to repeat (an invite, an update in place) have none.
   */
  lookup?: (d: DeliveryRecord) => Promise<{ channel: string; ts: string } | null>;
  perform: (d: DeliveryRecord) => Promise<Performed>;
  /** Runs after the delivery was failed for good: say so to someone who can act. */
  onFailed?: (d: DeliveryRecord) => Promise<void>;
}

/** The senders by kind: a delivery of a kind not listed is left alone. */
export type Senders = Readonly<Record<string, Sender>>;

/** A narrow view of the application's `Services`, with what sending adds. */
export interface RunnerDeps extends Pick<Services, "db" | "logger" | "now"> {
  /** Unique per process; replicas must differ. */
  instanceId?: string;
  /** The scheduler's, long-lived across ticks so that pacing carries over: paces calls per channel and across the workspace, and retries uncertain failures. */
  pacer?: SlackPacer;
}

/**
 * Runs one delivery through the sender of its kind. Never throws for Slack's failures: each leaves
 * a state the next tick can finish. The kind is read from the claimed row when the caller knows only the id.
 */
export async function runDelivery(
  deps: RunnerDeps,
  d: { id: string; kind?: string; channelId?: string | null },
  senders: Senders,
): Promise<RunOutcome> {
  const { db, logger, now } = deps;
  const instanceId = deps.instanceId ?? PROCESS_INSTANCE;
  let kind = d.kind ?? "";
  let sender: Sender | undefined;
  let claim: Claim | undefined;
  let phase = "claim" as "claim" | "lookup" | "post" | "record";
  const result = (outcome: Outcome, extra: Partial<RunOutcome> = {}): RunOutcome => ({ id: d.id, kind, outcome, ...extra });

  const attempt = async (n: number): Promise<RunOutcome> => {
    if (!claim) claim = await claimDelivery(db, d.id, { now: now(), instanceId, leaseMs: LEASE_MS });
    // A retry may come after a long Retry-After: the claim must not lapse under it.
    else if (claim.claimed && !(await renewClaim(db, d.id, { now: now(), instanceId, leaseMs: LEASE_MS }))) return result("taken");
    if (!claim.claimed) return result("taken");
    const current = claim.delivery;
    kind = current.kind;
    sender = senders[kind];
    if (!sender) {
      // Not this caller's kind: back to its own sender, as it was.
      await releaseDelivery(db, d.id, { instanceId, error: current.lastError ?? "", posted: "no", countAttempt: false, now: now() });
      return result("taken");
    }
    // An earlier try that timed out or died may have reached Slack: look before posting again.
    if (sender.lookup && (claim.reclaimed || n > 1)) {
      phase = "lookup";
      const found = await sender.lookup(current);
      if (found) {
        phase = "record";
        await markSent(db, d.id, { instanceId, messageTs: found.ts, channelId: found.channel, late: current.late, sentAt: now() });
        logger.info({ deliveryId: d.id, ts: found.ts }, "delivery was already posted; adopted its message");
        return result("adopted", { ts: found.ts });
      }
    }
    phase = "post";
    const done = await sender.perform(current);
    phase = "record";
    if (done.skip !== undefined) {
      await skipDelivery(db, d.id, done.skip, instanceId);
      logger.info({ deliveryId: d.id, kind, reason: done.skip }, "delivery skipped");
      return result("skipped", { error: done.skip });
    }
    if (done.defer !== undefined) {
      await releaseDelivery(db, d.id, { instanceId, error: done.defer, posted: "no", countAttempt: false, now: now() });
      return result("deferred");
    }
    const marked = await markSent(db, d.id, {
      instanceId,
      messageTs: done.ts,
      channelId: done.channelId,
      late: done.late ?? false,
      sentAt: now(),
    });
    if (!marked) logger.warn({ deliveryId: d.id }, "sent, but the claim had lapsed; the next claimant will find the message and adopt it");
    return result("sent", { late: done.late, text: done.text, ts: done.ts ?? undefined });
  };

  try {
    return await (deps.pacer ? deps.pacer.send(d.channelId ?? "", attempt) : attempt(1));
  } catch (err) {
    const error = err instanceof WebAPIPlatformError ? err.data.error : (err as Error).message;
    if (!claim?.claimed || !sender || phase === "record") {
      // Nothing claimed, or done and not recorded: the lease runs out and the next claimant looks first.
      logger.error({ err, deliveryId: d.id, phase }, "delivery could not be completed");
      return result("retry", { error });
    }
    const current = claim.delivery;
    if ((err instanceof WebAPIPlatformError && PERMANENT_ERRORS.has(error)) || current.attempts >= MAX_ATTEMPTS) {
      await markFailed(db, d.id, { instanceId, error });
      logger.error({ deliveryId: d.id, kind, channelId: d.channelId, error, attempts: current.attempts }, "delivery failed");
      await sender.onFailed?.(current);
      return result("failed", { error });
    }
    // Only a refusal while performing proves nothing was posted; a lookup that failed proves nothing.
    // A sender with nothing to look for may repeat its calls: its delivery is plainly pending again.
    const refused = !sender.lookup || (phase === "post" && (err instanceof RateLimitedTooLong || err instanceof WebAPIPlatformError));
    await releaseDelivery(db, d.id, {
      instanceId,
      error,
      posted: refused ? "no" : "unknown",
      countAttempt: !(err instanceof RateLimitedTooLong),
      now: now(),
    });
    logger.warn({ deliveryId: d.id, kind, error, attempts: current.attempts }, "delivery will be retried");
    return result("retry", { error });
  }
}
