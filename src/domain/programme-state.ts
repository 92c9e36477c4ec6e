/**
 * A programme as rows: what the database should hold for a spec (`desiredState`), and the spec a
 * set of rows describes (`specFromState`, for export). Rows name groups and series by slug and
 * key, never by database id, so desired and stored rows compare directly. Pure.
 */
import {
  expandSeries,
  localInstant,
  occurrenceAt,
  type OccurrenceChange,
  parseSeriesRule,
  scheduledDates,
  seriesRuleText,
} from "./occurrences";
import type {
  DeadlineKind,
  GroupSpec,
  GroupStatus,
  MemberStatus,
  OrganizationKind,
  ProgrammeKind,
  ProgrammeSpec,
  ScheduleSpec,
  SessionAudience,
  SessionSpec,
} from "./programme-file";
import { seriesDatesOf } from "./programme-file";
import type { ReminderAudience, ReminderTarget, SessionFormat } from "./reminder-rules";

export interface ProgrammeRow {
  slug: string;
  name: string;
  kind: ProgrammeKind;
  timezone: string;
  description: string | null;
  /** The announcements channel to create: set only by `announcements: { create }`. */
  announcementChannelName: string | null;
  /** Set by `announcements: { link }`; undefined in a desired row leaves it as it is (Slack sets it on create, staff in Slack). */
  announcementChannelId?: string | null;
  signupOpensAt: Date | null;
  signupClosesAt: Date | null;
  proposalsDueAt: Date | null;
}

export interface OrganizationRow {
  name: string;
  nameKey: string;
  memberStatus: MemberStatus;
  kind: OrganizationKind;
  /** The nameKey of the network it belongs to. */
  network: string | null;
  /** Sorted, lowercase. */
  domains: string[];
  /** Slack team IDs whose people (Slack Connect) count as the organization's; sorted. */
  slackTeams: string[];
}

export interface GroupRow {
  slug: string;
  name: string;
  nameKey: string;
  kind: "COP" | "WORKING_GROUP";
  status: GroupStatus;
  description: string;
  topics: string[];
  capacity: number | null;
  allowsPartners: boolean;
  /** Carried into next year's programme by a rollover. */
  continuing: boolean;
  /** The name of a channel to create: set only by `channel: { create }`. */
  channelName: string | null;
  /** Set by `channel: { link }`; undefined in a desired row means "leave as it is" (Slack sets it on create). */
  channelId?: string | null;
}

export interface FacilitatorRow {
  group: string;
  name: string;
  nameKey: string;
  organization: string | null;
  slackUserId: string | null;
}

export interface SeriesRow {
  key: string;
  group: string | null;
  title: string;
  rule: string;
  firstDate: string;
  localTime: string;
  durationMinutes: number;
  timezone: string;
  exceptions: string[];
  format: SessionFormat;
  location: string | null;
  meetingUrl: string | null;
}

export interface SessionRow {
  key: string;
  series: string | null;
  group: string | null;
  title: string;
  description: string | null;
  format: SessionFormat;
  localStart: string;
  timezone: string;
  durationMinutes: number;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  meetingUrl: string | null;
  status: "SCHEDULED" | "CANCELLED";
  audience: SessionAudience;
  /** Sorted group slugs. */
  featuredGroups: string[];
  /** iCalendar SEQUENCE; the plan sets it, the desired state leaves it at 0. */
  sequence: number;
}

export interface DeadlineRow {
  key: string;
  kind: DeadlineKind;
  title: string;
  description: string | null;
  localDue: string;
  timezone: string;
  dueAt: Date;
  sequence: number;
}

export interface BlackoutRow {
  group: string | null;
  date: string;
  reason: string;
}

export interface ReminderRuleRow {
  group: string | null;
  target: ReminderTarget;
  offsetMinutes: number;
  audience: ReminderAudience;
  onlyFormat: SessionFormat | null;
}

export interface ProgrammeState {
  programme: ProgrammeRow;
  /** Organizations are coalition-wide: every one the database holds, not only this programme's. */
  organizations: OrganizationRow[];
  groups: GroupRow[];
  facilitators: FacilitatorRow[];
  series: SeriesRow[];
  sessions: SessionRow[];
  deadlines: DeadlineRow[];
  blackouts: BlackoutRow[];
  reminderRules: ReminderRuleRow[];
}

export type Stored<T> = T & { id: string };

/** What the database holds now, with ids; `programme` is null for a programme not yet imported. */
export interface StoredState {
  programme: Stored<ProgrammeRow> | null;
  organizations: Stored<OrganizationRow>[];
  groups: Stored<GroupRow & { memberCount: number }>[];
  facilitators: Stored<FacilitatorRow>[];
  series: Stored<SeriesRow>[];
  sessions: Stored<SessionRow>[];
  deadlines: Stored<DeadlineRow>[];
  blackouts: Stored<BlackoutRow>[];
  reminderRules: Stored<ReminderRuleRow>[];
}

const GROUP_KIND = { COP_COHORT: "COP", WORKING_GROUPS: "WORKING_GROUP" } as const;
const sorted = (values: readonly string[]) => [...values].sort();

/** Blackout dates that remove occurrences of a group's repeating series (or a programme-wide one's). */
const blackoutDates = (spec: ProgrammeSpec, group: string | null) =>
  spec.blackouts.filter((b) => b.group === null || b.group === group).map((b) => b.date);

function sessionRowsOf(s: SessionSpec, spec: ProgrammeSpec): SessionRow[] {
  const base = {
    group: s.group,
    title: s.title,
    description: s.description,
    format: s.format,
    timezone: s.timezone,
    location: s.location,
    meetingUrl: s.meetingUrl,
    featuredGroups: sorted(s.featuredGroups),
    audience: s.audience,
    sequence: 0,
  };
  const { schedule } = s;
  const occurrences =
    schedule.kind === "once"
      ? [occurrenceAt(s.key, schedule.date, `${schedule.date}T${s.localTime}`, s.durationMinutes, s.timezone, schedule.cancelled)]
      : expandSeries({
          key: s.key,
          schedule: seriesDatesOf(schedule)!,
          localTime: s.localTime,
          durationMinutes: s.durationMinutes,
          timezone: s.timezone,
          except: schedule.kind === "repeat" ? schedule.except : [],
          // Explicit dates on a blackout are rejected when the file is read; rules skip them.
          blackouts: schedule.kind === "repeat" ? blackoutDates(spec, s.group) : [],
          changes: schedule.changes,
        });
  return occurrences.map((o) => ({
    ...base,
    key: o.key,
    series: schedule.kind === "once" ? null : s.key,
    localStart: o.localStart,
    durationMinutes: o.durationMinutes,
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    status: o.cancelled ? "CANCELLED" : "SCHEDULED",
  }));
}

function groupRow(g: GroupSpec, kind: ProgrammeKind): GroupRow {
  return {
    slug: g.slug,
    name: g.name,
    nameKey: g.name.toLowerCase(),
    kind: GROUP_KIND[kind],
    status: g.status,
    description: g.description,
    topics: g.topics,
    capacity: g.capacity,
    allowsPartners: g.allowsPartners,
    continuing: g.continuing,
    channelName: g.channel && "create" in g.channel ? g.channel.create : null,
    ...(g.channel && "link" in g.channel && { channelId: g.channel.link }),
  };
}

/** The rows a programme file asks for. */
export function desiredState(spec: ProgrammeSpec): ProgrammeState {
  const deadlines = spec.deadlines.map((d) => ({
    key: d.key,
    kind: d.kind,
    title: d.title,
    description: d.description,
    localDue: d.localDue,
    timezone: spec.timezone,
    dueAt: localInstant(d.localDue, spec.timezone),
    sequence: 0,
  }));
  const dueOf = (kind: DeadlineKind) => deadlines.find((d) => d.kind === kind)?.dueAt ?? null;
  return {
    programme: {
      slug: spec.slug,
      name: spec.name,
      kind: spec.kind,
      timezone: spec.timezone,
      description: spec.description,
      announcementChannelName: spec.announcements && "create" in spec.announcements ? spec.announcements.create : null,
      ...(spec.announcements && "link" in spec.announcements && { announcementChannelId: spec.announcements.link }),
      signupOpensAt: dueOf("SIGNUPS_OPEN"),
      signupClosesAt: dueOf("SIGNUPS_CLOSE"),
      proposalsDueAt: dueOf("PROPOSALS_DUE"),
    },
    organizations: spec.organizations.map((o) => ({
      name: o.name,
      nameKey: o.name.toLowerCase(),
      memberStatus: o.status,
      kind: o.kind,
      network: o.network?.toLowerCase() ?? null,
      domains: sorted(o.domains),
      slackTeams: sorted(o.slackTeams),
    })),
    groups: spec.groups.map((g) => groupRow(g, spec.kind)),
    facilitators: spec.groups.flatMap((g) =>
      g.facilitators.map((f) => ({
        group: g.slug,
        name: f.name,
        nameKey: f.name.toLowerCase(),
        organization: f.organization,
        slackUserId: f.slackUserId,
      })),
    ),
    series: spec.sessions.flatMap((s) => {
      const schedule = seriesDatesOf(s.schedule);
      if (!schedule) return [];
      return [
        {
          key: s.key,
          group: s.group,
          title: s.title,
          rule: seriesRuleText(schedule),
          // A rule's own start, which need not be one of its dates; it is the DTSTART the rule text omits.
          firstDate: schedule.kind === "repeat" ? schedule.rule.from : scheduledDates(schedule)[0]!,
          localTime: s.localTime,
          durationMinutes: s.durationMinutes,
          timezone: s.timezone,
          exceptions: s.schedule.kind === "repeat" ? s.schedule.except : [],
          format: s.format,
          location: s.location,
          meetingUrl: s.meetingUrl,
        },
      ];
    }),
    sessions: spec.sessions.flatMap((s) => sessionRowsOf(s, spec)),
    deadlines,
    blackouts: spec.blackouts.map((b) => ({ group: b.group, date: b.date, reason: b.reason })),
    reminderRules: spec.reminders.map((r) => ({
      group: r.group,
      target: r.target,
      offsetMinutes: r.offsetMinutes,
      audience: r.audience,
      onlyFormat: r.onlyFormat,
    })),
  };
}

// ---------------------------------------------------------------- rows -> spec (export)

function scheduleOfSeries(series: SeriesRow, rows: readonly SessionRow[], blackouts: readonly string[]): ScheduleSpec {
  const dates = parseSeriesRule(series.rule, series.firstDate);
  const plain = expandSeries({
    key: series.key,
    schedule: dates,
    localTime: series.localTime,
    durationMinutes: series.durationMinutes,
    timezone: series.timezone,
    except: series.exceptions,
    blackouts: dates.kind === "repeat" ? blackouts : [],
  });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const changes: Record<string, OccurrenceChange> = {};
  const missing: string[] = [];
  for (const o of plain) {
    const row = byKey.get(o.key);
    if (!row) {
      missing.push(o.seriesDate);
      continue;
    }
    const [date, time] = row.localStart.split("T") as [string, string];
    const retimed = time !== series.localTime || row.durationMinutes !== series.durationMinutes;
    const change: OccurrenceChange = {
      ...(date !== o.seriesDate && { date }),
      ...(retimed && { localTime: time, durationMinutes: row.durationMinutes }),
      ...(row.status === "CANCELLED" && { cancelled: true as const }),
    };
    if (Object.keys(change).length) changes[o.seriesDate] = change;
  }
  // An occurrence deleted outside the file reads back as an exception, so export stays truthful.
  if (dates.kind === "dates") return { kind: "dates", dates: dates.dates.filter((d) => !missing.includes(d)), changes };
  return { kind: "repeat", rule: dates.rule, except: sorted([...series.exceptions, ...missing]), changes };
}

const firstStart = (rows: readonly SessionRow[]) => Math.min(...rows.map((r) => r.startsAt.getTime()));

/** The spec that a programme's rows describe: what export writes. */
export function specFromState(state: ProgrammeState): ProgrammeSpec {
  const { programme } = state;
  const rowsOfSeries = new Map<string, SessionRow[]>();
  for (const row of state.sessions) if (row.series) rowsOfSeries.set(row.series, [...(rowsOfSeries.get(row.series) ?? []), row]);
  const blackoutsOf = (group: string | null) => state.blackouts.filter((b) => b.group === null || b.group === group).map((b) => b.date);

  const single = state.sessions
    .filter((r) => r.series === null)
    .map((r): [number, SessionSpec] => [
      r.startsAt.getTime(),
      {
        key: r.key,
        title: r.title,
        description: r.description,
        group: r.group,
        format: r.format,
        location: r.location,
        meetingUrl: r.meetingUrl,
        featuredGroups: r.featuredGroups,
        audience: r.audience,
        timezone: r.timezone,
        localTime: r.localStart.slice(11),
        durationMinutes: r.durationMinutes,
        schedule: { kind: "once", date: r.localStart.slice(0, 10), cancelled: r.status === "CANCELLED" },
      },
    ]);
  const series = state.series.map((s): [number, SessionSpec] => {
    const rows = rowsOfSeries.get(s.key) ?? [];
    // The series row has no description or featured groups: its occurrences carry them.
    const first = rows.find((r) => r.localStart.slice(0, 10) === s.firstDate) ?? rows[0];
    return [
      rows.length ? firstStart(rows) : Number.MAX_SAFE_INTEGER,
      {
        key: s.key,
        title: s.title,
        description: first?.description ?? null,
        group: s.group,
        format: s.format,
        location: s.location,
        meetingUrl: s.meetingUrl,
        featuredGroups: first?.featuredGroups ?? [],
        audience: first?.audience ?? "EVERYONE",
        timezone: s.timezone,
        localTime: s.localTime,
        durationMinutes: s.durationMinutes,
        schedule: scheduleOfSeries(s, rows, blackoutsOf(s.group)),
      },
    ];
  });

  return {
    slug: programme.slug,
    name: programme.name,
    kind: programme.kind,
    timezone: programme.timezone,
    description: programme.description,
    announcements: programme.announcementChannelName
      ? { create: programme.announcementChannelName }
      : programme.announcementChannelId
        ? { link: programme.announcementChannelId }
        : null,
    organizations: [...state.organizations]
      .sort((a, b) => a.nameKey.localeCompare(b.nameKey))
      .map((o) => ({
        name: o.name,
        status: o.memberStatus,
        kind: o.kind,
        network: state.organizations.find((n) => n.nameKey === o.network)?.name ?? null,
        domains: o.domains,
        slackTeams: o.slackTeams,
      })),
    groups: state.groups.map((g) => ({
      slug: g.slug,
      name: g.name,
      description: g.description,
      topics: g.topics,
      capacity: g.capacity,
      allowsPartners: g.allowsPartners,
      continuing: g.continuing,
      status: g.status,
      channel: g.channelName ? { create: g.channelName } : g.channelId ? { link: g.channelId } : null,
      facilitators: state.facilitators
        .filter((f) => f.group === g.slug)
        .map((f) => ({ name: f.name, organization: f.organization, slackUserId: f.slackUserId })),
    })),
    deadlines: [...state.deadlines]
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key))
      .map((d) => ({ key: d.key, kind: d.kind, title: d.title, description: d.description, localDue: d.localDue })),
    sessions: [...single, ...series].sort((a, b) => a[0] - b[0] || a[1].key.localeCompare(b[1].key)).map(([, s]) => s),
    blackouts: [...state.blackouts]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((b) => ({ date: b.date, reason: b.reason, group: b.group })),
    reminders: state.reminderRules.map((r) => ({
      target: r.target,
      offsetMinutes: r.offsetMinutes,
      audience: r.audience,
      onlyFormat: r.onlyFormat,
      group: r.group,
    })),
  };
}
