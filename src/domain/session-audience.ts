/**
 * Who a session is for, in one place: RSVP counts, "who is coming", nudges and who sees a
 * session listed all ask this. A group's session is for its active members and its facilitators;
 * a programme-wide session (no group) is for everyone taking part in the programme: the active
 * members and facilitators of any of its groups; a session with `audience: facilitators` is for the
 * programme's facilitators only. Staff are not counted as the audience, but see every session and
 * may see who is coming to anything. Pure.
 */

export type SessionAudience = "EVERYONE" | "FACILITATORS";

export interface AudienceSession {
  programmeId: string;
  /** null: a programme-wide session. */
  groupId: string | null;
  audience: SessionAudience;
}

/** Where a person takes part: active memberships and facilitations, each with its group's programme. */
export interface AudienceCandidate {
  memberOf: readonly { groupId: string; programmeId: string }[];
  facilitates: readonly { groupId: string; programmeId: string }[];
}

const covers = (session: AudienceSession, place: { groupId: string; programmeId: string }) =>
  session.groupId === null ? place.programmeId === session.programmeId : place.groupId === session.groupId;

/** True when the session is for this person: they would be expected there. */
export function isSessionFor(session: AudienceSession, person: AudienceCandidate): boolean {
  if (session.audience === "FACILITATORS") return person.facilitates.some((f) => f.programmeId === session.programmeId);
  return person.memberOf.some((m) => covers(session, m)) || person.facilitates.some((f) => covers(session, f));
}

/**
 * Who may see, by name, who answered: staff for every session, and a group session's own
 * facilitators. A facilitator sees their own groups only, so a programme-wide session is staff's.
 */
export function mayViewResponses(
  session: AudienceSession,
  viewer: { isStaff: boolean; facilitates: readonly { groupId: string }[] },
): boolean {
  if (viewer.isStaff) return true;
  return session.groupId !== null && viewer.facilitates.some((f) => f.groupId === session.groupId);
}

/**
 * The programmes whose facilitators-only sessions a person may see listed ("all" for staff): the
 * FACILITATORS rule of `isSessionFor`, in the shape a database query filters on.
 */
export function facilitatorSessionsSeenIn(person: {
  isStaff: boolean;
  facilitatorOfProgrammes: readonly string[];
}): "all" | readonly string[] {
  return person.isStaff ? "all" : person.facilitatorOfProgrammes;
}
