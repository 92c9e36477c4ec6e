import { DateTime } from "luxon";
import { type ReminderAudience, type ScopedReminderRule, type SessionFormat, rulesFor } from "./reminder-rules";

/**
 * Decides what the delivery outbox should hold for the sessions and deadlines near `now`: which
 * deliveries to create, which pending ones to re-time or drop, and which notices a change calls
 * for. Pure and idempotent: planning the same facts twice yields nothing new the second time.
 */

/** The outbox kinds the reminder engine plans and sends; other kinds belong to follow-up senders. */
export const REMINDER_KINDS = ["reminder", "deadline_reminder", "change_notice", "cancellation", "attendance_prompt"] as const;
export type DeliveryKind = (typeof REMINDER_KINDS)[number];
export type DeliveryStatus = "PENDING" | "CLAIMED" | "SENT" | "SKIPPED" | "FAILED";

/** What a delivery row's payload holds, per kind: the facts it was planned from. */
export type DeliveryPayload =
  /** FEATURED: the reminder of a programme-wide session, told to a group it features ("Your group presents on …"). */
  | { kind: "reminder"; offsetMinutes: number; audience: ReminderAudience | "FEATURED"; startsAt: string; personId?: string }
  | { kind: "deadline_reminder"; offsetMinutes: number; dueAt: string }
  | { kind: "change_notice"; previousStartsAt: string; startsAt: string; threadTs: string | null }
  | { kind: "cancellation"; startsAt: string; reason: SuppressedReason; threadTs: string | null }
  | { kind: "attendance_prompt"; personId: string; startsAt: string };

export type SuppressedReason = "cancelled" | "blackout";

export interface Recipient {
  personId: string;
  slackUserId: string;
}

export interface PlanSession {
  id: string;
  programmeId: string;
  groupId: string | null;
  /** FACILITATORS: reminded by DM to each of `dmRecipients` (the programme's facilitators), never in a channel. */
  audience: "EVERYONE" | "FACILITATORS";
  format: SessionFormat;
  localStart: string; // YYYY-MM-DDTHH:mm
  timezone: string;
  startsAt: Date;
  endsAt: Date;
  status: "SCHEDULED" | "CANCELLED";
  sequence: number;
  /** The group's channel; null for a programme-wide session or a group without a channel yet. */
  groupChannelId: string | null;
  announcementChannelId: string | null;
  /** The channels of the groups a programme-wide session features (a deliverable presentation's presenters). */
  featuredChannels?: readonly { groupId: string; channelId: string }[];
  /** Active members who asked for DM reminders and have not turned reminders off; for a facilitators-only session, the programme's facilitators. */
  dmRecipients: Recipient[];
  /** Who gets the attendance prompt: a group's facilitators; staff for a programme-wide session (its creator, else all). */
  attendanceTakers: Recipient[];
}

export interface PlanDeadline {
  id: string;
  programmeId: string;
  localDue: string;
  timezone: string;
  dueAt: Date;
  announcementChannelId: string | null;
}

export interface PlanBlackout {
  programmeId: string;
  groupId: string | null;
  date: string; // YYYY-MM-DD, local to the session
}

export interface ExistingDelivery {
  id: string;
  dedupeKey: string;
  kind: string;
  sessionId: string | null;
  deadlineId: string | null;
  channelId: string | null;
  dueAt: Date;
  status: DeliveryStatus;
  lastError: string | null;
  payload: DeliveryPayload;
  sentAt: Date | null;
  messageTs: string | null;
}

export interface NewDelivery {
  dedupeKey: string;
  kind: DeliveryKind;
  sessionId: string | null;
  deadlineId: string | null;
  channelId: string;
  dueAt: Date;
  payload: DeliveryPayload;
  /** SKIPPED for a reminder that is already superseded when first planned: recorded, never sent. */
  status: "PENDING" | "SKIPPED";
  lastError: string | null;
}

/** A pending delivery re-timed or re-targeted, or a skipped one planned again (from SKIPPED). */
export interface DeliveryUpdate {
  id: string;
  from: "PENDING" | "SKIPPED";
  channelId: string;
  dueAt: Date;
  payload: DeliveryPayload;
}

export interface Plan {
  create: NewDelivery[];
  update: DeliveryUpdate[];
  skip: { id: string; reason: string }[];
}

export interface PlanInput {
  now: Date;
  sessions: readonly PlanSession[];
  deadlines: readonly PlanDeadline[];
  rules: readonly ScopedReminderRule[];
  blackouts: readonly PlanBlackout[];
  /** Every delivery of the sessions and deadlines given. */
  deliveries: readonly ExistingDelivery[];
}

/** The attendance prompt goes out this long after a session ends. */
export const ATTENDANCE_PROMPT_AFTER_MINUTES = 60;
/**
 * An attendance prompt that could not go out on time (downtime, a clock jumped forward) is still
 * sent, marked late, up to this long after it was due; past it, the session is too far back to recall.
 */
export const ATTENDANCE_PROMPT_EXPIRES_MINUTES = 7 * 24 * 60;
/** A delivery sent later than this after its due time is marked late. */
export const LATE_AFTER_MINUTES = 5;

/** Skip reasons stored in `lastError`; those that a later change can undo are planned again. */
export const SKIP = {
  passed: "session already started",
  deadlinePassed: "deadline already passed",
  cancelled: "session cancelled",
  blackout: "blackout date",
  unplanned: "no longer planned (rule, channel or opt-in changed)",
  superseded: "superseded by a later reminder",
  tooLate: "too late to be useful",
} as const;
const REVIVABLE: ReadonlySet<string> = new Set([SKIP.cancelled, SKIP.blackout, SKIP.unplanned]);

/**
 * The instant `offsetMinutes` before a local wall-clock time. Whole days are taken on the
 * calendar of the zone, so "7 days before 15:00" is 15:00 there even across a DST change.
 */
export function dueBefore(local: string, timezone: string, offsetMinutes: number): Date {
  const days = Math.floor(offsetMinutes / 1440);
  return DateTime.fromISO(local, { zone: timezone })
    .minus({ days })
    .minus({ minutes: offsetMinutes - days * 1440 })
    .toJSDate();
}

const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

export function isBlackedOut(
  session: Pick<PlanSession, "programmeId" | "groupId" | "localStart">,
  blackouts: readonly PlanBlackout[],
): boolean {
  const date = session.localStart.slice(0, 10);
  return blackouts.some(
    (b) => b.programmeId === session.programmeId && b.date === date && (b.groupId === null || b.groupId === session.groupId),
  );
}

export function plan(input: PlanInput): Plan {
  const out: Plan = { create: [], update: [], skip: [] };
  const bySession = groupBy(
    input.deliveries.filter((d) => d.sessionId),
    (d) => d.sessionId!,
  );
  const byDeadline = groupBy(
    input.deliveries.filter((d) => d.deadlineId),
    (d) => d.deadlineId!,
  );
  for (const s of input.sessions) planSession(s, bySession.get(s.id) ?? [], input, out);
  for (const d of input.deadlines) planDeadline(d, byDeadline.get(d.id) ?? [], input, out);
  return out;
}

function planSession(s: PlanSession, existing: readonly ExistingDelivery[], input: PlanInput, out: Plan): void {
  const { now } = input;
  const suppressed: SuppressedReason | null = s.status === "CANCELLED" ? "cancelled" : isBlackedOut(s, input.blackouts) ? "blackout" : null;
  const started = s.startsAt <= now;
  const startsAt = s.startsAt.toISOString();

  const reminders: NewDelivery[] = [];
  const prompts: NewDelivery[] = [];
  const want = (into: NewDelivery[], d: Omit<NewDelivery, "sessionId" | "deadlineId" | "status" | "lastError">) => {
    // Two rules may land on the same delivery (e.g. both channel audiences of a programme-wide session).
    if (!into.some((x) => x.dedupeKey === d.dedupeKey))
      into.push({ ...d, sessionId: s.id, deadlineId: null, status: "PENDING", lastError: null });
  };

  const facilitatorsOnly = s.audience === "FACILITATORS";
  for (const rule of rulesFor(input.rules, { programmeId: s.programmeId, groupId: s.groupId, target: "SESSION" })) {
    if (rule.onlyFormat && rule.onlyFormat !== s.format) continue;
    const dueAt = dueBefore(s.localStart, s.timezone, rule.offsetMinutes);
    // A session only for facilitators is never posted in a channel: each of its rules is a DM to them.
    if (rule.audience === "DM" || facilitatorsOnly) {
      for (const r of s.dmRecipients) {
        want(reminders, {
          dedupeKey: `session:${s.id}:${rule.offsetMinutes}:DM:${r.personId}`,
          kind: "reminder",
          channelId: r.slackUserId,
          dueAt,
          payload: { kind: "reminder", offsetMinutes: rule.offsetMinutes, audience: "DM", startsAt, personId: r.personId },
        });
      }
      continue;
    }
    // A programme-wide session's own channel is the announcement channel: one post there, not two.
    const audience = rule.audience === "GROUP_CHANNEL" && s.groupId ? "GROUP_CHANNEL" : "ANNOUNCEMENTS";
    const channelId = audience === "GROUP_CHANNEL" ? s.groupChannelId : s.announcementChannelId;
    if (!channelId) continue;
    want(reminders, {
      dedupeKey: `session:${s.id}:${rule.offsetMinutes}:${audience}`,
      kind: "reminder",
      channelId,
      dueAt,
      payload: { kind: "reminder", offsetMinutes: rule.offsetMinutes, audience, startsAt },
    });
    // Each group the session features hears it in its own channel too, when everyone else does.
    if (audience !== "ANNOUNCEMENTS") continue;
    for (const f of s.featuredChannels ?? []) {
      want(reminders, {
        dedupeKey: `session:${s.id}:${rule.offsetMinutes}:FEATURED:${f.groupId}`,
        kind: "reminder",
        channelId: f.channelId,
        dueAt,
        payload: { kind: "reminder", offsetMinutes: rule.offsetMinutes, audience: "FEATURED", startsAt },
      });
    }
  }
  const promptDue = minutesAfter(s.endsAt, ATTENDANCE_PROMPT_AFTER_MINUTES);
  for (const f of s.attendanceTakers) {
    want(prompts, {
      dedupeKey: `session:${s.id}:attendance:${f.personId}`,
      kind: "attendance_prompt",
      channelId: f.slackUserId,
      dueAt: promptDue,
      payload: { kind: "attendance_prompt", personId: f.personId, startsAt },
    });
  }

  const closed = suppressed ? SKIP[suppressed] : started ? SKIP.passed : null;
  const expired = minutesAfter(promptDue, ATTENDANCE_PROMPT_EXPIRES_MINUTES) <= now ? SKIP.tooLate : null;
  const planned = reconcile(reminders, existing, ["reminder"], closed, out);
  reconcile(prompts, existing, ["attendance_prompt"], suppressed ? SKIP[suppressed] : expired, out);
  supersede(planned, now, out);

  const announcements = existing.filter((d) => d.kind === "reminder" || d.kind === "change_notice");
  for (const [channelId, inChannel] of groupBy(announcements, (d) => d.channelId ?? "")) {
    const sent = inChannel.filter((d) => d.status === "SENT" && d.kind === "reminder");
    if (started || sent.length === 0) continue;
    // The thread to answer in: the latest reminder that went out there.
    const root = latest(sent, (d) => d.sentAt ?? d.dueAt);
    const threadTs = root.messageTs;
    if (suppressed) {
      const key = `session:${s.id}:cancelled:${channelId}`;
      if (!existing.some((d) => d.dedupeKey === key)) {
        out.create.push(
          immediate(s.id, key, "cancellation", channelId, now, { kind: "cancellation", startsAt, reason: suppressed, threadTs }),
        );
      }
      continue;
    }
    // What people in this channel were last told, counting a notice that is still on its way.
    const told = latest(
      inChannel.filter((d) => d.status === "SENT" || (d.kind === "change_notice" && d.status !== "SKIPPED" && d.status !== "FAILED")),
      (d) => (d.status === "SENT" ? (d.sentAt ?? d.dueAt) : new Date(8.64e15)),
    );
    const toldStart = (told.payload as { startsAt: string }).startsAt;
    if (toldStart === startsAt) continue;
    for (const stale of inChannel.filter((d) => d.kind === "change_notice" && d.status === "PENDING")) {
      out.skip.push({ id: stale.id, reason: SKIP.superseded });
    }
    const key = `session:${s.id}:change:${s.sequence}:${s.startsAt.getTime()}:${channelId}`;
    if (!existing.some((d) => d.dedupeKey === key)) {
      out.create.push(
        immediate(s.id, key, "change_notice", channelId, now, { kind: "change_notice", previousStartsAt: toldStart, startsAt, threadTs }),
      );
    }
  }
}

function planDeadline(d: PlanDeadline, existing: readonly ExistingDelivery[], input: PlanInput, out: Plan): void {
  const passed = d.dueAt <= input.now;
  const desired: NewDelivery[] = [];
  if (d.announcementChannelId) {
    // Deadlines are programme-wide: every channel audience means the announcement channel. DM
    // rules have no recipients for a deadline and are not planned.
    const offsets = new Set(
      rulesFor(input.rules, { programmeId: d.programmeId, groupId: null, target: "DEADLINE" })
        .filter((r) => r.audience !== "DM")
        .map((r) => r.offsetMinutes),
    );
    for (const offsetMinutes of offsets) {
      desired.push({
        dedupeKey: `deadline:${d.id}:${offsetMinutes}:ANNOUNCEMENTS`,
        kind: "deadline_reminder",
        sessionId: null,
        deadlineId: d.id,
        channelId: d.announcementChannelId,
        dueAt: dueBefore(d.localDue, d.timezone, offsetMinutes),
        payload: { kind: "deadline_reminder", offsetMinutes, dueAt: d.dueAt.toISOString() },
        status: "PENDING",
        lastError: null,
      });
    }
  }
  supersede(reconcile(desired, existing, ["deadline_reminder"], passed ? SKIP.deadlinePassed : null, out), input.now, out);
}

/** A planned delivery as it will stand once the plan is applied. */
interface Planned {
  id: string | null; // null: about to be created
  row: NewDelivery | ExistingDelivery;
  status: DeliveryStatus;
}

/**
 * Brings the existing deliveries of `kinds` in line with the desired ones: creates what is
 * missing, re-times pending ones, revives ones skipped for a reason that no longer holds, and
 * skips pending ones no longer wanted. When `closed` gives a reason (the session started, was
 * cancelled...), every desired delivery is recorded as skipped for it instead, so the outbox
 * accounts for each reminder even if the planner never saw it pending (downtime).
 * Returns the deliveries that will then be pending or on their way.
 */
function reconcile(
  desired: readonly NewDelivery[],
  existing: readonly ExistingDelivery[],
  kinds: readonly DeliveryKind[],
  closed: string | null,
  out: Plan,
): Planned[] {
  const byKey = new Map(existing.map((d) => [d.dedupeKey, d]));
  const wanted = new Set(desired.map((d) => d.dedupeKey));
  const planned: Planned[] = [];
  for (const want of desired) {
    const have = byKey.get(want.dedupeKey);
    if (!have) {
      out.create.push(closed ? { ...want, status: "SKIPPED", lastError: closed } : want);
      if (!closed) planned.push({ id: null, row: want, status: "PENDING" });
      continue;
    }
    if (closed) {
      if (have.status === "PENDING") out.skip.push({ id: have.id, reason: closed });
      continue;
    }
    const revive = have.status === "SKIPPED" && REVIVABLE.has(have.lastError ?? "");
    const changed =
      have.dueAt.getTime() !== want.dueAt.getTime() || have.channelId !== want.channelId || !samePayload(have.payload, want.payload);
    if (revive || (have.status === "PENDING" && changed)) {
      out.update.push({
        id: have.id,
        from: have.status as "PENDING" | "SKIPPED",
        channelId: want.channelId,
        dueAt: want.dueAt,
        payload: want.payload,
      });
      planned.push({ id: have.id, row: { ...have, ...want }, status: "PENDING" });
    } else {
      planned.push({ id: have.id, row: have, status: have.status });
    }
  }
  for (const have of existing) {
    if (kinds.includes(have.kind as DeliveryKind) && have.status === "PENDING" && !wanted.has(have.dedupeKey)) {
      out.skip.push({ id: have.id, reason: closed ?? SKIP.unplanned });
    }
  }
  return planned;
}

/**
 * After downtime (or when a session is created close to its start) several reminders can be due
 * at once in one channel: only the latest is sent, the earlier ones are recorded as superseded.
 */
function supersede(planned: readonly Planned[], now: Date, out: Plan): void {
  const isReminder = (p: Planned) => p.row.kind === "reminder" || p.row.kind === "deadline_reminder";
  const due = planned.filter((p) => isReminder(p) && p.row.dueAt <= now && p.status !== "SKIPPED" && p.status !== "FAILED");
  for (const [, inChannel] of groupBy(due, (p) => p.row.channelId ?? "")) {
    const winner = latest(inChannel, (p) => p.row.dueAt);
    for (const p of inChannel) {
      if (p === winner || p.row.dueAt.getTime() === winner.row.dueAt.getTime()) continue;
      if (p.id === null) {
        const row = p.row as NewDelivery;
        row.status = "SKIPPED";
        row.lastError = SKIP.superseded;
      } else if (p.status === "PENDING") {
        out.skip.push({ id: p.id, reason: SKIP.superseded });
        out.update = out.update.filter((u) => u.id !== p.id);
      }
    }
  }
}

function immediate(
  sessionId: string,
  dedupeKey: string,
  kind: DeliveryKind,
  channelId: string,
  now: Date,
  payload: DeliveryPayload,
): NewDelivery {
  return { dedupeKey, kind, sessionId, deadlineId: null, channelId, dueAt: now, payload, status: "PENDING", lastError: null };
}

// ---------------------------------------------------------------- at send time

export type SendDecision = { action: "send"; late: boolean } | { action: "skip"; reason: string } | { action: "defer" };

/**
 * The last look before a claimed delivery is posted, against the session or deadline as it
 * stands now (it may have changed since the plan).
 */
export function decideSend(
  delivery: { dueAt: Date; payload: DeliveryPayload },
  /** The session's start (or the deadline) as stored now, and whether the session is cancelled. */
  target: { at: Date; cancelled: boolean },
  now: Date,
): SendDecision {
  const late = now.getTime() - delivery.dueAt.getTime() > LATE_AFTER_MINUTES * 60_000;
  const at = target.at.toISOString();
  const p = delivery.payload;
  switch (p.kind) {
    case "reminder":
    case "change_notice":
      if (target.cancelled) return { action: "skip", reason: SKIP.cancelled };
      if (target.at <= now) return { action: "skip", reason: SKIP.passed };
      // Moved between planning and sending: the next plan re-times a reminder or posts a new notice.
      if (p.startsAt !== at) return p.kind === "reminder" ? { action: "defer" } : { action: "skip", reason: SKIP.superseded };
      return { action: "send", late: p.kind === "reminder" && late };
    case "deadline_reminder":
      if (target.at <= now) return { action: "skip", reason: SKIP.deadlinePassed };
      if (p.dueAt !== at) return { action: "defer" };
      return { action: "send", late };
    case "cancellation":
      if (p.reason === "cancelled" && !target.cancelled) return { action: "skip", reason: SKIP.unplanned };
      return target.at <= now ? { action: "skip", reason: SKIP.passed } : { action: "send", late: false };
    case "attendance_prompt":
      if (target.cancelled) return { action: "skip", reason: SKIP.cancelled };
      if (now > minutesAfter(delivery.dueAt, ATTENDANCE_PROMPT_EXPIRES_MINUTES)) return { action: "skip", reason: SKIP.tooLate };
      return { action: "send", late };
  }
}

/** PostgreSQL's jsonb returns keys in its own order, so payloads are compared key by key. */
function samePayload(a: DeliveryPayload, b: DeliveryPayload): boolean {
  const entries = (p: DeliveryPayload) =>
    Object.entries(p)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => x.localeCompare(y));
  return JSON.stringify(entries(a)) === JSON.stringify(entries(b));
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function latest<T>(items: readonly T[], at: (t: T) => Date): T {
  return items.reduce((a, b) => (at(b) > at(a) ? b : a));
}
