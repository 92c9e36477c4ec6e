/**
 * Attendance row by row, for CSV files (a roster's, the report's): read flat and joined here,
 * since a nested read would repeat each session's RSVPs on every row; in session order, then by
 * group and name.
 */
import type { AttendanceRow } from "../domain/attendance-row";
import type { Prisma } from "../generated/sqlite/client";
import type { Db, Tx } from "./client";

/** Under both databases' limits on bound values. */
const PEOPLE_CHUNK = 5000;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function attendanceRows(db: Db | Tx, sessions: Prisma.SessionWhereInput): Promise<AttendanceRow[]> {
  const [rows, sessionList, rsvps] = await Promise.all([
    db.attendance.findMany({ where: { session: sessions }, select: { sessionId: true, personId: true, attended: true } }),
    db.session.findMany({ where: sessions, select: { id: true, title: true, startsAt: true, group: { select: { name: true } } } }),
    db.rsvp.findMany({ where: { session: sessions }, select: { sessionId: true, personId: true, response: true } }),
  ]);
  // By id: attendance has no index by person for a filter through it to use.
  const ids = [...new Set(rows.map((r) => r.personId))];
  const people = [];
  for (let i = 0; i < ids.length; i += PEOPLE_CHUNK) {
    people.push(
      ...(await db.person.findMany({
        where: { id: { in: ids.slice(i, i + PEOPLE_CHUNK) } },
        select: { id: true, name: true, organization: { select: { name: true } } },
      })),
    );
  }
  const sessionById = new Map(sessionList.map((s) => [s.id, s]));
  const personById = new Map(people.map((p) => [p.id, p]));
  const rsvpOf = new Map(rsvps.map((r) => [`${r.sessionId} ${r.personId}`, r.response]));
  return rows
    .map((r) => {
      const session = sessionById.get(r.sessionId)!;
      const person = personById.get(r.personId)!;
      const key = `${r.sessionId} ${r.personId}`;
      return {
        groupName: session.group?.name ?? null,
        sessionTitle: session.title,
        startsAt: session.startsAt,
        name: person.name,
        organization: person.organization?.name ?? null,
        attended: r.attended,
        rsvp: rsvpOf.get(key) ?? null,
        key,
      };
    })
    .sort(
      (a, b) =>
        a.startsAt.getTime() - b.startsAt.getTime() ||
        cmp(a.groupName ?? "", b.groupName ?? "") ||
        cmp(a.name, b.name) ||
        cmp(a.key, b.key),
    )
    .map(({ key: _key, ...row }) => row);
}
