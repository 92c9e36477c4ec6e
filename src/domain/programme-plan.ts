/**
 * What an import would change: the desired rows of a programme file against the stored ones,
 * entity by entity, matched on their keys (slugs, session keys, dates), never on database ids.
 * The same file twice gives an empty plan. Pure; the repository applies a plan, `--dry-run`
 * prints it.
 */
import { isDeepStrictEqual } from "node:util";
import type {
  BlackoutRow,
  DeadlineRow,
  FacilitatorRow,
  GroupRow,
  OrganizationRow,
  ProgrammeRow,
  ProgrammeState,
  ReminderRuleRow,
  SeriesRow,
  SessionRow,
  Stored,
  StoredState,
} from "./programme-state";
import { DEFAULT_RULES } from "./reminder-rules";
import { isMadeInSlack } from "./session-keys";

export type Change<T> =
  | { action: "create"; key: string; after: T }
  | { action: "update"; key: string; id: string; before: T; after: T; fields: (keyof T & string)[] }
  | { action: "delete"; key: string; id: string; before: T };

export interface ProgrammePlan {
  slug: string;
  programme: Change<ProgrammeRow> | null;
  organizations: Change<OrganizationRow>[];
  groups: Change<GroupRow>[];
  facilitators: Change<FacilitatorRow>[];
  series: Change<SeriesRow>[];
  sessions: Change<SessionRow>[];
  deadlines: Change<DeadlineRow>[];
  blackouts: Change<BlackoutRow>[];
  reminderRules: Change<ReminderRuleRow>[];
  /** Reasons the plan must not be applied, e.g. deleting a group people have joined. */
  problems: string[];
  /** What the file asks for but will not happen as it stands; the plan still applies. */
  warnings: string[];
}

/** Fields computed from others: not shown in a listing, since their source is. */
const DERIVED = new Set(["nameKey", "startsAt", "endsAt", "dueAt", "signupOpensAt", "signupClosesAt", "proposalsDueAt", "sequence"]);

function diff<T extends object>(
  desired: readonly T[],
  stored: readonly Stored<T>[],
  keyOf: (row: T) => string,
  options: { deletes?: boolean; ignore?: readonly string[] } = {},
): Change<T>[] {
  const current = new Map(stored.map((row) => [keyOf(row), row]));
  const wanted = new Set(desired.map(keyOf));
  const changes: Change<T>[] = [];
  for (const want of desired) {
    const key = keyOf(want);
    const have = current.get(key);
    if (!have) {
      changes.push({ action: "create", key, after: want });
      continue;
    }
    const before = {} as T;
    const after = {} as T;
    const fields: (keyof T & string)[] = [];
    for (const field of Object.keys(want) as (keyof T & string)[]) {
      before[field] = have[field];
      // An undefined wish keeps what is stored (e.g. a channel id Slack filled in).
      after[field] = want[field] === undefined ? have[field] : want[field];
      if (!options.ignore?.includes(field) && !isDeepStrictEqual(before[field], after[field])) fields.push(field);
    }
    if (fields.length) changes.push({ action: "update", key, id: have.id, before, after, fields });
  }
  if (options.deletes !== false) {
    for (const [key, have] of current) {
      if (!wanted.has(key)) {
        const { id, ...before } = have;
        changes.push({ action: "delete", key, id, before: before as unknown as T });
      }
    }
  }
  return changes;
}

const scoped = (group: string | null) => group ?? "*";

/** The changes that turn the stored programme into the desired one. */
export function planProgramme(desired: ProgrammeState, stored: StoredState): ProgrammePlan {
  const [programme = null] = stored.programme
    ? diff([desired.programme], [stored.programme], (p) => p.slug)
    : [{ action: "create" as const, key: desired.programme.slug, after: desired.programme }];
  const named = new Set(desired.sessions.map((s) => s.key));
  const fromFiles = stored.sessions.filter((s) => named.has(s.key) || !isMadeInSlack(s.key));
  const sessions = bumpSequences(diff(desired.sessions, fromFiles, (s) => s.key, { ignore: ["sequence"] }));
  const groups = diff(desired.groups, stored.groups, (g) => g.slug);
  const memberCounts = new Map(stored.groups.map((g) => [g.slug, g.memberCount]));
  const problems = groups
    .filter((c) => c.action === "delete" && (memberCounts.get(c.key) ?? 0) > 0)
    .map((c) => `Group ${c.key} has ${memberCounts.get(c.key)} member(s) and cannot be removed: keep it with "signups: ended" instead.`);
  return {
    slug: desired.programme.slug,
    programme,
    // Organizations are coalition-wide, so a file that leaves one out does not delete it.
    organizations: diff(desired.organizations, stored.organizations, (o) => o.nameKey, { deletes: false }),
    groups: groups.map((c) => (c.action === "delete" ? { ...c, before: withoutCount(c.before) } : c)),
    facilitators: diff(desired.facilitators, stored.facilitators, (f) => `${f.group}/${f.nameKey}`),
    series: diff(desired.series, stored.series, (s) => s.key),
    sessions,
    deadlines: bumpSequences(diff(desired.deadlines, stored.deadlines, (d) => d.key, { ignore: ["sequence"] })),
    blackouts: diff(desired.blackouts, stored.blackouts, (b) => `${scoped(b.group)}/${b.date}`),
    reminderRules: diff(
      desired.reminderRules,
      stored.reminderRules,
      (r) => `${scoped(r.group)}/${r.target}/${r.offsetMinutes}/${r.audience}`,
    ),
    problems,
    warnings: announcementWarnings(desired, stored),
  };
}

/**
 * How many reminder rules in force would post to the announcements channel: rules addressed to it,
 * deadline rules (deadlines are programme-wide) and programme-wide sessions' channel rules, the
 * defaults included where the file sets none for a target.
 */
export function rulesPostingToAnnouncements(state: Pick<ProgrammeState, "reminderRules" | "deadlines" | "sessions">): number {
  const programmeRules = (target: "SESSION" | "DEADLINE") => {
    const own = state.reminderRules.filter((r) => r.group === null && r.target === target);
    return own.length ? own : DEFAULT_RULES.filter((r) => r.target === target);
  };
  const sessions = state.sessions.filter((s) => s.audience === "EVERYONE");
  const wide = sessions.some((s) => s.group === null);
  const deadlines = state.deadlines.length ? programmeRules("DEADLINE").filter((r) => r.audience !== "DM").length : 0;
  const wideSessions = wide ? programmeRules("SESSION").filter((r) => r.audience === "GROUP_CHANNEL").length : 0;
  const addressed = sessions.length
    ? state.reminderRules.filter((r) => r.target === "SESSION" && r.audience === "ANNOUNCEMENTS").length
    : 0;
  return deadlines + wideSessions + addressed;
}

function announcementWarnings(desired: ProgrammeState, stored: StoredState): string[] {
  const { programme } = desired;
  const hasChannel = programme.announcementChannelName ?? programme.announcementChannelId ?? stored.programme?.announcementChannelId;
  const count = rulesPostingToAnnouncements(desired);
  if (hasChannel || count === 0) return [];
  const rules = count === 1 ? "1 reminder rule posts" : `${count} reminder rules post`;
  return [
    `${rules} to announcements, but the programme has no announcements channel: add \`announcements:\` (e.g. announcements: { create: ${programme.slug}-announcements }).`,
  ];
}

/** Calendars replace an event only when its SEQUENCE grows: every change to a session or deadline bumps it. */
function bumpSequences<T extends { sequence: number }>(changes: Change<T>[]): Change<T>[] {
  return changes.map((change) =>
    change.action === "update" ? { ...change, after: { ...change.after, sequence: change.before.sequence + 1 } } : change,
  );
}

function withoutCount(row: GroupRow): GroupRow {
  const { memberCount: _, ...rest } = row as GroupRow & { memberCount?: number };
  return rest;
}

type Entity = Exclude<keyof ProgrammePlan, "slug" | "programme" | "problems" | "warnings">;
const ENTITIES: readonly Entity[] = [
  "organizations",
  "groups",
  "facilitators",
  "series",
  "sessions",
  "deadlines",
  "blackouts",
  "reminderRules",
];
const NOUN: Record<Entity, string> = {
  organizations: "organization",
  groups: "group",
  facilitators: "facilitator",
  series: "series",
  sessions: "session",
  deadlines: "deadline",
  blackouts: "blackout",
  reminderRules: "reminder rule",
};

function allChanges(plan: ProgrammePlan): { entity: string; change: Change<object> }[] {
  return [
    ...(plan.programme ? [{ entity: "programme", change: plan.programme as Change<object> }] : []),
    ...ENTITIES.flatMap((e) => (plan[e] as Change<object>[]).map((change) => ({ entity: NOUN[e], change }))),
  ];
}

export const isEmptyPlan = (plan: ProgrammePlan): boolean => allChanges(plan).length === 0;

export function planCounts(plan: ProgrammePlan): { create: number; update: number; delete: number } {
  const counts = { create: 0, update: 0, delete: 0 };
  for (const { change } of allChanges(plan)) counts[change.action] += 1;
  return counts;
}

const show = (value: unknown): string =>
  value === null || value === undefined ? "(none)" : value instanceof Date ? value.toISOString() : JSON.stringify(value);

function label(row: object): string {
  const r = row as { title?: string; name?: string; reason?: string };
  const name = r.title ?? r.name ?? r.reason;
  return name ? ` (${name})` : "";
}

/** The plan as lines a person reads before applying it: + create, ~ update, - delete. */
export function describePlan(plan: ProgrammePlan): string[] {
  const changes = allChanges(plan);
  if (changes.length === 0)
    return [`No changes: programme ${plan.slug} already matches the file.`, ...plan.warnings.map((w) => `Warning: ${w}`)];
  const lines = changes.map(({ entity, change }) => {
    if (change.action === "create") return `+ ${entity} ${change.key}${label(change.after)}`;
    if (change.action === "delete") return `- ${entity} ${change.key}${label(change.before)}`;
    const shown = change.fields.filter((f) => !DERIVED.has(f));
    const details = (shown.length ? shown : change.fields).map(
      (f) => `${f}: ${show((change.before as Record<string, unknown>)[f])} -> ${show((change.after as Record<string, unknown>)[f])}`,
    );
    const sequence = (change.after as { sequence?: number }).sequence;
    return `~ ${entity} ${change.key}: ${details.join("; ")}${sequence !== undefined ? ` (sequence ${sequence})` : ""}`;
  });
  const { create, update, delete: remove } = planCounts(plan);
  return [
    ...lines,
    `Programme ${plan.slug}: ${create} to create, ${update} to update, ${remove} to delete.`,
    ...plan.problems,
    ...plan.warnings.map((w) => `Warning: ${w}`),
  ];
}
