import type { WebClient } from "@slack/web-api";
import type { Db } from "../db/client";
import { personIdFor } from "../db/person-repository";
import { type RsvpResponse, rsvpCounts, sessionForRsvp, upsertRsvp } from "../db/rsvp-repository";
import { UserError } from "../errors";
import type { Logger } from "../logger";
import { RSVP_GOING, RSVP_NOT_GOING, type RsvpCounts } from "../views/reminder-message";
import { refreshSessionReminders } from "./reminder-service";

/** The answer each RSVP button gives; a listener registers one handler per key. */
export const RSVP_ACTIONS: Readonly<Record<string, RsvpResponse>> = { [RSVP_GOING]: "GOING", [RSVP_NOT_GOING]: "NOT_GOING" };

export interface RsvpDeps {
  db: Db;
  slack: WebClient;
  logger: Logger;
  defaultTimezone?: string;
}

/**
 * Records a Going / Can't make it click (a second click changes the answer) and updates every
 * reminder already posted for the session, so all of them show the new counts.
 */
export async function respondToRsvp(
  deps: RsvpDeps,
  input: { sessionId: string; slackUserId: string; userName: string; response: RsvpResponse; now: Date },
): Promise<{ counts: RsvpCounts; updatedMessages: number }> {
  const { db } = deps;
  const session = await sessionForRsvp(db, input.sessionId);
  if (!session) throw new UserError("This session no longer exists.", "not_found");
  if (session.status === "CANCELLED") throw new UserError("This session was cancelled.", "closed");
  if (session.endsAt <= input.now) throw new UserError("This session has already taken place.", "closed");
  const personId = await personIdFor(db, input.slackUserId, input.userName);
  await upsertRsvp(db, { sessionId: input.sessionId, personId, response: input.response });
  const counts = (await rsvpCounts(db, [input.sessionId])).get(input.sessionId) ?? { going: 0, notGoing: 0 };
  const updatedMessages = await refreshSessionReminders(deps, input.sessionId, counts);
  return { counts, updatedMessages };
}
