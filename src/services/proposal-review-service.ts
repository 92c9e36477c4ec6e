/**
 * Staff's side of a proposal: assigning reviewers, reviewers' scores, and the decision. Every
 * staff action checks on the server that the person is staff (a button in a channel proves
 * nothing), and every decision is a conditional update, so two staff clicking at once make one.
 */
import { randomUUID } from "node:crypto";
import type { WebClient } from "@slack/web-api";
import { writeAudit } from "../db/audit-repository";
import { insertGroup } from "../db/group-repository";
import { newCalendarToken } from "../db/programme-repository";
import {
  changeStatus,
  findProposal,
  groupSlugs,
  insertFacilitators,
  linkGroup,
  personIdsBySlackId,
  type ProposalRecord,
  saveReview,
  setReviewers,
} from "../db/proposal-repository";
import { groupSlugFor, UNDECIDED } from "../domain/proposal-rules";
import { forbidden, notFound, UserError } from "../errors";
import { proposalDecisionMessage, reviewRequestMessage } from "../views/proposal-messages";
import type { NoteDecision } from "../views/proposal-note-modal";
import type { Review, ScoreModalInput } from "../views/proposal-score-modal";
import type { Services } from "./context";
import { enqueue } from "../outbox/enqueue";
import { ensurePerson, isStaff } from "./people-service";
import { cardUpdate } from "./proposal-service";
import { myProposalOf } from "./proposal-views";

const GROUP_KIND = { COP_COHORT: "COP", WORKING_GROUPS: "WORKING_GROUP" } as const;

const DONE: Record<ProposalRecord["status"], string> = {
  SUBMITTED: "waiting for a decision",
  CHANGES_REQUESTED: "waiting for the proposer's changes",
  APPROVED: "already approved",
  DECLINED: "already declined",
  WITHDRAWN: "withdrawn by the proposer",
};
export const decidedAlready = (status: ProposalRecord["status"]) => new UserError(`This proposal is ${DONE[status]}.`, "conflict");

async function undecided(services: Services, proposalId: string): Promise<ProposalRecord> {
  const proposal = await findProposal(services.db, { id: proposalId });
  if (!proposal) throw notFound("That proposal no longer exists.");
  if (!UNDECIDED.includes(proposal.status)) throw decidedAlready(proposal.status);
  return proposal;
}

async function requireStaff(services: Services, slackUserId: string, what: string): Promise<void> {
  if (!(await isStaff(services, slackUserId))) throw forbidden(what);
}

/** Makes `reviewerSlackIds` the proposal's reviewers; those newly assigned get a DM with the rubric's button. */
export async function assignReviewers(
  services: Services,
  client: WebClient,
  input: { proposalId: string; actorSlackId: string; reviewerSlackIds: readonly string[] },
): Promise<string[]> {
  await requireStaff(services, input.actorSlackId, "assign reviewers");
  const proposal = await undecided(services, input.proposalId);
  const reviewers = await Promise.all([...new Set(input.reviewerSlackIds)].map((id) => ensurePerson(services, client, id)));
  const now = services.now();
  return services.db.$transaction(async (tx) => {
    const added = await setReviewers(tx, {
      proposalId: proposal.id,
      reviewerIds: reviewers.map((r) => r.id),
      assignedBy: input.actorSlackId,
    });
    const request = reviewRequestMessage({
      proposalId: proposal.id,
      title: proposal.title,
      programmeName: proposal.programme.name,
      assignedBy: input.actorSlackId,
    });
    const messages = reviewers
      .filter((r) => added.includes(r.id))
      .map((r) => ({
        kind: "dm" as const,
        dedupeKey: `proposal:${proposal.id}:review-request:${r.id}:${now.getTime()}`,
        to: r.slackUserId,
        message: request,
      }));
    await writeAudit(tx, {
      actor: input.actorSlackId,
      action: "proposal.reviewers",
      entityType: "Proposal",
      entityId: proposal.id,
      detail: { reviewers: reviewers.map((r) => r.slackUserId) },
      at: now,
    });
    return enqueue(tx, [cardUpdate(proposal.id), ...messages], now);
  });
}

async function assignedReviewer(services: Services, proposalId: string, actorSlackId: string) {
  const proposal = await undecided(services, proposalId);
  const review = proposal.reviews.find((r) => r.reviewerSlackId === actorSlackId);
  if (!review) throw new UserError("Only the reviewers staff assigned to this proposal can review it.", "forbidden");
  return { proposal, review };
}

/** The rubric modal's content, for an assigned reviewer. */
export async function reviewForm(services: Services, input: { proposalId: string; actorSlackId: string }): Promise<ScoreModalInput> {
  const { proposal, review } = await assignedReviewer(services, input.proposalId, input.actorSlackId);
  return {
    proposalId: proposal.id,
    title: proposal.title,
    programmeName: proposal.programme.name,
    summary: proposal.summary,
    previous: review.submittedAt ? { scores: review.scores, abstained: review.abstained, comment: review.comment } : null,
  };
}

/** Records (or replaces) an assigned reviewer's scores or abstention. */
export async function submitReview(
  services: Services,
  input: { proposalId: string; actorSlackId: string; review: Review },
): Promise<string[]> {
  const { proposal, review } = await assignedReviewer(services, input.proposalId, input.actorSlackId);
  const now = services.now();
  return services.db.$transaction(async (tx) => {
    const saved = await saveReview(tx, {
      proposalId: proposal.id,
      reviewerId: review.reviewerId,
      scores: input.review.scores ?? {},
      abstained: input.review.abstained,
      comment: input.review.comment,
      at: now,
    });
    if (!saved) throw new UserError("Staff took you off this proposal's reviewers meanwhile.", "forbidden");
    await writeAudit(tx, {
      actor: input.actorSlackId,
      action: input.review.abstained ? "proposal.abstained" : "proposal.scored",
      entityType: "Proposal",
      entityId: proposal.id,
      detail: { scores: input.review.scores },
      at: now,
    });
    return enqueue(tx, [cardUpdate(proposal.id)], now);
  });
}

export type Decision = { decided: true; proposal: ProposalRecord; followUps: string[] } | { decided: false; proposal: ProposalRecord };

/**
 * Approves a proposal: in one transaction it becomes a group (open for sign-ups, in its
 * programme), with the proposal's facilitators, and the follow-ups are written: the card, the
 * group's channel, the proposer's DM. `decided: false` when another decision came first.
 */
export async function approveProposal(services: Services, input: { proposalId: string; actorSlackId: string }): Promise<Decision> {
  await requireStaff(services, input.actorSlackId, "approve proposals");
  const proposal = await findProposal(services.db, { id: input.proposalId });
  if (!proposal) throw notFound("That proposal no longer exists.");
  const now = services.now();
  return services.db.$transaction(async (tx): Promise<Decision> => {
    if (
      !(await changeStatus(tx, {
        id: proposal.id,
        from: UNDECIDED,
        to: "APPROVED",
        decidedBySlack: input.actorSlackId,
        decidedAt: now,
        decisionNote: null,
      }))
    ) {
      return { decided: false, proposal: (await findProposal(tx, { id: proposal.id }))! };
    }
    const programme = proposal.programme;
    const groupId = await insertGroup(tx, {
      programmeId: programme.id,
      slug: groupSlugFor(proposal.title, await groupSlugs(tx, programme.id)),
      kind: GROUP_KIND[programme.kind],
      calendarToken: newCalendarToken(),
      name: proposal.title,
      nameKey: proposal.title.toLowerCase(),
      description: proposal.summary,
      topics: [],
      capacity: proposal.capacity,
      allowsPartners: false,
      continuing: false,
      status: "OPEN",
      channelName: null,
    });
    const people = await personIdsBySlackId(
      tx,
      proposal.facilitators.flatMap((f) => (f.slackUserId ? [f.slackUserId] : [])),
    );
    await insertFacilitators(
      tx,
      groupId,
      proposal.facilitators.map((f) => ({ ...f, personId: f.slackUserId ? (people.get(f.slackUserId) ?? null) : null })),
    );
    await linkGroup(tx, proposal.id, groupId);
    await writeAudit(tx, {
      actor: input.actorSlackId,
      action: "proposal.approved",
      entityType: "Proposal",
      entityId: proposal.id,
      detail: { groupId },
      at: now,
    });
    const approved = (await findProposal(tx, { id: proposal.id }))!;
    const followUps = await enqueue(
      tx,
      [
        cardUpdate(proposal.id),
        { kind: "group_channel", dedupeKey: `proposal:${proposal.id}:channel`, proposalId: proposal.id, groupId },
        {
          kind: "dm",
          dedupeKey: `proposal:${proposal.id}:decision`,
          to: proposal.proposerSlackId,
          message: decisionMessage(approved, now),
        },
      ],
      now,
    );
    return { decided: true, proposal: approved, followUps };
  });
}

const decisionMessage = (p: ProposalRecord, now: Date) =>
  proposalDecisionMessage({ ...myProposalOf(p, now), facilitatorCount: p.facilitators.filter((f) => f.slackUserId).length });

/** Checks, before the note modal opens, that this person may decide and that the proposal still waits for a decision. */
export async function noteForm(services: Services, input: { proposalId: string; actorSlackId: string; decision: NoteDecision }) {
  await requireStaff(services, input.actorSlackId, input.decision === "DECLINED" ? "decline proposals" : "ask for changes to proposals");
  const proposal = await undecided(services, input.proposalId);
  return { proposalId: proposal.id, decision: input.decision, title: proposal.title, programmeName: proposal.programme.name };
}

/** Declines a proposal, or asks its proposer for changes, with a note they receive in a DM. */
export async function decideWithNote(
  services: Services,
  input: { proposalId: string; actorSlackId: string; decision: NoteDecision; note: string },
): Promise<Decision> {
  await requireStaff(services, input.actorSlackId, input.decision === "DECLINED" ? "decline proposals" : "ask for changes to proposals");
  const proposal = await findProposal(services.db, { id: input.proposalId });
  if (!proposal) throw notFound("That proposal no longer exists.");
  const now = services.now();
  return services.db.$transaction(async (tx): Promise<Decision> => {
    const moved = await changeStatus(tx, {
      id: proposal.id,
      from: UNDECIDED,
      to: input.decision,
      decidedBySlack: input.actorSlackId,
      decidedAt: now,
      decisionNote: input.note,
    });
    if (!moved) return { decided: false, proposal: (await findProposal(tx, { id: proposal.id }))! };
    const decided = (await findProposal(tx, { id: proposal.id }))!;
    // Changes may be asked for more than once; a decline is final.
    const dedupeKey =
      input.decision === "DECLINED" ? `proposal:${proposal.id}:decision` : `proposal:${proposal.id}:changes:${randomUUID()}`;
    await writeAudit(tx, {
      actor: input.actorSlackId,
      action: input.decision === "DECLINED" ? "proposal.declined" : "proposal.changes_requested",
      entityType: "Proposal",
      entityId: proposal.id,
      // The DM's key: when that DM is redrawn later, it keeps the note it carried.
      detail: { note: input.note, dm: dedupeKey },
      at: now,
    });
    const followUps = await enqueue(
      tx,
      [cardUpdate(proposal.id), { kind: "dm", dedupeKey, to: proposal.proposerSlackId, message: decisionMessage(decided, now) }],
      now,
    );
    return { decided: true, proposal: decided, followUps };
  });
}
