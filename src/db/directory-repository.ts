/**
 * What people look up: groups (as cards and in full), the groups and programmes a person belongs
 * to, their proposals, the programmes, and the work waiting for staff.
 * Only active programmes are listed.
 */
import type { GroupCard } from "../domain/group-card";
import { groupSignupStatus } from "../domain/group-status";
import type { Db, Tx } from "./client";

export interface PendingWorkCounts {
  proposals: number;
  submissions: number;
  failedDeliveries: number;
}

const strings = (json: unknown): string[] => (Array.isArray(json) ? json.map(String) : []);

const cardInclude = {
  programme: { select: { name: true, status: true, timezone: true, signupOpensAt: true, signupClosesAt: true } },
  facilitators: { select: { name: true, personId: true, person: { select: { slackUserId: true } } }, orderBy: { name: "asc" } },
  memberships: { where: { status: "ACTIVE" }, select: { personId: true } },
} as const;

type CardRow = {
  id: string;
  name: string;
  slug: string;
  status: GroupCard["status"];
  description: string;
  capacity: number | null;
  channelId: string | null;
  programmeId: string;
  programme: { name: string; status: "ACTIVE" | "ARCHIVED"; timezone: string; signupOpensAt: Date | null; signupClosesAt: Date | null };
  facilitators: { name: string; personId: string | null; person: { slackUserId: string } | null }[];
  memberships: { personId: string }[];
};

function card(g: CardRow, personId: string | null, now: Date): GroupCard {
  const { programme } = g;
  const signup = groupSignupStatus(
    {
      ...programme,
      status: g.status,
      programmeActive: programme.status === "ACTIVE",
      capacity: g.capacity,
      memberCount: g.memberships.length,
    },
    now,
  );
  return {
    signup,
    programmeTimezone: programme.timezone,
    id: g.id,
    name: g.name,
    slug: g.slug,
    status: g.status,
    programmeId: g.programmeId,
    programmeName: g.programme.name,
    description: g.description,
    capacity: g.capacity,
    memberCount: g.memberships.length,
    channelId: g.channelId,
    facilitators: g.facilitators.map((f) => ({ name: f.name, slackUserId: f.person?.slackUserId ?? null })),
    isMine:
      personId !== null && (g.memberships.some((m) => m.personId === personId) || g.facilitators.some((f) => f.personId === personId)),
  };
}

/** Every group of an active programme, as a card for `personId` (null: nobody's), its status as of `now`. */
export async function groupCards(db: Db | Tx, personId: string | null, now: Date): Promise<GroupCard[]> {
  const rows = await db.group.findMany({
    where: { programme: { status: "ACTIVE" } },
    include: cardInclude,
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return rows.map((g) => card(g, personId, now));
}

export interface GroupRecord extends GroupCard {
  topics: string[];
  calendarToken: string;
}

export async function groupRecord(db: Db | Tx, groupId: string, personId: string | null, now: Date): Promise<GroupRecord | null> {
  const g = await db.group.findUnique({ where: { id: groupId }, include: cardInclude });
  return g && { ...card(g, personId, now), topics: strings(g.topics), calendarToken: g.calendarToken };
}

/** The groups a person is an active member or a facilitator of, and their programmes. */
export async function scopeOf(
  db: Db | Tx,
  personId: string,
): Promise<{ groupIds: string[]; programmeIds: string[]; facilitatorOfProgrammes: string[] }> {
  const groups = await db.group.findMany({
    where: {
      programme: { status: "ACTIVE" },
      OR: [{ memberships: { some: { personId, status: "ACTIVE" } } }, { facilitators: { some: { personId } } }],
    },
    select: { id: true, programmeId: true, facilitators: { where: { personId }, select: { id: true } } },
  });
  return {
    groupIds: groups.map((g) => g.id),
    programmeIds: [...new Set(groups.map((g) => g.programmeId))],
    facilitatorOfProgrammes: [...new Set(groups.filter((g) => g.facilitators.length).map((g) => g.programmeId))],
  };
}

export interface ProposalRecord {
  id: string;
  title: string;
  status: "SUBMITTED" | "CHANGES_REQUESTED" | "APPROVED" | "DECLINED" | "WITHDRAWN";
  decisionNote: string | null;
  groupChannelId: string | null;
  programme: { name: string; timezone: string; status: "ACTIVE" | "ARCHIVED"; proposalsDueAt: Date | null; proposalsReopened: boolean };
}

/** A person's proposals, newest first, with what decides whether they may still change them. */
export async function proposalsOf(db: Db | Tx, personId: string, limit: number): Promise<ProposalRecord[]> {
  const rows = await db.proposal.findMany({
    where: { proposerId: personId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      title: true,
      status: true,
      decisionNote: true,
      group: { select: { channelId: true } },
      programme: { select: { name: true, timezone: true, status: true, proposalsDueAt: true, proposalsReopened: true } },
    },
  });
  return rows.map(({ group, ...p }) => ({ ...p, groupChannelId: group?.channelId ?? null }));
}

export interface ProgrammeRecord {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  status: "ACTIVE" | "ARCHIVED";
  calendarToken: string;
  announcementChannelId: string | null;
  groupCount: number;
}

export async function programmes(db: Db | Tx, opts: { activeOnly: boolean }): Promise<ProgrammeRecord[]> {
  const rows = await db.programme.findMany({
    where: opts.activeOnly ? { status: "ACTIVE" } : {},
    orderBy: [{ status: "asc" }, { name: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      timezone: true,
      status: true,
      calendarToken: true,
      announcementChannelId: true,
      _count: { select: { groups: true } },
    },
  });
  return rows.map(({ _count, ...p }) => ({ ...p, groupCount: _count.groups }));
}

/** What staff should look at: proposals to review, submissions to decide, messages Convene could not send. */
export async function pendingWork(db: Db | Tx): Promise<PendingWorkCounts> {
  const [proposals, submissions, failedDeliveries] = await Promise.all([
    db.proposal.count({ where: { status: "SUBMITTED" } }),
    db.submission.count({ where: { status: "PENDING" } }),
    db.delivery.count({ where: { status: "FAILED" } }),
  ]);
  return { proposals, submissions, failedDeliveries };
}
