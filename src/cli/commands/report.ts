import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../../errors";
import { participationFigures, programmeForReport, recordCliReport, reportFiles } from "../../services/report-service";
import type { CliCommand } from "../command";

/**
 * The participation report for staff who work in spreadsheets: the CSV files and PNG charts
 * `/convene report` sends, written into a folder, and/or the figures as JSON on stdout.
 */
export const reportCommand: CliCommand = {
  name: "report",
  summary: "Write a programme's participation report (CSV files and PNG charts) into a folder, or print its figures as JSON",
  usage: "npm run convene -- report SLUG [--out DIR] [--format text|json] [--at 2022-06-30T00:00:00Z]",
  options: { out: { type: "string" }, format: { type: "string" }, at: { type: "string" } },
  async run({ db, now, out }, { positionals, values }) {
    const [slug] = positionals;
    const format = values.format ?? "text";
    const dir = typeof values.out === "string" ? values.out : undefined;
    if (!slug || positionals.length > 1 || (format !== "text" && format !== "json") || (!dir && format !== "json")) {
      out(`usage: ${reportCommand.usage}\n--out DIR, --format json, or both.`);
      return 2;
    }
    const asOf = values.at === undefined ? now() : new Date(String(values.at));
    if (Number.isNaN(asOf.getTime())) {
      out(`--at must be an ISO date and time, e.g. 2022-06-30T00:00:00Z (got "${values.at}").`);
      return 2;
    }
    let report;
    try {
      report = await participationFigures(db, await programmeForReport(db, slug), asOf);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      out(err.message.replace(/`/g, ""));
      return 1;
    }
    const files = dir ? await reportFiles(db, report) : [];
    await recordCliReport(
      db,
      report,
      files.map((f) => f.filename),
      now(),
    );
    if (dir) {
      await mkdir(dir, { recursive: true });
      for (const f of files) await writeFile(path.join(dir, f.filename), f.content);
      if (format === "text") out(files.map((f) => `Wrote ${path.join(dir, f.filename)} (${f.title}).`).join("\n"));
    }
    if (format === "json") out(JSON.stringify(report, null, 2));
    return 0;
  },
};
