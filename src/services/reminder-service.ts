/**
 * Reminders already posted, kept current: their Going / Can't make it counts, and on attendance
 * prompts who recorded attendance. The outbox (outbox/reminders.ts) posts them; this updates them in place.
 */
import type { WebClient } from "@slack/web-api";
import { rsvpCounts } from "../db/rsvp-repository";
import { type DeliveryRecord, recipientDetails, type SessionDetails, sentRemindersOf, sessionDetails } from "../outbox/delivery-repository";
import { deliveryMetadata, REMINDER_EVENT_TYPE } from "../outbox/posted-message";
import type { Message } from "../views/message";
import {
  type AttendanceRecorded,
  attendancePromptMessage,
  type RsvpCounts,
  reminderMessage,
  type SessionView,
} from "../views/reminder-message";
import type { Services } from "./context";

/** A session as a reminder shows it, with times in the reader's zone when known. */
export function sessionView(s: SessionDetails, readerTimezone?: string, icsUrl?: (sessionId: string) => string): SessionView {
  return { ...s, timezone: readerTimezone ?? s.timezone, ...(icsUrl && { icsUrl: icsUrl(s.id) }) };
}

/** What re-rendering posted reminders needs: the services' db and logger, a client, and the zone for people whose own is unknown. */
export type RefreshDeps = Pick<Services, "db" | "logger"> & {
  slack: WebClient;
  defaultTimezone?: string;
  icsUrl?: (sessionId: string) => string;
};

/**
 * Re-renders every reminder already posted for a session (channel and DMs) so its Going / Can't
 * make it counts are current. Returns how many messages were updated.
 */
export async function refreshSessionReminders(deps: RefreshDeps, sessionId: string, known?: RsvpCounts): Promise<number> {
  const counts = known ?? (await rsvpCounts(deps.db, [sessionId])).get(sessionId) ?? { going: 0, notGoing: 0 };
  return rerenderPosted(deps, sessionId, "reminder", (view, d) =>
    reminderMessage(view, { counts, late: d.late, presenting: (d.payload as { audience?: string }).audience === "FEATURED" }),
  );
}

/** Shows on every facilitator's attendance prompt that attendance is recorded, and by whom. */
export function refreshAttendancePrompts(deps: RefreshDeps, sessionId: string, recorded: AttendanceRecorded): Promise<number> {
  return rerenderPosted(deps, sessionId, "attendance_prompt", (view, d) => attendancePromptMessage(view, { recorded, late: d.late }));
}

/** Updates in place each message of this kind posted for the session, each in its reader's zone. */
async function rerenderPosted(
  { db, slack, logger, defaultTimezone, icsUrl }: RefreshDeps,
  sessionId: string,
  kind: "reminder" | "attendance_prompt",
  render: (view: SessionView, d: DeliveryRecord) => Message,
): Promise<number> {
  const posted = await sentRemindersOf(db, sessionId, kind);
  if (posted.length === 0) return 0;
  const [session] = await sessionDetails(db, [sessionId]);
  if (!session) return 0;
  const people = new Map(
    (
      await recipientDetails(
        db,
        posted.flatMap((d) => (d.payload as { personId?: string }).personId ?? []),
      )
    ).map((p) => [p.id, p]),
  );
  let updated = 0;
  for (const d of posted) {
    const person = people.get((d.payload as { personId?: string }).personId ?? "");
    const message = render(sessionView(session, person ? (person.timezone ?? defaultTimezone) : undefined, icsUrl), d);
    try {
      await slack.chat.update({
        channel: d.channelId!,
        ts: d.messageTs!,
        text: message.text,
        blocks: message.blocks,
        metadata: deliveryMetadata(REMINDER_EVENT_TYPE, d.id),
      });
      updated++;
    } catch (err) {
      // One deleted message must not keep the others up to date.
      logger.warn({ err, deliveryId: d.id, kind }, "could not update a posted reminder");
    }
  }
  return updated;
}
