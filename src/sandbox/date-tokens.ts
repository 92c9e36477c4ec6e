/**
 * Slack's `<!date^…>` format tokens as a Slack client shows them to one reader: in the reader's
 * zone, with today, yesterday and tomorrow for the "pretty" ones. Pure: the zone and `now` are
 * arguments.
 *
 * What each token shows follows Slack's reference (docs.slack.dev "Formatting message text" and
 * the date element in @slack/types), with the examples it gives:
 *   {date_num} 2013-12-23 · {date_slash} 23/12/2013 · {date_long} Monday, December 23rd, 2013 ·
 *   {date_long_full} August 9, 2020 · {date} August 9th (the year added outside the current
 *   one) · {date_short} Aug 9, 2020 · {date_pretty}, {date_short_pretty}, {date_long_pretty}
 *   today / yesterday / tomorrow, else {date}, {date_short}, {date_long} ·
 *   {day_divider_pretty} today / yesterday / tomorrow, else {date_long} without the year in the
 *   current year · {time} 3:00 PM · {time_secs} 3:00:45 PM · {ago} 3 minutes ago, in 2 days.
 * Times use the 12-hour clock (Slack's default; a user preference there). A relative day starts
 * with a capital when it opens the text ("Today at 3:00 PM", "due today at 3:00 PM").
 */
import { DateTime, IANAZone } from "luxon";

const LOCALE = "en-US";

/** The zone if Luxon knows it, else UTC: a bad zone in a seeded user must not break a page. */
export const knownZone = (zone: string): string => (zone && IANAZone.isValidZone(zone) ? zone : "UTC");

const ordinal = (n: number): string => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
};

const at = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone: knownZone(zone) }).setLocale(LOCALE);

/** -1, 0 or 1 for yesterday, today or tomorrow in the reader's zone; null otherwise. */
function relativeDay(when: DateTime, now: DateTime): number | null {
  const days = Math.round(when.startOf("day").diff(now.startOf("day"), "days").days);
  return days >= -1 && days <= 1 ? days : null;
}

const DAY_WORDS: Record<number, string> = { [-1]: "yesterday", 0: "today", 1: "tomorrow" };

type TokenFormatter = (when: DateTime, now: DateTime) => string;

const longDate = (w: DateTime, year: boolean) => `${w.toFormat("cccc, LLLL")} ${ordinal(w.day)}${year ? `, ${w.year}` : ""}`;
const plainDate = (w: DateTime, now: DateTime) => `${w.toFormat("LLLL")} ${ordinal(w.day)}${w.year === now.year ? "" : `, ${w.year}`}`;
const pretty =
  (otherwise: TokenFormatter): TokenFormatter =>
  (w, now) => {
    const day = relativeDay(w, now);
    return day === null ? otherwise(w, now) : DAY_WORDS[day]!;
  };

const TOKENS: Record<string, TokenFormatter> = {
  date_num: (w) => w.toFormat("yyyy-LL-dd"),
  date_slash: (w) => w.toFormat("dd/LL/yyyy"),
  date: plainDate,
  date_short: (w) => w.toFormat("LLL d, yyyy"),
  date_long: (w) => longDate(w, true),
  date_long_full: (w) => w.toFormat("LLLL d, yyyy"),
  date_pretty: pretty(plainDate),
  date_short_pretty: pretty((w) => w.toFormat("LLL d, yyyy")),
  date_long_pretty: pretty((w) => longDate(w, true)),
  day_divider_pretty: pretty((w, now) => longDate(w, w.year !== now.year)),
  time: (w) => w.toFormat("h:mm a"),
  time_secs: (w) => w.toFormat("h:mm:ss a"),
  ago: (w, now) => (Math.abs(w.diff(now, "seconds").seconds) < 60 ? "just now" : (w.toRelative({ base: now, locale: LOCALE }) ?? "")),
};

/** True for the tokens a reader's client replaces; others stay as written, as in Slack. */
export const isDateToken = (name: string): boolean => Object.hasOwn(TOKENS, name);

/** `format` with each token replaced, as plain text (the caller escapes it). */
export function formatDateTokens(instant: Date, format: string, zone: string, now: Date): string {
  const when = at(instant, zone);
  const base = at(now, zone);
  return format.replace(/\{(\w+)\}/g, (whole, name: string, offset: number) => {
    if (!isDateToken(name)) return whole;
    const text = TOKENS[name]!(when, base);
    return offset === 0 && /^(today|yesterday|tomorrow)/.test(text) ? text[0]!.toUpperCase() + text.slice(1) : text;
  });
}

/** The full moment in the reader's zone, for a tooltip: "Monday, March 14, 2022 at 3:00 PM CDT". */
export const dateTitle = (instant: Date, zone: string): string => at(instant, zone).toFormat("cccc, LLLL d, yyyy 'at' h:mm a ZZZZ");

/** A valid `<time datetime>` value: the moment with the reader's offset, "2022-03-14T15:00:00-05:00". */
export const dateIso = (instant: Date, zone: string): string =>
  at(instant, zone).toISO({ suppressMilliseconds: true }) ?? instant.toISOString();
