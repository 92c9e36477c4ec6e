/**
 * Claim, perform, record: the one loop every follow-up sender runs for a Delivery row. The claim
 * (a lease) makes each go out once even when a request and the scheduler's tick try together;
 * a transient failure is released for a later tick, a permanent one (or too many tries) is failed.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { WebAPIPlatformError } from "@slack/web-api";
import type { Db } from "../db/client";
import { claimDelivery, type DeliveryRecord, markFailed, releaseDelivery, skipDelivery } from "../db/delivery-repository";
import { completeFollowUp } from "../db/follow-up-repository";
import type { Logger } from "../logger";

export type FollowUpOutcome = { id: string; kind: string; outcome: "sent" | "skipped" | "retry" | "failed" | "taken"; error?: string };

/** What performing a follow-up did: skipped it for a reason, or sent it (with the message's ts, if any). */
export type Performed = { skip: string } | { skip?: undefined; channelId: string; ts: string | null };

export interface RunnerDeps {
  db: Db;
  logger: Logger;
  now: () => Date;
  /** Unique per process; replicas must differ. */
  instanceId?: string;
}

export interface FollowUpPolicy {
  /** Refusals no retry fixes. */
  permanentErrors: ReadonlySet<string>;
  /** Transient failures are retried on later ticks up to this many attempts. */
  maxAttempts: number;
}

/** A follow-up is one Slack call or a few: a claim held longer than this belongs to a dead process. */
const LEASE_MS = 2 * 60_000;
/** Who claims, when the caller does not say: unique per process. */
const PROCESS_INSTANCE = `app:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export async function runFollowUp(deps: RunnerDeps, id: string, policy: FollowUpPolicy, perform: (d: DeliveryRecord, mayHavePosted: boolean) => Promise<Performed>): Promise<FollowUpOutcome> {
  const { db, logger, now } = deps;
  const instanceId = deps.instanceId ?? PROCESS_INSTANCE;
  const claim = await claimDelivery(db, id, { now: now(), instanceId, leaseMs: LEASE_MS });
  if (!claim.claimed) return { id, kind: "", outcome: "taken" };
  const d = claim.delivery;
  try {
    // An earlier try that timed out or died may have reached Slack: the sender looks before it posts.
    const done = await perform(d, claim.reclaimed || d.attempts > 1);
    if (done.skip !== undefined) {
      await skipDelivery(db, id, done.skip, instanceId);
      logger.info({ deliveryId: id, kind: d.kind, reason: done.skip }, "follow-up skipped");
      return { id, kind: d.kind, outcome: "skipped", error: done.skip };
    }
    await completeFollowUp(db, id, { instanceId, channelId: done.channelId, messageTs: done.ts, sentAt: now() });
    return { id, kind: d.kind, outcome: "sent" };
  } catch (err) {
    const error = err instanceof WebAPIPlatformError ? err.data.error : (err as Error).message;
    if ((err instanceof WebAPIPlatformError && policy.permanentErrors.has(error)) || d.attempts >= policy.maxAttempts) {
      await markFailed(db, id, { instanceId, error });
      logger.error({ deliveryId: id, kind: d.kind, error, attempts: d.attempts }, "follow-up failed");
      return { id, kind: d.kind, outcome: "failed", error };
    }
    // Pending again at once; the next try counts as a retry, so a sender that can look first does.
    await releaseDelivery(db, id, { instanceId, error, posted: "no", countAttempt: true, now: now() });
    logger.warn({ deliveryId: id, kind: d.kind, error, attempts: d.attempts }, "follow-up will be retried");
    return { id, kind: d.kind, outcome: "retry", error };
  }
}
