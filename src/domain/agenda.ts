/** A session and a deadline as people look them up: what the schedule repository reads and the agenda views show. */

export interface AgendaSession {
  id: string;
  title: string;
  /** Null for a session of the whole programme. */
  groupName: string | null;
  programmeName: string;
  startsAt: Date;
  endsAt: Date;
  status: "SCHEDULED" | "CANCELLED";
  format: "VIRTUAL" | "IN_PERSON";
  location: string | null;
  meetingUrl: string | null;
  description: string | null;
  /** Where a programme-wide session's reminder, and so its link, is posted. */
  announcementChannelId?: string | null;
}

export interface AgendaDeadline {
  id: string;
  title: string;
  programmeName: string;
  dueAt: Date;
  description: string | null;
}
