/**
 * Who a session is for, decided in this one place: a group's session is for its members and
 * facilitators; a programme-wide one for everyone; one with `audience: facilitators` for the
 * programme's facilitators only. Staff see every session. Pure.
 */

export type SessionAudience = "EVERYONE" | "FACILITATORS";

export interface AudienceSession {
  programmeId: string;
  groupId: string | null;
  audience: SessionAudience;
}

export interface AudiencePerson {
  isStaff: boolean;
  /** Groups they are an active member or a facilitator of. */
  groupIds: readonly string[];
  /** Programmes in which they facilitate a group. */
  facilitatorOfProgrammes: readonly string[];
}

export function isSessionFor(session: AudienceSession, person: AudiencePerson): boolean {
  if (person.isStaff) return true;
  if (session.audience === "FACILITATORS") return person.facilitatorOfProgrammes.includes(session.programmeId);
  return session.groupId === null || person.groupIds.includes(session.groupId);
}

/**
 * The programmes whose facilitators-only sessions a person may see listed ("all" for staff): the
 * same rule as `isSessionFor`, in the shape a database query filters on.
 */
export function facilitatorSessionsSeenIn(person: Pick<AudiencePerson, "isStaff" | "facilitatorOfProgrammes">): "all" | readonly string[] {
  return person.isStaff ? "all" : person.facilitatorOfProgrammes;
}
