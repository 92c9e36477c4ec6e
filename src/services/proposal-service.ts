/**
 * Facilitation proposals from the proposer's side: which programmes take them, submitting one
 * (once, however often Slack delivers the submission), editing or withdrawing it until the
 * deadline, and staff opening proposals again or choosing where they are reviewed. Each change is
 * one transaction that also writes the follow-ups it causes (the review card, DMs).
 */
import { isUniqueViolation } from "../db/upsert";
import { randomUUID } from "node:crypto";
import type { WebClient } from "@slack/web-api";
import { writeAudit } from "../db/audit-repository";
import {
  activeProgrammes,
  changeStatus,
  type FacilitatorInput,
  findProgramme,
  findProposal,
  insertProposal,
  type ProposalContent,
  type ProposalProgramme,
  type ProposalRecord,
  staffSlackIds,
  undecidedProposalIds,
  updateProgrammeProposals,
  updateProposalContent,
} from "../db/proposal-repository";
import { organizationName } from "../db/signup-repository";
import { proposalWindow, proposerMayChange, type ProposalWindow, UNDECIDED } from "../domain/proposal-rules";
import { fieldErrors, forbidden, notFound, UserError } from "../errors";
import { noReviewChannelMessage, proposalReceiptMessage } from "../views/proposal-messages";
import {
  closedError,
  PROPOSAL_BLOCKS,
  type ProgrammeChoice,
  type ProposalFields,
  type ProposalFormat,
  type ProposalModalInput,
} from "../views/proposal-modal";
import type { Services } from "./context";
import { enqueue, type FollowUp } from "../outbox/enqueue";
import { ensurePerson, isStaff, refuseDeactivated, requireRole } from "./people-service";
import { myProposalOf } from "./proposal-views";

export interface ClosedProgramme {
  name: string;
  closedAt: Date;
  timezone: string;
}

const PROPOSALS = "Facilitation proposals";

/**
 * The programmes taking proposals now, and, for an explanation when none do, those whose deadline
 * passed; refused to anyone whose role may not propose (a guest).
 */
export async function proposalOpenings(
  services: Services,
  client: WebClient,
  slackUserId: string,
): Promise<{ open: ProgrammeChoice[]; closed: ClosedProgramme[] }> {
  await requireRole(services, client, slackUserId, "propose", PROPOSALS);
  const now = services.now();
  const open: ProgrammeChoice[] = [];
  const closed: ClosedProgramme[] = [];
  for (const p of await activeProgrammes(services.db)) {
    const window = proposalWindow(p, now);
    if (window.open) open.push({ id: p.id, name: p.name, dueAt: window.dueAt, timezone: p.timezone });
    else if (window.closedAt) closed.push({ name: p.name, closedAt: window.closedAt, timezone: p.timezone });
  }
  closed.sort((a, b) => b.closedAt.getTime() - a.closedAt.getTime());
  return { open, closed };
}

/** Names and organizations of the facilitators, as Slack knows those picked there. */
async function facilitatorsOf(services: Services, client: WebClient, fields: ProposalFields): Promise<FacilitatorInput[]> {
  const people = await Promise.all(fields.slackFacilitators.map((id) => ensurePerson(services, client, id)));
  refuseDeactivated(people, PROPOSAL_BLOCKS.facilitators);
  const rows: FacilitatorInput[] = await Promise.all(
    people.map(async (p) => ({
      slackUserId: p.slackUserId,
      name: p.name,
      organization: await organizationName(services.db, p.organizationId),
    })),
  );
  if (fields.otherFacilitator) {
    const { name, organization } = fields.otherFacilitator;
    if (rows.some((r) => r.name.toLowerCase() === name.toLowerCase())) {
      throw fieldErrors({ [PROPOSAL_BLOCKS.otherName]: `${name} is already picked above: clear this name, or name someone else.` });
    }
    rows.push({ slackUserId: null, name, organization });
  }
  return rows;
}

const contentOf = (f: ProposalFields): ProposalContent => ({
  title: f.title,
  summary: f.summary,
  problem: f.problem,
  audience: f.audience,
  deliverableKind: f.deliverableKind,
  format: f.format,
  capacity: f.capacity,
});

function refuseWhenClosed(programme: ProposalProgramme, window: ProposalWindow): void {
  if (window.open) return;
  const why = closedError(programme.name, window.closedAt, programme.timezone);
  throw new UserError(why, "closed", { [PROPOSAL_BLOCKS.programme]: why });
}

/** The card re-rendered where it was posted: every change a staff member should see. */
export const cardUpdate = (proposalId: string): FollowUp => ({
  kind: "proposal_card",
  dedupeKey: `proposal:${proposalId}:card:${randomUUID()}`,
  proposalId,
  channelId: null,
});

export interface Saved {
  proposal: ProposalRecord;
  /** False when this submission had been received before (a retry, a double click): nothing was written. */
  created: boolean;
  followUps: string[];
}

const nothing: string[] = [];

/**
 * Saves a new proposal. `idempotencyKey` comes from the Slack view: the same view submitted again,
 * at once or later, returns the proposal it created the first time.
 */
export async function submitProposal(
  services: Services,
  client: WebClient,
  input: { idempotencyKey: string; proposerSlackId: string; fields: ProposalFields },
): Promise<Saved> {
  const { db, config } = services;
  const before = await findProposal(db, { idempotencyKey: input.idempotencyKey });
  if (before) return { proposal: before, created: false, followUps: nothing };

  const now = services.now();
  const programme = await findProgramme(db, { id: input.fields.programmeId });
  if (programme?.status !== "ACTIVE")
    throw fieldErrors({ [PROPOSAL_BLOCKS.programme]: "That programme no longer takes proposals: choose another." });
  refuseWhenClosed(programme, proposalWindow(programme, now));
  const [proposer, facilitators] = await Promise.all([
    requireRole(services, client, input.proposerSlackId, "propose", PROPOSALS),
    facilitatorsOf(services, client, input.fields),
  ]);
  const staff = programme.reviewChannelId ? [] : [...new Set([...config.CONVENE_ADMINS, ...(await staffSlackIds(db))])];

  try {
    const written = await db.$transaction(async (tx) => {
      const id = await insertProposal(tx, {
        ...contentOf(input.fields),
        idempotencyKey: input.idempotencyKey,
        programmeId: programme.id,
        proposerId: proposer.id,
        facilitators,
        createdAt: now,
      });
      const proposal = (await findProposal(tx, { id }))!;
      const messages: FollowUp[] = [
        {
          kind: "dm",
          dedupeKey: `proposal:${id}:receipt`,
          to: proposer.slackUserId,
          message: proposalReceiptMessage(myProposalOf(proposal, now)),
        },
      ];
      // Without a review channel staff would never see it: tell each of them where to set one.
      const notice = noReviewChannelMessage({
        title: proposal.title,
        programmeName: programme.name,
        programmeSlug: programme.slug,
        command: "/convene",
      });
      for (const to of staff) messages.push({ kind: "dm", dedupeKey: `proposal:${id}:no-review-channel:${to}`, to, message: notice });
      const cards: FollowUp[] = programme.reviewChannelId
        ? [
            {
              kind: "proposal_card",
              dedupeKey: `proposal:${id}:card:${programme.reviewChannelId}`,
              proposalId: id,
              channelId: programme.reviewChannelId,
            },
          ]
        : [];
      await writeAudit(tx, {
        actor: input.proposerSlackId,
        action: "proposal.submitted",
        entityType: "Proposal",
        entityId: id,
        detail: { programmeId: programme.id },
        at: now,
      });
      return { proposal, followUps: await enqueue(tx, [...cards, ...messages], now) };
    });
    return { ...written, created: true };
  } catch (err) {
    // The same view submitted at the same moment: the first one wrote it.
    if (!isUniqueViolation(err)) throw err;
    const first = await findProposal(db, { idempotencyKey: input.idempotencyKey });
    if (!first) throw err;
    return { proposal: first, created: false, followUps: nothing };
  }
}

/** The proposal, if this person may still change it; otherwise why not. */
async function changeable(
  services: Services,
  proposalId: string,
  actorSlackId: string,
): Promise<{ proposal: ProposalRecord; window: ProposalWindow }> {
  const proposal = await findProposal(services.db, { id: proposalId });
  if (!proposal) throw notFound("That proposal no longer exists.");
  if (proposal.proposerSlackId !== actorSlackId)
    throw new UserError("Only the person who proposed it can change this proposal.", "forbidden");
  const window = proposalWindow(proposal.programme, services.now());
  if (!proposerMayChange(proposal.status, window)) {
    if (proposal.status === "SUBMITTED") refuseWhenClosed(proposal.programme, window);
    throw new UserError(
      `This proposal was ${proposal.status === "WITHDRAWN" ? "withdrawn" : "decided on"}: it can no longer be changed.`,
      "closed",
    );
  }
  return { proposal, window };
}

/** The edit modal's content for the proposer's Edit button. */
export async function editForm(services: Services, input: { proposalId: string; actorSlackId: string }): Promise<ProposalModalInput> {
  const { proposal: p, window } = await changeable(services, input.proposalId, input.actorSlackId);
  const other = p.facilitators.find((f) => !f.slackUserId);
  return {
    programmes: [{ id: p.programme.id, name: p.programme.name, dueAt: window.open ? window.dueAt : null, timezone: p.programme.timezone }],
    proposerSlackId: p.proposerSlackId,
    editing: {
      proposalId: p.id,
      fields: {
        programmeId: p.programme.id,
        title: p.title,
        summary: p.summary,
        problem: p.problem,
        audience: p.audience,
        slackFacilitators: p.facilitators.flatMap((f) => (f.slackUserId ? [f.slackUserId] : [])),
        otherFacilitator: other ? { name: other.name, organization: other.organization } : null,
        deliverableKind: p.deliverableKind,
        format: p.format as ProposalFormat,
        capacity: p.capacity,
      },
    },
  };
}

/** Saves the proposer's edit; an edit after staff asked for changes sends it back for review. */
export async function editProposal(
  services: Services,
  client: WebClient,
  input: { proposalId: string; actorSlackId: string; fields: ProposalFields },
): Promise<Saved> {
  const { proposal } = await changeable(services, input.proposalId, input.actorSlackId);
  if (input.fields.programmeId !== proposal.programme.id)
    throw fieldErrors({ [PROPOSAL_BLOCKS.programme]: `This proposal is for ${proposal.programme.name}.` });
  const facilitators = await facilitatorsOf(services, client, input.fields);
  const now = services.now();
  return services.db.$transaction(async (tx) => {
    const from = proposal.status === "CHANGES_REQUESTED" ? (["CHANGES_REQUESTED"] as const) : (["SUBMITTED"] as const);
    if (!(await updateProposalContent(tx, { id: proposal.id, from, content: contentOf(input.fields), facilitators }))) {
      throw new UserError("Staff decided on this proposal while you were editing it: Convene sent you their answer.", "conflict");
    }
    await writeAudit(tx, {
      actor: input.actorSlackId,
      action: "proposal.edited",
      entityType: "Proposal",
      entityId: proposal.id,
      detail: { from: proposal.status },
      at: now,
    });
    const followUps = await enqueue(tx, [cardUpdate(proposal.id)], now);
    return { proposal: (await findProposal(tx, { id: proposal.id }))!, created: false, followUps };
  });
}

export async function withdrawProposal(services: Services, input: { proposalId: string; actorSlackId: string }): Promise<Saved> {
  const { proposal } = await changeable(services, input.proposalId, input.actorSlackId);
  const now = services.now();
  return services.db.$transaction(async (tx) => {
    if (!(await changeStatus(tx, { id: proposal.id, from: UNDECIDED, to: "WITHDRAWN" }))) {
      throw new UserError("Staff decided on this proposal meanwhile: Convene sent you their answer.", "conflict");
    }
    await writeAudit(tx, {
      actor: input.actorSlackId,
      action: "proposal.withdrawn",
      entityType: "Proposal",
      entityId: proposal.id,
      detail: {},
      at: now,
    });
    const followUps = await enqueue(tx, [cardUpdate(proposal.id)], now);
    return { proposal: (await findProposal(tx, { id: proposal.id }))!, created: false, followUps };
  });
}

// ---------------------------------------------------------------- staff

async function staffProgramme(services: Services, actorSlackId: string, slug: string, what: string): Promise<ProposalProgramme> {
  if (!(await isStaff(services, actorSlackId))) throw forbidden(what);
  const programme = await findProgramme(services.db, { slug });
  if (!programme) throw notFound(`There is no programme "${slug}".`);
  return programme;
}

/** The programme staff are about to make proposals' review channel, by its slug. */
export async function programmeForReview(
  services: Services,
  input: { programmeSlug: string; actorSlackId: string },
): Promise<ProposalProgramme> {
  return staffProgramme(services, input.actorSlackId, input.programmeSlug, "choose where proposals are reviewed");
}

/**
 * Staff open proposals again after the deadline (`reopened: true`), or close them again: then
 * the deadline alone decides.
 */
export async function setProposalsReopened(
  services: Services,
  input: { programmeSlug: string; actorSlackId: string; reopened: boolean },
): Promise<{ programme: ProposalProgramme; window: ProposalWindow }> {
  const programme = await staffProgramme(services, input.actorSlackId, input.programmeSlug, "reopen or close proposals");
  const now = services.now();
  await services.db.$transaction(async (tx) => {
    await updateProgrammeProposals(tx, programme.id, { proposalsReopened: input.reopened });
    await writeAudit(tx, {
      actor: input.actorSlackId,
      action: input.reopened ? "proposals.reopened" : "proposals.closed",
      entityType: "Programme",
      entityId: programme.id,
      detail: {},
      at: now,
    });
  });
  const updated = { ...programme, proposalsReopened: input.reopened };
  return { programme: updated, window: proposalWindow(updated, now) };
}

/** Makes `channelId` where the programme's proposals are reviewed, and posts there every one still waiting for a decision. */
export async function setReviewChannel(
  services: Services,
  input: { programmeSlug: string; actorSlackId: string; channelId: string },
): Promise<{ programme: ProposalProgramme; posted: number; followUps: string[] }> {
  const programme = await staffProgramme(services, input.actorSlackId, input.programmeSlug, "choose where proposals are reviewed");
  const now = services.now();
  return services.db.$transaction(async (tx) => {
    await updateProgrammeProposals(tx, programme.id, { reviewChannelId: input.channelId });
    const waiting = await undecidedProposalIds(tx, programme.id);
    const cards = waiting.map(
      (id): FollowUp => ({
        kind: "proposal_card",
        dedupeKey: `proposal:${id}:card:${input.channelId}`,
        proposalId: id,
        channelId: input.channelId,
      }),
    );
    await writeAudit(tx, {
      actor: input.actorSlackId,
      action: "proposals.review_channel",
      entityType: "Programme",
      entityId: programme.id,
      detail: { channelId: input.channelId },
      at: now,
    });
    const followUps = await enqueue(tx, cards, now);
    return { programme: { ...programme, reviewChannelId: input.channelId }, posted: followUps.length, followUps };
  });
}
