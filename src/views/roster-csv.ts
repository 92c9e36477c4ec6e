/** The CSV files behind a roster's Export CSV: its people, and its attendance session by session. Pure. */
import type { AttendanceEntry } from "../domain/attendance-row";
import { csvFile } from "./csv-file";

export interface RosterCsvPerson {
  slackUserId: string;
  name: string;
  email: string | null;
  organization: string | null;
  signedUpAt: Date;
  signedUpBy: { name: string } | null;
  attended: number;
  recorded: number;
}

export const ROSTER_CSV_HEADER = [
  "Name",
  "Email",
  "Organization",
  "Status",
  "Waitlist position",
  "Signed up (UTC)",
  "Signed up by",
  "Sessions attended",
  "Sessions recorded",
  "Slack user ID",
] as const;

export function rosterCsv(roster: { members: readonly RosterCsvPerson[]; waitlist: readonly RosterCsvPerson[] }): Buffer {
  const row = (p: RosterCsvPerson, status: string, position: number | null) => [
    p.name,
    p.email,
    p.organization,
    status,
    position,
    p.signedUpAt.toISOString(),
    p.signedUpBy?.name ?? null,
    p.attended,
    p.recorded,
    p.slackUserId,
  ];
  return csvFile(ROSTER_CSV_HEADER, [
    ...roster.members.map((m) => row(m, "member", null)),
    ...roster.waitlist.map((m, i) => row(m, "waitlisted", i + 1)),
  ]);
}

export const ATTENDANCE_CSV_HEADER = ["Session", "Starts (UTC)", "Name", "Organization", "Attended", "RSVP"] as const;

const RSVP_WORDS = { GOING: "going", NOT_GOING: "can't make it" } as const;

/** One attendance row's cells, as ATTENDANCE_CSV_HEADER names them (the report's attendance file adds its group before them). */
export const attendanceCells = (r: AttendanceEntry) => [
  r.sessionTitle,
  r.startsAt.toISOString(),
  r.name,
  r.organization,
  r.attended,
  r.rsvp ? RSVP_WORDS[r.rsvp] : null,
];

export function attendanceCsv(rows: readonly AttendanceEntry[]): Buffer {
  return csvFile(ATTENDANCE_CSV_HEADER, rows.map(attendanceCells));
}
