/**
 * Next year from this one: the programme file for the next school year, made from this year's.
 * It keeps the groups marked `continuing` (with their facilitators), the reminder rules, the
 * blackouts and the timeline, every date moved by the same whole number of weeks so weekdays and
 * the spacing between dates hold (2021-10-13, a Wednesday, becomes 2022-10-12). Times stay wall
 * clock in their zone, as for any session, so a daylight-saving change never moves a meeting.
 * Pure: the service loads the spec and imports the result through the ordinary import path.
 */
import { DateTime } from "luxon";
import { type OccurrenceChange, scheduledDates } from "./occurrences";
import type { ChannelWish, GroupSpec, ProgrammeSpec, ScheduleSpec, SessionSpec } from "./programme-file";
import { schoolYear } from "./school-year";

const utcDate = (date: string) => DateTime.fromISO(date, { zone: "utc" });

/** The date `days` later, YYYY-MM-DD. */
export const shiftDate = (date: string, days: number): string => utcDate(date).plus({ days }).toISODate()!;

/**
 * How many days later next year's dates fall: 364 (52 weeks), or 371 when 52 weeks would slip
 * `anchor` out of its place in its month, which keeps a programme from creeping a day or two
 * earlier every year: the second Wednesday of October stays the second Wednesday of October.
 */
export function nextYearOffset(anchor: string): number {
  const date = utcDate(anchor);
  const nth = Math.ceil(date.day / 7);
  const month = date.plus({ years: 1 }).startOf("month");
  const first = month.plus({ days: (date.weekday - month.weekday + 7) % 7 });
  let target = first.plus({ weeks: nth - 1 });
  // A fifth weekday the month lacks next year: its last.
  if (target.month !== first.month) target = target.minus({ weeks: 1 });
  const days = Math.round(target.diff(date, "days").days);
  return days === 371 ? 371 : 364;
}

/** "2021-2022" becomes "2022-2023", "2021-22" "2022-23": the school year named in a name or title. */
export function nextSchoolYearText(text: string): string {
  return text.replace(/\b(\d{4})([-–/])(\d{4}|\d{2})\b/g, (whole, a: string, sep: string, b: string) => {
    const start = Number(a);
    const end = b.length === 4 ? Number(b) : Number(a.slice(0, 2) + b);
    // Past 9998 the next year would be longer and could push a text at its limit over it.
    if (end !== start + 1 || start + 2 > 9999) return whole;
    return `${start + 1}${sep}${b.length === 4 ? start + 2 : String(start + 2).slice(2)}`;
  });
}

export interface DateMove {
  what: "deadline" | "session" | "blackout";
  key: string;
  title: string;
  from: string[];
  to: string[];
}

export interface RolloverPlan {
  from: { slug: string; name: string };
  to: { slug: string; name: string };
  days: number;
  /** The school year most of the new dates fall in, e.g. "2022-2023"; null for a programme with no dates. */
  schoolYear: string | null;
  groupsKept: string[];
  groupsLeft: string[];
  moves: DateMove[];
  /** Sessions of groups left behind, not carried over. */
  sessionsLeft: string[];
  reminderRules: number;
  /** Channels the new programme asks for: created when it is applied, as for any import. */
  channels: string[];
  spec: ProgrammeSpec;
}

/** Every date a programme names, for the anchor and the school year. */
function datesOf(spec: ProgrammeSpec): string[] {
  return [
    ...spec.deadlines.map((d) => d.localDue.slice(0, 10)),
    ...spec.sessions.flatMap((s) => scheduleDates(s.schedule)),
    ...spec.blackouts.map((b) => b.date),
  ].sort();
}

const scheduleDates = (s: ScheduleSpec): string[] =>
  s.kind === "once"
    ? [s.date]
    : s.kind === "dates"
      ? s.dates
      : scheduledDates({ kind: "repeat", rule: s.rule }).filter((d) => !s.except.includes(d));

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

/**
 * A group's channel for next year, a new one whose name cannot be last year's: its school year
 * moved on, or the year added. A linked channel was not Convene's to name: the group's slug is.
 */
function nextChannel(wish: ChannelWish | null, fallback: string, year: string | null): ChannelWish | null {
  if (!wish) return null;
  const suffix = year ? `-${year.slice(0, 4)}-${year.slice(7)}` : "-next";
  const base = "create" in wish ? wish.create : fallback;
  const moved = nextSchoolYearText(base);
  const name = moved !== base ? moved : `${base.slice(0, 80 - suffix.length)}${suffix}`;
  return { create: name };
}

function shiftSchedule(s: ScheduleSpec, days: number): ScheduleSpec {
  const shift = (d: string) => shiftDate(d, days);
  const shiftChanges = (changes: Record<string, OccurrenceChange>, key: (d: string) => string | null) =>
    Object.fromEntries(
      Object.entries(changes).flatMap(([d, c]) => {
        const k = key(d);
        if (!k) return [];
        // A moved occurrence keeps its distance from the date the series gives it.
        const moved = (to: string) => shiftDate(to, Math.round(utcDate(k).diff(utcDate(d), "days").days));
        return [[k, { ...c, ...(c.date !== undefined && { date: moved(c.date) }) }]];
      }),
    );
  if (s.kind === "once") return { ...s, date: shift(s.date) };
  if (s.kind === "dates") return { kind: "dates", dates: s.dates.map(shift), changes: shiftChanges(s.changes, shift) };
  const rule = { ...s.rule, from: shift(s.rule.from), until: shift(s.rule.until) };
  if (s.rule.every === "week") return { kind: "repeat", rule, except: s.except.map(shift), changes: shiftChanges(s.changes, shift) };
  // A monthly rule ("second wednesday") gives its own dates next year: an exception or change
  // follows the occurrence of the same month.
  const byMonth = new Map(scheduledDates({ kind: "repeat", rule }).map((d) => [d.slice(0, 7), d]));
  const sameMonth = (d: string) => byMonth.get(utcDate(d).plus({ years: 1 }).toISODate()!.slice(0, 7)) ?? null;
  return {
    kind: "repeat",
    rule,
    except: s.except.map(sameMonth).filter((d): d is string => d !== null),
    changes: shiftChanges(s.changes, sameMonth),
  };
}

/**
 * Next year's programme `toSlug` from `spec`, with the plan staff read before anything is
 * written. Groups not marked continuing stay behind with their sessions; a continuing group
 * opens for sign-ups again (its members are not carried, only its facilitators).
 */
export function planRollover(spec: ProgrammeSpec, toSlug: string): RolloverPlan {
  const all = datesOf(spec);
  const days = all.length ? nextYearOffset(all[0]!) : 364;
  const shift = (d: string) => shiftDate(d, days);
  const zone = spec.timezone;
  const year = all.length ? mostCommon(all.map((d) => schoolYear(DateTime.fromISO(shift(d), { zone }).toJSDate(), zone))) : null;
  const kept = spec.groups.filter((g) => g.continuing);
  const keptSlugs = new Set(kept.map((g) => g.slug));
  const keeps = (group: string | null) => group === null || keptSlugs.has(group);

  const groups: GroupSpec[] = kept.map((g) => ({ ...g, status: "OPEN", channel: nextChannel(g.channel, g.slug, year) }));
  const sessions: SessionSpec[] = spec.sessions
    .filter((s) => keeps(s.group))
    .map((s) => ({
      ...s,
      title: nextSchoolYearText(s.title),
      description: s.description && nextSchoolYearText(s.description),
      featuredGroups: s.featuredGroups.filter((g) => keptSlugs.has(g)),
      schedule: shiftSchedule(s.schedule, days),
    }));
  const deadlines = spec.deadlines.map((d) => ({
    ...d,
    title: nextSchoolYearText(d.title),
    description: d.description && nextSchoolYearText(d.description),
    localDue: `${shift(d.localDue.slice(0, 10))}${d.localDue.slice(10)}`,
  }));
  const blackouts = spec.blackouts.filter((b) => keeps(b.group)).map((b) => ({ ...b, date: shift(b.date) }));
  const next: ProgrammeSpec = {
    ...spec,
    slug: toSlug,
    name: nextSchoolYearText(spec.name),
    description: spec.description && nextSchoolYearText(spec.description),
    // A linked announcements channel is the coalition's own, not last year's: it carries on.
    announcements:
      spec.announcements && "link" in spec.announcements
        ? spec.announcements
        : nextChannel(spec.announcements, `${toSlug}-announcements`, year),
    groups,
    deadlines,
    sessions,
    blackouts,
    reminders: spec.reminders.filter((r) => keeps(r.group)),
  };

  const moves: DateMove[] = [
    ...spec.deadlines.map((d, i) => ({
      what: "deadline" as const,
      key: d.key,
      title: deadlines[i]!.title,
      from: [d.localDue.slice(0, 10)],
      to: [deadlines[i]!.localDue.slice(0, 10)],
    })),
    ...spec.sessions
      .filter((s) => keeps(s.group))
      .map((s, i) => ({
        what: "session" as const,
        key: s.key,
        title: sessions[i]!.title,
        from: scheduleDates(s.schedule),
        to: scheduleDates(sessions[i]!.schedule),
      })),
    ...spec.blackouts
      .filter((b) => keeps(b.group))
      .map((b) => ({ what: "blackout" as const, key: b.group ?? "everyone", title: b.reason, from: [b.date], to: [shift(b.date)] })),
  ];
  const channels = [next.announcements, ...groups.map((g) => g.channel)].flatMap((c) => (c && "create" in c ? [c.create] : []));
  return {
    from: { slug: spec.slug, name: spec.name },
    to: { slug: toSlug, name: next.name },
    days,
    schoolYear: year,
    groupsKept: kept.map((g) => g.name),
    groupsLeft: spec.groups.filter((g) => !g.continuing).map((g) => g.name),
    moves,
    sessionsLeft: spec.sessions.filter((s) => !keeps(s.group)).map((s) => s.key),
    reminderRules: next.reminders.length,
    channels,
    spec: next,
  };
}

/** A date with its weekday, as the plan shows it: "Wed 2022-10-12". */
export const dayText = (date: string) => `${utcDate(date).setLocale("en-US").toFormat("ccc")} ${date}`;

/** A slug for next year: its school year moved on ("cop-2021-2022" becomes "cop-2022-2023"), else "-next". */
export function nextSlug(slug: string): string {
  const moved = nextSchoolYearText(slug);
  return moved !== slug ? moved : `${slug}-next`;
}

/** The plan as plain lines, for the command line and (escaped) for Slack. */
export function describeRollover(plan: RolloverPlan): string[] {
  const list = (items: string[]) => (items.length ? items.join(", ") : "none");
  const weeks = plan.days / 7;
  const lines = [
    `Next year from ${plan.from.slug}: ${plan.to.slug} (${plan.to.name}).`,
    `Every date moves ${weeks} weeks (${plan.days} days) later, to the same weekday${plan.schoolYear ? `, into the ${plan.schoolYear} school year` : ""}.`,
    `Groups carried over, with their facilitators, open for sign-ups: ${list(plan.groupsKept)}.`,
    `Groups left behind: ${list(plan.groupsLeft)}${plan.sessionsLeft.length ? ` (with their sessions: ${plan.sessionsLeft.join(", ")})` : ""}.`,
  ];
  const section = (what: DateMove["what"], heading: string) => {
    const moves = plan.moves.filter((m) => m.what === what);
    if (!moves.length) return;
    lines.push(heading);
    for (const m of moves) {
      const pairs = m.from.map((d, i) => (m.to[i] ? `${dayText(d)} -> ${dayText(m.to[i]!)}` : dayText(d)));
      const extra = m.to.slice(m.from.length).map(dayText);
      lines.push(`  ${m.key}${m.title ? ` (${m.title})` : ""}: ${[...pairs, ...extra].join("; ") || "no dates"}`);
    }
  };
  section("deadline", "Deadlines:");
  section("session", "Sessions:");
  section("blackout", "Blackouts:");
  lines.push(`Reminder rules copied: ${plan.reminderRules}.`);
  lines.push(`Channels, created when the new programme is applied: ${list(plan.channels.map((c) => `#${c}`))}.`);
  lines.push(`${plan.from.slug} itself, its people and its channels stay as they are.`);
  return lines;
}
