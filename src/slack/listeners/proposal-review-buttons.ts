import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { Services } from "../../services/context";
import { followUpDeps, sendSoon } from "../../outbox/follow-ups";
import { approveProposal, assignReviewers, decidedAlready, noteForm, reviewForm } from "../../services/proposal-review-service";
import type { Message } from "../../views/message";
import { type NoteDecision, noteModal } from "../../views/proposal-note-modal";
import { PROPOSAL_ACTIONS, proposalIdOfReviewersBlock } from "../../views/proposal-review-card";
import { isAbstaining, SCORE_ABSTAIN_ACTION, scoreModal } from "../../views/proposal-score-modal";
import type { StateValues } from "../../views/modal-kit";
import { openModalWhenReady } from "../modal-flow";
import { replyError } from "../reply-error";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
  actions: z
    .array(z.object({ value: z.string().optional(), block_id: z.string().default(""), selected_users: z.array(z.string()).optional() }))
    .length(1),
});

/** A click on a review card (or a reviewer's DM), answered to the clicker only. */
function answerer(respond: (m: object) => Promise<unknown>, client: WebClient, userId: string, responseUrl?: string) {
  return (m: Message) =>
    responseUrl
      ? respond({ response_type: "ephemeral", replace_original: false, ...m })
      : client.chat.postMessage({ channel: userId, ...m });
}

const abstainToggle = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    id: z.string().min(1),
    hash: z.string().optional(),
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.any())) }),
  }),
});

const proposalIdOf = (value: string | undefined) => z.string().min(1).parse(value);

/**
 * The review card's controls. Who may use them is checked by the services on every click:
 * staff assign reviewers and decide; assigned reviewers review.
 */
export function registerProposalReviewButtons(app: App, services: Services): void {
  app.action(PROPOSAL_ACTIONS.assignReviewers, async ({ ack, body, client, respond, logger }) => {
    await ack();
    const { user, response_url, actions } = click.parse(body);
    const action = actions[0]!;
    const tell = answerer(respond, client, user.id, response_url);
    try {
      const proposalId = proposalIdOfReviewersBlock(action.block_id);
      if (!proposalId) throw new Error(`a reviewers select outside a review card: ${action.block_id}`);
      const followUps = await assignReviewers(services, client, {
        proposalId,
        actorSlackId: user.id,
        reviewerSlackIds: action.selected_users ?? [],
      });
      await sendSoon(followUpDeps(services, client), followUps);
    } catch (err) {
      await replyError(err, logger, tell);
    }
  });

  app.action(PROPOSAL_ACTIONS.score, async ({ ack, body, client }) => {
    await ack();
    const { user, trigger_id, actions } = click.parse(body);
    await openModalWhenReady(client, {
      triggerId: trigger_id,
      title: "Review a proposal",
      logger: services.logger,
      build: async () => scoreModal(await reviewForm(services, { proposalId: proposalIdOf(actions[0]!.value), actorSlackId: user.id })),
    });
  });

  // Ticking (or unticking) the abstention takes the scores out of the form (or puts them back).
  app.action(SCORE_ABSTAIN_ACTION, async ({ ack, body, client, logger }) => {
    await ack();
    const { user, view } = abstainToggle.parse(body);
    try {
      const form = await reviewForm(services, { proposalId: view.private_metadata, actorSlackId: user.id });
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: scoreModal(form, isAbstaining(view.state.values as StateValues)),
      });
    } catch (err) {
      // The reviewer was taken off meanwhile, or moved on: the submission says so if they submit.
      logger.warn({ err }, "could not redraw the review form");
    }
  });

  app.action(PROPOSAL_ACTIONS.approve, async ({ ack, body, client, respond, logger }) => {
    await ack();
    const { user, response_url, actions } = click.parse(body);
    const tell = answerer(respond, client, user.id, response_url);
    try {
      const decision = await approveProposal(services, { proposalId: proposalIdOf(actions[0]!.value), actorSlackId: user.id });
      if (!decision.decided) throw decidedAlready(decision.proposal.status);
      await sendSoon(followUpDeps(services, client), decision.followUps);
    } catch (err) {
      await replyError(err, logger, tell);
    }
  });

  const notes: [string, NoteDecision, string][] = [
    [PROPOSAL_ACTIONS.decline, "DECLINED", "Decline proposal"],
    [PROPOSAL_ACTIONS.requestChanges, "CHANGES_REQUESTED", "Ask for changes"],
  ];
  for (const [actionId, decision, title] of notes) {
    app.action(actionId, async ({ ack, body, client }) => {
      await ack();
      const { user, trigger_id, actions } = click.parse(body);
      await openModalWhenReady(client, {
        triggerId: trigger_id,
        title,
        logger: services.logger,
        build: async () =>
          noteModal(await noteForm(services, { proposalId: proposalIdOf(actions[0]!.value), actorSlackId: user.id, decision })),
      });
    });
  }
}
