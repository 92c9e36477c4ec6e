import { WebAPIPlatformError, type WebClient } from "@slack/web-api";
import {
  type Claim,
  type DeliveryRecord,
  claimDelivery,
  deadlineDetails,
  findDue,
  insertDeliveries,
  markFailed,
  markSent,
  planningWindow,
  recipientDetails,
  releaseDelivery,
  reminderRules,
  renewClaim,
  replanDelivery,
  sentRemindersOf,
  sessionDetails,
  type DeadlineDetails,
  type RecipientDetails,
  type SessionDetails,
  skipDelivery,
} from "../db/delivery-repository";
import type { Db } from "../db/client";
import { rsvpCounts } from "../db/rsvp-repository";
import { type DeliveryPayload, type ExistingDelivery, type Plan, REMINDER_KINDS, decideSend, plan } from "../domain/reminder-plan";
import { longestOffsetMinutes } from "../domain/reminder-rules";
import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import type { Message } from "../views/message";
import {
  type AttendanceRecorded,
  type RsvpCounts,
  type SessionView,
  attendancePromptMessage,
  cancellationMessage,
  changeNoticeMessage,
  deadlineReminderMessage,
  reminderMessage,
} from "../views/reminder-message";
import { deliveryMetadata, findPostedMessage } from "./posted-message";
import { RateLimitedTooLong, SlackPacer } from "./slack-pacer";

/**
 * One scheduler tick: plan the outbox from sessions, deadlines and rules near `now`, then claim,
 * send and mark each due delivery. Every message carries its delivery id in Slack message
 * metadata, so a delivery whose earlier attempt may have posted (a crash between post and mark,
 * a timeout) is first looked for in the channel and adopted instead of posted twice.
 */

export const REMINDER_EVENT_TYPE = "convene_reminder";
/**
 * How long a claim holds. Renewed before each try, so it only has to outlast one try (a lookup and
 * a post, each bounded by the client's timeout), and it is how long a crashed process's work waits.
 */
export const LEASE_MS = 5 * 60_000;
/** Sessions that started this long ago are still planned: their attendance prompts are owed up to a week after they end. */
const LOOKBACK_MINUTES = 8 * 24 * 60;
/** Reminders are planned this long before the first is due, so staff see them queued and downtime finds them. */
const PLAN_AHEAD_MINUTES = 24 * 60;
/** Transient Slack refusals are retried on later ticks up to this many attempts. */
const MAX_ATTEMPTS = 8;
/** Slack errors that no retry will fix. */
const PERMANENT_ERRORS = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
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

export interface TickDeps {
  db: Db;
  slack: WebClient;
  logger: Logger;
  /** The tick's time: the real time from the scheduler, any time from `reminders --at`. */
  now: Date;
  /** Who claims: unique per process, so replicas never mistake each other's claims. */
  instanceId: string;
  /** Plan and render, but write nothing and post nothing. */
  dryRun?: boolean;
  /** Long-lived across ticks so that pacing carries over; a fresh one per tick otherwise. */
  pacer?: SlackPacer;
  metrics?: Metrics;
  /** The coalition's zone, for people whose own is unknown. */
  defaultTimezone?: string;
  /** A session's .ics download address; without it, reminders offer Google and Outlook only. */
  icsUrl?: (sessionId: string) => string;
  /** CONVENE_ADMINS: staff from the start, who take attendance at programme-wide sessions with those granted staff since. */
  admins?: readonly string[];
  /** Most deliveries one tick sends; the rest wait for the next. */
  limit?: number;
}

export type DeliveryOutcome = "sent" | "adopted" | "would_send" | "skipped" | "deferred" | "failed" | "retry" | "taken";

export interface TickDelivery {
  id: string;
  dedupeKey: string;
  kind: string;
  channelId: string | null;
  dueAt: Date;
  outcome: DeliveryOutcome;
  late: boolean;
  reason?: string;
  text?: string;
  ts?: string;
}

export interface TickReport {
  planned: { created: number; updated: number; skipped: number };
  deliveries: TickDelivery[];
}

export async function tick(deps: TickDeps): Promise<TickReport> {
  const { db, logger, now } = deps;
  const started = Date.now();
  // The tick's clock runs on from `now`, so a long burst claims and marks at the time it really is.
  const clock = () => new Date(now.getTime() + Date.now() - started);

  const { planned, skipped } = await planOutbox(deps);
  const due = await dueDeliveries(deps, planned);
  const ctx = await loadContext(db, due);

  const report: TickReport = { planned: { created: planned.create.length, updated: planned.update.length, skipped: skipped.length }, deliveries: skipped };
  if (deps.dryRun) {
    for (const d of due) report.deliveries.push(preview(d, ctx, deps));
    return report;
  }
  const pacer = deps.pacer ?? new SlackPacer();
  const sent = await Promise.all(due.map((d) => deliver(d, ctx, { ...deps, pacer, clock })));
  report.deliveries.push(...sent);
  for (const d of report.deliveries) count(deps.metrics, d);
  logger.info({ created: planned.create.length, due: due.length, elapsedMs: Date.now() - started }, "reminder tick");
  return report;
}

// ---------------------------------------------------------------- planning

async function planOutbox({ db, logger, now, dryRun, admins = [] }: TickDeps) {
  const rules = await reminderRules(db);
  const minutes = (m: number) => m * 60_000;
  const sessionHorizon = longestOffsetMinutes(rules, "SESSION");
  const deadlineHorizon = longestOffsetMinutes(rules, "DEADLINE");
  const from = new Date(now.getTime() - minutes(LOOKBACK_MINUTES));
  const window = await planningWindow(db, {
    from,
    sessionsUntil: new Date(now.getTime() + minutes(sessionHorizon + PLAN_AHEAD_MINUTES)),
    deadlinesUntil: new Date(now.getTime() + minutes(deadlineHorizon + PLAN_AHEAD_MINUTES)),
    // Anything announced for a session or deadline in the window went out no earlier than this.
    sentSince: new Date(from.getTime() - minutes(Math.max(sessionHorizon, deadlineHorizon))),
    admins,
  });
  const deliveries = window.deliveries.map(asExisting);
  const planned = plan({ now, sessions: window.sessions, deadlines: window.deadlines, rules, blackouts: window.blackouts, deliveries });

  const byId = new Map(deliveries.map((d) => [d.id, d]));
  const skippedAs = (skips: Plan["skip"]) => skips.map(({ id, reason }): TickDelivery => ({ ...summary(byId.get(id)!), outcome: "skipped", late: false, reason }));
  // Reminders first seen when already moot (downtime, a session created late) are recorded skipped.
  const recordSkipped = (keys: ReadonlySet<string>) =>
    planned.create
      .filter((c) => c.status === "SKIPPED" && keys.has(c.dedupeKey))
      .map((c): TickDelivery => ({ ...summary({ ...c, id: "(new)" }), outcome: "skipped", late: false, reason: c.lastError ?? undefined }));
  if (dryRun) return { planned, skipped: [...skippedAs(planned.skip), ...recordSkipped(new Set(planned.create.map((c) => c.dedupeKey)))] };

  // Each write stands alone and is re-derived on the next tick if this one stops half-way, so no
  // long transaction holds the database while requests wait.
  const inserted = new Set(await insertDeliveries(db, planned.create));
  for (const u of planned.update) await replanDelivery(db, u);
  // Another replica planning the same tick may skip a delivery first: each reports only its own.
  const mine: Plan["skip"] = [];
  for (const s of planned.skip) if (await skipDelivery(db, s.id, s.reason)) mine.push(s);
  const skipped = [...skippedAs(mine), ...recordSkipped(inserted)];
  for (const s of skipped) logger.info({ deliveryId: s.id, dedupeKey: s.dedupeKey, dueAt: s.dueAt, reason: s.reason }, "delivery skipped");
  return { planned, skipped };
}

/** What is due now; in a dry run, as it would stand had the plan been applied. */
async function dueDeliveries({ db, now, dryRun, limit = 2000 }: TickDeps, planned: Plan): Promise<DeliveryRecord[]> {
  const stored = await findDue(db, REMINDER_KINDS, now, limit);
  if (!dryRun) return stored;
  const skipped = new Set(planned.skip.map((s) => s.id));
  const updates = new Map(planned.update.map(({ id, channelId, dueAt, payload }) => [id, { channelId, dueAt, payload }]));
  const fresh: DeliveryRecord[] = planned.create
    .filter((c) => c.status === "PENDING")
    .map((c) => ({ ...c, id: `(new) ${c.dedupeKey}`, claimedBy: null, leaseUntil: null, attempts: 0, late: false, sentAt: null, messageTs: null }));
  return [...stored.filter((d) => !skipped.has(d.id)).map((d) => ({ ...d, ...updates.get(d.id) })), ...fresh].filter((d) => d.dueAt <= now);
}

// ---------------------------------------------------------------- sending

interface Context {
  sessions: Map<string, SessionDetails>;
  deadlines: Map<string, DeadlineDetails>;
  people: Map<string, RecipientDetails>;
  counts: Map<string, RsvpCounts>;
}

async function loadContext(db: Db, due: readonly DeliveryRecord[]): Promise<Context> {
  const ids = (pick: (d: DeliveryRecord) => string | null | undefined) => [...new Set(due.map(pick).filter((x): x is string => !!x))];
  const sessionIds = ids((d) => d.sessionId);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  return {
    sessions: byId(await sessionDetails(db, sessionIds)),
    deadlines: byId(await deadlineDetails(db, ids((d) => d.deadlineId))),
    people: byId(await recipientDetails(db, ids((d) => (d.payload as { personId?: string }).personId))),
    counts: await rsvpCounts(db, sessionIds),
  };
}

type Composed = { action: "send"; late: boolean; message: Message; threadTs?: string } | { action: "skip"; reason: string } | { action: "defer" };

/** The message a delivery posts now, or why it should not be posted. */
function compose(d: DeliveryRecord, ctx: Context, now: Date, { defaultTimezone, icsUrl }: Pick<TickDeps, "defaultTimezone" | "icsUrl">): Composed {
  const payload = d.payload as DeliveryPayload;
  if (d.deadlineId) {
    const deadline = ctx.deadlines.get(d.deadlineId);
    if (!deadline) return { action: "skip", reason: "deadline deleted" };
    const decision = decideSend({ dueAt: d.dueAt, payload }, { at: deadline.dueAt, cancelled: false }, now);
    return decision.action === "send" ? { ...decision, message: deadlineReminderMessage(deadline, { late: decision.late }) } : decision;
  }
  const session = d.sessionId ? ctx.sessions.get(d.sessionId) : undefined;
  if (!session) return { action: "skip", reason: "session deleted" };
  const decision = decideSend({ dueAt: d.dueAt, payload }, { at: session.startsAt, cancelled: session.status === "CANCELLED" }, now);
  if (decision.action !== "send") return decision;

  const person = "personId" in payload && payload.personId ? ctx.people.get(payload.personId) : undefined;
  if (payload.kind === "reminder" && payload.audience === "DM") {
    // Facilitators are DMed about a session only for them whether or not they asked for DMs.
    const optedIn = person?.dmReminders || session.audience === "FACILITATORS";
    if (!person || person.remindersOff || !optedIn) return { action: "skip", reason: "reminders turned off" };
    if (person.remindersSnoozedTill && person.remindersSnoozedTill > now) return { action: "skip", reason: "reminders snoozed" };
  }
  const view = sessionView(session, person?.timezone ?? (person ? defaultTimezone : undefined), icsUrl);
  const send = (message: Message, threadTs?: string | null): Composed => ({ action: "send", late: decision.late, message, threadTs: threadTs ?? undefined });
  switch (payload.kind) {
    case "reminder":
      return send(reminderMessage(view, { counts: ctx.counts.get(session.id) ?? { going: 0, notGoing: 0 }, late: decision.late, presenting: payload.audience === "FEATURED" }));
    case "change_notice":
      return send(changeNoticeMessage(view, { previousStartsAt: new Date(payload.previousStartsAt) }), payload.threadTs);
    case "cancellation":
      return send(cancellationMessage(view, { reason: payload.reason }), payload.threadTs);
    case "attendance_prompt":
      return send(attendancePromptMessage(view, { late: decision.late }));
    case "deadline_reminder":
      return { action: "skip", reason: "deadline reminder without a deadline" };
  }
}

function sessionView(s: SessionDetails, readerTimezone?: string, icsUrl?: (sessionId: string) => string): SessionView {
  return { ...s, timezone: readerTimezone ?? s.timezone, ...(icsUrl && { icsUrl: icsUrl(s.id) }) };
}

function preview(d: DeliveryRecord, ctx: Context, deps: TickDeps): TickDelivery {
  const c = compose(d, ctx, deps.now, deps);
  if (c.action === "send") return { ...summary(d), outcome: "would_send", late: c.late, text: c.message.text };
  return { ...summary(d), outcome: c.action === "skip" ? "skipped" : "deferred", late: false, reason: c.action === "skip" ? c.reason : undefined };
}

type SendDeps = TickDeps & { pacer: SlackPacer; clock: () => Date };

/** Claims, sends and marks one delivery; every failure leaves it in a state the next tick can finish. */
async function deliver(d: DeliveryRecord, ctx: Context, deps: SendDeps): Promise<TickDelivery> {
  const { db, slack, logger, instanceId, clock } = deps;
  let claim: Claim | undefined;
  let phase: "claim" | "lookup" | "post" | "mark" = "claim";
  const done = (outcome: DeliveryOutcome, extra: Partial<TickDelivery> = {}): TickDelivery => ({ ...summary(d), outcome, late: false, ...extra });
  try {
    return await deps.pacer.send(d.channelId ?? "", async (attempt) => {
      if (!claim) claim = await claimDelivery(db, d.id, { now: clock(), instanceId, leaseMs: LEASE_MS });
      // A retry may come after a long Retry-After: the claim must not lapse under it.
      else if (claim.claimed && !(await renewClaim(db, d.id, { now: clock(), instanceId, leaseMs: LEASE_MS }))) return done("taken");
      if (!claim.claimed) return done("taken");
      const current = claim.delivery;
      if (claim.reclaimed || attempt > 1) {
        phase = "lookup";
        const found = await findPostedMessage(slack, { channelId: current.channelId!, threadTs: (current.payload as { threadTs?: string | null }).threadTs, eventType: REMINDER_EVENT_TYPE, deliveryId: d.id });
        if (found) {
          phase = "mark";
          await markSent(db, d.id, { instanceId, messageTs: found.ts, channelId: found.channel, late: current.late, sentAt: clock() });
          logger.info({ deliveryId: d.id, ts: found.ts }, "delivery was already posted; adopted its message");
          return done("adopted", { ts: found.ts });
        }
      }
      const composed = compose(current, ctx, clock(), deps);
      if (composed.action === "skip") {
        await skipDelivery(db, d.id, composed.reason, instanceId);
        logger.info({ deliveryId: d.id, dedupeKey: d.dedupeKey, reason: composed.reason }, "delivery skipped");
        return done("skipped", { reason: composed.reason });
      }
      if (composed.action === "defer") {
        await releaseDelivery(db, d.id, { instanceId, error: "changed since planned", posted: "no", countAttempt: false, now: clock() });
        return done("deferred");
      }
      phase = "post";
      const res = await slack.chat.postMessage({
        channel: current.channelId!,
        text: composed.message.text,
        blocks: composed.message.blocks,
        thread_ts: composed.threadTs,
        unfurl_links: false,
        unfurl_media: false,
        metadata: deliveryMetadata(REMINDER_EVENT_TYPE, d.id),
      });
      phase = "mark";
      const marked = await markSent(db, d.id, { instanceId, messageTs: res.ts!, channelId: res.channel ?? current.channelId!, late: composed.late, sentAt: clock() });
      if (!marked) logger.warn({ deliveryId: d.id }, "posted, but the claim had lapsed; the next claimant will find the message and adopt it");
      return done("sent", { late: composed.late, text: composed.message.text, ts: res.ts });
    });
  } catch (err) {
    return settleFailure(d, claim, phase, err, deps, done);
  }
}

async function settleFailure(
  d: DeliveryRecord,
  claim: Claim | undefined,
  phase: "claim" | "lookup" | "post" | "mark",
  err: unknown,
  { db, logger, instanceId, clock }: SendDeps,
  done: (outcome: DeliveryOutcome, extra?: Partial<TickDelivery>) => TickDelivery,
): Promise<TickDelivery> {
  const error = err instanceof WebAPIPlatformError ? err.data.error : (err as Error).message;
  if (!claim?.claimed || phase === "mark") {
    // Nothing claimed, or posted and not recorded: the lease runs out and the next claimant looks in the channel.
    logger.error({ err, deliveryId: d.id, phase }, "delivery could not be completed");
    return done("retry", { reason: error });
  }
  const attempts = claim.delivery.attempts;
  const permanent = err instanceof WebAPIPlatformError && PERMANENT_ERRORS.has(err.data.error);
  if (permanent || attempts >= MAX_ATTEMPTS) {
    await markFailed(db, d.id, { instanceId, error });
    logger.error({ deliveryId: d.id, dedupeKey: d.dedupeKey, channelId: d.channelId, error, attempts }, "delivery failed");
    return done("failed", { reason: error });
  }
  // Only a refusal while posting proves nothing was posted; a lookup that failed proves nothing.
  const refused = phase === "post" && (err instanceof RateLimitedTooLong || err instanceof WebAPIPlatformError);
  await releaseDelivery(db, d.id, { instanceId, error, posted: refused ? "no" : "unknown", countAttempt: !(err instanceof RateLimitedTooLong), now: clock() });
  logger.warn({ deliveryId: d.id, error, attempts }, "delivery will be retried");
  return done("retry", { reason: error });
}

// ---------------------------------------------------------------- RSVP buttons

type RefreshDeps = { db: Db; slack: WebClient; logger: Logger; defaultTimezone?: string; icsUrl?: (sessionId: string) => string };

/**
 * Re-renders every reminder already posted for a session (channel and DMs) so its Going / Can't
 * make it counts are current. Returns how many messages were updated.
 */
export async function refreshSessionReminders(deps: RefreshDeps, sessionId: string, known?: RsvpCounts): Promise<number> {
  const counts = known ?? (await rsvpCounts(deps.db, [sessionId])).get(sessionId) ?? { going: 0, notGoing: 0 };
  return rerenderPosted(deps, sessionId, "reminder", (view, d) => reminderMessage(view, { counts, late: d.late, presenting: (d.payload as { audience?: string }).audience === "FEATURED" }));
}

/** Shows on every facilitator's attendance prompt that attendance is recorded, and by whom. */
export function refreshAttendancePrompts(deps: RefreshDeps, sessionId: string, recorded: AttendanceRecorded): Promise<number> {
  return rerenderPosted(deps, sessionId, "attendance_prompt", (view, d) => attendancePromptMessage(view, { recorded, late: d.late }));
}

/** Updates in place each message of this kind posted for the session, each in its reader's zone. */
async function rerenderPosted(
  { db, slack, logger, defaultTimezone, icsUrl }: RefreshDeps,
  sessionId: string,
  kind: "reminder" | "attendance_prompt",
  render: (view: SessionView, d: DeliveryRecord) => Message,
): Promise<number> {
  const posted = await sentRemindersOf(db, sessionId, kind);
  if (posted.length === 0) return 0;
  const [session] = await sessionDetails(db, [sessionId]);
  if (!session) return 0;
  const people = new Map((await recipientDetails(db, posted.flatMap((d) => (d.payload as { personId?: string }).personId ?? []))).map((p) => [p.id, p]));
  let updated = 0;
  for (const d of posted) {
    const person = people.get((d.payload as { personId?: string }).personId ?? "");
    const message = render(sessionView(session, person ? (person.timezone ?? defaultTimezone) : undefined, icsUrl), d);
    try {
      await slack.chat.update({ channel: d.channelId!, ts: d.messageTs!, text: message.text, blocks: message.blocks, metadata: deliveryMetadata(REMINDER_EVENT_TYPE, d.id) });
      updated++;
    } catch (err) {
      // One deleted message must not keep the others up to date.
      logger.warn({ err, deliveryId: d.id, kind }, "could not update a posted reminder");
    }
  }
  return updated;
}

// ---------------------------------------------------------------- helpers

function asExisting(d: DeliveryRecord): ExistingDelivery {
  return { ...d, payload: d.payload as DeliveryPayload };
}

function summary(d: Pick<DeliveryRecord, "id" | "dedupeKey" | "kind" | "channelId" | "dueAt">) {
  return { id: d.id, dedupeKey: d.dedupeKey, kind: d.kind, channelId: d.channelId, dueAt: d.dueAt };
}

function count(metrics: Metrics | undefined, d: TickDelivery): void {
  if (!metrics) return;
  if (d.outcome === "sent" || d.outcome === "adopted") metrics.deliveriesSent.inc({ kind: d.kind });
  if ((d.outcome === "sent" || d.outcome === "adopted") && d.late) metrics.deliveriesLate.inc({ kind: d.kind });
  if (d.outcome === "skipped") metrics.deliveriesSkipped.inc({ kind: d.kind, reason: d.reason ?? "" });
  if (d.outcome === "failed") metrics.deliveriesFailed.inc({ kind: d.kind });
}
