import type { Db } from "../db/client";
import { timezonesOf } from "../db/person-repository";
import { knownDedupeKeys } from "../outbox/delivery-repository";
import { writeAudit } from "../db/audit-repository";
import { candidateBySlackId, responderRows, type RsvpResponse, type RsvpSession, sessionForRsvp, upsertRsvp } from "../db/rsvp-repository";
import { isSessionFor, mayViewResponses } from "../domain/session-audience";
import { notFound, UserError } from "../errors";
import { RSVP_GOING, RSVP_NOT_GOING } from "../views/reminder-message";
import { rsvpNudgeMessage } from "../views/rsvp-nudge-message";
import type { Responder, RsvpResponsesForm } from "../views/rsvp-responses-modal";
import type { Services } from "./context";
import { enqueue } from "../outbox/enqueue";
import { isStaff } from "./people-service";

/** The answer each RSVP button gives; a listener registers one handler per key. */
export const RSVP_ACTIONS: Readonly<Record<string, RsvpResponse>> = { [RSVP_GOING]: "GOING", [RSVP_NOT_GOING]: "NOT_GOING" };

const audienceName = (s: RsvpSession) =>
  s.groupName ? `the members and facilitators of ${s.groupName}` : `the people taking part in ${s.programmeName}`;

/**
 * Records a Going / Can't make it click (a second click changes the answer); the caller has the
 * reminders already posted for the session re-rendered (see ReminderRefresher). Only the people
 * the session is for may answer: anyone else is told who it is for, and nothing is counted.
 */
export async function respondToRsvp(
  db: Db,
  input: { sessionId: string; slackUserId: string; response: RsvpResponse; now: Date },
): Promise<{ session: RsvpSession; zone: string | null }> {
  const session = await sessionForRsvp(db, input.sessionId);
  if (!session) throw new UserError("This session no longer exists.", "not_found");
  if (session.status === "CANCELLED") throw new UserError("This session was cancelled.", "closed");
  if (session.endsAt <= input.now) throw new UserError("This session has already taken place.", "closed");
  const candidate = await candidateBySlackId(db, input.slackUserId);
  if (!candidate || !isSessionFor(session, candidate)) {
    throw new UserError(
      `This session is for ${audienceName(session)}, so your answer was not counted. See \`/convene groups\` to join one.`,
      "forbidden",
    );
  }
  await upsertRsvp(db, { sessionId: input.sessionId, personId: candidate.personId, response: input.response });
  return { session, zone: candidate.timezone };
}

/** The session, once the viewer is known to be staff or one of its group's facilitators. */
async function sessionToView(services: Services, viewerSlackId: string, sessionId: string): Promise<RsvpSession> {
  const session = await sessionForRsvp(services.db, sessionId);
  if (!session) throw notFound("This session no longer exists.");
  const viewer = await candidateBySlackId(services.db, viewerSlackId);
  if (!mayViewResponses(session, { isStaff: await isStaff(services, viewerSlackId), facilitates: viewer?.facilitates ?? [] })) {
    const who = session.groupName ? `the facilitators of ${session.groupName} and coalition staff` : "coalition staff";
    throw new UserError(`Only ${who} can see who is coming.`, "forbidden");
  }
  return session;
}

const nudgeKey = (sessionId: string, personId: string) => `rsvp_nudge:${sessionId}:${personId}`;

/** Not answered and not nudged yet; the one nudging is not asked their own question. */
const nudgeable = (r: { response: RsvpResponse | null; nudged: boolean; slackUserId: string }, viewerSlackId: string) =>
  r.response === null && !r.nudged && r.slackUserId !== viewerSlackId;

async function responses(services: Services, session: RsvpSession) {
  const rows = (await responderRows(services.db, session)).filter((r) => isSessionFor(session, r.candidate));
  const nudged = await knownDedupeKeys(
    services.db,
    rows.map((r) => nudgeKey(session.id, r.personId)),
  );
  return rows.map((r) => ({ ...r, nudged: nudged.has(nudgeKey(session.id, r.personId)) }));
}

/** Who answered Going, Can't make it, or nothing yet, among the people the session is for; each look is audited. */
export async function rsvpResponses(
  services: Services,
  input: { viewerSlackId: string; sessionId: string; zone: string; nudgedNow?: number },
): Promise<RsvpResponsesForm> {
  const session = await sessionToView(services, input.viewerSlackId, input.sessionId);
  const rows = await responses(services, session);
  await services.db.$transaction((tx) =>
    writeAudit(tx, {
      actor: input.viewerSlackId,
      action: "rsvp.view",
      entityType: "Session",
      entityId: session.id,
      detail: { people: rows.length },
      at: services.now(),
    }),
  );
  const pick = (response: RsvpResponse | null): Responder[] =>
    rows.filter((r) => r.response === response).map(({ name, organization, nudged }) => ({ name, organization, nudged }));
  return {
    session: {
      id: session.id,
      title: session.title,
      groupName: session.groupName,
      programmeName: session.programmeName,
      startsAt: session.startsAt,
      zone: input.zone,
    },
    going: pick("GOING"),
    notGoing: pick("NOT_GOING"),
    notAnswered: pick(null),
    open: session.status === "SCHEDULED" && session.endsAt > services.now(),
    nudgeable: rows.filter((r) => nudgeable(r, input.viewerSlackId)).length,
    ...(input.nudgedNow !== undefined ? { nudgedNow: input.nudgedNow } : {}),
  };
}

/**
 * One DM to each person the session is for who has not answered, asking Going or Can't make it.
 * The outbox's dedupe key (session, person) makes it at most once per person per session, however
 * often or by however many facilitators the button is clicked.
 */
export async function nudgeNonResponders(
  services: Services,
  input: { viewerSlackId: string; sessionId: string },
): Promise<{ nudged: number; enqueued: string[] }> {
  const session = await sessionToView(services, input.viewerSlackId, input.sessionId);
  if (session.status === "CANCELLED") throw new UserError("This session was cancelled.", "closed");
  if (session.endsAt <= services.now()) throw new UserError("This session has already taken place.", "closed");
  const toNudge = (await responses(services, session)).filter((r) => nudgeable(r, input.viewerSlackId));
  const people = await timezonesOf(
    services.db,
    toNudge.map((r) => r.personId),
  );
  const messages = toNudge.map((r) => ({
    kind: "dm" as const,
    dedupeKey: nudgeKey(session.id, r.personId),
    to: r.slackUserId,
    message: rsvpNudgeMessage({
      sessionId: session.id,
      title: session.title,
      groupName: session.groupName,
      programmeName: session.programmeName,
      startsAt: session.startsAt,
      zone: people.get(r.personId) ?? services.config.CONVENE_TIMEZONE,
      askedBySlackId: input.viewerSlackId,
    }),
  }));
  const enqueued = await services.db.$transaction(async (tx) => {
    await writeAudit(tx, {
      actor: input.viewerSlackId,
      action: "rsvp.nudge",
      entityType: "Session",
      entityId: session.id,
      detail: { nudged: messages.length },
      at: services.now(),
    });
    return enqueue(tx, messages, services.now());
  });
  return { nudged: enqueued.length, enqueued };
}
