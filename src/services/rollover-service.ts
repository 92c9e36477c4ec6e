/**
 * Next year from this one. The new programme goes through the same path as any programme file
 * (parse, plan, apply in one transaction), so what a rollover writes is what importing its file
 * would write, and its channels are created by the same channel sync afterwards, with names that
 * cannot be last year's. Last year's programme is only read.
 */
import type { Db } from "../db/client";
import { loadProgrammeState, programmeBySlug } from "../db/programme-repository";
import { formatProgrammeFile, parseProgrammeFile } from "../domain/programme-file";
import { describeRollover, nextSlug, planRollover, type RolloverPlan } from "../domain/rollover";
import { specFromState } from "../domain/programme-state";
import { notFound, UserError } from "../errors";
import type { Services } from "./context";
import { importProgramme } from "./programme-service";
import { requireStaff } from "./staff-service";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const taken = (to: string) =>
  new UserError(`A programme "${to}" exists already: choose another name for next year.`, "conflict", {
    rollover_slug: `"${to}" exists already.`,
  });

export interface RolloverPreview {
  plan: RolloverPlan;
  /** The plan as lines: every date with its weekday, groups kept and left, channels. */
  planLines: string[];
  /** What importing the new programme would create, line by line as `import --dry-run` says it. */
  importLines: string[];
  /** The new programme's file, as `import` would read it. */
  file: string;
}

/** The plan for `to` from `from`, with nothing written; refused when `to` is taken or the result would not import. */
export async function previewRollover(db: Db, from: string, to: string, now: Date): Promise<RolloverPreview> {
  if (!SLUG.test(to))
    throw new UserError(
      "The new programme's name must be lowercase letters and digits joined by single dashes, e.g. cop-2022-2023.",
      "invalid",
      { rollover_slug: "Use lowercase letters and digits joined by dashes, e.g. cop-2022-2023." },
    );
  const stored = await loadProgrammeState(db, from);
  if (!stored.programme) throw notFound(`There is no programme "${from}".`);
  if ((await loadProgrammeState(db, to)).programme) {
    throw taken(to);
  }
  const plan = planRollover(specFromState({ ...stored, programme: stored.programme }), to);
  const file = formatProgrammeFile(plan.spec);
  // A date that next year falls in a daylight-saving gap, say, is named here before anything is written.
  const parsed = parseProgrammeFile(file);
  if (!parsed.ok)
    throw new UserError(
      `Next year's programme would not import:\n${parsed.errors.map((e) => `${e.path}: ${e.message}`).join("\n")}`,
      "invalid",
    );
  const imported = await importProgramme(db, file, { dryRun: true, now });
  return { plan, file, planLines: describeRollover(plan), importLines: imported.ok ? imported.lines : [] };
}

/** Writes next year's programme, through the import path; returns its slug and the import's lines. */
export async function applyRollover(
  db: Db,
  from: string,
  to: string,
  options: { now: Date; actor: string },
): Promise<{ slug: string; name: string; lines: string[] }> {
  const preview = await previewRollover(db, from, to, options.now);
  let result;
  try {
    result = await importProgramme(db, preview.file, { now: options.now, actor: options.actor });
  } catch (err) {
    // Two staff (or a double click) starting the same year: the unique slug lets one in.
    if ((await loadProgrammeState(db, to)).programme) throw taken(to);
    throw err;
  }
  if (!result.ok) throw new UserError(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"), "invalid");
  return { slug: result.slug, name: preview.plan.to.name, lines: result.lines };
}

/** What the "Next year" form shows: the programme, and a name for next year's. */
export async function rolloverForm(
  services: Services,
  slackUserId: string,
  from: string,
): Promise<{ from: { slug: string; name: string }; suggested: string }> {
  await requireStaff(services, slackUserId, "start next year's programme");
  const programme = await programmeBySlug(services.db, from);
  if (!programme) throw notFound(`There is no programme "${from}".`);
  return { from: { slug: programme.slug, name: programme.name }, suggested: nextSlug(programme.slug) };
}

/** The Slack path: staff only, checked here whatever the buttons showed. */
export async function previewRolloverFor(services: Services, slackUserId: string, from: string, to: string): Promise<RolloverPreview> {
  await requireStaff(services, slackUserId, "start next year's programme");
  return previewRollover(services.db, from, to, services.now());
}

export async function applyRolloverFor(services: Services, slackUserId: string, from: string, to: string) {
  await requireStaff(services, slackUserId, "start next year's programme");
  return applyRollover(services.db, from, to, { now: services.now(), actor: slackUserId });
}
