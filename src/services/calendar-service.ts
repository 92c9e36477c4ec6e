/** The iCalendar feeds: one per programme and one per group, each at an unguessable token. */
import { findCalendarSource } from "../db/calendar-repository";
import type { Db } from "../db/client";
import { renderCalendar } from "../views/calendar-feed";

/** The feed for a programme's or group's calendar token, or null for an unknown token. */
export async function calendarFor(db: Db, token: string): Promise<{ filename: string; ics: string } | null> {
  const source = await findCalendarSource(db, token);
  if (!source) return null;
  const { programme, group } = source;
  const ics = renderCalendar({
    name: group ? `${group.name} (${programme.name})` : programme.name,
    programmeSlug: programme.slug,
    timezone: programme.timezone,
    sessions: source.sessions,
    deadlines: source.deadlines,
  });
  return { filename: `${group ? `${programme.slug}-${group.slug}` : programme.slug}.ics`, ics };
}
