/** Reminder rules per programme and group, as staff edit them in Slack. */
import type { ReminderRule, ReminderTarget, ScopedReminderRule } from "../domain/reminder-rules";
import type { Db, Tx } from "./client";

export interface ProgrammeRef {
  id: string;
  slug: string;
  name: string;
  status: "ACTIVE" | "ARCHIVED";
  groups: { id: string; slug: string; name: string }[];
}

export async function programmesWithGroups(db: Db): Promise<ProgrammeRef[]> {
  return db.programme.findMany({
    orderBy: [{ status: "asc" }, { name: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      status: true,
      groups: { select: { id: true, slug: true, name: true }, orderBy: { name: "asc" } },
    },
  });
}

export async function programmeRef(db: Db, id: string): Promise<ProgrammeRef | null> {
  return db.programme.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      name: true,
      status: true,
      groups: { select: { id: true, slug: true, name: true }, orderBy: { name: "asc" } },
    },
  });
}

const ruleColumns = { programmeId: true, groupId: true, target: true, offsetMinutes: true, audience: true, onlyFormat: true } as const;

/** Every rule of one programme, its groups' included: what the programme's reminders are resolved from. */
export async function programmeRules(db: Db | Tx, programmeId: string): Promise<ScopedReminderRule[]> {
  return db.reminderRule.findMany({ where: { programmeId }, select: ruleColumns, orderBy: [{ target: "asc" }, { offsetMinutes: "desc" }] });
}

/**
 * Makes two staff saving a programme's rules at once take turns (a row lock on PostgreSQL; SQLite
 * has one writer anyway). Programme-wide rows have a null group, which the unique index does not
 * hold unique, so two concurrent replacements could otherwise both insert. Call it first in the
 * transaction, before reading the rules.
 */
export async function lockProgrammeRules(tx: Tx, programmeId: string, now: Date): Promise<void> {
  await tx.programme.update({ where: { id: programmeId }, data: { updatedAt: now } });
}

/** Replaces the rules of one scope (a programme, or one of its groups) for the given targets. */
export async function replaceScopeRules(
  tx: Tx,
  scope: { programmeId: string; groupId: string | null; targets: readonly ReminderTarget[] },
  rules: readonly ReminderRule[],
): Promise<void> {
  await tx.reminderRule.deleteMany({
    where: { programmeId: scope.programmeId, groupId: scope.groupId, target: { in: [...scope.targets] } },
  });
  if (rules.length === 0) return;
  await tx.reminderRule.createMany({
    data: rules.map((r) => ({
      programmeId: scope.programmeId,
      groupId: scope.groupId,
      target: r.target,
      offsetMinutes: r.offsetMinutes,
      audience: r.audience,
      onlyFormat: r.onlyFormat ?? null,
    })),
  });
}
