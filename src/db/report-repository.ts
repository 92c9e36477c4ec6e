/**
 * What a programme's participation report reads, in few queries whatever its size: counts are
 * grouped in the database (attendance by session and by person, RSVPs by session), and only the
 * rows a CSV lists are read one by one. Aggregation is `domain/participation-report.ts`.
 */
import type { AttendanceRow } from "../domain/attendance-row";
import type { ReportInput } from "../domain/participation-report";
import { attendanceRows } from "./attendance-rows";
import type { Db, Tx } from "./client";

export interface ReportProgramme {
  id: string;
  slug: string;
  name: string;
  timezone: string;
}

const programmeSelect = { id: true, slug: true, name: true, timezone: true } as const;

/** Programmes a typed slug or a few words of a name match; every active one when nothing was typed. */
export async function programmesMatching(db: Db | Tx, query: string): Promise<ReportProgramme[]> {
  if (!query) return db.programme.findMany({ where: { status: "ACTIVE" }, select: programmeSelect, orderBy: { slug: "asc" } });
  const bySlug = await db.programme.findUnique({ where: { slug: query }, select: programmeSelect });
  if (bySlug) return [bySlug];
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const all = await db.programme.findMany({ select: programmeSelect, orderBy: { slug: "asc" } });
  return all.filter((p) => words.every((w) => `${p.slug} ${p.name}`.toLowerCase().includes(w)));
}

/** Sessions that count as held by `asOf`: scheduled (not cancelled) and started. */
const heldSessions = (programmeId: string, asOf: Date) => ({ programmeId, status: "SCHEDULED" as const, startsAt: { lte: asOf } });

export async function reportInput(db: Db | Tx, programme: ReportProgramme, asOf: Date): Promise<ReportInput> {
  const held = heldSessions(programme.id, asOf);
  const [
    groups,
    sessions,
    memberships,
    organizations,
    people,
    attendanceBySession,
    attendanceByPerson,
    rsvpsBySession,
    deliverables,
    proposals,
  ] = await Promise.all([
    db.group.findMany({ where: { programmeId: programme.id }, select: { id: true, name: true, capacity: true } }),
    db.session.findMany({ where: held, select: { id: true, groupId: true, title: true, startsAt: true } }),
    db.membership.findMany({
      where: { group: { programmeId: programme.id }, status: { in: ["ACTIVE", "WAITLISTED"] } },
      select: { groupId: true, personId: true, status: true },
    }),
    db.organization.findMany({ select: { id: true, name: true, memberStatus: true } }),
    db.person.findMany({ where: { organizationId: { not: null } }, select: { id: true, organizationId: true } }),
    db.attendance.groupBy({ by: ["sessionId", "attended"], where: { session: held }, _count: { _all: true } }),
    db.attendance.groupBy({ by: ["personId", "attended"], where: { session: held }, _count: { _all: true } }),
    db.rsvp.groupBy({ by: ["sessionId", "response"], where: { session: held }, _count: { _all: true } }),
    db.deliverable.findMany({ where: { programmeId: programme.id }, select: { submittedById: true } }),
    db.proposal.findMany({ where: { programmeId: programme.id }, select: { proposerId: true } }),
  ]);
  return {
    programme,
    asOf,
    groups,
    sessions,
    memberships,
    organizations,
    organizationOf: new Map(people.map((p) => [p.id, p.organizationId!])),
    attendanceBySession: attendanceBySession.map((r) => ({ sessionId: r.sessionId, attended: r.attended, count: r._count._all })),
    attendanceByPerson: attendanceByPerson.map((r) => ({ personId: r.personId, attended: r.attended, count: r._count._all })),
    rsvpsBySession: rsvpsBySession.map((r) => ({ sessionId: r.sessionId, response: r.response, count: r._count._all })),
    deliverableAuthors: deliverables.map((d) => d.submittedById),
    proposers: proposals.map((p) => p.proposerId),
  };
}

/** Every attendance row of the programme's held sessions, with the person's RSVP and the session's group. */
export const reportAttendanceRows = (db: Db | Tx, programme: ReportProgramme, asOf: Date): Promise<AttendanceRow[]> =>
  attendanceRows(db, heldSessions(programme.id, asOf));

export interface ReportProposalRow {
  title: string;
  proposer: string;
  organization: string | null;
  status: string;
  submittedAt: Date;
  reviews: { scores: unknown; abstained: boolean }[];
}

/** The programme's proposals with their submitted reviews, oldest first. */
export async function reportProposalRows(db: Db | Tx, programmeId: string): Promise<ReportProposalRow[]> {
  const proposals = await db.proposal.findMany({
    where: { programmeId },
    select: {
      title: true,
      status: true,
      createdAt: true,
      proposer: { select: { name: true, organization: { select: { name: true } } } },
      reviews: { where: { submittedAt: { not: null } }, select: { scores: true, abstained: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return proposals.map((p) => ({
    title: p.title,
    proposer: p.proposer.name,
    organization: p.proposer.organization?.name ?? null,
    status: p.status,
    submittedAt: p.createdAt,
    reviews: p.reviews,
  }));
}
