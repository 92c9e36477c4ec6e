/**
 * Reminders, one sender of the outbox. Each scheduler tick plans the outbox from sessions,
 * deadlines and rules near its time, then runs each due delivery through the runner (claim, look,
 * post, record) with the reminder sender, which composes the message as the session is now.
 * Every message carries its delivery id in Slack message metadata, so a delivery whose earlier
 * attempt may have posted (a crash between post and mark, a timeout) is found and adopted instead
 * of posted twice.
 */
import type { WebClient } from "@slack/web-api";
import type { Db } from "../db/client";
import { rsvpCounts } from "../db/rsvp-repository";
import { type DeliveryPayload, decideSend, type ExistingDelivery, type Plan, plan, REMINDER_KINDS } from "../domain/reminder-plan";
import { longestOffsetMinutes } from "../domain/reminder-rules";
import type { Metrics } from "../metrics";
import { sessionView } from "../services/reminder-service";
import type { Message } from "../views/message";
import {
  attendancePromptMessage,
  cancellationMessage,
  changeNoticeMessage,
  deadlineReminderMessage,
  type RsvpCounts,
  reminderMessage,
} from "../views/reminder-message";
import {
  type DeadlineDetails,
  type DeliveryRecord,
  deadlineDetails,
  findDue,
  insertDeliveries,
  planningWindow,
  type RecipientDetails,
  recipientDetails,
  reminderRules,
  replanDelivery,
  type SessionDetails,
  sessionDetails,
  skipDelivery,
} from "./delivery-repository";
import { SlackPacer } from "./pacer";
import { deliveryMetadata, findPostedMessage, REMINDER_EVENT_TYPE } from "./posted-message";
import { type RunnerDeps, runDelivery, type Sender } from "./runner";

/** Sessions that started this long ago are still planned: their attendance prompts are owed up to a week after they end. */
const LOOKBACK_MINUTES = 8 * 24 * 60;
/** Reminders are planned this long before the first is due, so staff see them queued and downtime finds them. */
const PLAN_AHEAD_MINUTES = 24 * 60;
/** A tick's dependencies: the runner's (its time is `now()` when it starts: the real time from the scheduler, any from `reminders --at`), and more. */
export interface TickDeps extends RunnerDeps {
  slack: WebClient;
  /** Who claims: unique per process, so replicas never mistake each other's claims. */
  instanceId: string;
  /** Plan and render, but write nothing and post nothing. */
  dryRun?: boolean;
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

export async function tick(tickDeps: TickDeps): Promise<TickReport> {
  const { db, logger } = tickDeps;
  const at = tickDeps.now();
  const started = Date.now();
  // The tick's clock runs on from its start, so a long burst claims and marks at the time it really is.
  const clock = () => new Date(at.getTime() + Date.now() - started);
  const deps: PlanDeps = { ...tickDeps, at };

  const { planned, skipped } = await planOutbox(deps);
  const due = await dueDeliveries(deps, planned);
  const ctx = await loadContext(db, due);

  const report: TickReport = {
    planned: { created: planned.create.length, updated: planned.update.length, skipped: skipped.length },
    deliveries: skipped,
  };
  if (deps.dryRun) {
    for (const d of due) report.deliveries.push(preview(d, ctx, deps));
    return report;
  }
  const runner = { ...tickDeps, now: clock, pacer: deps.pacer ?? new SlackPacer() };
  const sender = reminderSender(tickDeps, ctx, clock);
  const senders = Object.fromEntries(REMINDER_KINDS.map((kind) => [kind, sender]));
  const sent = await Promise.all(
    due.map(async (d): Promise<TickDelivery> => {
      const { outcome, error, ts, text, late } = await runDelivery(runner, d, senders);
      return { ...summary(d), outcome, late: late ?? false, reason: error, text, ts };
    }),
  );
  report.deliveries.push(...sent);
  for (const d of report.deliveries) count(deps.metrics, d);
  logger.info({ created: planned.create.length, due: due.length, elapsedMs: Date.now() - started }, "reminder tick");
  return report;
}

// ---------------------------------------------------------------- planning

/** The tick's time, fixed for planning. */
type PlanDeps = TickDeps & { at: Date };

async function planOutbox({ db, logger, at: now, dryRun, admins = [] }: PlanDeps) {
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
  const skippedAs = (skips: Plan["skip"]) =>
    skips.map(({ id, reason }): TickDelivery => ({ ...summary(byId.get(id)!), outcome: "skipped", late: false, reason }));
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
async function dueDeliveries({ db, at: now, dryRun, limit = 2000 }: PlanDeps, planned: Plan): Promise<DeliveryRecord[]> {
  const stored = await findDue(db, REMINDER_KINDS, now, limit);
  if (!dryRun) return stored;
  const skipped = new Set(planned.skip.map((s) => s.id));
  const updates = new Map(planned.update.map(({ id, channelId, dueAt, payload }) => [id, { channelId, dueAt, payload }]));
  const fresh: DeliveryRecord[] = planned.create
    .filter((c) => c.status === "PENDING")
    .map((c) => ({
      ...c,
      id: `(new) ${c.dedupeKey}`,
      claimedBy: null,
      leaseUntil: null,
      attempts: 0,
      late: false,
      sentAt: null,
      messageTs: null,
    }));
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
    deadlines: byId(
      await deadlineDetails(
        db,
        ids((d) => d.deadlineId),
      ),
    ),
    people: byId(
      await recipientDetails(
        db,
        ids((d) => (d.payload as { personId?: string }).personId),
      ),
    ),
    counts: await rsvpCounts(db, sessionIds),
  };
}

type Composed =
  | { action: "send"; late: boolean; message: Message; threadTs?: string }
  | { action: "skip"; reason: string }
  | { action: "defer" };

/** The message a delivery posts now, or why it should not be posted. */
function compose(
  d: DeliveryRecord,
  ctx: Context,
  now: Date,
  { defaultTimezone, icsUrl }: Pick<TickDeps, "defaultTimezone" | "icsUrl">,
): Composed {
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
  const send = (message: Message, threadTs?: string | null): Composed => ({
    action: "send",
    late: decision.late,
    message,
    threadTs: threadTs ?? undefined,
  });
  switch (payload.kind) {
    case "reminder":
      return send(
        reminderMessage(view, {
          counts: ctx.counts.get(session.id) ?? { going: 0, notGoing: 0 },
          late: decision.late,
          presenting: payload.audience === "FEATURED",
        }),
      );
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

function preview(d: DeliveryRecord, ctx: Context, deps: PlanDeps): TickDelivery {
  const c = compose(d, ctx, deps.at, deps);
  if (c.action === "send") return { ...summary(d), outcome: "would_send", late: c.late, text: c.message.text };
  return {
    ...summary(d),
    outcome: c.action === "skip" ? "skipped" : "deferred",
    late: false,
    reason: c.action === "skip" ? c.reason : undefined,
  };
}

/** Reminders are one sender of the outbox: looked for by their metadata after an uncertain try, composed as the session is now. */
function reminderSender(deps: TickDeps, ctx: Context, clock: () => Date): Sender {
  const { slack } = deps;
  return {
    lookup: (d) =>
      findPostedMessage(slack, {
        channelId: d.channelId!,
        threadTs: (d.payload as { threadTs?: string | null }).threadTs,
        eventType: REMINDER_EVENT_TYPE,
        deliveryId: d.id,
      }),
    perform: async (d) => {
      const composed = compose(d, ctx, clock(), deps);
      if (composed.action === "skip") return { skip: composed.reason };
      if (composed.action === "defer") return { defer: "changed since planned" };
      const res = await slack.chat.postMessage({
        channel: d.channelId!,
        text: composed.message.text,
        blocks: composed.message.blocks,
        thread_ts: composed.threadTs,
        unfurl_links: false,
        unfurl_media: false,
        metadata: deliveryMetadata(REMINDER_EVENT_TYPE, d.id),
      });
      return { channelId: res.channel ?? d.channelId!, ts: res.ts!, late: composed.late, text: composed.message.text };
    },
  };
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
