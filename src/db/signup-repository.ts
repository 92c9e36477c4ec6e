/**
 * Groups, seats and memberships as sign-ups read and write them. Functions taking `Tx` run inside
 * the caller's transaction; `lockGroup` must come first in it.
 */
import type { Db, Tx } from "./client";

export type MembershipState = "ACTIVE" | "WAITLISTED" | "WITHDRAWN";

export interface SignupGroupRecord {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: "OPEN" | "CLOSED" | "ENDED";
  capacity: number | null;
  allowsPartners: boolean;
  channelId: string | null;
  programmeId: string;
  programmeName: string;
  programmeActive: boolean;
  signupOpensAt: Date | null;
  signupClosesAt: Date | null;
  timezone: string;
  facilitators: { personId: string; slackUserId: string }[];
}

export interface PersonRecord {
  id: string;
  slackUserId: string;
  name: string;
  organizationId: string | null;
  timezone: string | null;
}

export interface MembershipRecord {
  id: string;
  personId: string;
  status: MembershipState;
  waitlistedAt: Date | null;
}

export interface SessionSummary {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  format: "VIRTUAL" | "IN_PERSON";
  location: string | null;
}

export interface GroupOption {
  id: string;
  slug: string;
  name: string;
  nameKey: string;
  status: "OPEN" | "CLOSED" | "ENDED";
  programmeName: string;
  /** The programme's sign-up window and zone, for deciding sign-ups without a query per group. */
  signupOpensAt: Date | null;
  signupClosesAt: Date | null;
  timezone: string;
  capacity: number | null;
  allowsPartners: boolean;
  active: number;
}

const groupSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  status: true,
  capacity: true,
  allowsPartners: true,
  channelId: true,
  programme: { select: { id: true, name: true, status: true, signupOpensAt: true, signupClosesAt: true, timezone: true } },
  facilitators: { where: { personId: { not: null } }, select: { person: { select: { id: true, slackUserId: true } } } },
} as const;

export async function findSignupGroup(db: Db | Tx, groupId: string): Promise<SignupGroupRecord | null> {
  const g = await db.group.findUnique({ where: { id: groupId }, select: groupSelect });
  if (!g) return null;
  const { programme, facilitators, ...group } = g;
  return {
    ...group,
    programmeId: programme.id,
    programmeName: programme.name,
    programmeActive: programme.status === "ACTIVE",
    signupOpensAt: programme.signupOpensAt,
    signupClosesAt: programme.signupClosesAt,
    timezone: programme.timezone,
    facilitators: facilitators.flatMap((f) => (f.person ? [{ personId: f.person.id, slackUserId: f.person.slackUserId }] : [])),
  };
}

/**
 * Takes the group's row lock, so the seat count read next stays true until commit: two sign-ups
 * or withdrawals for the same group queue here (PostgreSQL row lock; SQLite has one writer).
 */
export async function lockGroup(tx: Tx, groupId: string, now: Date): Promise<SignupGroupRecord | null> {
  const { count } = await tx.group.updateMany({ where: { id: groupId }, data: { updatedAt: now } });
  return count === 0 ? null : findSignupGroup(tx, groupId);
}

export async function seatCounts(db: Db | Tx, groupId: string): Promise<{ active: number; waiting: number }> {
  const rows = await db.membership.groupBy({
    by: ["status"],
    where: { groupId, status: { in: ["ACTIVE", "WAITLISTED"] } },
    _count: { _all: true },
  });
  const of = (status: MembershipState) => rows.find((r) => r.status === status)?._count._all ?? 0;
  return { active: of("ACTIVE"), waiting: of("WAITLISTED") };
}

export async function membershipsOf(db: Db | Tx, groupId: string, personIds: readonly string[]): Promise<Map<string, MembershipRecord>> {
  const rows = await db.membership.findMany({
    where: { groupId, personId: { in: [...personIds] } },
    select: { id: true, personId: true, status: true, waitlistedAt: true },
  });
  return new Map(rows.map((r) => [r.personId, r]));
}

/** The groups a person is in or waiting for. */
export async function currentGroupIds(db: Db | Tx, personId: string): Promise<Set<string>> {
  const rows = await db.membership.findMany({ where: { personId, status: { in: ["ACTIVE", "WAITLISTED"] } }, select: { groupId: true } });
  return new Set(rows.map((r) => r.groupId));
}

/** Creates the membership, or brings back one that was withdrawn. */
export async function placeMember(
  tx: Tx,
  input: { groupId: string; personId: string; status: "ACTIVE" | "WAITLISTED"; signedUpById: string; now: Date },
): Promise<MembershipRecord> {
  const data = {
    status: input.status,
    waitlistedAt: input.status === "WAITLISTED" ? input.now : null,
    signedUpById: input.signedUpById,
    withdrawnAt: null,
  };
  return tx.membership.upsert({
    where: { groupId_personId: { groupId: input.groupId, personId: input.personId } },
    create: { groupId: input.groupId, personId: input.personId, ...data },
    update: data,
    select: { id: true, personId: true, status: true, waitlistedAt: true },
  });
}

/** Withdraws a current membership; null when there is none (never joined, or already withdrawn). */
/** Gives someone on the waitlist a seat; false when they are no longer waiting. */
export async function seatFromWaitlist(tx: Tx, membershipId: string): Promise<boolean> {
  const { count } = await tx.membership.updateMany({ where: { id: membershipId, status: "WAITLISTED" }, data: { status: "ACTIVE" } });
  return count === 1;
}

export async function withdrawMember(tx: Tx, input: { groupId: string; personId: string; now: Date }): Promise<MembershipRecord | null> {
  const current = await tx.membership.findUnique({
    where: { groupId_personId: { groupId: input.groupId, personId: input.personId } },
    select: { id: true, personId: true, status: true, waitlistedAt: true },
  });
  if (!current || current.status === "WITHDRAWN") return null;
  const { count } = await tx.membership.updateMany({
    where: { id: current.id, status: current.status },
    data: { status: "WITHDRAWN", withdrawnAt: input.now },
  });
  return count === 1 ? current : null;
}

/**
 * Gives up to `seats` seats to the longest waiting, in order. Each move is conditional on the
 * membership still waiting, so a promotion can never happen twice.
 */
export async function promoteWaiting(tx: Tx, groupId: string, seats: number): Promise<(MembershipRecord & { slackUserId: string })[]> {
  if (seats <= 0) return [];
  const next = await tx.membership.findMany({
    where: { groupId, status: "WAITLISTED" },
    orderBy: [{ waitlistedAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: seats,
    select: { id: true, personId: true, status: true, waitlistedAt: true, person: { select: { slackUserId: true } } },
  });
  const promoted: (MembershipRecord & { slackUserId: string })[] = [];
  for (const { person, ...m } of next) {
    const { count } = await tx.membership.updateMany({ where: { id: m.id, status: "WAITLISTED" }, data: { status: "ACTIVE" } });
    if (count === 1) promoted.push({ ...m, status: "ACTIVE", slackUserId: person.slackUserId });
  }
  return promoted;
}

/** 1 for the next in line. */
export async function waitlistPosition(db: Db | Tx, groupId: string, membership: MembershipRecord): Promise<number> {
  const ahead = await db.membership.count({
    where: {
      groupId,
      status: "WAITLISTED",
      OR: [
        { waitlistedAt: { lt: membership.waitlistedAt ?? new Date(0) } },
        { waitlistedAt: membership.waitlistedAt, id: { lt: membership.id } },
      ],
    },
  });
  return ahead + 1;
}

/** The group's next sessions: its own, the programme-wide ones, and those featuring it. */
export async function upcomingSessions(
  db: Db | Tx,
  group: { id: string; programmeId: string },
  now: Date,
  limit: number,
): Promise<SessionSummary[]> {
  return db.session.findMany({
    where: {
      status: "SCHEDULED",
      startsAt: { gte: now },
      OR: [{ groupId: group.id }, { programmeId: group.programmeId, groupId: null }, { featuredGroups: { some: { groupId: group.id } } }],
    },
    orderBy: { startsAt: "asc" },
    take: limit,
    select: { id: true, title: true, startsAt: true, endsAt: true, timezone: true, format: true, location: true },
  });
}

const STATUS_ORDER = { OPEN: 0, CLOSED: 1, ENDED: 2 } as const;

/**
 * Groups of active programmes, open ones first, with their filled seats; only those whose slug or
 * lowercased name is `named`, when given (an exact lookup need not read every group).
 */
export async function signupGroups(db: Db | Tx, opts: { named?: string } = {}): Promise<GroupOption[]> {
  const rows = await db.group.findMany({
    where: {
      programme: { status: "ACTIVE" },
      ...(opts.named === undefined ? {} : { OR: [{ slug: opts.named }, { nameKey: opts.named }] }),
    },
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      nameKey: true,
      status: true,
      capacity: true,
      allowsPartners: true,
      programme: { select: { name: true, signupOpensAt: true, signupClosesAt: true, timezone: true } },
      _count: { select: { memberships: { where: { status: "ACTIVE" } } } },
    },
  });
  // Enums sort by declaration on PostgreSQL and by spelling on SQLite, so the order is set here.
  return rows
    .map(({ programme, _count, ...g }) => ({
      ...g,
      programmeName: programme.name,
      signupOpensAt: programme.signupOpensAt,
      signupClosesAt: programme.signupClosesAt,
      timezone: programme.timezone,
      active: _count.memberships,
    }))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}

/** How many wait for a seat, per group of an active programme; groups nobody waits for are absent. */
export async function waitlistCounts(db: Db | Tx): Promise<Map<string, number>> {
  const rows = await db.membership.groupBy({
    by: ["groupId"],
    where: { status: "WAITLISTED", group: { programme: { status: "ACTIVE" } } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.groupId, r._count._all]));
}

export async function peopleBySlackId(db: Db | Tx, slackUserIds: readonly string[]): Promise<PersonRecord[]> {
  return db.person.findMany({
    where: { slackUserId: { in: [...slackUserIds] } },
    select: { id: true, slackUserId: true, name: true, organizationId: true, timezone: true },
  });
}

export async function organizationName(db: Db | Tx, organizationId: string | null): Promise<string | null> {
  if (!organizationId) return null;
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { name: true } });
  return org?.name ?? null;
}
