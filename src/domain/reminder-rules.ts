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

/**
 * The rules for one target in one place: a group's own rows replace its programme's, which replace
 * the defaults. Replacement is per target, so a programme that only customises deadline reminders
 * keeps the default session reminders.
 */
export function rulesFor(
  stored: readonly ScopedReminderRule[],
  where: { programmeId: string; groupId: string | null; target: ReminderTarget },
): ReminderRule[] {
  const ofTarget = stored.filter((r) => r.programmeId === where.programmeId && r.target === where.target);
  const group = where.groupId ? ofTarget.filter((r) => r.groupId === where.groupId) : [];
  const programme = ofTarget.filter((r) => r.groupId === null);
  const chosen = group.length > 0 ? group : programme.length > 0 ? programme : DEFAULT_RULES.filter((r) => r.target === where.target);
  return chosen.map(({ target, offsetMinutes, audience, onlyFormat }) => ({ target, offsetMinutes, audience, onlyFormat: onlyFormat ?? null }));
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
