import { type AudienceCandidate, type AudienceSession, isSessionFor } from "../domain/session-audience";
import type { Db } from "./client";
import { upsertRacing } from "./upsert";

export type RsvpResponse = "GOING" | "NOT_GOING";

/** One answer per person per session: a second click changes it. */
export async function upsertRsvp(db: Db, rsvp: { sessionId: string; personId: string; response: RsvpResponse }): Promise<void> {
  await upsertRacing(() =>
    db.rsvp.upsert({
      where: { sessionId_personId: { sessionId: rsvp.sessionId, personId: rsvp.personId } },
      create: rsvp,
      update: { response: rsvp.response },
    }),
  );
}

/** Where a person takes part, as `isSessionFor` needs it. */
const candidateSelect = {
  memberships: { where: { status: "ACTIVE" as const }, select: { groupId: true, group: { select: { programmeId: true } } } },
  facilitations: { select: { groupId: true, group: { select: { programmeId: true } } } },
};

interface CandidateRows {
  memberships: { groupId: string; group: { programmeId: string } }[];
  facilitations: { groupId: string; group: { programmeId: string } }[];
}

export const asCandidate = (p: CandidateRows): AudienceCandidate => ({
  memberOf: p.memberships.map((m) => ({ groupId: m.groupId, programmeId: m.group.programmeId })),
  facilitates: p.facilitations.map((f) => ({ groupId: f.groupId, programmeId: f.group.programmeId })),
});

/** How many session ids one query asks about: SQLite refuses a statement with more than 999 parameters. */
const IDS_PER_QUERY = 500;

/**
 * Going and not-going counts per session, counting only the people each session is for (a guest's
 * or another group's answer is not counted); sessions nobody answered for are absent.
 */
export async function rsvpCounts(db: Db, sessionIds: readonly string[]): Promise<Map<string, { going: number; notGoing: number }>> {
  const counts = new Map<string, { going: number; notGoing: number }>();
  for (let i = 0; i < sessionIds.length; i += IDS_PER_QUERY) {
    const sessions = await db.session.findMany({
      where: { id: { in: sessionIds.slice(i, i + IDS_PER_QUERY) }, rsvps: { some: {} } },
      select: {
        id: true,
        programmeId: true,
        groupId: true,
        audience: true,
        rsvps: { select: { response: true, person: { select: candidateSelect } } },
      },
    });
    for (const s of sessions) {
      const c = { going: 0, notGoing: 0 };
      for (const r of s.rsvps) {
        if (!isSessionFor(s, asCandidate(r.person))) continue;
        if (r.response === "GOING") c.going++;
        else c.notGoing++;
      }
      counts.set(s.id, c);
    }
  }
  return counts;
}

export interface RsvpSession extends AudienceSession {
  id: string;
  title: string;
  status: "SCHEDULED" | "CANCELLED";
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  programmeName: string;
  groupName: string | null;
}

export async function sessionForRsvp(db: Db, sessionId: string): Promise<RsvpSession | null> {
  const s = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      title: true,
      status: true,
      startsAt: true,
      endsAt: true,
      timezone: true,
      programmeId: true,
      groupId: true,
      audience: true,
      programme: { select: { name: true } },
      group: { select: { name: true } },
    },
  });
  if (!s) return null;
  const { programme, group, ...rest } = s;
  return { ...rest, programmeName: programme.name, groupName: group?.name ?? null };
}

/** Where a Slack user takes part, for `isSessionFor` and `mayViewResponses`; null for someone Convene has not seen. */
export async function candidateBySlackId(
  db: Db,
  slackUserId: string,
): Promise<(AudienceCandidate & { personId: string; timezone: string | null }) | null> {
  const p = await db.person.findUnique({ where: { slackUserId }, select: { id: true, timezone: true, ...candidateSelect } });
  return p && { personId: p.id, timezone: p.timezone, ...asCandidate(p) };
}

export interface ResponderRow {
  personId: string;
  slackUserId: string;
  name: string;
  organization: string | null;
  candidate: AudienceCandidate;
  response: RsvpResponse | null;
}

/**
 * Everyone who takes part in the session's programme (its groups' active members and facilitators)
 * and everyone who answered, each with their answer: the caller keeps those the session is for.
 */
export async function responderRows(db: Db, session: AudienceSession & { id: string }): Promise<ResponderRow[]> {
  const inProgramme = { group: { programmeId: session.programmeId } };
  const people = await db.person.findMany({
    where: {
      OR: [
        { memberships: { some: { status: "ACTIVE", ...inProgramme } } },
        { facilitations: { some: inProgramme } },
        { rsvps: { some: { sessionId: session.id } } },
      ],
    },
    select: {
      id: true,
      slackUserId: true,
      name: true,
      organization: { select: { name: true } },
      rsvps: { where: { sessionId: session.id }, select: { response: true } },
      ...candidateSelect,
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return people.map((p) => ({
    personId: p.id,
    slackUserId: p.slackUserId,
    name: p.name,
    organization: p.organization?.name ?? null,
    candidate: asCandidate(p),
    response: p.rsvps[0]?.response ?? null,
  }));
}
