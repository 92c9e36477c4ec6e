import { programmeForReport, reportForStaff, sendReport } from "../../services/report-service";
import type { ParticipationReport } from "../../domain/participation-report";
import { escapeMrkdwn, notice } from "../../views/message";
import { REPORT_TITLE, reportModal } from "../../views/report-modal";
import { openModalWhenReady } from "../modal-flow";
import { readerOf } from "../reader";
import type { Subcommand } from "./subcommand";

/**
 * `/convene report [programme]` (staff): the year so far in a modal (opened at once, filled when
 * the figures are in), then its charts and CSV files in the requester's DM. Anyone else is refused
 * by the router with the reason, and again by the service.
 */
export const reportSubcommand: Subcommand = {
  name: "report",
  usage: "report [programme]",
  summary: "The year so far: participation by organization and group, with charts and CSV files (staff)",
  staffOnly: true,
  async run({ args, userId, triggerId, client, services }) {
    const programme = await programmeForReport(services.db, args);
    let report: ParticipationReport | undefined;
    await openModalWhenReady(client, {
      triggerId,
      title: REPORT_TITLE,
      logger: services.logger,
      build: async () => {
        report = await reportForStaff(services, { slackUserId: userId, programme });
        return reportModal(report, { zone: (await readerOf(services, client, userId)).zone });
      },
    });
    if (!report) return;
    await sendReport(services, client, { slackUserId: userId, report });
    return notice(
      `:inbox_tray: The report's charts and CSV files for *${escapeMrkdwn(report.programme.name)}* are in your DM with Convene.`,
    );
  },
};
