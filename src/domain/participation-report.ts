/**
 * A programme's year so far, from grouped counts: per member organization, per group (session by
 * session), and totals. Sessions count once held (scheduled and started); a session of the whole
 * programme counts in the totals and for organizations, not for any group. Pure.
 */

export interface ReportInput {
  programme: { id: string; slug: string; name: string; timezone: string };
  asOf: Date;
  groups: readonly { id: string; name: string; capacity: number | null }[];
  /** Held sessions only. */
  sessions: readonly { id: string; groupId: string | null; title: string; startsAt: Date }[];
  memberships: readonly { groupId: string; personId: string; status: "ACTIVE" | "WAITLISTED" | "WITHDRAWN" }[];
  organizations: readonly { id: string; name: string; memberStatus: "MEMBER" | "APPLICANT" | "PARTNER" | "FORMER" }[];
  /** Person id to organization id, for people of an organization. */
  organizationOf: ReadonlyMap<string, string>;
  attendanceBySession: readonly { sessionId: string; attended: boolean; count: number }[];
  attendanceByPerson: readonly { personId: string; attended: boolean; count: number }[];
  rsvpsBySession: readonly { sessionId: string; response: "GOING" | "NOT_GOING"; count: number }[];
  /** The submitter of each of the programme's deliverables (null: added by staff or a file). */
  deliverableAuthors: readonly (string | null)[];
  proposers: readonly string[];
}

export interface Attendance {
  attended: number;
  /** Attendance rows recorded (attended or not). */
  recorded: number;
  /** attended / recorded, 0..1; null when nothing was recorded. */
  rate: number | null;
}

export interface OrganizationFigures extends Attendance {
  /** Null: people of no organization. */
  id: string | null;
  name: string;
  standing: "member" | "applicant" | "partner" | "former" | null;
  /** People with a place (not waitlisted) in one of the programme's groups. */
  people: number;
  groups: number;
  deliverables: number;
  proposals: number;
}

export interface SessionFigures extends Attendance {
  title: string;
  startsAt: Date;
  going: number;
  notGoing: number;
}

export interface GroupFigures extends Attendance {
  id: string;
  name: string;
  capacity: number | null;
  members: number;
  waitlisted: number;
  /** In time order. */
  sessions: SessionFigures[];
  going: number;
  notGoing: number;
}

export interface ParticipationReport {
  programme: ReportInput["programme"];
  asOf: Date;
  totals: Attendance & {
    people: number;
    organizations: number;
    groups: number;
    sessionsHeld: number;
    waitlisted: number;
    going: number;
    deliverables: number;
    proposals: number;
  };
  /** Member organizations first by people signed up, then the rest that took part; no organization last. */
  organizations: OrganizationFigures[];
  /** By attendance, then name. */
  groups: GroupFigures[];
}

const rate = (attended: number, recorded: number): number | null => (recorded === 0 ? null : attended / recorded);
const withRate = <T extends { attended: number; recorded: number }>(x: T) => ({ ...x, rate: rate(x.attended, x.recorded) });

function countBy<K>(rows: Iterable<K>): Map<K, number> {
  const out = new Map<K, number>();
  for (const k of rows) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

export function participationReport(input: ReportInput): ParticipationReport {
  const bySession = new Map<string, { attended: number; recorded: number; going: number; notGoing: number }>();
  const session = (id: string) => bySession.get(id) ?? bySession.set(id, { attended: 0, recorded: 0, going: 0, notGoing: 0 }).get(id)!;
  for (const a of input.attendanceBySession) {
    const s = session(a.sessionId);
    s.recorded += a.count;
    if (a.attended) s.attended += a.count;
  }
  for (const r of input.rsvpsBySession) session(r.sessionId)[r.response === "GOING" ? "going" : "notGoing"] += r.count;

  const sessionsOf = new Map<string, SessionFigures[]>();
  for (const s of [...input.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    if (!s.groupId) continue;
    const list = sessionsOf.get(s.groupId) ?? sessionsOf.set(s.groupId, []).get(s.groupId)!;
    list.push(withRate({ title: s.title, startsAt: s.startsAt, ...session(s.id) }));
  }
  const active = input.memberships.filter((m) => m.status === "ACTIVE");
  const members = countBy(active.map((m) => m.groupId));
  const waitlisted = countBy(input.memberships.filter((m) => m.status === "WAITLISTED").map((m) => m.groupId));
  const sum = (list: readonly SessionFigures[], key: "attended" | "recorded" | "going" | "notGoing") =>
    list.reduce((n, s) => n + s[key], 0);
  const groups = input.groups
    .map((g): GroupFigures => {
      const sessions = sessionsOf.get(g.id) ?? [];
      return withRate({
        id: g.id,
        name: g.name,
        capacity: g.capacity,
        members: members.get(g.id) ?? 0,
        waitlisted: waitlisted.get(g.id) ?? 0,
        sessions,
        attended: sum(sessions, "attended"),
        recorded: sum(sessions, "recorded"),
        going: sum(sessions, "going"),
        notGoing: sum(sessions, "notGoing"),
      });
    })
    .sort((a, b) => b.attended - a.attended || a.name.localeCompare(b.name));

  // Organizations: who has a place, in how many groups; attendance of their people; what they wrote.
  const NONE = "";
  const orgOf = (personId: string | null) => (personId ? (input.organizationOf.get(personId) ?? NONE) : NONE);
  const people = new Map<string, Set<string>>();
  const groupsOf = new Map<string, Set<string>>();
  for (const m of active) {
    const org = orgOf(m.personId);
    (people.get(org) ?? people.set(org, new Set()).get(org)!).add(m.personId);
    (groupsOf.get(org) ?? groupsOf.set(org, new Set()).get(org)!).add(m.groupId);
  }
  const attendanceOf = new Map<string, { attended: number; recorded: number }>();
  for (const a of input.attendanceByPerson) {
    const org = orgOf(a.personId);
    const o = attendanceOf.get(org) ?? attendanceOf.set(org, { attended: 0, recorded: 0 }).get(org)!;
    o.recorded += a.count;
    if (a.attended) o.attended += a.count;
  }
  const deliverables = countBy(input.deliverableAuthors.filter((p): p is string => p !== null).map(orgOf));
  const proposals = countBy(input.proposers.map(orgOf));
  const figuresOf = (id: string, name: string, standing: OrganizationFigures["standing"]): OrganizationFigures =>
    withRate({
      id: id === NONE ? null : id,
      name,
      standing,
      people: people.get(id)?.size ?? 0,
      groups: groupsOf.get(id)?.size ?? 0,
      ...(attendanceOf.get(id) ?? { attended: 0, recorded: 0 }),
      deliverables: deliverables.get(id) ?? 0,
      proposals: proposals.get(id) ?? 0,
    });
  const tookPart = (o: OrganizationFigures) => o.people + o.recorded + o.deliverables + o.proposals > 0;
  const organizations = input.organizations
    .map((o) => figuresOf(o.id, o.name, o.memberStatus.toLowerCase() as OrganizationFigures["standing"]))
    .filter((o) => o.standing === "member" || tookPart(o))
    .sort(
      (a, b) =>
        Number(b.standing === "member") - Number(a.standing === "member") ||
        b.people - a.people ||
        b.attended - a.attended ||
        a.name.localeCompare(b.name),
    );
  const unaffiliated = figuresOf(NONE, "No organization", null);
  if (tookPart(unaffiliated)) organizations.push(unaffiliated);

  const allAttendance = input.attendanceBySession.reduce(
    (t, a) => ({ attended: t.attended + (a.attended ? a.count : 0), recorded: t.recorded + a.count }),
    { attended: 0, recorded: 0 },
  );
  return {
    programme: input.programme,
    asOf: input.asOf,
    totals: withRate({
      people: new Set(active.map((m) => m.personId)).size,
      organizations: organizations.filter((o) => o.id !== null && o.people > 0).length,
      groups: input.groups.length,
      sessionsHeld: input.sessions.length,
      waitlisted: input.memberships.filter((m) => m.status === "WAITLISTED").length,
      going: input.rsvpsBySession.filter((r) => r.response === "GOING").reduce((n, r) => n + r.count, 0),
      ...allAttendance,
      deliverables: input.deliverableAuthors.length,
      proposals: input.proposers.length,
    }),
    organizations,
    groups,
  };
}

/** "83%", or "–" when nothing was recorded. */
export const percent = (r: number | null): string => (r === null ? "–" : `${Math.round(r * 100)}%`);
