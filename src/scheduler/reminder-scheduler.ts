import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { WebClient } from "@slack/web-api";
import { boltLogger } from "../logger";
import type { Metrics } from "../metrics";
import type { Services } from "../services/context";
import { sendFollowUps } from "../outbox/follow-ups";
import { tick } from "../outbox/reminders";
import { SCHEDULER_CLIENT_OPTIONS, SlackPacer } from "../outbox/pacer";
import { pruneReceipts } from "../db/slack-receipt-repository";
import { sessionIcsUrl } from "../services/feed-url";
import { type Scheduler, startScheduler } from "./scheduler";

/**
 * The process's scheduler: each tick sends the reminders that are due and retries the follow-ups
 * (DMs, invites, review cards, channels) that could not be sent right after their change. It has
 * its own WebClient (the pacer, not the client, owns retries and rate limits) and one pacer for
 * its life, so pacing carries over between ticks. Every replica runs one; claims in the outbox
 * keep them from sending twice.
 */
export function startReminderScheduler(services: Services, metrics: Metrics, crowdAcked: () => Promise<void>): Scheduler | undefined {
  if (services.config.CONVENE_TICK === "off") return undefined;
  return startScheduler({ cron: services.config.CONVENE_TICK, tick: reminderTick(services, metrics, crowdAcked) });
}

/** Claims on Slack requests (SlackReceipt) are kept this long, and looked over once an hour. */
const RECEIPTS_KEPT_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * What each scheduled tick runs, as of the time it is given. Exported for the sandbox, whose
 * clock can be moved forward: it ticks itself (CONVENE_TICK=off) at the sandbox's time.
 */
export function reminderTick(services: Services, metrics: Metrics, crowdAcked: () => Promise<void>): (now: Date) => Promise<unknown> {
  const { config, db, logger } = services;
  const slack = new WebClient(config.SLACK_BOT_TOKEN, {
    ...SCHEDULER_CLIENT_OPTIONS,
    slackApiUrl: config.SLACK_API_URL,
    logger: boltLogger(logger, "scheduler"),
  });
  const pacer = new SlackPacer();
  const instanceId = `${hostname()}:${process.pid}:${randomUUID()}`;
  let prunedAt = Number.NEGATIVE_INFINITY;
  const prune = async (now: Date) => {
    if (now.getTime() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now.getTime();
    await pruneReceipts(db, new Date(now.getTime() - RECEIPTS_KEPT_MS));
  };
  return async (now) => {
    // Reminders are due to the minute: a tick that falls in a crowd starts once the crowd is acked.
    await crowdAcked();
    await Promise.all([
      prune(now),
      tick({
        db,
        slack,
        logger,
        now: () => now,
        instanceId,
        pacer,
        metrics,
        defaultTimezone: config.CONVENE_TIMEZONE,
        admins: config.CONVENE_ADMINS,
        icsUrl: (id) => sessionIcsUrl(config, id),
      }),
      sendFollowUps({ db, slack, logger, config, now: () => now, instanceId }),
    ]).catch((err) => logger.error({ err }, "scheduler tick failed"));
  };
}
