/** What recording attendance and sharing notes read and write: a session's group, its roster, its attendance. */
import type { Db, Tx } from "./client";

export interface AttendanceSession {
  id: string;
  title: string;
  startsAt: Date;
  status: "SCHEDULED" | "CANCELLED";
  timezone: string;
  audience: "EVERYONE" | "FACILITATORS";
  programme: { id: string; name: string; announcementChannelId: string | null };
  group: { id: string; name: string; channelId: string | null } | null;
}

export async function sessionForAttendance(db: Db, sessionId: string): Promise<AttendanceSession | null> {
  return db.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      title: true,
      startsAt: true,
      status: true,
      timezone: true,
      audience: true,
      programme: { select: { id: true, name: true, announcementChannelId: true } },
      group: { select: { id: true, name: true, channelId: true } },
    },
  });
}

/** Who attendance is taken for: a group's active members, everyone in a programme's groups, or its facilitators. */
export type RosterOf = { groupId: string } | { programmeId: string; audience: "EVERYONE" | "FACILITATORS" };

/** True when the Slack user is linked to one of the group's facilitators. */
export async function isFacilitatorOf(db: Db, groupId: string, slackUserId: string): Promise<boolean> {
  return (await db.facilitator.count({ where: { groupId, person: { slackUserId } } })) > 0;
}

export interface RosterEntry {
  personId: string;
  name: string;
  /** Their RSVP, if they answered. */
  rsvp: "GOING" | "NOT_GOING" | null;
  /** As recorded before, if it was. */
  attended: boolean | null;
}

/** The people a session is for, by name, with their RSVP and any attendance already recorded for it. */
export async function attendanceRoster(db: Db | Tx, sessionId: string, of: RosterOf): Promise<RosterEntry[]> {
  const facts = {
    id: true,
    name: true,
    rsvps: { where: { sessionId }, select: { response: true } },
    attendance: { where: { sessionId }, select: { attended: true } },
  } as const;
  if ("programmeId" in of && of.audience === "FACILITATORS") {
    const people = await db.person.findMany({
      where: { facilitations: { some: { group: { programmeId: of.programmeId } } } },
      select: facts,
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
    return people.map((person) => ({
      personId: person.id,
      name: person.name,
      rsvp: person.rsvps[0]?.response ?? null,
      attended: person.attendance[0]?.attended ?? null,
    }));
  }
  if ("programmeId" in of) {
    const people = await db.person.findMany({
      where: { memberships: { some: { status: "ACTIVE", group: { programmeId: of.programmeId } } } },
      select: facts,
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
    return people.map((person) => ({
      personId: person.id,
      name: person.name,
      rsvp: person.rsvps[0]?.response ?? null,
      attended: person.attendance[0]?.attended ?? null,
    }));
  }
  const members = await db.membership.findMany({
    where: { groupId: of.groupId, status: "ACTIVE" },
    select: {
      person: {
        select: {
          id: true,
          name: true,
          rsvps: { where: { sessionId }, select: { response: true } },
          attendance: { where: { sessionId }, select: { attended: true } },
        },
      },
    },
    orderBy: [{ person: { name: "asc" } }, { personId: "asc" }],
  });
  return members.map(({ person }) => ({
    personId: person.id,
    name: person.name,
    rsvp: person.rsvps[0]?.response ?? null,
    attended: person.attendance[0]?.attended ?? null,
  }));
}

/** When attendance was last recorded for the session, and the name of who recorded it. */
export async function lastRecorded(db: Db, sessionId: string): Promise<{ at: Date; byName: string } | null> {
  const row = await db.attendance.findFirst({
    where: { sessionId },
    orderBy: { recordedAt: "desc" },
    select: { recordedAt: true, recordedById: true },
  });
  if (!row) return null;
  const by = await db.person.findUnique({ where: { id: row.recordedById }, select: { name: true } });
  return { at: row.recordedAt, byName: by?.name ?? "someone" };
}

/** One row per (session, person): recording again overwrites, so a retry or a correction never adds rows. */
export async function saveAttendance(
  tx: Tx,
  input: { sessionId: string; recordedById: string; recordedAt: Date; attended: ReadonlyMap<string, boolean> },
): Promise<void> {
  for (const [personId, attended] of input.attended) {
    const data = { attended, recordedById: input.recordedById, recordedAt: input.recordedAt };
    await tx.attendance.upsert({
      where: { sessionId_personId: { sessionId: input.sessionId, personId } },
      create: { sessionId: input.sessionId, personId, ...data },
      update: data,
    });
  }
}

/** The latest reminder Convene posted for the session in a channel: its thread is where the session is discussed. */
export async function reminderThreadTs(db: Db, sessionId: string, channelId: string): Promise<string | null> {
  const row = await db.delivery.findFirst({
    where: { sessionId, kind: "reminder", status: "SENT", channelId, messageTs: { not: null } },
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    select: { messageTs: true },
  });
  return row?.messageTs ?? null;
}
