/** Attendance row by row, as the attendance repository reads it and the CSV files list it. */

/** One person at one session: attended or not, and what they answered. */
export interface AttendanceEntry {
  sessionTitle: string;
  startsAt: Date;
  name: string;
  organization: string | null;
  attended: boolean;
  rsvp: "GOING" | "NOT_GOING" | null;
}

/** An entry with its session's group, for files that span several groups (the report's). */
export interface AttendanceRow extends AttendanceEntry {
  /** Null for a session of the whole programme. */
  groupName: string | null;
}
