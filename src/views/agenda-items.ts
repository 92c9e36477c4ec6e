/**
 * How a session or a deadline reads in Convene's replies and Home tab: every time is a Slack date
 * token (each reader sees their own zone) whose fallback is written in the reader's zone, and
 * every scheduled session carries add-to-calendar links. Pure.
 */
import type { KnownBlock } from "@slack/types";
import type { AgendaDeadline, AgendaSession } from "../domain/agenda";
import { escapeMrkdwn, slackLink } from "./message";
import { calendarLinks, slackDate } from "./slack-date";

export interface SessionItem extends AgendaSession {
  /** Its .ics file, for calendar apps other than Google's and Outlook's on the web. */
  icsUrl?: string;
}

export type DeadlineItem = AgendaDeadline;

const SESSION_WHEN = "{date_short_pretty} at {time}";

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** "Wed, Nov 10, 2021 at 4:00 PM EST – 5:00 PM EST", as tokens. */
export const sessionWhen = (s: Pick<SessionItem, "startsAt" | "endsAt">, zone: string) =>
  `${slackDate(s.startsAt, SESSION_WHEN, zone)} – ${slackDate(s.endsAt, "{time}", zone)}`;

function whereLine(s: SessionItem): string {
  if (s.format === "IN_PERSON") return `:round_pushpin: ${s.location ? escapeMrkdwn(s.location) : "Location to be announced"}`;
  if (s.meetingUrl) return `:computer: Online · ${slackLink(s.meetingUrl, "Meeting link")}`;
  if (s.groupName) return ":computer: Online (the link is shared in the group's channel)";
  // A programme-wide session has no group channel: its reminder goes to the announcement channel.
  return s.announcementChannelId
    ? `:computer: Online (the link is shared in <#${s.announcementChannelId}>)`
    : ":computer: Online (coalition staff share the link before it starts)";
}

function calendarLine(s: SessionItem): string {
  // A short description keeps the links well inside Slack's text limits.
  const links = calendarLinks({ ...s, description: s.description && clip(s.description, 200) });
  const ics = s.icsUrl ? ` · ${slackLink(s.icsUrl, ".ics file")}` : "";
  return `:spiral_calendar_pad: Add to calendar: ${slackLink(links.google, "Google")} · ${slackLink(links.outlook, "Outlook")}${ics}`;
}

/** The mrkdwn of one session: what, when (tokens), where, and add-to-calendar links unless cancelled. */
export function sessionText(s: SessionItem, zone: string, opts: { showGroup?: boolean } = {}): string {
  const scope = s.groupName ?? s.programmeName;
  const title = `*${escapeMrkdwn(s.title)}*${opts.showGroup === false ? "" : ` · ${escapeMrkdwn(scope)}`}`;
  if (s.status === "CANCELLED") return `:no_entry_sign: *Cancelled:* ~${title}~\n~${sessionWhen(s, zone)}~`;
  return [title, `:calendar: ${sessionWhen(s, zone)}`, whereLine(s), calendarLine(s)].join("\n");
}

export const sessionBlock = (s: SessionItem, zone: string, opts: { showGroup?: boolean } = {}): KnownBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: sessionText(s, zone, opts) },
});

/** One line per deadline: what is due and when, in the reader's zone. */
export const deadlineText = (d: DeadlineItem, zone: string) =>
  `:hourglass_flowing_sand: *${escapeMrkdwn(d.title)}* · due ${slackDate(d.dueAt, SESSION_WHEN, zone)}\n${escapeMrkdwn(d.programmeName)}`;
