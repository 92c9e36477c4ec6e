/**
 * Submissions (events, membership applications, topic suggestions), topic votes, deliverables
 * and what approving a submission creates. Functions taking `Tx` run in the caller's transaction.
 */
import type { Db, Tx } from "./client";
import { adoptKnownPeople } from "./organization-repository";

export type SubmissionKind = "EVENT" | "MEMBERSHIP_APPLICATION" | "TOPIC_SUGGESTION";
export type SubmissionStatus = "PENDING" | "APPROVED" | "DECLINED";

export interface SubmissionRecord {
  id: string;
  kind: SubmissionKind;
  status: SubmissionStatus;
  title: string;
  data: unknown;
  submitterSlackId: string;
  decidedBySlack: string | null;
  createdAt: Date;
}

const submissionSelect = {
  id: true,
  kind: true,
  status: true,
  title: true,
  data: true,
  decidedBySlack: true,
  createdAt: true,
  submittedBy: { select: { slackUserId: true } },
} as const;

type SubmissionRow = { submittedBy: { slackUserId: string } } & Omit<SubmissionRecord, "submitterSlackId">;
const toRecord = ({ submittedBy, ...s }: SubmissionRow): SubmissionRecord => ({ ...s, submitterSlackId: submittedBy.slackUserId });

export async function findSubmission(db: Db | Tx, where: { id: string } | { idempotencyKey: string }): Promise<SubmissionRecord | null> {
  const row = await db.submission.findUnique({ where, select: submissionSelect });
  return row ? toRecord(row) : null;
}

export async function createSubmission(
  tx: Tx,
  input: { idempotencyKey: string; kind: SubmissionKind; title: string; data: object; submittedById: string },
): Promise<SubmissionRecord> {
  return toRecord(await tx.submission.create({ data: input, select: submissionSelect }));
}

/** Decides a submission that is still pending; false when someone decided it first. */
export async function decideSubmission(
  tx: Tx,
  input: { id: string; status: "APPROVED" | "DECLINED"; by: string; at: Date },
): Promise<boolean> {
  const { count } = await tx.submission.updateMany({
    where: { id: input.id, status: "PENDING" },
    data: { status: input.status, decidedBySlack: input.by, decidedAt: input.at },
  });
  return count === 1;
}

/** Events and membership applications waiting for staff, oldest first. */
export async function pendingReviews(db: Db, limit: number): Promise<{ submissions: SubmissionRecord[]; total: number }> {
  const where = { status: "PENDING" as const, kind: { in: ["EVENT", "MEMBERSHIP_APPLICATION"] as SubmissionKind[] } };
  const [rows, total] = await Promise.all([
    db.submission.findMany({ where, orderBy: { createdAt: "asc" }, take: limit, select: submissionSelect }),
    db.submission.count({ where }),
  ]);
  return { submissions: rows.map(toRecord), total };
}

export interface TopicRecord {
  id: string;
  title: string;
  data: unknown;
  votes: number;
  mine: boolean;
}

/** Topic suggestions not declined, most upvoted first (ties: the oldest first). */
export async function topics(db: Db, readerId: string | null, limit: number): Promise<{ topics: TopicRecord[]; total: number }> {
  const where = { kind: "TOPIC_SUGGESTION" as const, status: { not: "DECLINED" as const } };
  const [rows, total] = await Promise.all([
    db.submission.findMany({
      where,
      orderBy: [{ votes: { _count: "desc" } }, { createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: {
        id: true,
        title: true,
        data: true,
        _count: { select: { votes: true } },
        votes: { where: { personId: readerId ?? "" }, select: { personId: true } },
      },
    }),
    db.submission.count({ where }),
  ]);
  return { topics: rows.map((r) => ({ id: r.id, title: r.title, data: r.data, votes: r._count.votes, mine: r.votes.length > 0 })), total };
}

/**
 * One vote per person per topic (the primary key); false when it was already counted. A double
 * click races to the key: the loser's error is recognised by the vote it finds in place.
 */
export async function addVote(db: Db, submissionId: string, personId: string): Promise<boolean> {
  const key = { submissionId_personId: { submissionId, personId } };
  if (await db.topicVote.findUnique({ where: key })) return false;
  try {
    await db.topicVote.create({ data: { submissionId, personId } });
    return true;
  } catch (err) {
    if (await db.topicVote.findUnique({ where: key })) return false;
    throw err;
  }
}

/** Everyone who reviews: people granted staff in Convene, plus CONVENE_ADMINS (given). */
export async function staffSlackIds(db: Db | Tx, admins: readonly string[]): Promise<string[]> {
  const rows = await db.person.findMany({ where: { isStaff: true }, select: { slackUserId: true } });
  return [...new Set([...admins, ...rows.map((r) => r.slackUserId)])];
}

export async function activeProgrammes(db: Db | Tx): Promise<{ id: string; name: string; timezone: string }[]> {
  return db.programme.findMany({ where: { status: "ACTIVE" }, orderBy: { name: "asc" }, select: { id: true, name: true, timezone: true } });
}

export async function programmeName(db: Db | Tx, id: string): Promise<string | null> {
  return (await db.programme.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
}

/** Who holds each of these email domains now. */
export async function domainOwners(
  db: Db | Tx,
  domains: readonly string[],
): Promise<{ domain: string; organizationId: string; name: string; memberStatus: string }[]> {
  const rows = await db.organizationDomain.findMany({
    where: { domain: { in: [...domains] } },
    select: { domain: true, organizationId: true, organization: { select: { name: true, memberStatus: true } } },
  });
  return rows.map((r) => ({ domain: r.domain, organizationId: r.organizationId, ...r.organization }));
}

export async function organizationByName(db: Db | Tx, name: string): Promise<{ id: string; name: string; memberStatus: string } | null> {
  return db.organization.findUnique({ where: { nameKey: name.toLowerCase() }, select: { id: true, name: true, memberStatus: true } });
}

/** How many people Convene knows in the workspace by an address at one of these domains. */
export async function peopleAtDomains(db: Db | Tx, domains: readonly string[]): Promise<number> {
  if (domains.length === 0) return 0;
  return db.person.count({ where: { deactivatedAt: null, OR: domains.map((d) => ({ email: { endsWith: `@${d}` } })) } });
}

/**
 * Makes the organization a member with these domains (creating it, or promoting an applicant or
 * former member), and links the people already known by an address at those domains.
 */
export async function admitOrganization(tx: Tx, input: { name: string; domains: readonly string[] }): Promise<string> {
  const org = await tx.organization.upsert({
    where: { nameKey: input.name.toLowerCase() },
    create: { name: input.name, nameKey: input.name.toLowerCase(), memberStatus: "MEMBER" },
    update: { memberStatus: "MEMBER" },
    select: { id: true },
  });
  const held = new Set(
    (await tx.organizationDomain.findMany({ where: { organizationId: org.id }, select: { domain: true } })).map((d) => d.domain),
  );
  for (const domain of input.domains)
    if (!held.has(domain)) await tx.organizationDomain.create({ data: { domain, organizationId: org.id } });
  await adoptKnownPeople(tx, org.id, { domains: input.domains });
  return org.id;
}

export async function audit(
  tx: Tx,
  entry: { actor: string; action: string; entityType: string; entityId: string; detail: object; at: Date },
): Promise<void> {
  await tx.auditLog.create({ data: entry });
}

// ---------------------------------------------------------------- deliverables

export interface FacilitatedGroup {
  id: string;
  name: string;
  programmeId: string;
  timezone: string;
}

/** The groups this person facilitates (a Facilitator row linked to them). */
export async function facilitatedGroups(db: Db, personId: string): Promise<FacilitatedGroup[]> {
  const rows = await db.facilitator.findMany({
    where: { personId },
    orderBy: { group: { name: "asc" } },
    select: { group: { select: { id: true, name: true, programmeId: true, programme: { select: { timezone: true } } } } },
  });
  return rows.map(({ group: { programme, ...g } }) => ({ ...g, timezone: programme.timezone }));
}

export interface DeliverableRecord {
  id: string;
  title: string;
  year: string;
}

export async function findDeliverableByKey(db: Db, idempotencyKey: string): Promise<DeliverableRecord | null> {
  return db.deliverable.findUnique({ where: { idempotencyKey }, select: { id: true, title: true, year: true } });
}

export async function createDeliverable(
  db: Db,
  input: {
    idempotencyKey: string;
    programmeId: string;
    groupId: string;
    submittedById: string;
    title: string;
    kind: "WEBINAR" | "BLOG" | "TOOLKIT" | "PODCAST" | "OTHER";
    url: string;
    summary: string;
    year: string;
  },
): Promise<DeliverableRecord> {
  return db.deliverable.create({ data: input, select: { id: true, title: true, year: true } });
}

export interface ResourceRecord {
  title: string;
  kind: "WEBINAR" | "BLOG" | "TOOLKIT" | "PODCAST" | "OTHER";
  url: string;
  summary: string;
  year: string;
  groupName: string | null;
}

/** The library, newest school year first, across years unless one is asked for. */
export async function resources(db: Db, opts: { year?: string; limit: number }): Promise<{ resources: ResourceRecord[]; total: number }> {
  const where = opts.year ? { year: opts.year } : {};
  const [rows, total] = await Promise.all([
    db.deliverable.findMany({
      where,
      orderBy: [{ year: "desc" }, { createdAt: "desc" }, { id: "asc" }],
      take: opts.limit,
      select: { title: true, kind: true, url: true, summary: true, year: true, group: { select: { name: true } } },
    }),
    db.deliverable.count({ where }),
  ]);
  return { resources: rows.map(({ group, ...r }) => ({ ...r, groupName: group?.name ?? null })), total };
}
