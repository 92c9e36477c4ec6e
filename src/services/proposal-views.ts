/** Stored proposals as the views show them. */
import type { ProposalRecord } from "../db/proposal-repository";
import { type ProposalProgramme as WindowProgramme, proposalWindow, proposerMayChange, type ProposalState } from "../domain/proposal-rules";
import type { MyProposal } from "../views/my-proposals";
import type { DeliverableKind, ProposalFormat } from "../views/proposal-modal";
import type { ProposalCardData } from "../views/proposal-review-card";

export function reviewCardOf(p: ProposalRecord): ProposalCardData {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    problem: p.problem,
    audience: p.audience,
    programmeName: p.programme.name,
    timezone: p.programme.timezone,
    proposerSlackId: p.proposerSlackId,
    facilitators: p.facilitators,
    deliverableKind: p.deliverableKind as DeliverableKind,
    format: p.format as ProposalFormat,
    capacity: p.capacity,
    status: p.status,
    submittedAt: p.createdAt,
    decidedBySlack: p.decidedBySlack,
    decidedAt: p.decidedAt,
    decisionNote: p.decisionNote,
    group: p.group,
    reviews: p.reviews,
  };
}

/** What a proposer sees of one of their proposals; takes any row with these fields (`/convene my` reads its own). */
export function asMyProposal(
  p: {
    id: string;
    title: string;
    status: ProposalState;
    decisionNote: string | null;
    groupChannelId: string | null;
    programme: WindowProgramme & { name: string; timezone: string };
  },
  now: Date,
): MyProposal {
  const window = proposalWindow(p.programme, now);
  const mayChange = proposerMayChange(p.status, window);
  return {
    id: p.id,
    title: p.title,
    programmeName: p.programme.name,
    timezone: p.programme.timezone,
    status: p.status,
    mayChange,
    changeableUntil: mayChange && p.status === "SUBMITTED" && window.open ? window.dueAt : null,
    decisionNote: p.decisionNote,
    groupChannelId: p.groupChannelId,
  };
}

export const myProposalOf = (p: ProposalRecord, now: Date): MyProposal =>
  asMyProposal({ ...p, groupChannelId: p.group?.channelId ?? null }, now);
