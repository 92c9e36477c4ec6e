/** When and where Convene reminds people, before sessions and deadlines. Pure: no Slack, no database. */

export type ReminderTarget = "SESSION" | "DEADLINE";
/**
 * GROUP_CHANNEL is the session's own channel: its group's, or the programme's announcement channel
 * for a session that belongs to every group (and for deadlines, which are programme-wide).
 */
export type ReminderAudience = "GROUP_CHANNEL" | "ANNOUNCEMENTS" | "DM";
export type SessionFormat = "VIRTUAL" | "IN_PERSON";

export interface ReminderRule {
  target: ReminderTarget;
  offsetMinutes: number;
  audience: ReminderAudience;
  onlyFormat?: SessionFormat | null;
}

/** A stored rule: for a whole programme when groupId is null, else for one group. */
export interface ScopedReminderRule extends ReminderRule {
  programmeId: string;
  groupId: string | null;
}

const HOUR = 60;
const DAY = 24 * HOUR;

export const DEFAULT_RULES: readonly ReminderRule[] = [
  { target: "SESSION", offsetMinutes: 7 * DAY, audience: "GROUP_CHANNEL" },
  { target: "SESSION", offsetMinutes: DAY, audience: "GROUP_CHANNEL" },
  { target: "SESSION", offsetMinutes: HOUR, audience: "GROUP_CHANNEL", onlyFormat: "VIRTUAL" },
  // Sent only to members who opted in to DMs, in their own time zone.
  { target: "SESSION", offsetMinutes: DAY, audience: "DM" },
  { target: "DEADLINE", offsetMinutes: 14 * DAY, audience: "ANNOUNCEMENTS" },
  { target: "DEADLINE", offsetMinutes: 3 * DAY, audience: "ANNOUNCEMENTS" },
  { target: "DEADLINE", offsetMinutes: DAY, audience: "ANNOUNCEMENTS" },
];

/** Where the rules in force come from: the group's own rows, its programme's, or the built-in defaults. */
export type RuleSource = "group" | "programme" | "defaults";

export interface RuleScope {
  programmeId: string;
  /** null: the programme as a whole. */
  groupId: string | null;
}

/**
 * The rules for one target in one place, and where they come from: a group's own rows replace its
 * programme's, which replace the defaults. Replacement is per target, so a programme that only
 * customises deadline reminders keeps the default session reminders.
 */
export function resolveRules(
  stored: readonly ScopedReminderRule[],
  where: RuleScope & { target: ReminderTarget },
): { rules: ReminderRule[]; source: RuleSource } {
  const ofTarget = stored.filter((r) => r.programmeId === where.programmeId && r.target === where.target);
  const group = where.groupId ? ofTarget.filter((r) => r.groupId === where.groupId) : [];
  const programme = ofTarget.filter((r) => r.groupId === null);
  const [chosen, source]: [readonly ReminderRule[], RuleSource] =
    group.length > 0
      ? [group, "group"]
      : programme.length > 0
        ? [programme, "programme"]
        : [DEFAULT_RULES.filter((r) => r.target === where.target), "defaults"];
  return {
    rules: chosen.map(({ target, offsetMinutes, audience, onlyFormat }) => ({
      target,
      offsetMinutes,
      audience,
      onlyFormat: onlyFormat ?? null,
    })),
    source,
  };
}

export function rulesFor(stored: readonly ScopedReminderRule[], where: RuleScope & { target: ReminderTarget }): ReminderRule[] {
  return resolveRules(stored, where).rules;
}

/**
 * The rows a scope stores so that `wanted` applies there for `target`: none when `wanted` is empty
 * or is what the scope inherits anyway, so that it keeps following its programme or the defaults.
 */
export function rowsToStore(
  stored: readonly ScopedReminderRule[],
  scope: RuleScope,
  target: ReminderTarget,
  wanted: readonly ReminderRule[],
): ReminderRule[] {
  const others = stored.filter((r) => !(r.programmeId === scope.programmeId && r.groupId === scope.groupId && r.target === target));
  const inherited = resolveRules(others, { ...scope, target }).rules;
  const key = (r: ReminderRule) => `${r.offsetMinutes}:${r.audience}:${r.onlyFormat ?? ""}`;
  const same = new Set(inherited.map(key));
  if (wanted.length === 0 || (wanted.length === same.size && wanted.every((r) => same.has(key(r))))) return [];
  return wanted.map(({ offsetMinutes, audience, onlyFormat }) => ({ target, offsetMinutes, audience, onlyFormat: onlyFormat ?? null }));
}

/** How far ahead of a session (or a deadline) any reminder may fall: the planning horizon. */
export function longestOffsetMinutes(stored: readonly Pick<ReminderRule, "target" | "offsetMinutes">[], target: ReminderTarget): number {
  return Math.max(...[...DEFAULT_RULES, ...stored].filter((r) => r.target === target).map((r) => r.offsetMinutes));
}

/** "7 days", "1 day", "1 hour", "90 minutes": how staff and readers see an offset. */
export function describeOffset(offsetMinutes: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (offsetMinutes % DAY === 0) return unit(offsetMinutes / DAY, "day");
  if (offsetMinutes % HOUR === 0) return unit(offsetMinutes / HOUR, "hour");
  return unit(offsetMinutes, "minute");
}

// ---------------------------------------------------------------- offsets as staff write them

/** The longest offset staff may set: the scheduler plans this far ahead. */
export const MAX_OFFSET_MINUTES = 60 * DAY;
/** How many offsets one list may hold. */
export const MAX_OFFSETS = 10;

const OFFSET = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;
const FORMAT_WORD = /^(.*?)\s+(virtual|in[\s_-]*person)$/;

/** "7d", "2h", "30m", "1d12h" (as in the programme file): minutes, or null when it is not an offset. */
export function parseOffset(text: string): number | null {
  const m = OFFSET.exec(text.replace(/\s+/g, "").toLowerCase());
  if (!m || !(m[1] || m[2] || m[3])) return null;
  return Number(m[1] ?? 0) * DAY + Number(m[2] ?? 0) * HOUR + Number(m[3] ?? 0);
}

export function formatOffset(offsetMinutes: number): string {
  const parts: [number, string][] = [
    [Math.floor(offsetMinutes / DAY), "d"],
    [Math.floor((offsetMinutes % DAY) / HOUR), "h"],
    [offsetMinutes % HOUR, "m"],
  ];
  return (
    parts
      .filter(([n]) => n > 0)
      .map(([n, unit]) => `${n}${unit}`)
      .join("") || "0m"
  );
}

/** One offset of a list, optionally only before sessions of one format. */
export interface OffsetItem {
  offsetMinutes: number;
  onlyFormat: SessionFormat | null;
}

export type OffsetList = { ok: true; items: OffsetItem[] } | { ok: false; error: string };

/**
 * "7d, 1d, 1h virtual": offsets separated by commas, longest first once parsed. `formats` allows a
 * trailing "virtual" or "in person" (session reminders); each offset may appear once, since an
 * audience holds one rule per offset.
 */
export function parseOffsetList(text: string, opts: { formats: boolean }): OffsetList {
  const tokens = text
    .split(/[,;\n]/)
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  if (tokens.length > MAX_OFFSETS) return { ok: false, error: `List at most ${MAX_OFFSETS} times.` };
  const items: OffsetItem[] = [];
  for (const token of tokens) {
    const withFormat = FORMAT_WORD.exec(token);
    if (withFormat && !opts.formats) return { ok: false, error: `Deadlines have no format: remove "${withFormat[2]}".` };
    const offsetMinutes = parseOffset(withFormat ? withFormat[1]! : token);
    if (offsetMinutes === null || offsetMinutes === 0)
      return { ok: false, error: `"${token}" is not a time before: write times like 7d, 1d, 2h or 30m.` };
    if (offsetMinutes > MAX_OFFSET_MINUTES)
      return { ok: false, error: `"${token}" is too early: reminders go out at most ${describeOffset(MAX_OFFSET_MINUTES)} before.` };
    if (items.some((i) => i.offsetMinutes === offsetMinutes))
      return { ok: false, error: `${formatOffset(offsetMinutes)} is listed twice.` };
    const onlyFormat = withFormat ? (withFormat[2] === "virtual" ? "VIRTUAL" : "IN_PERSON") : null;
    items.push({ offsetMinutes, onlyFormat });
  }
  return { ok: true, items: items.sort((a, b) => b.offsetMinutes - a.offsetMinutes) };
}

/** The inverse of parseOffsetList: "7d, 1d, 1h virtual". */
export function formatOffsetList(items: readonly OffsetItem[]): string {
  const format = (f: SessionFormat | null) => (f === "VIRTUAL" ? " virtual" : f === "IN_PERSON" ? " in person" : "");
  return [...items]
    .sort((a, b) => b.offsetMinutes - a.offsetMinutes)
    .map((i) => `${formatOffset(i.offsetMinutes)}${format(i.onlyFormat)}`)
    .join(", ");
}
