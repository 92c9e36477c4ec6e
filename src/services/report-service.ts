/**
 * A programme's participation report: organization-level figures, so for staff only (checked here
 * on every request; the command line is run by whoever holds the database). Every report shown
 * and every export is recorded in the audit log before it leaves.
 */
import type { WebClient } from "@slack/web-api";
import { writeAudit } from "../db/audit-repository";
import type { Db } from "../db/client";
import { programmesMatching, type ReportProgramme, reportAttendanceRows, reportInput, reportProposalRows } from "../db/report-repository";
import { type ParticipationReport, participationReport } from "../domain/participation-report";
import { notFound, UserError } from "../errors";
import { escapeMrkdwn } from "../views/message";
import { attendanceChart, participationChart } from "../views/report-charts";
import { groupsCsv, participationCsv, proposalsCsv, REPORT_FILES, reportAttendanceCsv } from "../views/report-csv";
import type { Services } from "./context";
import { type OutgoingFile, sendFilesToDm } from "./file-service";
import { requireStaff } from "./staff-service";

/** The programme a typed slug or name means; with none, the only active one. */
export async function programmeForReport(db: Db, query: string): Promise<ReportProgramme> {
  const found = await programmesMatching(db, query.trim());
  if (found.length === 1) return found[0]!;
  if (!query.trim()) {
    if (!found.length) throw notFound("There is no active programme to report on.");
    throw new UserError(`Which programme? ${found.map((p) => `\`${p.slug}\``).join(", ")}.`, "invalid");
  }
  if (!found.length) throw notFound(`There is no programme "${query.trim()}".`);
  throw new UserError(`"${query.trim()}" matches ${found.map((p) => `\`${p.slug}\``).join(", ")}. Type its slug.`, "not_found");
}

/** The figures, as of `asOf`, for whoever may see them (staff in Slack, the CLI). */
export async function participationFigures(db: Db, programme: ReportProgramme, asOf: Date): Promise<ParticipationReport> {
  return participationReport(await reportInput(db, programme, asOf));
}

const audit = (db: Db, entry: { actor: string; action: "report.view" | "report.export"; programmeId: string; detail: object; at: Date }) =>
  db.$transaction((tx) =>
    writeAudit(tx, {
      actor: entry.actor,
      action: entry.action,
      entityType: "Programme",
      entityId: entry.programmeId,
      detail: entry.detail,
      at: entry.at,
    }),
  );

const REPORT_ACCESS = "see the participation report: it shows figures by organization";

/** The report for staff, recorded in the audit log. */
export async function reportForStaff(
  services: Services,
  input: { slackUserId: string; programme: ReportProgramme },
): Promise<ParticipationReport> {
  await requireStaff(services, input.slackUserId, REPORT_ACCESS);
  const report = await participationFigures(services.db, input.programme, services.now());
  await audit(services.db, {
    actor: input.slackUserId,
    action: "report.view",
    programmeId: input.programme.id,
    detail: { groups: report.groups.length, organizations: report.organizations.length },
    at: services.now(),
  });
  return report;
}

/** The report's CSV files and charts, named as REPORT_FILES says. */
export async function reportFiles(db: Db, report: ParticipationReport): Promise<OutgoingFile[]> {
  const name = report.programme.name;
  const [attendance, proposals, attendancePng, participationPng] = await Promise.all([
    reportAttendanceRows(db, report.programme, report.asOf),
    reportProposalRows(db, report.programme.id),
    attendanceChart(report),
    participationChart(report),
  ]);
  return [
    { filename: REPORT_FILES.attendanceChart, title: attendancePng.title, content: attendancePng.png, altText: attendancePng.altText },
    {
      filename: REPORT_FILES.participationChart,
      title: participationPng.title,
      content: participationPng.png,
      altText: participationPng.altText,
    },
    { filename: REPORT_FILES.attendance, title: `${name}: attendance`, content: reportAttendanceCsv(attendance) },
    {
      filename: REPORT_FILES.participation,
      title: `${name}: participation by organization`,
      content: participationCsv(report.organizations),
    },
    { filename: REPORT_FILES.groups, title: `${name}: groups`, content: groupsCsv(report.groups) },
    { filename: REPORT_FILES.proposals, title: `${name}: proposals with scores`, content: proposalsCsv(proposals) },
  ];
}

/** Records the export, then sends the charts and CSV files to the requester's DM with Convene. */
export async function sendReport(
  services: Services,
  slack: WebClient,
  input: { slackUserId: string; report: ParticipationReport },
): Promise<void> {
  await requireStaff(services, input.slackUserId, REPORT_ACCESS);
  const { report } = input;
  const files = await reportFiles(services.db, report);
  await audit(services.db, {
    actor: input.slackUserId,
    action: "report.export",
    programmeId: report.programme.id,
    detail: { files: files.map((f) => f.filename) },
    at: services.now(),
  });
  const stem = `${report.programme.slug}-${report.asOf.toISOString().slice(0, 10)}`;
  await sendFilesToDm(
    slack,
    input.slackUserId,
    files.map((f) => ({ ...f, filename: `${stem}-${f.filename}` })),
    `${escapeMrkdwn(report.programme.name)}: the participation report to ${report.asOf.toISOString().slice(0, 10)}, as charts and CSV files.`,
  );
}

/** For the command line, which has no Slack user: the report (printed) or export (files written) is recorded as the CLI's. */
export const recordCliReport = (db: Db, report: ParticipationReport, files: readonly string[], at: Date) =>
  audit(db, {
    actor: "cli",
    action: files.length ? "report.export" : "report.view",
    programmeId: report.programme.id,
    detail: { files },
    at,
  });
