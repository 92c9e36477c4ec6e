/** Who is in a group: its members with their organization and sign-up, its waitlist, and attendance so far. */
import type { AttendanceRow } from "../domain/attendance-row";
import { attendanceRows } from "./attendance-rows";
import type { Db, Tx } from "./client";

export interface RosterRecord {
  groupId: string;
  name: string;
  capacity: number | null;
  members: number;
  waitlisted: number;
}

export interface RosterMember {
  personId: string;
  slackUserId: string;
  name: string;
  email: string | null;
  organization: string | null;
  signedUpAt: Date;
  /** Who signed them up, when it was a colleague rather than themselves. */
  signedUpBy: { name: string; slackUserId: string } | null;
  /** Sessions recorded as attended, of those whose attendance was recorded. */
  attended: number;
  recorded: number;
}

export interface RosterGroup {
  id: string;
  name: string;
  programmeName: string;
  capacity: number | null;
  channelId: string | null;
}

export interface Roster {
  group: RosterGroup;
  members: RosterMember[];
  /** In the order they would be offered a place. */
  waitlist: RosterMember[];
  /** The group's sessions held so far (not cancelled) whose attendance was recorded. */
  sessionsRecorded: number;
}

export async function groupRoster(db: Db | Tx, groupId: string, now: Date): Promise<Roster | null> {
  const group = await db.group.findUnique({
    where: { id: groupId },
    select: { id: true, name: true, capacity: true, channelId: true, programme: { select: { name: true } } },
  });
  if (!group) return null;
  const held = { groupId, status: "SCHEDULED" as const, startsAt: { lte: now }, attendance: { some: {} } };
  const [memberships, sessionsRecorded] = await Promise.all([
    db.membership.findMany({
      where: { groupId, status: { in: ["ACTIVE", "WAITLISTED"] } },
      select: {
        status: true,
        createdAt: true,
        waitlistedAt: true,
        personId: true,
        signedUpBy: { select: { id: true, name: true, slackUserId: true } },
        person: {
          select: {
            slackUserId: true,
            name: true,
            email: true,
            organization: { select: { name: true } },
            attendance: { where: { session: held }, select: { attended: true } },
          },
        },
      },
      orderBy: [{ person: { name: "asc" } }, { personId: "asc" }],
    }),
    db.session.count({ where: held }),
  ]);
  const entry = (m: (typeof memberships)[number]): RosterMember => ({
    personId: m.personId,
    slackUserId: m.person.slackUserId,
    name: m.person.name,
    email: m.person.email,
    organization: m.person.organization?.name ?? null,
    signedUpAt: m.createdAt,
    signedUpBy: m.signedUpBy && m.signedUpBy.id !== m.personId ? { name: m.signedUpBy.name, slackUserId: m.signedUpBy.slackUserId } : null,
    attended: m.person.attendance.filter((a) => a.attended).length,
    recorded: m.person.attendance.length,
  });
  return {
    group: { id: group.id, name: group.name, programmeName: group.programme.name, capacity: group.capacity, channelId: group.channelId },
    members: memberships.filter((m) => m.status === "ACTIVE").map(entry),
    // Sorted here: SQLite and PostgreSQL put nulls at opposite ends.
    waitlist: memberships
      .filter((m) => m.status === "WAITLISTED")
      .sort((a, b) => (a.waitlistedAt?.getTime() ?? 0) - (b.waitlistedAt?.getTime() ?? 0))
      .map(entry),
    sessionsRecorded,
  };
}

/** The groups (of active programmes) a Slack user facilitates, with their head counts: a facilitator's Home. */
export async function facilitatedRosters(db: Db | Tx, slackUserId: string): Promise<RosterRecord[]> {
  const groups = await db.group.findMany({
    where: { facilitators: { some: { person: { slackUserId } } }, programme: { status: "ACTIVE" } },
    select: {
      id: true,
      name: true,
      capacity: true,
      memberships: { where: { status: { in: ["ACTIVE", "WAITLISTED"] } }, select: { status: true } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return groups.map((g) => ({
    groupId: g.id,
    name: g.name,
    capacity: g.capacity,
    members: g.memberships.filter((m) => m.status === "ACTIVE").length,
    waitlisted: g.memberships.filter((m) => m.status === "WAITLISTED").length,
  }));
}

/** Every attendance row recorded for the group's sessions, by session time then name. */
export const groupAttendanceRows = (db: Db | Tx, groupId: string): Promise<AttendanceRow[]> => attendanceRows(db, { groupId });

/** A person's own attendance, per group whose sessions recorded it: what `/convene my` shows them. */
export async function attendanceOf(db: Db | Tx, personId: string): Promise<{ groupName: string; attended: number; recorded: number }[]> {
  const rows = await db.attendance.findMany({
    where: { personId, session: { groupId: { not: null } } },
    select: { attended: true, session: { select: { group: { select: { id: true, name: true } } } } },
  });
  const byGroup = new Map<string, { groupName: string; attended: number; recorded: number }>();
  for (const r of rows) {
    const group = r.session.group!;
    const g = byGroup.get(group.id) ?? { groupName: group.name, attended: 0, recorded: 0 };
    g.recorded++;
    if (r.attended) g.attended++;
    byGroup.set(group.id, g);
  }
  return [...byGroup.values()].sort((a, b) => a.groupName.localeCompare(b.groupName));
}
