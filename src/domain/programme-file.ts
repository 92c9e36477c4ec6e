/**
 * The programme file: one YAML document that describes a programme (groups, sessions, deadlines,
 * blackouts, reminder rules and member organizations), validated strictly so that a typo is an
 * error with its line rather than a silently ignored key. The format is described in
 * examples/README.md; docs/programme.schema.json is generated from `programmeFileSchema`.
 *
 * `parseProgrammeFile` turns text into a `ProgrammeSpec` with every default applied, so two files
 * that mean the same thing parse to equal specs; `formatProgrammeFile` writes a spec back.
 */
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, visit } from "yaml";
import { z } from "zod";
import {
  addMinutes,
  isLocalDate,
  isSkippedByClockChange,
  isZone,
  type OccurrenceChange,
  ORDINALS,
  type Ordinal,
  type Recurrence,
  scheduledDates,
  type SeriesDates,
  WEEKDAYS,
  type WeekdayName,
} from "./occurrences";
import type { ReminderAudience, ReminderTarget, SessionFormat } from "./reminder-rules";
import { isPublicEmailDomain } from "./public-email-domains";
import { closest } from "./suggest";
import { webLink } from "./web-link";

// ---------------------------------------------------------------- the normalised programme

export type ProgrammeKind = "COP_COHORT" | "WORKING_GROUPS";
export type MemberStatus = "MEMBER" | "APPLICANT" | "PARTNER" | "FORMER";
export type GroupStatus = "OPEN" | "CLOSED" | "ENDED";
export type DeadlineKind = "PROPOSALS_DUE" | "SIGNUPS_OPEN" | "SIGNUPS_CLOSE" | "OTHER";
/** Who a session is for: its group (everyone, for a programme-wide one), or only the programme's facilitators. */
export type SessionAudience = "EVERYONE" | "FACILITATORS";

/** Create a new channel with this name, or link an existing one by ID (done after import, in Slack). */
export type ChannelWish = { create: string } | { link: string };

export type OrganizationKind = "SCHOOL" | "NETWORK" | "NATIONAL_ORGANIZATION" | "RESEARCH_CENTER" | "OTHER";

export interface OrganizationSpec {
  name: string;
  status: MemberStatus;
  kind: OrganizationKind;
  /** The name of the network a school belongs to. */
  network: string | null;
  domains: string[];
  /** Slack team IDs (T…) of the organization's own workspaces: their people reach us through Slack Connect. */
  slackTeams: string[];
}

export interface FacilitatorSpec {
  name: string;
  organization: string | null;
  slackUserId: string | null;
}

export interface GroupSpec {
  slug: string;
  name: string;
  description: string;
  topics: string[];
  capacity: number | null;
  /** A member-only group that also takes people of partner organizations. */
  allowsPartners: boolean;
  /** Carried into next year's programme, with its facilitators, by a rollover. */
  continuing: boolean;
  status: GroupStatus;
  channel: ChannelWish | null;
  facilitators: FacilitatorSpec[];
}

export type ScheduleSpec =
  | { kind: "once"; date: string; cancelled: boolean }
  | { kind: "dates"; dates: string[]; changes: Record<string, OccurrenceChange> }
  | { kind: "repeat"; rule: Recurrence; except: string[]; changes: Record<string, OccurrenceChange> };

export interface SessionSpec {
  key: string;
  title: string;
  description: string | null;
  /** null: a session for every group of the programme. */
  group: string | null;
  format: SessionFormat;
  location: string | null;
  meetingUrl: string | null;
  featuredGroups: string[];
  audience: SessionAudience;
  timezone: string;
  localTime: string;
  durationMinutes: number;
  schedule: ScheduleSpec;
}

export interface DeadlineSpec {
  key: string;
  kind: DeadlineKind;
  title: string;
  description: string | null;
  /** YYYY-MM-DDTHH:mm in the programme's zone. */
  localDue: string;
}

export interface BlackoutSpec {
  date: string;
  reason: string;
  group: string | null;
}

export interface ReminderSpec {
  target: ReminderTarget;
  offsetMinutes: number;
  audience: ReminderAudience;
  onlyFormat: SessionFormat | null;
  group: string | null;
}

export interface ProgrammeSpec {
  slug: string;
  name: string;
  kind: ProgrammeKind;
  timezone: string;
  description: string | null;
  /** Where deadline and programme-wide session reminders are posted. */
  announcements: ChannelWish | null;
  organizations: OrganizationSpec[];
  groups: GroupSpec[];
  deadlines: DeadlineSpec[];
  sessions: SessionSpec[];
  blackouts: BlackoutSpec[];
  reminders: ReminderSpec[];
}

// ---------------------------------------------------------------- the file format

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RANGE = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)$/;
const DUE = /^(\d{4}-\d{2}-\d{2})(?:[ T]([01]\d|2[0-3]):([0-5]\d))?$/;
const DURATION = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?$/;
const EVERY = /^(?:([1-9]\d*) )?(week|month)s?$/;
export const SLACK_TEAM = /^T[A-Z0-9]{2,}$/;

/** A programme file larger than this is refused before it is parsed (the CLI before it is read). */
export const PROGRAMME_FILE_MAX_BYTES = 2 * 1024 * 1024;

const count = (n: number) => n.toLocaleString("en-US");
/**
 * Each text is capped at what the Slack surfaces showing it accept: a name or title fits a header
 * (150 characters) and the staff forms that edit it; a description fits a section (3,000); a place
 * or reason the session form's 300. A longer one would make every Home tab and welcome it is in
 * fail to publish.
 */
const capped = (schema: z.ZodString, max: number, why: string) =>
  schema.max(max, {
    error: (issue) => `must be at most ${count(max)} characters (${why}); this one has ${count((issue.input as string).length)}`,
  });
const text = capped(z.string().trim().min(1, "must not be empty"), 150, "Slack shows a name in headers of at most 150");
const description = capped(z.string(), 3000, "a Slack section holds at most 3,000");
const place = (schema: z.ZodString) => capped(schema, 300, "the session form takes at most 300");
const slug = z.string().regex(SLUG, "must be lowercase letters and digits joined by single dashes, e.g. got-justice");
const localDate = z
  .string()
  .regex(DATE, { error: "must be a date written YYYY-MM-DD, e.g. 2021-10-13", abort: true })
  .refine(isLocalDate, "is not a date on the calendar");
const timeRange = z
  .string()
  .regex(TIME_RANGE, { error: 'must be a start and end time on a 24-hour clock, e.g. "15:00-16:30"', abort: true })
  .refine((t) => timeRangeMinutes(t) > 0, "must end after it starts, on the same day")
  .meta({ description: 'Local start and end, 24-hour clock: "15:00-16:30".' });
const zone = z
  .string()
  .refine(isZone, "is not an IANA time zone such as America/New_York")
  .meta({ description: "IANA time zone, e.g. America/New_York." });
const duration = z
  .string()
  .regex(DURATION, { error: "must be a duration such as 7d, 1d, 2h, 30m or 1h30m", abort: true })
  .refine((d) => durationMinutes(d) > 0, "must be longer than zero");
const organization = z
  .strictObject({
    name: text,
    status: z.enum(["member", "applicant", "partner", "former"]).optional().meta({ description: "Default: member." }),
    kind: z
      .enum(["school", "network", "national_organization", "research_center", "other"])
      .optional()
      .meta({ description: "Default: other." }),
    network: text.optional().meta({ description: "The name of the network (an organization of this file) a school belongs to." }),
    domains: z
      .array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, "must be an email domain such as prospectschools.org"))
      .optional()
      .meta({ description: "Email domains whose people count as this organization's staff." }),
    slack_teams: z.array(z.string().regex(SLACK_TEAM, "must be a Slack team ID such as T012AB3CD")).optional().meta({
      description:
        "Slack team IDs of the organization's own workspaces: people from them (in Slack Connect channels, often with no email) count as its staff.",
    }),
  })
  .meta({ description: "A member organization. Organizations are coalition-wide: import adds and updates them, never deletes." });

const channel = z
  .strictObject({
    create: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, "must be a Slack channel name: lowercase letters, digits, - and _, at most 80")
      .optional()
      .meta({ description: "Name of a channel Convene should create for the group." }),
    link: z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, "must be a Slack channel ID such as C012AB3CD")
      .optional()
      .meta({ description: "ID of an existing channel to use for the group." }),
  })
  .refine(
    (c) => (c.create === undefined) !== (c.link === undefined),
    "needs exactly one of create (a new channel's name) or link (an existing channel's ID)",
  );

const facilitator = z.strictObject({
  name: text,
  organization: text.optional(),
  slack: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, "must be a Slack user ID such as U012AB3CD")
    .optional(),
});

const group = z.strictObject({
  slug,
  name: text,
  description: description.optional(),
  topics: z.array(text).optional(),
  capacity: z.number().int("must be a whole number").positive("must be at least 1").optional().meta({ description: "Default: no limit." }),
  signups: z.enum(["open", "closed", "ended"]).optional().meta({ description: "Default: open." }),
  partners: z.boolean().optional().meta({ description: "true: people of partner organizations may join too. Default: members only." }),
  continuing: z.boolean().optional().meta({
    description:
      "true: `npm run convene -- rollover` carries the group, with its facilitators, into next year's programme. Default: false.",
  }),
  channel: channel.optional(),
  facilitators: z.array(facilitator).optional(),
});

const change = z
  .strictObject({
    date: localDate.optional().meta({ description: "Moved to this date." }),
    time: timeRange.optional(),
    cancelled: z.literal(true).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, "needs date, time or cancelled: true")
  .meta({ description: "A change to one occurrence, keyed by the date the series gives it (its identity)." });

const repeat = z
  .strictObject({
    every: z.string().regex(EVERY, 'must be week, month, or a number of them such as "2 weeks"'),
    on: z.string().meta({ description: 'A weekday ("wednesday"); for monthly rules with its place ("second wednesday", "last friday").' }),
    from: localDate,
    until: localDate,
  })
  .meta({ description: 'A recurrence: { every: month, on: "second wednesday", from: 2021-11-10, until: 2022-05-18 }.' });

const session = z
  .strictObject({
    key: slug.meta({ description: "Stable identity: calendar entries and reminders follow it. Rename it and the session is replaced." }),
    title: text,
    description: description.optional(),
    group: slug.optional().meta({ description: "The group's slug; leave out for a session of every group." }),
    format: z.enum(["virtual", "in_person"]).optional().meta({ description: "Default: virtual." }),
    location: place(z.string().trim().min(1, "must not be empty")).optional(),
    meeting_url: webLink(null).optional().meta({ format: "uri" }),
    featured_groups: z.array(slug).optional().meta({ description: "Groups presenting at this session." }),
    audience: z.enum(["everyone", "facilitators"]).optional().meta({
      description:
        "Default: everyone (the group's people, or all for a programme-wide session). facilitators: only the programme's facilitators, reminded by DM.",
    }),
    timezone: zone.optional().meta({ description: "Default: the programme's time zone." }),
    time: timeRange,
    date: localDate.optional().meta({ description: "One of date, dates or repeat." }),
    dates: z.array(localDate).min(1, "must list at least one date").optional(),
    repeat: repeat.optional(),
    except: z.array(localDate).optional().meta({ description: "With repeat: dates the rule gives that do not happen." }),
    changes: z
      .record(localDate, change)
      .optional()
      .meta({ description: "With dates or repeat: one occurrence moved, retimed or cancelled." }),
    cancelled: z.literal(true).optional().meta({ description: "With date: kept in calendars as cancelled." }),
  })
  .meta({ description: "A session, or a series of them." });

const deadline = z.strictObject({
  key: slug,
  kind: z.enum(["proposals_due", "signups_open", "signups_close", "other"]).optional().meta({ description: "Default: other." }),
  title: text,
  description: description.optional(),
  due: z
    .string()
    .regex(DUE, { error: 'must be a date, or a date and time such as "2021-04-30 17:00"', abort: true })
    .refine((d) => isLocalDate(DUE.exec(d)![1]!), "is not a date on the calendar")
    .meta({ description: "A date alone is the whole day: sign-ups open at its start, anything else is due at its end (23:59)." }),
});

const blackout = z.strictObject({
  date: localDate,
  reason: place(z.string()).optional(),
  group: slug.optional().meta({ description: "Leave out for the whole programme." }),
});

const reminder = z.strictObject({
  for: z.enum(["session", "deadline"]),
  before: duration,
  to: z.enum(["group_channel", "announcements", "dm"]),
  only: z.enum(["virtual", "in_person"]).optional().meta({ description: "For session reminders: only sessions of this format." }),
  group: slug.optional().meta({ description: "Leave out for the whole programme." }),
});

export const programmeFileSchema = z
  .strictObject({
    slug: slug.meta({ description: "The programme's identity; import matches on it." }),
    name: text,
    kind: z.enum(["cop_cohort", "working_groups"]),
    timezone: zone,
    description: description.optional(),
    announcements: channel.optional().meta({
      description:
        "The programme's announcements channel, for deadline and programme-wide session reminders: { create: name } or { link: C0123ABCD }.",
    }),
    organizations: z.array(organization).optional(),
    groups: z.array(group).optional(),
    deadlines: z.array(deadline).optional().meta({ description: "The timeline: sign-up window, proposal deadline and other dates." }),
    sessions: z.array(session).optional(),
    blackouts: z.array(blackout).optional().meta({ description: "Dates on which recurring sessions do not happen." }),
    reminders: z.array(reminder).optional().meta({ description: "Replace Convene's default reminders for this programme or a group." }),
  })
  .meta({ title: "Convene programme file", description: "A programme for `npm run convene -- import FILE`." });

type ProgrammeFile = z.infer<typeof programmeFileSchema>;
type SessionFile = z.infer<typeof session>;

// ---------------------------------------------------------------- small conversions

function timeRangeMinutes(range: string): number {
  const [, h1, m1, h2, m2] = TIME_RANGE.exec(range)!.map(Number);
  return h2! * 60 + m2! - (h1! * 60 + m1!);
}

const startOf = (range: string) => range.slice(0, 5);
const formatTimeRange = (localTime: string, minutes: number) => `${localTime}-${addMinutes(localTime, minutes)}`;

function durationMinutes(text: string): number {
  const [, d, h, m] = DURATION.exec(text)!;
  return Number(d ?? 0) * 1440 + Number(h ?? 0) * 60 + Number(m ?? 0);
}

function formatDuration(minutes: number): string {
  const parts = [
    [Math.floor(minutes / 1440), "d"],
    [Math.floor((minutes % 1440) / 60), "h"],
    [minutes % 60, "m"],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join("");
}

/** A date alone means the whole day: sign-ups open at its start; anything else falls due at its end. */
const wholeDayTime = (kind: DeadlineKind) => (kind === "SIGNUPS_OPEN" ? "00:00" : "23:59");

export const isWholeDay = (kind: DeadlineKind, localDue: string) => localDue.endsWith(`T${wholeDayTime(kind)}`);

function parseOn(every: "week" | "month", on: string): { weekday: WeekdayName; nth: number | null } | null {
  const words = on.trim().toLowerCase().split(/\s+/);
  if (every === "week" && words.length === 1 && (WEEKDAYS as readonly string[]).includes(words[0]!)) {
    return { weekday: words[0] as WeekdayName, nth: null };
  }
  if (every === "month" && words.length === 2 && words[0]! in ORDINALS && (WEEKDAYS as readonly string[]).includes(words[1]!)) {
    return { weekday: words[1] as WeekdayName, nth: ORDINALS[words[0] as Ordinal] };
  }
  return null;
}

function recurrenceOf(r: NonNullable<SessionFile["repeat"]>): Recurrence | null {
  const [, n, unit] = EVERY.exec(r.every)!;
  const every = unit as "week" | "month";
  const on = parseOn(every, r.on);
  return on && { every, interval: Number(n ?? 1), ...on, from: r.from, until: r.until };
}

function formatRecurrence(r: Recurrence) {
  const ordinal = Object.entries(ORDINALS).find(([, n]) => n === r.nth)?.[0];
  return {
    every: r.interval === 1 ? r.every : `${r.interval} ${r.every}s`,
    on: ordinal ? `${ordinal} ${r.weekday}` : r.weekday,
    from: r.from,
    until: r.until,
  };
}

/** A change with what merely repeats the series left out, so equal meanings parse equal. */
function changeOf(c: z.infer<typeof change>, seriesDate: string, series: { localTime: string; durationMinutes: number }): OccurrenceChange {
  const retimed = c.time !== undefined && (startOf(c.time) !== series.localTime || timeRangeMinutes(c.time) !== series.durationMinutes);
  return {
    ...(c.date !== undefined && c.date !== seriesDate && { date: c.date }),
    ...(retimed && { localTime: startOf(c.time!), durationMinutes: timeRangeMinutes(c.time!) }),
    ...(c.cancelled && { cancelled: true as const }),
  };
}

function formatChange(c: OccurrenceChange, series: { localTime: string; durationMinutes: number }) {
  const time = formatTimeRange(c.localTime ?? series.localTime, c.durationMinutes ?? series.durationMinutes);
  return {
    ...(c.date !== undefined && { date: c.date }),
    ...((c.localTime !== undefined || c.durationMinutes !== undefined) && { time }),
    ...(c.cancelled && { cancelled: true as const }),
  };
}

/** The dates a session entry gives, before exceptions and blackouts; null when its rule is unreadable. */
function entryDates(s: SessionFile): string[] | null {
  if (s.date !== undefined) return [s.date];
  if (s.dates !== undefined) return [...s.dates];
  if (s.repeat === undefined) return null;
  const rule = recurrenceOf(s.repeat);
  return rule && rule.from <= rule.until ? scheduledDates({ kind: "repeat", rule }) : null;
}

// ---------------------------------------------------------------- checks across the file

function crossCheck(file: ProgrammeFile, ctx: z.RefinementCtx): void {
  const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const unique = <T>(
    items: readonly T[] | undefined,
    keyOf: (t: T) => string | undefined,
    path: (i: number) => (string | number)[],
    what: string,
  ) => {
    const seen = new Set<string>();
    items?.forEach((item, i) => {
      const key = keyOf(item);
      if (key === undefined) return;
      if (seen.has(key)) problem(path(i), `repeats ${what} "${key}"`);
      seen.add(key);
    });
  };
  const groups = file.groups ?? [];
  const slugs = new Set(groups.map((g) => g.slug));
  const knownGroup = (slugValue: string | undefined, path: (string | number)[]) => {
    if (slugValue !== undefined && !slugs.has(slugValue)) {
      const guess = closest(slugValue, [...slugs]);
      problem(path, `names no group of this programme${guess ? ` (did you mean ${guess}?)` : ""}`);
    }
  };

  unique(
    file.organizations,
    (o) => o.name.toLowerCase(),
    (i) => ["organizations", i, "name"],
    "the organization",
  );
  const orgNames = new Set(file.organizations?.map((o) => o.name.toLowerCase()));
  file.organizations?.forEach((o, i) => {
    if (o.network === undefined) return;
    if (o.network.toLowerCase() === o.name.toLowerCase()) problem(["organizations", i, "network"], "names the organization itself");
    else if (!orgNames.has(o.network.toLowerCase()))
      problem(["organizations", i, "network"], `names no organization of this file (${o.network})`);
  });
  const domains = new Set<string>();
  file.organizations?.forEach((o, i) => {
    o.domains?.forEach((d, j) => {
      if (domains.has(d.toLowerCase()))
        problem(["organizations", i, "domains", j], `repeats the domain ${d}: a domain belongs to one organization`);
      if (isPublicEmailDomain(d))
        problem(
          ["organizations", i, "domains", j],
          `is a public email service (anyone can get an address at ${d}), so it cannot make people members`,
        );
      domains.add(d.toLowerCase());
    });
  });
  const teams = new Set<string>();
  file.organizations?.forEach((o, i) => {
    o.slack_teams?.forEach((t, j) => {
      if (teams.has(t)) problem(["organizations", i, "slack_teams", j], `repeats the Slack team ${t}: a team belongs to one organization`);
      teams.add(t);
    });
  });
  unique(
    groups,
    (g) => g.slug,
    (i) => ["groups", i, "slug"],
    "the group",
  );
  unique(
    groups,
    (g) => g.channel?.create,
    (i) => ["groups", i, "channel", "create"],
    "the channel",
  );
  unique(
    groups,
    (g) => g.channel?.link,
    (i) => ["groups", i, "channel", "link"],
    "the channel",
  );
  groups.forEach((g, i) => {
    if (file.announcements?.create !== undefined && g.channel?.create === file.announcements.create)
      problem(["groups", i, "channel", "create"], "is the announcements channel: a group needs a channel of its own");
    if (file.announcements?.link !== undefined && g.channel?.link === file.announcements.link)
      problem(["groups", i, "channel", "link"], "is the announcements channel: a group needs a channel of its own");
  });
  groups.forEach((g, i) => {
    unique(
      g.facilitators,
      (f) => f.name.toLowerCase(),
      (j) => ["groups", i, "facilitators", j, "name"],
      "the facilitator",
    );
  });
  unique(
    file.deadlines,
    (d) => d.key,
    (i) => ["deadlines", i, "key"],
    "the deadline key",
  );
  unique(
    file.deadlines,
    (d) => (d.kind && d.kind !== "other" ? d.kind : undefined),
    (i) => ["deadlines", i, "kind"],
    "the deadline kind",
  );
  unique(
    file.sessions,
    (s) => s.key,
    (i) => ["sessions", i, "key"],
    "the session key",
  );
  unique(
    file.blackouts,
    (b) => `${b.group ?? "every group"} on ${b.date}`,
    (i) => ["blackouts", i, "date"],
    "the blackout for",
  );
  unique(
    file.reminders,
    (r) => `${r.for} ${durationMinutes(r.before)}m ${r.to} ${r.group ?? ""}`.trim(),
    (i) => ["reminders", i],
    "the reminder",
  );

  file.blackouts?.forEach((b, i) => {
    knownGroup(b.group, ["blackouts", i, "group"]);
  });
  file.reminders?.forEach((r, i) => {
    knownGroup(r.group, ["reminders", i, "group"]);
    if (r.only !== undefined && r.for !== "session") problem(["reminders", i, "only"], "applies only to session reminders");
  });

  const blackoutsOf = (groupSlug: string | undefined) =>
    new Set((file.blackouts ?? []).filter((b) => b.group === undefined || b.group === groupSlug).map((b) => b.date));

  file.sessions?.forEach((s, i) => {
    const at = (...rest: (string | number)[]) => ["sessions", i, ...rest];
    knownGroup(s.group, at("group"));
    s.featured_groups?.forEach((g, j) => {
      knownGroup(g, at("featured_groups", j));
    });
    if (s.audience === "facilitators" && s.group !== undefined)
      problem(at("audience"), "facilitators is for a programme-wide session: leave out group");
    if ((s.format ?? "virtual") === "in_person" && s.location === undefined)
      problem(at("location"), "is required for an in-person session");
    const when = (["date", "dates", "repeat"] as const).filter((k) => s[k] !== undefined);
    if (when.length !== 1) {
      problem(when.length ? at(when[1]!) : at(), "needs exactly one of date (one session), dates (a list) or repeat (a rule)");
      return;
    }
    if (s.except !== undefined && s.repeat === undefined) problem(at("except"), "goes with repeat; with dates, leave the date out");
    if (s.changes !== undefined && s.date !== undefined)
      problem(at("changes"), "goes with dates or repeat; with date, change the session itself");
    if (s.cancelled !== undefined && s.date === undefined) problem(at("cancelled"), "goes with date; cancel one of a series under changes");
    if (s.repeat !== undefined) {
      if (!recurrenceOf(s.repeat)) {
        const every = EVERY.exec(s.repeat.every)?.[2];
        problem(
          at("repeat", "on"),
          every === "week"
            ? 'must be a weekday such as "wednesday"'
            : 'must be a place and a weekday such as "second wednesday" or "last friday"',
        );
        return;
      }
      if (s.repeat.until < s.repeat.from) {
        problem(at("repeat", "until"), "comes before from");
        return;
      }
    }
    const dates = entryDates(s)!;
    unique(
      s.dates,
      (d) => d,
      (j) => at("dates", j),
      "the date",
    );
    const blackouts = blackoutsOf(s.group);
    if (s.repeat === undefined) {
      (s.dates ?? [s.date!]).forEach((d, j) => {
        if (blackouts.has(d)) problem(s.dates ? at("dates", j) : at("date"), `falls on a blackout date (${d})`);
      });
    }
    const given = new Set(dates);
    s.except?.forEach((d, j) => {
      if (!given.has(d)) problem(at("except", j), `is not a date this rule gives (${d})`);
    });
    const kept = new Set(dates.filter((d) => !s.except?.includes(d) && (s.repeat === undefined || !blackouts.has(d))));
    Object.entries(s.changes ?? {}).forEach(([d, c]) => {
      if (!kept.has(d)) problem(at("changes", d), `is not a date of this series (${d})`);
      else if (c.date !== undefined && c.date !== d && kept.has(c.date))
        problem(at("changes", d, "date"), `moves onto another date of this series (${c.date})`);
    });
    const zoneName = s.timezone ?? file.timezone;
    if (isZone(zoneName)) {
      for (const d of kept) {
        const c = s.changes?.[d];
        const localStart = `${c?.date ?? d}T${c?.time ? startOf(c.time) : startOf(s.time)}`;
        if (isSkippedByClockChange(localStart, zoneName)) {
          problem(
            c?.time ? at("changes", d, "time") : at("time"),
            `never happens on ${c?.date ?? d} in ${zoneName}: the clocks skip that hour`,
          );
        }
      }
    }
  });
}

// ---------------------------------------------------------------- file -> spec -> file

function toSpec(file: ProgrammeFile): ProgrammeSpec {
  const upper = <T extends string>(value: string) => value.toUpperCase() as T;
  const optional = (value: string | undefined) => (value === undefined || value.trim() === "" ? null : value);
  return {
    slug: file.slug,
    name: file.name,
    kind: upper(file.kind),
    timezone: file.timezone,
    description: optional(file.description),
    announcements: channelWish(file.announcements),
    organizations: (file.organizations ?? []).map((o) => ({
      name: o.name,
      status: upper(o.status ?? "member"),
      kind: upper(o.kind ?? "other"),
      network: o.network ?? null,
      domains: (o.domains ?? []).map((d) => d.toLowerCase()),
      slackTeams: o.slack_teams ?? [],
    })),
    groups: (file.groups ?? []).map((g) => ({
      slug: g.slug,
      name: g.name,
      description: g.description ?? "",
      topics: g.topics ?? [],
      capacity: g.capacity ?? null,
      allowsPartners: g.partners ?? false,
      continuing: g.continuing ?? false,
      status: upper(g.signups ?? "open"),
      channel: channelWish(g.channel),
      facilitators: (g.facilitators ?? []).map((f) => ({
        name: f.name,
        organization: f.organization ?? null,
        slackUserId: f.slack ?? null,
      })),
    })),
    deadlines: (file.deadlines ?? []).map((d) => {
      const kind = upper<DeadlineKind>(d.kind ?? "other");
      const [, date, hh, mm] = DUE.exec(d.due)!;
      return {
        key: d.key,
        kind,
        title: d.title,
        description: optional(d.description),
        localDue: `${date}T${hh ? `${hh}:${mm}` : wholeDayTime(kind)}`,
      };
    }),
    sessions: (file.sessions ?? []).map((s) => ({
      key: s.key,
      title: s.title,
      description: optional(s.description),
      group: s.group ?? null,
      format: upper(s.format ?? "virtual"),
      location: s.location ?? null,
      meetingUrl: s.meeting_url ?? null,
      featuredGroups: s.featured_groups ?? [],
      audience: upper(s.audience ?? "everyone"),
      timezone: s.timezone ?? file.timezone,
      localTime: startOf(s.time),
      durationMinutes: timeRangeMinutes(s.time),
      schedule: scheduleOf(s),
    })),
    blackouts: (file.blackouts ?? []).map((b) => ({ date: b.date, reason: b.reason ?? "", group: b.group ?? null })),
    reminders: (file.reminders ?? []).map((r) => ({
      target: upper(r.for),
      offsetMinutes: durationMinutes(r.before),
      audience: upper(r.to),
      onlyFormat: r.only ? upper<SessionFormat>(r.only) : null,
      group: r.group ?? null,
    })),
  };
}

function channelWish(c: z.infer<typeof channel> | undefined): ChannelWish | null {
  return c ? (c.create !== undefined ? { create: c.create } : { link: c.link! }) : null;
}

function scheduleOf(s: SessionFile): ScheduleSpec {
  const series = { localTime: startOf(s.time), durationMinutes: timeRangeMinutes(s.time) };
  const changes = Object.fromEntries(
    Object.entries(s.changes ?? {})
      .map(([d, c]) => [d, changeOf(c, d, series)] as const)
      .filter(([, c]) => Object.keys(c).length > 0),
  );
  if (s.date !== undefined) return { kind: "once", date: s.date, cancelled: s.cancelled === true };
  if (s.dates !== undefined) return { kind: "dates", dates: [...s.dates].sort(), changes };
  return { kind: "repeat", rule: recurrenceOf(s.repeat!)!, except: [...(s.except ?? [])].sort(), changes };
}

/** The series part of a schedule, for expansion; null for a single session. */
export function seriesDatesOf(schedule: ScheduleSpec): SeriesDates | null {
  if (schedule.kind === "once") return null;
  return schedule.kind === "dates" ? { kind: "dates", dates: schedule.dates } : { kind: "repeat", rule: schedule.rule };
}

/** The file text for a spec: defaults left out, so an exported file reads like a written one. */
export function formatProgrammeFile(spec: ProgrammeSpec): string {
  const lowerOr = (value: string, fallback: string) => (value.toLowerCase() === fallback ? undefined : value.toLowerCase());
  const some = <T>(list: T[]) => (list.length ? list : undefined);
  const file: ProgrammeFile = {
    slug: spec.slug,
    name: spec.name,
    kind: spec.kind.toLowerCase() as ProgrammeFile["kind"],
    timezone: spec.timezone,
    description: spec.description ?? undefined,
    announcements: spec.announcements ?? undefined,
    organizations: some(
      spec.organizations.map((o) => ({
        name: o.name,
        status: lowerOr(o.status, "member") as "member" | undefined,
        kind: lowerOr(o.kind, "other") as "school" | undefined,
        network: o.network ?? undefined,
        domains: some(o.domains),
        slack_teams: some(o.slackTeams),
      })),
    ),
    groups: some(
      spec.groups.map((g) => ({
        slug: g.slug,
        name: g.name,
        description: g.description || undefined,
        topics: some(g.topics),
        capacity: g.capacity ?? undefined,
        signups: lowerOr(g.status, "open") as "closed" | undefined,
        partners: g.allowsPartners || undefined,
        continuing: g.continuing || undefined,
        channel: g.channel ?? undefined,
        facilitators: some(
          g.facilitators.map((f) => ({ name: f.name, organization: f.organization ?? undefined, slack: f.slackUserId ?? undefined })),
        ),
      })),
    ),
    deadlines: some(
      spec.deadlines.map((d) => ({
        key: d.key,
        kind: lowerOr(d.kind, "other") as "proposals_due" | undefined,
        title: d.title,
        description: d.description ?? undefined,
        due: isWholeDay(d.kind, d.localDue) ? d.localDue.slice(0, 10) : d.localDue.replace("T", " "),
      })),
    ),
    sessions: some(spec.sessions.map((s) => sessionFile(s, spec.timezone))),
    blackouts: some(spec.blackouts.map((b) => ({ date: b.date, reason: b.reason || undefined, group: b.group ?? undefined }))),
    reminders: some(
      spec.reminders.map((r) => ({
        for: r.target.toLowerCase() as "session",
        before: formatDuration(r.offsetMinutes),
        to: r.audience.toLowerCase() as "dm",
        only: (r.onlyFormat?.toLowerCase() ?? undefined) as "virtual" | undefined,
        group: r.group ?? undefined,
      })),
    ),
  };
  const doc = new Document(file);
  // Short lists of plain values read best on one line: topics: [a, b], dates: [...].
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
    // A small mapping under a key, e.g. channel: {create: cop-got-justice}; list items stay blocks.
    Map(_, node, path) {
      if (isPair(path[path.length - 1]) && node.items.every((pair) => isScalar(pair.value))) node.flow = true;
    },
  });
  doc.commentBefore = " Convene programme file: npm run convene -- import FILE [--dry-run]. Format: docs/programme.schema.json";
  return doc.toString({ lineWidth: 100, flowCollectionPadding: false });
}

function sessionFile(s: SessionSpec, programmeZone: string): SessionFile {
  const changes = (c: Record<string, OccurrenceChange>) =>
    Object.keys(c).length
      ? Object.fromEntries(
          Object.entries(c)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([d, v]) => [d, formatChange(v, s)]),
        )
      : undefined;
  const when =
    s.schedule.kind === "once"
      ? { date: s.schedule.date, cancelled: s.schedule.cancelled ? (true as const) : undefined }
      : s.schedule.kind === "dates"
        ? { dates: s.schedule.dates, changes: changes(s.schedule.changes) }
        : {
            repeat: formatRecurrence(s.schedule.rule),
            except: s.schedule.except.length ? s.schedule.except : undefined,
            changes: changes(s.schedule.changes),
          };
  return {
    key: s.key,
    title: s.title,
    description: s.description ?? undefined,
    group: s.group ?? undefined,
    format: s.format === "VIRTUAL" ? undefined : "in_person",
    location: s.location ?? undefined,
    meeting_url: s.meetingUrl ?? undefined,
    featured_groups: s.featuredGroups.length ? s.featuredGroups : undefined,
    audience: s.audience === "FACILITATORS" ? "facilitators" : undefined,
    timezone: s.timezone === programmeZone ? undefined : s.timezone,
    time: formatTimeRange(s.localTime, s.durationMinutes),
    ...when,
  };
}

// ---------------------------------------------------------------- parsing with positions

export interface FileError {
  line: number;
  column: number;
  /** Where in the document, e.g. sessions[3].time; empty for the whole file. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; programme: ProgrammeSpec } | { ok: false; errors: FileError[] };

// Cross-checks read values the field checks vouch for, so they wait until those pass.
const checkedSchema = programmeFileSchema.superRefine(crossCheck, { when: (payload) => payload.issues.length === 0 }).transform(toSpec);

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping of keys to values",
  record: "a mapping of dates to changes",
};

/** Messages a person can act on, in place of zod's generic ones. */
const friendly: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return "is required";
    return `must be ${EXPECTED[issue.expected] ?? issue.expected}`;
  }
  if (issue.code === "invalid_value") return `must be one of: ${issue.values.map(String).join(", ")}`;
  return undefined;
};

const pathText = (path: readonly PropertyKey[]) =>
  path.reduce<string>((out, seg) => (typeof seg === "number" ? `${out}[${seg}]` : out ? `${out}.${String(seg)}` : String(seg)), "");

/** The node at a path, or the nearest enclosing one that exists; `key` picks a mapping key's own position. */
function offsetOf(doc: Document, path: readonly PropertyKey[], key: boolean): number {
  let node: Node | null = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyNode = pair.key as Node;
      const value = pair.value as Node | null;
      const keyOffset = keyNode.range?.[0] ?? offset;
      offset = key && seg === path[path.length - 1] ? keyOffset : (value?.range?.[0] ?? keyOffset);
      node = value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

/** The keys a mapping at this path may have, for "did you mean" hints. */
function keysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = programmeFileSchema;
  const unwrap = (s: z.ZodType): z.ZodType => (s instanceof z.ZodOptional ? unwrap(s.unwrap() as z.ZodType) : s);
  for (const seg of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) schema = schema.shape[String(seg)] as z.ZodType;
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else return [];
    if (!schema) return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** "the file is 3.0 MB, and …": for the CLI, which checks the size before reading the file. */
export const fileTooLarge = (bytes: number) =>
  `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB, and a programme file may be at most ${PROGRAMME_FILE_MAX_BYTES / 1024 / 1024} MB`;

/** Where a value written with YAML's "\0" escape holds a NUL. */
function pathsOfNul(value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  if (typeof value === "string") return value.includes("\0") ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsOfNul(v, [...path, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => pathsOfNul(v, [...path, k]));
  return [];
}

/**
 * Parses and validates a programme file. Every problem, a YAML syntax error included, comes back
 * with its line and column, so nothing is applied from a file that is partly wrong.
 */
export function parseProgrammeFile(source: string): ParseResult {
  const bytes = Buffer.byteLength(source);
  if (bytes > PROGRAMME_FILE_MAX_BYTES) return { ok: false, errors: [{ line: 1, column: 1, path: "", message: fileTooLarge(bytes) }] };
  // PostgreSQL cannot store NUL in text, and nobody means one: refuse it where it stands.
  const nul = source.indexOf("\0");
  if (nul !== -1) {
    const before = source.slice(0, nul).split("\n");
    return {
      ok: false,
      errors: [
        {
          line: before.length,
          column: before.at(-1)!.length + 1,
          path: "",
          message: "the file contains a NUL character, which no field may hold",
        },
      ],
    };
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        line: e.linePos?.[0].line ?? 1,
        column: e.linePos?.[0].col ?? 1,
        path: "",
        message: e.message.split(" at line ")[0]!,
      })),
    };
  }
  const at = (path: readonly PropertyKey[], key: boolean, message: string): FileError => {
    const { line, col } = lines.linePos(offsetOf(doc, path, key));
    return { line, column: col, path: pathText(path), message };
  };
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // The parser accepts an alias whose anchor is missing; only building the values finds it.
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        if (node.resolve(doc) !== undefined) return undefined;
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const { line, col } = lines.linePos(offset);
    return { ok: false, errors: [{ line, column: col, path: "", message: (err as Error).message }] };
  }
  const escapedNul = pathsOfNul(data);
  if (escapedNul.length) return { ok: false, errors: escapedNul.map((path) => at(path, false, "must not contain a NUL character (\\0)")) };
  const result = checkedSchema.safeParse(data, { error: friendly });
  if (result.success) return { ok: true, programme: result.data };
  const errors = result.error.issues.flatMap((issue): FileError[] => {
    if (issue.code === "unrecognized_keys") {
      const allowed = keysAt(issue.path);
      return issue.keys.map((k) => {
        const guess = closest(k, allowed);
        return at(
          [...issue.path, k],
          true,
          `unknown key "${k}"${guess ? ` (did you mean "${guess}"?)` : `; expected one of: ${allowed.join(", ")}`}`,
        );
      });
    }
    if (issue.code === "invalid_key") return [at(issue.path, true, issue.issues[0]?.message ?? issue.message)];
    if (issue.path.length === 0 && issue.code === "invalid_type")
      return [at([], false, "the file must be a YAML mapping of keys to values, starting with slug:")];
    return [at(issue.path, false, issue.message)];
  });
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, errors };
}

/** The JSON Schema for editors and docs/programme.schema.json. */
export function programmeJsonSchema(): object {
  return z.toJSONSchema(programmeFileSchema, { io: "input" });
}
