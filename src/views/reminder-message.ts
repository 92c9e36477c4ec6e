import type { ActionsBlock, Button, KnownBlock } from "@slack/types";
import { escapeMrkdwn, linkUrl, type Message } from "./message";
import { calendarLinks, fallbackText, slackDate } from "./slack-date";

/** Action ids of the buttons on Convene's reminders; every value is the session id. */
export const RSVP_GOING = "rsvp_going";
export const RSVP_NOT_GOING = "rsvp_not_going";
/** Opens who answered, by name; the service shows it only to staff and the group's facilitators. */
export const RSVP_WHO = "rsvp_who";
export const REMINDER_ADD_TO_CALENDAR = "reminder_add_to_calendar";
export const REMINDER_ADD_TO_OUTLOOK = "reminder_add_to_outlook";
export const REMINDER_DOWNLOAD_ICS = "reminder_download_ics";
export const REMINDER_JOIN_MEETING = "reminder_join_meeting";
export const ATTENDANCE_RECORD = "attendance_record";
export const ATTENDANCE_SHARE_NOTES = "attendance_share_notes";
export const REMINDER_ACTIONS_BLOCK = "reminder_actions";

export interface SessionView {
  id: string;
  title: string;
  programmeName: string;
  groupName: string | null;
  /** FACILITATORS: a session only for the programme's facilitators. */
  audience?: "EVERYONE" | "FACILITATORS";
  startsAt: Date;
  endsAt: Date;
  /** The zone of the fallback text: the reader's in a DM, else the session's own. */
  timezone: string;
  format: "VIRTUAL" | "IN_PERSON";
  location: string | null;
  meetingUrl: string | null;
  description: string | null;
  agenda: string | null;
  facilitators: { name: string; slackUserId: string | null }[];
  /** The session's .ics file (`services/feed-url.ts`), offered beside Google and Outlook. */
  icsUrl?: string;
}

export interface RsvpCounts {
  going: number;
  notGoing: number;
}

export interface DeadlineView {
  id: string;
  title: string;
  programmeName: string;
  description: string | null;
  dueAt: Date;
  timezone: string;
}

const MAX_SECTION = 3000;
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: clip(text, MAX_SECTION) } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

const WHEN = "{date_long_pretty} at {time}";
const plainTime = (at: Date, timezone: string) => fallbackText(at, WHEN, timezone);
const slackTime = (at: Date, timezone: string, format = WHEN) => slackDate(at, format, timezone);

const whereLine = (s: SessionView) =>
  s.format === "VIRTUAL"
    ? `:computer: Online${s.meetingUrl ? "" : " (the link will be shared in the channel)"}`
    : `:round_pushpin: ${s.location ? escapeMrkdwn(s.location) : "Location to be announced"}`;

const facilitatorsLine = (s: SessionView) =>
  s.facilitators.length === 0
    ? null
    : `Facilitated by ${s.facilitators.map((f) => (f.slackUserId ? `<@${f.slackUserId}>` : escapeMrkdwn(f.name))).join(", ")}`;

const where = (s: SessionView) =>
  s.groupName
    ? `${escapeMrkdwn(s.groupName)} · ${escapeMrkdwn(s.programmeName)}`
    : `${s.audience === "FACILITATORS" ? "For facilitators · " : ""}${escapeMrkdwn(s.programmeName)}`;

const button = (text: string, actionId: string, extra: Partial<Button> = {}): Button => ({
  type: "button",
  text: { type: "plain_text", text: clip(text, 75), emoji: true },
  action_id: actionId,
  ...extra,
});

function sessionActions(s: SessionView, counts: RsvpCounts | null): ActionsBlock {
  const elements: Button[] = [];
  if (counts) {
    elements.push(
      button(`Going (${counts.going})`, RSVP_GOING, { value: s.id, style: "primary" }),
      button(`Can't make it (${counts.notGoing})`, RSVP_NOT_GOING, { value: s.id }),
    );
  }
  if (s.format === "VIRTUAL" && s.meetingUrl)
    elements.push(button("Join meeting", REMINDER_JOIN_MEETING, { url: linkUrl(s.meetingUrl), value: s.id }));
  const links = calendarLinks(s);
  elements.push(
    button("Add to Google Calendar", REMINDER_ADD_TO_CALENDAR, { url: links.google, value: s.id }),
    button("Add to Outlook", REMINDER_ADD_TO_OUTLOOK, { url: links.outlook, value: s.id }),
  );
  if (s.icsUrl) elements.push(button("Download .ics", REMINDER_DOWNLOAD_ICS, { url: s.icsUrl, value: s.id }));
  if (counts) elements.push(button("Who's coming", RSVP_WHO, { value: s.id }));
  return { type: "actions", block_id: REMINDER_ACTIONS_BLOCK, elements };
}

/**
 * The reminder before a session: what, when, where, who, the agenda, and RSVP buttons with counts.
 * `presenting`: the same reminder in the channel of a group the session features.
 */
export function reminderMessage(s: SessionView, opts: { counts: RsvpCounts; late: boolean; presenting?: boolean }): Message {
  const when = `:calendar: ${slackTime(s.startsAt, s.timezone)} – ${slackTime(s.endsAt, s.timezone, "{time}")}`;
  const heading = opts.presenting
    ? `:star2: *Your group presents on ${slackTime(s.startsAt, s.timezone, "{date_long}")}*, at ${escapeMrkdwn(s.title)}.`
    : `*Reminder: ${escapeMrkdwn(s.title)}*`;
  const blocks: KnownBlock[] = [
    section(`${heading}\n${where(s)}`),
    section([when, whereLine(s), facilitatorsLine(s)].filter(Boolean).join("\n")),
  ];
  if (s.agenda) blocks.push(section(`*Agenda*\n${escapeMrkdwn(s.agenda)}`));
  else if (s.description) blocks.push(section(escapeMrkdwn(s.description)));
  blocks.push(sessionActions(s, opts.counts));
  if (opts.late) blocks.push(context(":hourglass: Sent late: Convene could not send this reminder on time."));
  const text = opts.presenting
    ? `Your group presents on ${fallbackText(s.startsAt, "{date_long}", s.timezone)}, at ${escapeMrkdwn(s.title)}.`
    : `Reminder: ${escapeMrkdwn(s.title)}, ${plainTime(s.startsAt, s.timezone)}`;
  return { text, blocks };
}

/** Posted in the thread of a reminder that already went out, when the session moved. */
export function changeNoticeMessage(s: SessionView, opts: { previousStartsAt: Date }): Message {
  const now = slackTime(s.startsAt, s.timezone);
  const before = slackTime(opts.previousStartsAt, s.timezone);
  return {
    text: `Rescheduled: ${escapeMrkdwn(s.title)} is now ${plainTime(s.startsAt, s.timezone)} (was ${plainTime(opts.previousStartsAt, s.timezone)})`,
    blocks: [
      section(
        `:arrows_counterclockwise: *Rescheduled: ${escapeMrkdwn(s.title)}*\nNow ${now} – ${slackTime(s.endsAt, s.timezone, "{time}")}\n~${before}~`,
      ),
      sessionActions(s, null),
    ],
  };
}

/** Posted in the thread of a reminder that already went out, when the session will not happen. */
export function cancellationMessage(s: SessionView, opts: { reason: "cancelled" | "blackout" }): Message {
  const why = opts.reason === "blackout" ? " It falls on a holiday or blackout date." : "";
  return {
    text: `Cancelled: ${escapeMrkdwn(s.title)} on ${plainTime(s.startsAt, s.timezone)} will not take place.${why}`,
    blocks: [
      section(`:no_entry_sign: *Cancelled: ${escapeMrkdwn(s.title)}*\n${slackTime(s.startsAt, s.timezone)} will not take place.${why}`),
    ],
  };
}

export function deadlineReminderMessage(d: DeadlineView, opts: { late: boolean }): Message {
  const blocks: KnownBlock[] = [
    section(
      `:hourglass_flowing_sand: *${escapeMrkdwn(d.title)}* is due ${slackTime(d.dueAt, d.timezone)}\n${escapeMrkdwn(d.programmeName)}`,
    ),
  ];
  if (d.description) blocks.push(section(escapeMrkdwn(d.description)));
  if (opts.late) blocks.push(context(":hourglass: Sent late: Convene could not send this reminder on time."));
  return { text: `${escapeMrkdwn(d.title)} is due ${plainTime(d.dueAt, d.timezone)}`, blocks };
}

/** Who recorded a session's attendance, for the prompt to show once it is done. */
export interface AttendanceRecorded {
  bySlackId: string;
  attended: number;
  total: number;
}

/**
 * Sent to each facilitator (staff, for a programme-wide session) an hour after the session; shows
 * the attendance once someone records it, and says so when it comes late.
 */
export function attendancePromptMessage(s: SessionView, opts: { recorded?: AttendanceRecorded; late?: boolean } = {}): Message {
  const { recorded } = opts;
  const done = recorded
    ? [
        context(
          `:white_check_mark: Attendance recorded by <@${recorded.bySlackId}>: ${recorded.attended} of ${recorded.total} members attended. Record again to correct it.`,
        ),
      ]
    : [];
  if (opts.late) done.push(context(":hourglass: Sent late: Convene could not ask on time, an hour after the session ended."));
  return {
    text: recorded
      ? `Attendance for ${s.title} is recorded: ${recorded.attended} of ${recorded.total} attended.`
      : `How did ${s.title} go? Record attendance and share your notes.`,
    blocks: [
      section(
        `:clipboard: *How did ${escapeMrkdwn(s.title)} go?*\n${where(s)} · ${slackTime(s.startsAt, s.timezone)}\nRecord who attended and share your notes with the group.`,
      ),
      ...done,
      {
        type: "actions",
        block_id: "attendance_actions",
        elements: [
          button("Record attendance", ATTENDANCE_RECORD, { value: s.id, ...(recorded ? {} : { style: "primary" as const }) }),
          button("Share notes", ATTENDANCE_SHARE_NOTES, { value: s.id }),
        ],
      },
    ],
  };
}
