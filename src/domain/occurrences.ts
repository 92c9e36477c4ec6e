/**
 * Sessions as wall-clock time plus an IANA zone, expanded into one occurrence per date. Instants
 * are derived from the wall-clock time on each date, so a daylight-saving change never moves a
 * meeting: 15:00 in America/New_York is 19:00Z in October and 20:00Z in November. Pure.
 */
import { DateTime, IANAZone } from "luxon";
import { Frequency, RRule, Weekday } from "rrule";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];
export const ORDINALS = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, last: -1 } as const;
export type Ordinal = keyof typeof ORDINALS;

/** "every month on the second wednesday from 2021-11-10 until 2022-05-18". */
export interface Recurrence {
  every: "week" | "month";
  interval: number;
  weekday: WeekdayName;
  /** For monthly rules: which weekday of the month (1..5, or -1 for the last). */
  nth: number | null;
  from: string;
  until: string;
}

/** How a series is scheduled: a rule, or a plain list of dates. */
export type SeriesDates = { kind: "repeat"; rule: Recurrence } | { kind: "dates"; dates: string[] };

/** A change to one occurrence, keyed by the date the series gives it. */
export interface OccurrenceChange {
  date?: string;
  localTime?: string;
  durationMinutes?: number;
  cancelled?: true;
}

export interface Occurrence {
  key: string;
  /** The date the series gives it; the key derives from it, so a moved occurrence keeps its key. */
  seriesDate: string;
  localStart: string;
  durationMinutes: number;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const isZone = (zone: string): boolean => IANAZone.isValidZone(zone);

/** True for a real calendar date written YYYY-MM-DD (so not 2021-02-30). */
export function isLocalDate(text: string): boolean {
  return DATE.test(text) && DateTime.fromISO(text, { zone: "utc" }).isValid;
}

export const isLocalTime = (text: string): boolean => TIME.test(text);

/** The instant a wall-clock time "YYYY-MM-DDTHH:mm" names in a zone. */
export function localInstant(localDateTime: string, zone: string): Date {
  const dt = DateTime.fromISO(localDateTime, { zone });
  if (!dt.isValid) throw new Error(`Invalid local time ${localDateTime} in ${zone}: ${dt.invalidExplanation}`);
  return dt.toJSDate();
}

/** True when the wall-clock time falls in a daylight-saving gap and so never happens there. */
export function isSkippedByClockChange(localDateTime: string, zone: string): boolean {
  const dt = DateTime.fromISO(localDateTime, { zone });
  return dt.toFormat("yyyy-MM-dd'T'HH:mm") !== localDateTime;
}

const RRULE_DAYS = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];

// rrule computes in "floating" time: UTC fields stand for the local wall clock, so no zone or
// machine offset ever shifts a date. Only dates come out of it; times are applied in the zone.
const floating = (date: string) => {
  const [, y, m, d] = DATE.exec(date)!;
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
};
const dateOf = (d: Date) => d.toISOString().slice(0, 10);
const basic = (date: string) => date.replaceAll("-", "");
const fromBasic = (text: string) => `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;

function rruleOf(rule: Recurrence): RRule {
  const day = RRULE_DAYS[WEEKDAYS.indexOf(rule.weekday)]!;
  return new RRule({
    freq: rule.every === "week" ? Frequency.WEEKLY : Frequency.MONTHLY,
    interval: rule.interval,
    byweekday: [rule.nth === null ? day : day.nth(rule.nth)],
    dtstart: floating(rule.from),
    until: new Date(floating(rule.until).getTime() + 86_399_000),
  });
}

/** The local dates a schedule names, before exceptions, in order. */
export function scheduledDates(schedule: SeriesDates): string[] {
  if (schedule.kind === "dates") return [...schedule.dates].sort();
  return rruleOf(schedule.rule).all().map(dateOf);
}

/**
 * The RFC 5545 text stored in SessionSeries.rule (without DTSTART, which is firstDate): an RRULE
 * line for a rule, an RDATE line for a list of dates.
 */
export function seriesRuleText(schedule: SeriesDates): string {
  if (schedule.kind === "dates") return `RDATE;VALUE=DATE:${scheduledDates(schedule).map(basic).join(",")}`;
  const { rule } = schedule;
  const day = RRULE_DAYS[WEEKDAYS.indexOf(rule.weekday)]!;
  const byday = rule.nth === null ? day : day.nth(rule.nth);
  const freq = rule.every === "week" ? "WEEKLY" : "MONTHLY";
  return `RRULE:FREQ=${freq};INTERVAL=${rule.interval};BYDAY=${byday.toString()};UNTIL=${basic(rule.until)}`;
}

/** Reads back what seriesRuleText wrote. */
export function parseSeriesRule(text: string, firstDate: string): SeriesDates {
  const rdate = /^RDATE;VALUE=DATE:(.*)$/.exec(text);
  if (rdate) return { kind: "dates", dates: rdate[1]!.split(",").map(fromBasic) };
  const options = RRule.parseString(text.replace(/^RRULE:/, ""));
  const byday = Array.isArray(options.byweekday) ? options.byweekday[0] : options.byweekday;
  if (!(byday instanceof Weekday) || !options.until) throw new Error(`Unsupported series rule: ${text}`);
  return {
    kind: "repeat",
    rule: {
      every: options.freq === Frequency.WEEKLY ? "week" : "month",
      interval: options.interval ?? 1,
      weekday: WEEKDAYS[byday.weekday]!,
      nth: byday.n ?? null,
      from: firstDate,
      until: dateOf(options.until),
    },
  };
}

export const addMinutes = (localTime: string, minutes: number): string =>
  DateTime.fromISO(`2000-01-01T${localTime}`, { zone: "utc" }).plus({ minutes }).toFormat("HH:mm");

/** One occurrence at a wall-clock time in a zone. */
export function occurrenceAt(
  key: string,
  seriesDate: string,
  localStart: string,
  durationMinutes: number,
  zone: string,
  cancelled: boolean,
): Occurrence {
  const start = DateTime.fromISO(localStart, { zone });
  return {
    key,
    seriesDate,
    localStart,
    durationMinutes,
    startsAt: start.toJSDate(),
    // Added in absolute minutes: a 90-minute meeting lasts 90 minutes even across a clock change.
    endsAt: start.plus({ minutes: durationMinutes }).toJSDate(),
    cancelled,
  };
}

/**
 * Every occurrence of a series, keyed `<series-key>/<series-date>`: exceptions and blackout dates
 * removed, then each occurrence's own change (moved, retimed, cancelled) applied.
 */
export function expandSeries(series: {
  key: string;
  schedule: SeriesDates;
  localTime: string;
  durationMinutes: number;
  timezone: string;
  except?: readonly string[];
  blackouts?: readonly string[];
  changes?: Readonly<Record<string, OccurrenceChange>>;
}): Occurrence[] {
  const skipped = new Set([...(series.except ?? []), ...(series.blackouts ?? [])]);
  return scheduledDates(series.schedule)
    .filter((date) => !skipped.has(date))
    .map((date) => {
      const change = series.changes?.[date] ?? {};
      const localStart = `${change.date ?? date}T${change.localTime ?? series.localTime}`;
      const duration = change.durationMinutes ?? series.durationMinutes;
      return occurrenceAt(`${series.key}/${date}`, date, localStart, duration, series.timezone, change.cancelled === true);
    });
}
