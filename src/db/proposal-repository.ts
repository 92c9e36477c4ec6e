/** Facilitation proposals, their reviews, and the programme settings that govern them. Callers own transactions. */
import type { Db, Tx } from "./client";

export type ProposalStatus = "SUBMITTED" | "CHANGES_REQUESTED" | "APPROVED" | "DECLINED" | "WITHDRAWN";
export type DeliverableKind = "WEBINAR" | "BLOG" | "TOOLKIT" | "PODCAST" | "OTHER";

export interface ProposalProgramme {
  id: string;
  slug: string;
  name: string;
  kind: "COP_COHORT" | "WORKING_GROUPS";
  status: "ACTIVE" | "ARCHIVED";
  timezone: string;
  proposalsDueAt: Date | null;
  proposalsReopened: boolean;
  reviewChannelId: string | null;
}

const programmeSelect = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  status: true,
  timezone: true,
  proposalsDueAt: true,
  proposalsReopened: true,
  reviewChannelId: true,
} as const;

export interface FacilitatorInput {
  slackUserId: string | null;
  name: string;
  organization: string | null;
}

export interface ProposalContent {
  title: string;
  summary: string;
  problem: string;
  audience: string;
  deliverableKind: DeliverableKind;
  format: string;
  capacity: number;
}

export interface ProposalRecord extends ProposalContent {
  id: string;
  programme: ProposalProgramme;
  proposerId: string;
  proposerSlackId: string;
  status: ProposalStatus;
  decisionNote: string | null;
  decidedBySlack: string | null;
  decidedAt: Date | null;
  reviewChannelId: string | null;
  reviewTs: string | null;
  createdAt: Date;
  facilitators: FacilitatorInput[];
  group: { id: string; name: string; channelId: string | null } | null;
  reviews: {
    reviewerId: string;
    reviewerSlackId: string;
    scores: Record<string, number> | null;
    abstained: boolean;
    comment: string | null;
    submittedAt: Date | null;
  }[];
}

const proposalInclude = {
  programme: { select: programmeSelect },
  proposer: { select: { slackUserId: true } },
  facilitators: { select: { slackUserId: true, name: true, organization: true }, orderBy: { id: "asc" } },
  group: { select: { id: true, name: true, channelId: true } },
  reviews: { include: { reviewer: { select: { slackUserId: true } } }, orderBy: { reviewerId: "asc" } },
} as const;

const scoresOf = (json: unknown): Record<string, number> | null =>
  json && typeof json === "object" && !Array.isArray(json)
    ? Object.fromEntries(Object.entries(json).filter(([, v]) => typeof v === "number"))
    : null;

export async function findProposal(db: Db | Tx, where: { id: string } | { idempotencyKey: string }): Promise<ProposalRecord | null> {
  const p = await db.proposal.findUnique({ where, include: proposalInclude });
  if (!p) return null;
  return {
    id: p.id,
    programme: p.programme,
    proposerId: p.proposerId,
    proposerSlackId: p.proposer.slackUserId,
    title: p.title,
    summary: p.summary,
    problem: p.problem,
    audience: p.audience,
    deliverableKind: p.deliverableKind,
    format: p.format,
    capacity: p.capacity,
    status: p.status,
    decisionNote: p.decisionNote,
    decidedBySlack: p.decidedBySlack,
    decidedAt: p.decidedAt,
    reviewChannelId: p.reviewChannelId,
    reviewTs: p.reviewTs,
    createdAt: p.createdAt,
    facilitators: p.facilitators,
    group: p.group,
    reviews: p.reviews.map((r) => ({
      reviewerId: r.reviewerId,
      reviewerSlackId: r.reviewer.slackUserId,
      scores: scoresOf(r.scores),
      abstained: r.abstained,
      comment: r.comment,
      submittedAt: r.submittedAt,
    })),
  };
}

// ---------------------------------------------------------------- programmes

export async function activeProgrammes(db: Db | Tx): Promise<ProposalProgramme[]> {
  return db.programme.findMany({ where: { status: "ACTIVE" }, select: programmeSelect, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

export async function findProgramme(db: Db | Tx, where: { id: string } | { slug: string }): Promise<ProposalProgramme | null> {
  return db.programme.findUnique({ where, select: programmeSelect });
}

export async function updateProgrammeProposals(
  tx: Tx,
  id: string,
  data: { proposalsReopened?: boolean; reviewChannelId?: string },
): Promise<void> {
  await tx.programme.update({ where: { id }, data });
}

/** The programme's proposals still waiting for a decision, oldest first. */
export async function undecidedProposalIds(db: Db | Tx, programmeId: string): Promise<string[]> {
  const rows = await db.proposal.findMany({
    where: { programmeId, status: { in: ["SUBMITTED", "CHANGES_REQUESTED"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- writes

export async function insertProposal(
  tx: Tx,
  data: ProposalContent & {
    idempotencyKey: string;
    programmeId: string;
    proposerId: string;
    facilitators: readonly FacilitatorInput[] /** Convene's clock, which the card shows as "Submitted". */;
    createdAt: Date;
  },
): Promise<string> {
  const { facilitators, ...proposal } = data;
  return (await tx.proposal.create({ data: { ...proposal, facilitators: { create: [...facilitators] } }, select: { id: true } })).id;
}

/**
 * Replaces a proposal's content and facilitators, only while it is in one of `from`; it goes back
 * to SUBMITTED (an edit answers a request for changes). False when it had moved on meanwhile.
 */
export async function updateProposalContent(
  tx: Tx,
  input: { id: string; from: readonly ProposalStatus[]; content: ProposalContent; facilitators: readonly FacilitatorInput[] },
): Promise<boolean> {
  const { count } = await tx.proposal.updateMany({
    where: { id: input.id, status: { in: [...input.from] } },
    data: { ...input.content, status: "SUBMITTED" },
  });
  if (count !== 1) return false;
  await tx.proposalFacilitator.deleteMany({ where: { proposalId: input.id } });
  await tx.proposalFacilitator.createMany({ data: input.facilitators.map((f) => ({ ...f, proposalId: input.id })) });
  return true;
}

/**
 * Moves a proposal from one of `from` to `to`: a conditional update, so of two staff deciding at
 * once exactly one gets true.
 */
export async function changeStatus(
  tx: Tx,
  input: {
    id: string;
    from: readonly ProposalStatus[];
    to: ProposalStatus;
    decidedBySlack?: string;
    decidedAt?: Date;
    decisionNote?: string | null;
  },
): Promise<boolean> {
  const { id, from, to, ...decision } = input;
  const { count } = await tx.proposal.updateMany({ where: { id, status: { in: [...from] } }, data: { status: to, ...decision } });
  return count === 1;
}

export async function linkGroup(tx: Tx, id: string, groupId: string): Promise<void> {
  await tx.proposal.update({ where: { id }, data: { groupId } });
}

/** Where the review card was posted, so that later changes update it in place. */
export async function recordReviewCard(db: Db | Tx, id: string, card: { channelId: string; ts: string }): Promise<void> {
  await db.proposal.update({ where: { id }, data: { reviewChannelId: card.channelId, reviewTs: card.ts } });
}

export async function insertFacilitators(
  tx: Tx,
  groupId: string,
  rows: readonly (FacilitatorInput & { personId: string | null })[],
): Promise<void> {
  await tx.facilitator.createMany({
    data: rows.map((f) => ({ groupId, name: f.name, nameKey: f.name.toLowerCase(), organization: f.organization, personId: f.personId })),
  });
}

export async function groupSlugs(tx: Tx, programmeId: string): Promise<Set<string>> {
  return new Set((await tx.group.findMany({ where: { programmeId }, select: { slug: true } })).map((g) => g.slug));
}

// ---------------------------------------------------------------- reviews

/** Adds reviewers not yet assigned and drops those unassigned who have not reviewed; returns who was added. */
export async function setReviewers(
  tx: Tx,
  input: { proposalId: string; reviewerIds: readonly string[]; assignedBy: string },
): Promise<string[]> {
  const current = await tx.proposalReview.findMany({ where: { proposalId: input.proposalId }, select: { reviewerId: true } });
  const have = new Set(current.map((r) => r.reviewerId));
  const added = input.reviewerIds.filter((id) => !have.has(id));
  await tx.proposalReview.deleteMany({
    where: { proposalId: input.proposalId, reviewerId: { notIn: [...input.reviewerIds] }, submittedAt: null },
  });
  if (added.length)
    await tx.proposalReview.createMany({
      data: added.map((reviewerId) => ({ proposalId: input.proposalId, reviewerId, assignedBy: input.assignedBy })),
    });
  return added;
}

/** Records a reviewer's scores (an empty object when abstaining); false when they are not assigned. */
export async function saveReview(
  db: Db | Tx,
  input: { proposalId: string; reviewerId: string; scores: Record<string, number>; abstained: boolean; comment: string | null; at: Date },
): Promise<boolean> {
  const { count } = await db.proposalReview.updateMany({
    where: { proposalId: input.proposalId, reviewerId: input.reviewerId },
    data: { scores: input.scores, abstained: input.abstained, comment: input.comment, submittedAt: input.at },
  });
  return count === 1;
}

// ---------------------------------------------------------------- people

/** The Slack ids of everyone granted staff in Slack (CONVENE_ADMINS are added by the caller). */
export async function staffSlackIds(db: Db | Tx): Promise<string[]> {
  return (await db.person.findMany({ where: { isStaff: true }, select: { slackUserId: true }, orderBy: { slackUserId: "asc" } })).map(
    (p) => p.slackUserId,
  );
}

export async function personIdsBySlackId(db: Db | Tx, slackUserIds: readonly string[]): Promise<Map<string, string>> {
  if (slackUserIds.length === 0) return new Map();
  const rows = await db.person.findMany({ where: { slackUserId: { in: [...slackUserIds] } }, select: { id: true, slackUserId: true } });
  return new Map(rows.map((p) => [p.slackUserId, p.id]));
}

/** The note staff wrote with each request for changes, by the dedupe key of the DM that carried it (from the audit trail). */
export async function changeRequestNotes(db: Db | Tx, proposalId: string): Promise<Map<string, string>> {
  const rows = await db.auditLog.findMany({
    where: { action: "proposal.changes_requested", entityType: "Proposal", entityId: proposalId },
    select: { detail: true },
  });
  const notes = new Map<string, string>();
  for (const { detail } of rows) {
    const d = detail as { note?: unknown; dm?: unknown } | null;
    if (typeof d?.dm === "string" && typeof d.note === "string") notes.set(d.dm, d.note);
  }
  return notes;
}
