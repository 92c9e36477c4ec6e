/**
 * Times as Slack shows them: a `<!date^...>` token that each reader's client renders in their own
 * time zone, with a readable fallback (in a named zone) wherever tokens are not rendered, such as
 * notifications. Also add-to-calendar links for a session. Pure.
 */
import { DateTime } from "luxon";

/**
 * Slack's date tokens and how each reads in the fallback. The "pretty" ones say today or
 * yesterday in Slack; a fallback cannot know when it is read, so it gives the date.
 */
const FALLBACK: Record<string, string> = {
  date_num: "yyyy-LL-dd",
  date_slash: "dd/LL/yyyy",
  date: "LLLL d, yyyy",
  date_short: "LLL d, yyyy",
  date_long: "cccc, LLLL d, yyyy",
  date_long_full: "LLLL d, yyyy",
  date_pretty: "LLLL d, yyyy",
  date_short_pretty: "ccc, LLL d, yyyy",
  date_long_pretty: "cccc, LLLL d, yyyy",
  day_divider_pretty: "cccc, LLLL d, yyyy",
  time: "h:mm a",
  time_secs: "h:mm:ss a",
  ago: "LLL d, yyyy 'at' h:mm a",
};

const TOKEN = /\{(\w+)\}/g;
const escapeEntities = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Fallbacks made recently: a reminder re-rendered, or answered by a crowd, shows the same session's
 * time again and again, and luxon builds an Intl formatter for each zone name it prints.
 */
const made = new Map<string, string>();
const MADE_KEPT = 1000;

/** The fallback text alone: "Wed, Oct 13, 2021 at 3:00 PM EDT" for "{date_short_pretty} at {time}". */
export function fallbackText(instant: Date, format: string, zone: string): string {
  const key = `${instant.getTime()}|${zone}|${format}`;
  let text = made.get(key);
  if (text === undefined) {
    text = formatFallback(instant, format, zone);
    if (made.size >= MADE_KEPT) made.clear();
    made.set(key, text);
  }
  return text;
}

function formatFallback(instant: Date, format: string, zone: string): string {
  const at = DateTime.fromJSDate(instant, { zone }).setLocale("en-US");
  let showsTime = false;
  const text = format.replace(TOKEN, (whole, token: string) => {
    const pattern = FALLBACK[token];
    if (!pattern) return whole;
    if (token.startsWith("time") || token === "ago") showsTime = true;
    return at.toFormat(pattern);
  });
  // A time without its zone is ambiguous to a reader elsewhere.
  return showsTime ? `${text} ${at.toFormat("ZZZZ")}` : text;
}

/**
 * `<!date^1634151600^{date_short_pretty} at {time}|Wed, Oct 13, 2021 at 3:00 PM EDT>`.
 * `format` holds Slack's tokens ({date_num}, {date}, {date_short}, {date_long}, their _pretty
 * forms, {time}, {time_secs}, {ago}); `link`, when given, makes the rendered date a link.
 */
export function slackDate(instant: Date, format: string, fallbackZone: string, link?: string): string {
  const unix = Math.floor(instant.getTime() / 1000);
  return `<!date^${unix}^${format}${link ? `^${link}` : ""}|${escapeEntities(fallbackText(instant, format, fallbackZone))}>`;
}

/**
 * "on Oct 13, 2021 at 3:00 PM", for a sentence that needs "on": Slack renders the `_pretty`
 * tokens as "Today", "Yesterday" or "Tomorrow" when they apply, which cannot follow "on", so this
 * uses a plain date in both the token and its fallback. Without "on", the `_pretty` tokens read
 * well ("Submitted Today at 10:08 AM", "due Tomorrow at 5:00 PM").
 */
export const onDate = (instant: Date, fallbackZone: string): string => `on ${slackDate(instant, "{date_short} at {time}", fallbackZone)}`;

export interface CalendarLinkSession {
  title: string;
  /** Null for a session of the whole programme. */
  groupName?: string | null;
  description?: string | null;
  location?: string | null;
  meetingUrl?: string | null;
  startsAt: Date;
  endsAt: Date;
}

/** "<group> · <session>": a calendar shows the title alone, and "Virtual Group Session" says nothing. */
export const eventTitle = (s: { title: string; groupName?: string | null }) => (s.groupName ? `${s.groupName} · ${s.title}` : s.title);

const utcStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * Links that open a session prefilled in Google Calendar and in Outlook on the web, in UTC so the
 * reader's calendar shows it in their own zone. Calendar subscriptions (the .ics feeds) are the
 * way to follow later moves; these add a one-off copy.
 */
export function calendarLinks(session: CalendarLinkSession): { google: string; outlook: string } {
  // Long descriptions make URLs that some clients refuse.
  const details = clip([session.description, session.meetingUrl].filter(Boolean).join("\n\n"), 1000);
  const where = session.location ?? session.meetingUrl ?? "";
  const google = new URLSearchParams({
    action: "TEMPLATE",
    text: eventTitle(session),
    dates: `${utcStamp(session.startsAt)}/${utcStamp(session.endsAt)}`,
    details,
    location: where,
  });
  const outlook = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: eventTitle(session),
    startdt: session.startsAt.toISOString(),
    enddt: session.endsAt.toISOString(),
    body: details,
    location: where,
  });
  return {
    google: `https://calendar.google.com/calendar/render?${google}`,
    outlook: `https://outlook.office.com/calendar/0/deeplink/compose?${outlook}`,
  };
}
