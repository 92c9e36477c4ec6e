import type { Db, Tx } from "../db/client";
import { isUniqueViolation } from "../db/upsert";
import type { ExistingDelivery, PlanBlackout, PlanDeadline, PlanSession } from "../domain/reminder-plan";
import type { Prisma } from "../generated/sqlite/client";

/**
 * The delivery outbox (what Convene owes Slack: reminders and follow-ups alike) and the facts the
 * reminder planner reads. Every query is bounded by an
 * index on time or status, so a tick costs what is near or due, not what is stored.
 */

/** A stored delivery of any kind: what the planner sees of one, plus its claim, with the payload unread (follow-up kinds carry their own). */
export interface DeliveryRecord extends Omit<ExistingDelivery, "payload"> {
  payload: unknown;
  claimedBy: string | null;
  leaseUntil: Date | null;
  attempts: number;
  late: boolean;
}

export interface DeliveryInsert {
  dedupeKey: string;
  kind: string;
  sessionId: string | null;
  deadlineId: string | null;
  channelId: string;
  dueAt: Date;
  payload: object;
  status: "PENDING" | "SKIPPED";
  lastError: string | null;
}

/**
 * Inserts the deliveries whose dedupe key is new and ignores the rest, on both providers (SQLite
 * has no `skipDuplicates`). Another replica may insert the same keys at the same moment: the
 * unique index decides, and the loser's duplicates are dropped one by one. Returns the keys inserted.
 */
export async function insertDeliveries(db: Db, rows: readonly DeliveryInsert[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const known = await knownDedupeKeys(
    db,
    rows.map((r) => r.dedupeKey),
  );
  const fresh = rows.filter((r) => !known.has(r.dedupeKey));
  if (fresh.length === 0) return [];
  try {
    await db.delivery.createMany({ data: fresh });
    return fresh.map((r) => r.dedupeKey);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  const inserted: string[] = [];
  for (const row of fresh) {
    try {
      await db.delivery.create({ data: row, select: { id: true } });
      inserted.push(row.dedupeKey);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return inserted;
}

/** Which of these dedupe keys the outbox already holds. */
export async function knownDedupeKeys(db: Db | Tx, keys: readonly string[]): Promise<Set<string>> {
  const rows = await db.delivery.findMany({ where: { dedupeKey: { in: [...keys] } }, select: { dedupeKey: true } });
  return new Set(rows.map((d) => d.dedupeKey));
}

export interface FollowUpRow {
  dedupeKey: string;
  kind: string;
  channelId: string | null;
  payload: object;
}

/**
 * Writes follow-ups (due at once) whose dedupe key is new, in the caller's transaction; returns
 * their ids. Unlike `insertDeliveries`, one row at a time: the caller needs the ids to send them.
 */
export async function insertFollowUps(tx: Tx, rows: readonly FollowUpRow[], now: Date): Promise<string[]> {
  if (rows.length === 0) return [];
  const known = await knownDedupeKeys(
    tx,
    rows.map((r) => r.dedupeKey),
  );
  const ids: string[] = [];
  for (const row of rows) {
    if (known.has(row.dedupeKey)) continue;
    known.add(row.dedupeKey);
    ids.push((await tx.delivery.create({ data: { ...row, dueAt: now }, select: { id: true } })).id);
  }
  return ids;
}

/** Re-times or re-targets a delivery, only if it is still in the state the plan saw. */
export async function replanDelivery(
  db: Db,
  update: { id: string; from: "PENDING" | "SKIPPED"; channelId: string; dueAt: Date; payload: object },
): Promise<boolean> {
  const { count } = await db.delivery.updateMany({
    where: { id: update.id, status: update.from },
    data: { status: "PENDING", channelId: update.channelId, dueAt: update.dueAt, payload: update.payload, lastError: null, late: false },
  });
  return count === 1;
}

/** Skips a delivery that is pending, or claimed by this instance. */
export async function skipDelivery(db: Db, id: string, reason: string, instanceId?: string): Promise<boolean> {
  const { count } = await db.delivery.updateMany({
    where: instanceId ? { id, status: "CLAIMED", claimedBy: instanceId } : { id, status: "PENDING" },
    data: { status: "SKIPPED", lastError: reason, leaseUntil: null },
  });
  return count === 1;
}

/** Due deliveries of these kinds, oldest first: pending ones, and claimed ones whose claimant's lease ran out. */
export async function findDue(db: Db, kinds: readonly string[], now: Date, limit: number): Promise<DeliveryRecord[]> {
  return db.delivery.findMany({
    where: {
      kind: { in: [...kinds] },
      OR: [
        { status: "PENDING", dueAt: { lte: now } },
        { status: "CLAIMED", leaseUntil: { lt: now } },
      ],
    },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: limit,
  });
}

export type Claim =
  | { claimed: false }
  | { claimed: true; delivery: DeliveryRecord /** a previous claimant may have posted */; reclaimed: boolean };

/**
 * Claims one delivery for `instanceId` until `now + leaseMs`. A conditional update is atomic on
 * both providers: on PostgreSQL a second claimant blocks on the row, re-reads it, and finds it no
 * longer PENDING (or its lease renewed), so exactly one of them gets a count of 1.
 */
export async function claimDelivery(db: Db, id: string, opts: { now: Date; instanceId: string; leaseMs: number }): Promise<Claim> {
  const data = {
    status: "CLAIMED" as const,
    claimedBy: opts.instanceId,
    leaseUntil: new Date(opts.now.getTime() + opts.leaseMs),
    attempts: { increment: 1 },
  };
  let reclaimed = false;
  let { count } = await db.delivery.updateMany({ where: { id, status: "PENDING", dueAt: { lte: opts.now } }, data });
  if (count === 0) {
    ({ count } = await db.delivery.updateMany({ where: { id, status: "CLAIMED", leaseUntil: { lt: opts.now } }, data }));
    reclaimed = true;
  }
  if (count === 0) return { claimed: false };
  const delivery = await db.delivery.findUniqueOrThrow({ where: { id } });
  return { claimed: true, delivery, reclaimed };
}

/** Extends this instance's claim before another try; false if the claim was lost meanwhile. */
export async function renewClaim(db: Db, id: string, opts: { now: Date; instanceId: string; leaseMs: number }): Promise<boolean> {
  const { count } = await db.delivery.updateMany({
    where: { id, status: "CLAIMED", claimedBy: opts.instanceId },
    data: { leaseUntil: new Date(opts.now.getTime() + opts.leaseMs) },
  });
  return count === 1;
}

/**
 * Records the posted message (none for an invite or a channel set up). Fenced on the claim: if the lease ran out and another instance
 * took the delivery over, this instance's late answer changes nothing.
 */
export async function markSent(
  db: Db,
  id: string,
  opts: { instanceId: string; messageTs: string | null; channelId: string; late: boolean; sentAt: Date },
): Promise<boolean> {
  const { count } = await db.delivery.updateMany({
    where: { id, status: "CLAIMED", claimedBy: opts.instanceId },
    data: {
      status: "SENT",
      messageTs: opts.messageTs,
      channelId: opts.channelId,
      late: opts.late,
      sentAt: opts.sentAt,
      leaseUntil: null,
      lastError: null,
    },
  });
  return count === 1;
}

/**
 * Gives a claimed delivery back. `posted: "no"` (Slack refused it: nothing was posted) makes it
 * plainly PENDING again, and a rate-limited try does not count as an attempt. `posted: "unknown"`
 * (a timeout or a 5xx) keeps it CLAIMED with an expired lease, so whoever takes it next looks
 * in the channel before posting.
 */
export async function releaseDelivery(
  db: Db,
  id: string,
  opts: { instanceId: string; error: string; posted: "no" | "unknown"; countAttempt: boolean; now: Date },
): Promise<boolean> {
  const { count } = await db.delivery.updateMany({
    where: { id, status: "CLAIMED", claimedBy: opts.instanceId },
    data:
      opts.posted === "no"
        ? { status: "PENDING", leaseUntil: null, lastError: opts.error, ...(opts.countAttempt ? {} : { attempts: { decrement: 1 } }) }
        : { leaseUntil: opts.now, lastError: opts.error },
  });
  return count === 1;
}

export async function markFailed(db: Db, id: string, opts: { instanceId: string; error: string }): Promise<boolean> {
  const { count } = await db.delivery.updateMany({
    where: { id, status: "CLAIMED", claimedBy: opts.instanceId },
    data: { status: "FAILED", lastError: opts.error, leaseUntil: null },
  });
  return count === 1;
}

/** The messages already posted for a session that carry its RSVP buttons, to re-render in place. */
export async function sentRemindersOf(
  db: Db,
  sessionId: string,
  kind: "reminder" | "attendance_prompt" = "reminder",
): Promise<DeliveryRecord[]> {
  return db.delivery.findMany({ where: { sessionId, kind, status: "SENT", messageTs: { not: null } } });
}

/** A delivery in the staff's view of the queue, with the title of its session or deadline. */
export interface QueuedDelivery extends DeliveryRecord {
  subject: string | null;
}

export interface QueuePage {
  items: QueuedDelivery[];
  /** How many match in all; `items` holds at most the limit. */
  total: number;
}

const withSubject = { session: { select: { title: true } }, deadline: { select: { title: true } } } as const;

async function queuePage(
  db: Db,
  where: Prisma.DeliveryWhereInput,
  orderBy: Prisma.DeliveryOrderByWithRelationInput,
  limit: number,
): Promise<QueuePage> {
  const [rows, total] = await Promise.all([
    db.delivery.findMany({ where, orderBy: [orderBy, { id: "asc" }], take: limit, include: withSubject }),
    db.delivery.count({ where }),
  ]);
  return { items: rows.map(({ session, deadline, ...d }) => ({ ...d, subject: session?.title ?? deadline?.title ?? null })), total };
}

/** The staff's view of the queue: what is about to go out (overdue included), soonest first. */
export function upcomingDeliveries(db: Db, opts: { until: Date; limit: number }): Promise<QueuePage> {
  return queuePage(db, { status: { in: ["PENDING", "CLAIMED"] }, dueAt: { lte: opts.until } }, { dueAt: "asc" }, opts.limit);
}

/** What Convene gave up sending, latest first. */
export function failedDeliveries(db: Db, opts: { since: Date; limit: number }): Promise<QueuePage> {
  return queuePage(db, { status: "FAILED", dueAt: { gte: opts.since } }, { dueAt: "desc" }, opts.limit);
}

/**
 * Puts a failed delivery back in the queue with its attempts counted afresh; the next tick plans
 * and sends it like any other. False when it is no longer FAILED (someone retried it first).
 */
export async function retryFailedDelivery(db: Db | Tx, id: string): Promise<boolean> {
  const { count } = await db.delivery.updateMany({
    where: { id, status: "FAILED" },
    data: { status: "PENDING", attempts: 0, lastError: null, claimedBy: null, leaseUntil: null },
  });
  return count === 1;
}

// ---------------------------------------------------------------- what the planner reads

export interface PlanningWindow {
  sessions: PlanSession[];
  deadlines: PlanDeadline[];
  blackouts: PlanBlackout[];
  deliveries: DeliveryRecord[];
}

export interface StoredRule {
  programmeId: string;
  groupId: string | null;
  target: "SESSION" | "DEADLINE";
  offsetMinutes: number;
  audience: "GROUP_CHANNEL" | "ANNOUNCEMENTS" | "DM";
  onlyFormat: "VIRTUAL" | "IN_PERSON" | null;
}

/** Every stored reminder rule: a handful per programme, read whole. */
export async function reminderRules(db: Db): Promise<StoredRule[]> {
  return db.reminderRule.findMany({
    select: { programmeId: true, groupId: true, target: true, offsetMinutes: true, audience: true, onlyFormat: true },
  });
}

const dmOptIn = { status: "ACTIVE", person: { dmReminders: true, remindersOff: false } } as const;
const recipient = { select: { person: { select: { id: true, slackUserId: true } } } } as const;

/**
 * The sessions and deadlines the planner must look at, with everything it needs about them:
 * those starting (or due) within the window, and those whose deliveries are still on their way or
 * went out recently (a session moved far away must have its pending reminders re-timed and a
 * change notice posted where it was announced).
 */
export async function planningWindow(
  db: Db,
  opts: { from: Date; sessionsUntil: Date; deadlinesUntil: Date; sentSince: Date; admins?: readonly string[] },
): Promise<PlanningWindow> {
  const live = await db.delivery.findMany({
    where: { OR: [{ status: { in: ["PENDING", "CLAIMED"] } }, { status: "SENT", dueAt: { gte: opts.sentSince } }] },
    select: { sessionId: true, deadlineId: true },
  });
  const liveSessions = [...new Set(live.flatMap((d) => (d.sessionId ? [d.sessionId] : [])))];
  const liveDeadlines = [...new Set(live.flatMap((d) => (d.deadlineId ? [d.deadlineId] : [])))];

  const sessionRows = await db.session.findMany({
    where: { OR: [{ startsAt: { gte: opts.from, lte: opts.sessionsUntil } }, { id: { in: liveSessions } }] },
    select: {
      id: true,
      programmeId: true,
      groupId: true,
      audience: true,
      createdBySlack: true,
      format: true,
      localStart: true,
      timezone: true,
      startsAt: true,
      endsAt: true,
      status: true,
      sequence: true,
      programme: { select: { announcementChannelId: true } },
      featuredGroups: { select: { group: { select: { id: true, channelId: true } } } },
      group: {
        select: {
          channelId: true,
          memberships: { where: dmOptIn, ...recipient },
          facilitators: { where: { personId: { not: null } }, select: { person: { select: { id: true, slackUserId: true } } } },
        },
      },
    },
  });
  const deadlineRows = await db.deadline.findMany({
    where: { OR: [{ dueAt: { gte: opts.from, lte: opts.deadlinesUntil } }, { id: { in: liveDeadlines } }] },
    select: {
      id: true,
      programmeId: true,
      localDue: true,
      timezone: true,
      dueAt: true,
      programme: { select: { announcementChannelId: true } },
    },
  });

  // A programme-wide session reminds everyone in any of the programme's groups; one only for
  // facilitators reminds each of the programme's facilitators. Staff take attendance at either.
  const wide = sessionRows.filter((s) => !s.groupId);
  const wideProgrammes = [...new Set(wide.filter((s) => s.audience === "EVERYONE").map((s) => s.programmeId))];
  const wideMembers = wideProgrammes.length
    ? await db.membership.findMany({
        where: { ...dmOptIn, group: { programmeId: { in: wideProgrammes } } },
        select: { group: { select: { programmeId: true } }, ...recipient.select },
      })
    : [];
  const facilitatorProgrammes = [...new Set(wide.filter((s) => s.audience === "FACILITATORS").map((s) => s.programmeId))];
  const programmeFacilitators = facilitatorProgrammes.length
    ? await db.facilitator.findMany({
        where: { group: { programmeId: { in: facilitatorProgrammes } }, personId: { not: null } },
        select: { group: { select: { programmeId: true } }, person: recipient.select.person },
      })
    : [];
  const staff = wide.length
    ? await db.person.findMany({
        where: { OR: [{ isStaff: true }, { slackUserId: { in: [...(opts.admins ?? [])] } }] },
        select: { id: true, slackUserId: true },
        orderBy: { id: "asc" },
      })
    : [];
  const staffTakers = (createdBySlack: string | null) => {
    const creator = staff.find((p) => p.slackUserId === createdBySlack);
    return people((creator ? [creator] : staff).map((person) => ({ person })));
  };
  const people = (rows: { person: { id: string; slackUserId: string } | null }[]) => {
    const seen = new Map<string, string>();
    for (const r of rows) if (r.person) seen.set(r.person.id, r.person.slackUserId);
    return [...seen].map(([personId, slackUserId]) => ({ personId, slackUserId }));
  };

  const sessions: PlanSession[] = sessionRows.map(({ programme, group, createdBySlack, featuredGroups, ...s }) => ({
    ...s,
    groupChannelId: group?.channelId ?? null,
    announcementChannelId: programme.announcementChannelId,
    featuredChannels: featuredGroups.flatMap(({ group: g }) => (g.channelId ? [{ groupId: g.id, channelId: g.channelId }] : [])),
    dmRecipients: people(
      group
        ? group.memberships
        : s.audience === "FACILITATORS"
          ? programmeFacilitators.filter((f) => f.group.programmeId === s.programmeId)
          : wideMembers.filter((m) => m.group.programmeId === s.programmeId),
    ),
    attendanceTakers: group ? people(group.facilitators) : staffTakers(createdBySlack),
  }));
  const deadlines: PlanDeadline[] = deadlineRows.map(({ programme, ...d }) => ({
    ...d,
    announcementChannelId: programme.announcementChannelId,
  }));

  const programmeIds = [...new Set(sessions.map((s) => s.programmeId))];
  const dates = [...new Set(sessions.map((s) => s.localStart.slice(0, 10)))];
  const blackouts = programmeIds.length
    ? await db.blackout.findMany({
        where: { programmeId: { in: programmeIds }, date: { in: dates } },
        select: { programmeId: true, groupId: true, date: true },
      })
    : [];

  const sessionIds = sessions.map((s) => s.id);
  const deadlineIds = deadlines.map((d) => d.id);
  const deliveries = [
    ...(sessionIds.length ? await db.delivery.findMany({ where: { sessionId: { in: sessionIds } } }) : []),
    // Delivery has no index on deadlineId; its (status, dueAt) index bounds this one instead. A
    // deadline's reminders all fall within the longest offset before it.
    ...(deadlineIds.length
      ? await db.delivery.findMany({
          where: {
            deadlineId: { in: deadlineIds },
            status: { in: ["PENDING", "CLAIMED", "SENT", "SKIPPED", "FAILED"] },
            dueAt: { gte: opts.sentSince },
          },
        })
      : []),
  ];
  return { sessions, deadlines, blackouts, deliveries };
}

// ---------------------------------------------------------------- what a delivery's message shows

export interface SessionDetails {
  id: string;
  title: string;
  description: string | null;
  agenda: string | null;
  format: "VIRTUAL" | "IN_PERSON";
  timezone: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  meetingUrl: string | null;
  status: "SCHEDULED" | "CANCELLED";
  audience: "EVERYONE" | "FACILITATORS";
  programmeName: string;
  groupName: string | null;
  facilitators: { name: string; slackUserId: string | null }[];
}

export interface DeadlineDetails {
  id: string;
  title: string;
  description: string | null;
  timezone: string;
  dueAt: Date;
  programmeName: string;
}

export interface RecipientDetails {
  id: string;
  timezone: string | null;
  dmReminders: boolean;
  remindersOff: boolean;
  remindersSnoozedTill: Date | null;
}

export async function sessionDetails(db: Db, ids: readonly string[]): Promise<SessionDetails[]> {
  if (ids.length === 0) return [];
  const rows = await db.session.findMany({
    where: { id: { in: [...ids] } },
    select: {
      id: true,
      title: true,
      description: true,
      agenda: true,
      format: true,
      timezone: true,
      startsAt: true,
      endsAt: true,
      location: true,
      meetingUrl: true,
      status: true,
      audience: true,
      programme: { select: { name: true } },
      group: {
        select: {
          name: true,
          facilitators: { select: { name: true, person: { select: { slackUserId: true } } }, orderBy: { name: "asc" } },
        },
      },
    },
  });
  return rows.map(({ programme, group, ...s }) => ({
    ...s,
    programmeName: programme.name,
    groupName: group?.name ?? null,
    facilitators: (group?.facilitators ?? []).map((f) => ({ name: f.name, slackUserId: f.person?.slackUserId ?? null })),
  }));
}

export async function deadlineDetails(db: Db, ids: readonly string[]): Promise<DeadlineDetails[]> {
  if (ids.length === 0) return [];
  const rows = await db.deadline.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, title: true, description: true, timezone: true, dueAt: true, programme: { select: { name: true } } },
  });
  return rows.map(({ programme, ...d }) => ({ ...d, programmeName: programme.name }));
}

export async function recipientDetails(db: Db, personIds: readonly string[]): Promise<RecipientDetails[]> {
  if (personIds.length === 0) return [];
  return db.person.findMany({
    where: { id: { in: [...personIds] } },
    select: { id: true, timezone: true, dmReminders: true, remindersOff: true, remindersSnoozedTill: true },
  });
}

/** Messages sent whose dedupe key starts with one of `prefixes`, with where they are: to edit them later. */
export async function sentMessagesKeyed(
  db: Db,
  prefixes: readonly string[],
): Promise<{ dedupeKey: string; channelId: string; messageTs: string }[]> {
  const rows = await db.delivery.findMany({
    where: {
      status: "SENT",
      messageTs: { not: null },
      channelId: { not: null },
      OR: prefixes.map((p) => ({ dedupeKey: { startsWith: p } })),
    },
    select: { dedupeKey: true, channelId: true, messageTs: true },
    orderBy: { sentAt: "asc" },
  });
  return rows.map((r) => ({ dedupeKey: r.dedupeKey, channelId: r.channelId!, messageTs: r.messageTs! }));
}

export async function findDelivery(db: Db, id: string): Promise<DeliveryRecord | null> {
  return db.delivery.findUnique({ where: { id } });
}

/** Deliveries waiting for a time after `now`: when the next one is due, and where. */
export function pendingAfter(db: Db, now: Date): Promise<{ id: string; dueAt: Date; channelId: string | null }[]> {
  return db.delivery.findMany({ where: { status: "PENDING", dueAt: { gt: now } }, select: { id: true, dueAt: true, channelId: true } });
}
