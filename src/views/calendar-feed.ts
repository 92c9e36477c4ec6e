/**
 * A person's, programme's or group's sessions and deadlines as an iCalendar feed that Google Calendar and
 * Outlook subscribe to. UIDs derive from the programme slug and the session or deadline key, so
 * an event keeps its identity across imports; SEQUENCE grows with every change, so a moved
 * session moves in subscribers' calendars. Times are written in UTC: no VTIMEZONE needed. Pure.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import type { CalendarDeadline, CalendarSession } from "../domain/calendar-events";
import { eventTitle } from "./slack-date";

export interface CalendarFeed {
  name: string;
  programmeSlug: string;
  timezone: string;
  sessions: readonly CalendarSession[];
  deadlines: readonly CalendarDeadline[];
}

const HOST = "convene";
export const sessionUid = (programmeSlug: string, key: string) => `session/${programmeSlug}/${key}@${HOST}`;
export const deadlineUid = (programmeSlug: string, key: string) => `deadline/${programmeSlug}/${key}@${HOST}`;

function sessionDescription(s: CalendarSession): string | null {
  const parts = [
    s.description,
    s.featuredGroupNames.length ? `Featuring: ${s.featuredGroupNames.join(", ")}` : null,
    s.meetingUrl ? `Join: ${s.meetingUrl}` : null,
  ].filter((p): p is string => !!p);
  return parts.length ? parts.join("\n\n") : null;
}

/** The feed's text (text/calendar). */
export function renderCalendar(feed: CalendarFeed): string {
  const calendar = ical({
    name: feed.name,
    prodId: { company: "Convene", product: "Convene", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    // How often subscribers should fetch again; Google and Outlook treat it as a hint.
    ttl: 60 * 60,
  });
  calendar.x([{ key: "X-WR-TIMEZONE", value: feed.timezone }]);
  for (const s of feed.sessions) {
    const cancelled = s.status === "CANCELLED";
    const title = eventTitle(s);
    calendar.createEvent({
      id: sessionUid(s.programmeSlug ?? feed.programmeSlug, s.key),
      sequence: s.sequence,
      stamp: s.updatedAt,
      lastModified: s.updatedAt,
      start: s.startsAt,
      end: s.endsAt,
      // Some clients show cancelled events in a subscribed feed: say so in the title too.
      summary: cancelled ? `Cancelled: ${title}` : title,
      description: sessionDescription(s),
      location: s.location ?? s.meetingUrl,
      url: s.meetingUrl,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  for (const d of feed.deadlines) {
    calendar.createEvent({
      id: deadlineUid(d.programmeSlug ?? feed.programmeSlug, d.key),
      sequence: d.sequence,
      stamp: d.updatedAt,
      lastModified: d.updatedAt,
      ...(d.wholeDay
        ? { start: DateTime.fromISO(d.localDue.slice(0, 10), { zone: d.timezone }), allDay: true }
        : { start: d.dueAt, end: d.dueAt }),
      summary: d.title,
      description: d.description,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
