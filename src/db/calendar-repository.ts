/** What an iCalendar feed shows, found by the feed's token (a programme's or a group's). */
import { isWholeDay } from "../domain/programme-file";
import type { CalendarDeadline, CalendarSession } from "../views/calendar-feed";
import type { Db, Tx } from "./client";

export interface CalendarSource {
  programme: { slug: string; name: string; timezone: string };
  group: { slug: string; name: string } | null;
  sessions: CalendarSession[];
  deadlines: CalendarDeadline[];
}

/**
 * The programme or group a token belongs to, with the sessions its feed carries: a group's own
 * plus those of every group; a programme's, all of them. Deadlines are programme-wide.
 */
export async function findCalendarSource(db: Db | Tx, token: string): Promise<CalendarSource | null> {
  const programme = await db.programme.findUnique({ where: { calendarToken: token } });
  const group = programme ? null : await db.group.findUnique({ where: { calendarToken: token }, include: { programme: true } });
  const owner = programme ?? group?.programme;
  if (!owner) return null;
  const [sessions, deadlines] = await Promise.all([
    db.session.findMany({
      // Facilitators-only sessions stay out of the shared feeds: anyone with the link can read them.
      where: { programmeId: owner.id, audience: "EVERYONE", ...(group && { OR: [{ groupId: group.id }, { groupId: null }] }) },
      orderBy: [{ startsAt: "asc" }, { key: "asc" }],
      include: { group: { select: { name: true } }, featuredGroups: { select: { group: { select: { name: true } } } } },
    }),
    db.deadline.findMany({ where: { programmeId: owner.id }, orderBy: [{ dueAt: "asc" }, { key: "asc" }] }),
  ]);
  return {
    programme: { slug: owner.slug, name: owner.name, timezone: owner.timezone },
    group: group && { slug: group.slug, name: group.name },
    sessions: sessions.map((s) => ({
      key: s.key,
      title: s.title,
      description: s.description,
      // A group's own feed need not repeat the group's name on every event.
      groupName: group ? null : (s.group?.name ?? null),
      featuredGroupNames: s.featuredGroups.map((f) => f.group.name).sort(),
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      location: s.location,
      meetingUrl: s.meetingUrl,
      status: s.status,
      sequence: s.sequence,
      updatedAt: s.updatedAt,
    })),
    deadlines: deadlines.map((d) => ({
      key: d.key,
      title: d.title,
      description: d.description,
      wholeDay: isWholeDay(d.kind, d.localDue),
      localDue: d.localDue,
      timezone: d.timezone,
      dueAt: d.dueAt,
      sequence: d.sequence,
      updatedAt: d.updatedAt,
    })),
  };
}
