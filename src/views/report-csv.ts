/**
 * The participation report's CSV files: attendance row by row, participation by organization,
 * groups, and proposals with their reviewers' scores. Rates are percentages with one decimal,
 * empty when nothing was recorded. Pure.
 */
import type { AttendanceRow } from "../domain/attendance-row";
import type { GroupFigures, OrganizationFigures } from "../domain/participation-report";
import { csvFile } from "./csv-file";
import { RUBRIC } from "./proposal-score-modal";
import { ATTENDANCE_CSV_HEADER, attendanceCells } from "./roster-csv";

/** File names (after the programme's slug and the day), as the DM and the CLI's folder show them. */
export const REPORT_FILES = {
  attendance: "attendance.csv",
  participation: "participation-by-organization.csv",
  groups: "groups.csv",
  proposals: "proposals.csv",
  attendanceChart: "attendance-by-group.png",
  participationChart: "participation-by-organization.png",
} as const;

const percentCell = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export const REPORT_ATTENDANCE_CSV_HEADER = ["Group", ...ATTENDANCE_CSV_HEADER] as const;

export function reportAttendanceCsv(rows: readonly AttendanceRow[]): Buffer {
  return csvFile(
    REPORT_ATTENDANCE_CSV_HEADER,
    rows.map((r) => [r.groupName ?? "(whole programme)", ...attendanceCells(r)]),
  );
}

export const PARTICIPATION_CSV_HEADER = [
  "Organization",
  "Standing",
  "People signed up",
  "Groups",
  "Sessions attended",
  "Attendance recorded",
  "Attendance rate (%)",
  "Deliverables",
  "Proposals",
] as const;

export function participationCsv(organizations: readonly OrganizationFigures[]): Buffer {
  return csvFile(
    PARTICIPATION_CSV_HEADER,
    organizations.map((o) => [
      o.name,
      o.standing,
      o.people,
      o.groups,
      o.attended,
      o.recorded,
      percentCell(o.rate),
      o.deliverables,
      o.proposals,
    ]),
  );
}

export const GROUPS_CSV_HEADER = [
  "Group",
  "Members",
  "Capacity",
  "Waitlisted",
  "Sessions held",
  "Said going",
  "Can't make it",
  "Attended",
  "Attendance recorded",
  "Attendance rate (%)",
] as const;

export function groupsCsv(groups: readonly GroupFigures[]): Buffer {
  return csvFile(
    GROUPS_CSV_HEADER,
    groups.map((g) => [
      g.name,
      g.members,
      g.capacity,
      g.waitlisted,
      g.sessions.length,
      g.going,
      g.notGoing,
      g.attended,
      g.recorded,
      percentCell(g.rate),
    ]),
  );
}

export const PROPOSALS_CSV_HEADER = [
  "Title",
  "Proposer",
  "Organization",
  "Status",
  "Submitted (UTC)",
  "Reviews",
  "Abstentions",
  ...RUBRIC.map((c) => `${c.label} (mean)`),
  "Mean score",
] as const;

export interface ProposalCsvRow {
  title: string;
  proposer: string;
  organization: string | null;
  status: string;
  submittedAt: Date;
  /** Submitted reviews; scores map each rubric criterion to 1..5. */
  reviews: readonly { scores: unknown; abstained: boolean }[];
}

const mean = (xs: readonly number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);

export function proposalsCsv(proposals: readonly ProposalCsvRow[]): Buffer {
  return csvFile(
    PROPOSALS_CSV_HEADER,
    proposals.map((p) => {
      const scored = p.reviews.filter((r) => !r.abstained).map((r) => (r.scores ?? {}) as Record<string, unknown>);
      const of = (key: string) => scored.map((s) => s[key]).filter((v): v is number => typeof v === "number");
      return [
        p.title,
        p.proposer,
        p.organization,
        p.status.toLowerCase().replace(/_/g, " "),
        p.submittedAt.toISOString(),
        scored.length,
        p.reviews.length - scored.length,
        ...RUBRIC.map((c) => mean(of(c.key))),
        mean(RUBRIC.flatMap((c) => of(c.key))),
      ];
    }),
  );
}
