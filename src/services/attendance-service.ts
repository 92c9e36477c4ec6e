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
  type RosterOf,
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

/**
 * A session as its follow-up needs it: who it is for (the roster), what to call them, and where
 * notes go. A programme-wide session's notes go to the announcements channel; a facilitators-only
 * session's are not posted publicly.
 */
type FollowUpSession = AttendanceSession & { forName: string; rosterOf: RosterOf; notesChannelId: string | null };

/** The session, once the clicker is known to facilitate its group (or to be staff) and it has taken place. */
async function sessionToFollowUp(services: Services, slackUserId: string, sessionId: string, what: string): Promise<FollowUpSession> {
  const { db } = services;
  const session = await sessionForAttendance(db, sessionId);
  if (!session) throw notFound("This session no longer exists.");
  const { group, programme } = session;
  const staff = await isStaff(services, slackUserId);
  if (group ? !staff && !(await isFacilitatorOf(db, group.id, slackUserId)) : !staff) {
    throw new UserError(
      group
        ? `Only the facilitators of ${group.name} and coalition staff can ${what}.`
        : `Only coalition staff can ${what} for a session of the whole programme.`,
      "forbidden",
    );
  }
  if (session.status === "CANCELLED") throw new UserError("This session was cancelled.", "closed");
  if (session.startsAt > services.now())
    throw new UserError("This session has not started yet: come back once it has taken place.", "closed");
  if (group) return { ...session, forName: group.name, rosterOf: { groupId: group.id }, notesChannelId: group.channelId };
  const facilitators = session.audience === "FACILITATORS";
  return {
    ...session,
    forName: facilitators ? `the facilitators of ${programme.name}` : programme.name,
    rosterOf: { programmeId: programme.id, audience: session.audience },
    notesChannelId: facilitators ? null : programme.announcementChannelId,
  };
}

export async function attendanceForm(
  services: Services,
  client: WebClient,
  slackUserId: string,
  sessionId: string,
): Promise<AttendanceForm> {
  const session = await sessionToFollowUp(services, slackUserId, sessionId, "record attendance");
  const [reader, roster, recorded] = await Promise.all([
    ensurePerson(services, client, slackUserId),
    attendanceRoster(services.db, session.id, session.rosterOf),
    lastRecorded(services.db, session.id),
  ]);
  return {
    session: {
      id: session.id,
      title: session.title,
      groupName: session.forName,
      startsAt: session.startsAt,
      zone: reader.timezone ?? services.config.CONVENE_TIMEZONE,
    },
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
      const roster = rosterShown(await attendanceRoster(tx, session.id, session.rosterOf));
      const attended = new Map(roster.map((m) => [m.personId, ticked.has(m.personId)]));
      await saveAttendance(tx, { sessionId: session.id, recordedById: recorder.id, recordedAt, attended });
      return { title: session.title, attended: [...attended.values()].filter(Boolean).length, total: roster.length };
    }),
  );
}

async function notesTarget(services: Services, session: FollowUpSession): Promise<{ channelId: string; threadTs: string | null }> {
  const channelId = session.notesChannelId;
  if (!channelId) {
    const where = session.group
      ? `${session.group.name} has no Slack channel yet`
      : session.audience === "FACILITATORS"
        ? "This session was only for facilitators"
        : `${session.programme.name} has no announcements channel`;
    throw new UserError(`${where}, so there is nowhere to share notes.`, "unavailable");
  }
  return { channelId, threadTs: await reminderThreadTs(services.db, session.id, channelId) };
}

export async function notesForm(services: Services, slackUserId: string, sessionId: string): Promise<NotesForm> {
  const session = await sessionToFollowUp(services, slackUserId, sessionId, "share notes");
  const { channelId, threadTs } = await notesTarget(services, session);
  return { session: { id: session.id, title: session.title, groupName: session.forName }, channelId, inThread: threadTs !== null };
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
  const message = sessionNotesMessage({
    title: session.title,
    startsAt: session.startsAt,
    timezone: session.timezone,
    authorSlackId: input.slackUserId,
    notes: input.notes,
    link: input.link,
  });
  try {
    await client.chat.postMessage({
      channel: channelId,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...message,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (err) {
    await releaseReceipt(services.db, input.idempotencyKey);
    if (!(err instanceof WebAPIPlatformError)) throw err;
    // A field error keeps what was typed, so the person can try again once Convene is let in.
    throw fieldErrors({
      [NOTES_BLOCKS.notes]: `Convene could not post in the group's channel (${err.data.error}). Ask staff to invite Convene there, then share again.`,
    });
  }
  return { channelId };
}
