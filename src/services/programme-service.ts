/** Programme-as-code: import a programme file (idempotently, in one transaction) and export it back. */
import type { Db } from "../db/client";
import { organizationIdsByKey } from "../db/organization-repository";
import { applyProgrammePlan, loadProgrammeState } from "../db/programme-repository";
import { type FileError, formatProgrammeFile, parseProgrammeFile } from "../domain/programme-file";
import { describePlan, isEmptyPlan, planProgramme, type ProgrammePlan } from "../domain/programme-plan";
import { desiredState, specFromState } from "../domain/programme-state";
import { notFound, UserError } from "../errors";
import { admits, welcomeAdmitted } from "./organization-welcome-service";

export type ImportResult =
  | { ok: false; errors: FileError[] }
  /** `followUps`: welcomes for organizations the file admitted, to send (the scheduler sends them otherwise). */
  | { ok: true; slug: string; plan: ProgrammePlan; lines: string[]; applied: boolean; followUps: string[] };

// An import writes a few hundred rows at most; the default 5 s leaves too little room on a busy database.
const TRANSACTION = { maxWait: 10_000, timeout: 60_000 };

/**
 * Reads a programme file and makes the database match it: the same file twice changes nothing,
 * an edited file changes only what was edited. With `dryRun` nothing is written and the plan
 * says what would change. A file with errors writes nothing and returns them with their lines.
 */
export async function importProgramme(
  db: Db,
  text: string,
  options: { dryRun?: boolean; now: Date; actor?: string; admins?: readonly string[] },
): Promise<ImportResult> {
  const parsed = parseProgrammeFile(text);
  if (!parsed.ok) return parsed;
  const desired = desiredState(parsed.programme);
  const slug = parsed.programme.slug;
  if (options.dryRun) {
    const plan = planProgramme(desired, await loadProgrammeState(db, slug));
    return { ok: true, slug, plan, lines: describePlan(plan), applied: false, followUps: [] };
  }
  const { plan, followUps } = await db.$transaction(async (tx) => {
    const stored = await loadProgrammeState(tx, slug);
    const plan = planProgramme(desired, stored);
    if (plan.problems.length) throw new UserError(plan.problems.join("\n"), "conflict");
    if (isEmptyPlan(plan)) return { plan, followUps: [] };
    await applyProgrammePlan(tx, plan, stored, { actor: options.actor ?? "cli", at: options.now });
    const admitted = await organizationIdsByKey(tx, admittedKeys(plan, stored.organizations.length > 0));
    return { plan, followUps: await welcomeAdmitted(tx, { organizationIds: admitted, admins: options.admins ?? [], now: options.now }) };
  }, TRANSACTION);
  return { ok: true, slug, plan, lines: describePlan(plan), applied: !isEmptyPlan(plan), followUps };
}

/**
 * The organizations a plan admits: made members, or new members of a coalition that had
 * organizations already. A first import sets the coalition up; it admits nobody.
 */
function admittedKeys(plan: ProgrammePlan, coalitionExists: boolean): string[] {
  return plan.organizations.flatMap((c) => {
    if (c.action === "update" && admits(c.before.memberStatus, c.after.memberStatus)) return [c.key];
    if (c.action === "create" && coalitionExists && admits(null, c.after.memberStatus)) return [c.key];
    return [];
  });
}

/** The programme file for what the database holds; importing it changes nothing. */
export async function exportProgramme(db: Db, slug: string): Promise<string> {
  const stored = await loadProgrammeState(db, slug);
  if (!stored.programme) throw notFound(`There is no programme "${slug}".`);
  return formatProgrammeFile(specFromState({ ...stored, programme: stored.programme }));
}
