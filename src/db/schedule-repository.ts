/**
 * Sessions and deadlines as people look them up, and the session writes staff make in Slack.
 * Callers own transactions for the writes. Only active programmes are listed.
 */
import type { AgendaDeadline, AgendaSession } from "../domain/agenda";
import type { Db, Tx } from "./client";

/** Every session of active programmes, or a person's or a group's: its own plus its programme's sessions for everyone. */
export type SessionScope = "all" | { groupIds: readonly string[]; programmeIds: readonly string[] };
/** Programmes whose facilitators-only sessions the reader may see (`domain/session-audience`); "all" for staff. */
export type FacilitatorSessions = "all" | readonly string[];

const audienceWhere = (seen: FacilitatorSessions) =>
  seen === "all" ? {} : { OR: [{ audience: "EVERYONE" as const }, { audience: "FACILITATORS" as const, programmeId: { in: [...seen] } }] };

const sessionSelect = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  status: true,
  format: true,
  location: true,
  meetingUrl: true,
  description: true,
  group: { select: { name: true } },
  programme: { select: { name: true, announcementChannelId: true } },
} as const;

type SessionRow = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: AgendaSession["status"];
  format: AgendaSession["format"];
  location: string | null;
  meetingUrl: string | null;
  description: string | null;
  group: { name: string } | null;
  programme: { name: string; announcementChannelId: string | null };
};

const item = ({ group, programme, ...s }: SessionRow): AgendaSession => ({
  ...s,
  groupName: group?.name ?? null,
  programmeName: programme.name,
  announcementChannelId: programme.announcementChannelId,
});

const scopeWhere = (scope: SessionScope) =>
  scope === "all"
    ? {}
    : { OR: [{ groupId: { in: [...scope.groupIds] } }, { groupId: null, programmeId: { in: [...scope.programmeIds] } }] };

/** Sessions not yet over at `from` (one under way still shows), soonest first; cancelled ones too, marked. */
export async function upcomingSessions(
  db: Db | Tx,
  opts: { from: Date; scope: SessionScope; limit: number; facilitatorSessions: FacilitatorSessions },
): Promise<AgendaSession[]> {
  const rows = await db.session.findMany({
    where: {
      endsAt: { gt: opts.from },
      programme: { status: "ACTIVE" },
      AND: [scopeWhere(opts.scope), audienceWhere(opts.facilitatorSessions)],
    },
    orderBy: [{ startsAt: "asc" }, { key: "asc" }],
    take: opts.limit,
    select: sessionSelect,
  });
  return rows.map(item);
}

export async function upcomingDeadlines(
  db: Db | Tx,
  opts: { from: Date; programmeIds: readonly string[] | "all"; limit: number },
): Promise<AgendaDeadline[]> {
  const rows = await db.deadline.findMany({
    where: {
      dueAt: { gt: opts.from },
      programme: { status: "ACTIVE" },
      ...(opts.programmeIds !== "all" && { programmeId: { in: [...opts.programmeIds] } }),
    },
    orderBy: [{ dueAt: "asc" }, { key: "asc" }],
    take: opts.limit,
    select: { id: true, title: true, dueAt: true, description: true, programme: { select: { name: true } } },
  });
  return rows.map(({ programme, ...d }) => ({ ...d, programmeName: programme.name }));
}

export interface SessionRecord extends SessionWrite {
  id: string;
  programmeId: string;
  programmeSlug: string;
  programmeTimezone: string;
  groupId: string | null;
  key: string;
  status: "SCHEDULED" | "CANCELLED";
  sequence: number;
  groupName: string | null;
  programmeName: string;
}

const recordSelect = {
  id: true,
  programmeId: true,
  groupId: true,
  key: true,
  title: true,
  description: true,
  format: true,
  localStart: true,
  timezone: true,
  durationMinutes: true,
  startsAt: true,
  endsAt: true,
  location: true,
  meetingUrl: true,
  status: true,
  sequence: true,
  group: { select: { name: true } },
  programme: { select: { name: true, slug: true, timezone: true } },
} as const;

type RecordRow = Omit<SessionRecord, "groupName" | "programmeName" | "programmeSlug" | "programmeTimezone"> & {
  group: { name: string } | null;
  programme: { name: string; slug: string; timezone: string };
};

const record = ({ group, programme, ...rest }: RecordRow): SessionRecord => ({
  ...rest,
  groupName: group?.name ?? null,
  programmeName: programme.name,
  programmeSlug: programme.slug,
  programmeTimezone: programme.timezone,
});

export async function sessionRecord(db: Db | Tx, id: string): Promise<SessionRecord | null> {
  const s = await db.session.findUnique({ where: { id }, select: recordSelect });
  return s && record(s);
}

export async function sessionByKey(db: Db | Tx, programmeId: string, key: string): Promise<{ id: string } | null> {
  return db.session.findUnique({ where: { programmeId_key: { programmeId, key } }, select: { id: true } });
}

/** The next scheduled sessions of active programmes, for staff to pick one to edit or cancel. */
export async function schedulableSessions(db: Db | Tx, opts: { from: Date; limit: number }): Promise<SessionRecord[]> {
  const rows = await db.session.findMany({
    where: { endsAt: { gt: opts.from }, status: "SCHEDULED", programme: { status: "ACTIVE" } },
    orderBy: [{ startsAt: "asc" }, { key: "asc" }],
    take: opts.limit,
    select: recordSelect,
  });
  return rows.map(record);
}

export interface SessionWrite {
  title: string;
  description: string | null;
  format: "VIRTUAL" | "IN_PERSON";
  localStart: string;
  timezone: string;
  durationMinutes: number;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  meetingUrl: string | null;
}

export async function insertSession(
  tx: Tx,
  data: SessionWrite & {
    programmeId: string;
    groupId: string | null;
    key: string;
    audience?: "EVERYONE" | "FACILITATORS";
    createdBySlack?: string;
  },
): Promise<string> {
  return (await tx.session.create({ data, select: { id: true } })).id;
}

/** Writes the change and bumps SEQUENCE, so calendars and the reminder planner see a new version. */
export async function updateSession(tx: Tx, id: string, data: SessionWrite): Promise<void> {
  await tx.session.update({ where: { id }, data: { ...data, sequence: { increment: 1 } } });
}

/** Cancels a scheduled session; false when it was already cancelled (a retry, or another staff member). */
export async function cancelSession(tx: Tx, id: string): Promise<boolean> {
  const { count } = await tx.session.updateMany({
    where: { id, status: "SCHEDULED" },
    data: { status: "CANCELLED", sequence: { increment: 1 } },
  });
  return count === 1;
}
