/**
 * A session and a deadline as a calendar feed carries them: what the calendar repository reads
 * and the iCalendar view writes.
 */

export interface CalendarSession {
  /** Its programme's, when a feed spans several programmes (a person's); else the feed's. */
  programmeSlug?: string;
  key: string;
  title: string;
  description: string | null;
  /** Shown beside the title in a programme-wide feed, where every group's sessions meet. */
  groupName: string | null;
  featuredGroupNames: string[];
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  meetingUrl: string | null;
  status: "SCHEDULED" | "CANCELLED";
  sequence: number;
  updatedAt: Date;
}

export interface CalendarDeadline {
  programmeSlug?: string;
  key: string;
  title: string;
  description: string | null;
  /** A whole-day deadline is an all-day event on its local date; otherwise a moment. */
  wholeDay: boolean;
  localDue: string;
  timezone: string;
  dueAt: Date;
  sequence: number;
  updatedAt: Date;
}
