/**
 * What facilitators do after a session, from the attendance prompt's two buttons: record who
 * attended, and share notes with the group. Only the group's facilitators (linked to the clicker's
 * Slack user) and coalition staff may do either; that is checked here, on every click and every
 * submission, whatever the clicker was shown.
 */
import { WebAPIPlatformError, type WebClient } from "@slack/web-api";
import {
  type AttendanceSession,
  attendanceRoster,
  isFacilitatorOf,
  lastRecorded,
  reminderThreadTs,
  saveAttendance,
  sessionForAttendance,
} from "../db/attendance-repository";
import { claimReceipt, releaseReceipt } from "../db/slack-receipt-repository";
import { upsertRacing } from "../db/upsert";
import { fieldErrors, notFound, UserError } from "../errors";
import { type AttendanceForm, rosterShown } from "../views/attendance-modal";
import { NOTES_BLOCKS, type NotesForm } from "../views/session-notes-modal";
import { sessionNotesMessage } from "../views/session-notes-message";
import type { Services } from "./context";
import { ensurePerson, isStaff } from "./people-service";

type GroupSession = AttendanceSession & { group: NonNullable<AttendanceSession["group"]> };

/** The session, once the clicker is known to facilitate its group (or to be staff) and it has taken place. */
async function sessionToFollowUp(services: Services, slackUserId: string, sessionId: string, what: string): Promise<GroupSession> {
  const { db } = services;
  const session = await sessionForAttendance(db, sessionId);
  if (!session) throw notFound("This session no longer exists.");
  const { group } = session;
  if (!group) throw new UserError("Attendance and notes are kept for a group's sessions; this one is for the whole programme.");
  if (!(await isFacilitatorOf(db, group.id, slackUserId)) && !(await isStaff(services, slackUserId))) {
    throw new UserError(`Only the facilitators of ${group.name} and coalition staff can ${what}.`, "forbidden");
  }
  if (session.status === "CANCELLED") throw new UserError("This session was cancelled.", "closed");
  if (session.startsAt > services.now()) throw new UserError("This session has not started yet: come back once it has taken place.", "closed");
  return { ...session, group };
}

export async function attendanceForm(services: Services, client: WebClient, slackUserId: string, sessionId: string): Promise<AttendanceForm> {
  const session = await sessionToFollowUp(services, slackUserId, sessionId, "record attendance");
  const [reader, roster, recorded] = await Promise.all([
    ensurePerson(services, client, slackUserId),
    attendanceRoster(services.db, session.id, session.group.id),
    lastRecorded(services.db, session.id),
  ]);
  return {
    session: { id: session.id, title: session.title, groupName: session.group.name, startsAt: session.startsAt, zone: reader.timezone ?? services.config.CONVENE_TIMEZONE },
    roster,
    recorded,
  };
}

/**
 * Records every listed member of the group as attended (ticked) or not, in one transaction: one
 * row per (session, person), so recording again corrects it and a retry adds nothing. Ids that
 * are not the group's active members are ignored.
 */
export async function recordAttendance(
  services: Services,
  client: WebClient,
  input: { slackUserId: string; sessionId: string; attended: readonly string[] },
): Promise<{ title: string; attended: number; total: number }> {
  const session = await sessionToFollowUp(services, input.slackUserId, input.sessionId, "record attendance");
  const recorder = await ensurePerson(services, client, input.slackUserId);
  const ticked = new Set(input.attended);
  const recordedAt = services.now();
  // Two facilitators saving at once race on the same new rows: the loser's transaction runs again and updates them.
  return upsertRacing(() =>
    services.db.$transaction(async (tx) => {
      const roster = rosterShown(await attendanceRoster(tx, session.id, session.group.id));
      const attended = new Map(roster.map((m) => [m.personId, ticked.has(m.personId)]));
      await saveAttendance(tx, { sessionId: session.id, recordedById: recorder.id, recordedAt, attended });
      return { title: session.title, attended: [...attended.values()].filter(Boolean).length, total: roster.length };
    }),
  );
}

async function notesTarget(services: Services, session: GroupSession): Promise<{ channelId: string; threadTs: string | null }> {
  const channelId = session.group.channelId;
  if (!channelId) throw new UserError(`${session.group.name} has no Slack channel yet, so there is nowhere to share notes.`, "unavailable");
  return { channelId, threadTs: await reminderThreadTs(services.db, session.id, channelId) };
}

export async function notesForm(services: Services, slackUserId: string, sessionId: string): Promise<NotesForm> {
  const session = await sessionToFollowUp(services, slackUserId, sessionId, "share notes");
  const { channelId, threadTs } = await notesTarget(services, session);
  return { session: { id: session.id, title: session.title, groupName: session.group.name }, channelId, inThread: threadTs !== null };
}

/**
 * Posts the notes in the thread of the session's latest reminder in the group's channel (or in the
 * channel when none went out there). `idempotencyKey` (the submitted view) makes a resubmission
 * post nothing more, and answer as the first did.
 */
export async function shareNotes(
  services: Services,
  client: WebClient,
  input: { slackUserId: string; sessionId: string; notes: string; link: string | null; idempotencyKey: string },
): Promise<{ channelId: string }> {
  const session = await sessionToFollowUp(services, input.slackUserId, input.sessionId, "share notes");
  const { channelId, threadTs } = await notesTarget(services, session);
  if (!(await claimReceipt(services.db, input.idempotencyKey, services.now()))) return { channelId };
  const message = sessionNotesMessage({ title: session.title, startsAt: session.startsAt, timezone: session.timezone, authorSlackId: input.slackUserId, notes: input.notes, link: input.link });
  try {
    await client.chat.postMessage({ channel: channelId, ...(threadTs ? { thread_ts: threadTs } : {}), ...message, unfurl_links: false, unfurl_media: false });
  } catch (err) {
    await releaseReceipt(services.db, input.idempotencyKey);
    if (!(err instanceof WebAPIPlatformError)) throw err;
    // A field error keeps what was typed, so the person can try again once Convene is let in.
    throw fieldErrors({ [NOTES_BLOCKS.notes]: `Convene could not post in the group's channel (${err.data.error}). Ask staff to invite Convene there, then share again.` });
  }
  return { channelId };
}
