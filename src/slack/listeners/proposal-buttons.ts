import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { followUpDeps, sendSoon } from "../../outbox/follow-ups";
import { withdrawProposal } from "../../services/proposal-service";
import { ACTIONS } from "../../views/actions";
import { escapeMrkdwn, type Message } from "../../views/message";
import { openProposalForm } from "../open-proposal";
import { replyError } from "../reply-error";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
  actions: z.array(z.object({ value: z.string().optional() })).length(1),
});

/** The proposer's buttons: Propose (App Home), and Edit and Withdraw on their proposals (DMs, `/convene my`, App Home). */
export function registerProposalButtons(app: App, services: Services): void {
  app.action(ACTIONS.proposeGroup, async ({ ack, body, client }) => {
    await ack();
    const { user, trigger_id } = click.parse(body);
    await openProposalForm(services, client, { triggerId: trigger_id, slackUserId: user.id });
  });

  app.action(ACTIONS.editProposal, async ({ ack, body, client }) => {
    await ack();
    const { user, trigger_id, actions } = click.parse(body);
    await openProposalForm(services, client, {
      triggerId: trigger_id,
      slackUserId: user.id,
      proposalId: z.string().min(1).parse(actions[0]!.value),
    });
  });

  app.action(ACTIONS.withdrawProposal, async ({ ack, body, client, respond, logger }) => {
    await ack();
    const { user, response_url, actions } = click.parse(body);
    // A click on a message is answered beside it; from Home, in the person's DM with Convene.
    const tell = (m: Message) =>
      response_url
        ? respond({ response_type: "ephemeral", replace_original: false, ...m })
        : client.chat.postMessage({ channel: user.id, ...m });
    try {
      const { proposal, followUps } = await withdrawProposal(services, {
        proposalId: z.string().min(1).parse(actions[0]!.value),
        actorSlackId: user.id,
      });
      await tell({
        text: `You withdrew your proposal "${escapeMrkdwn(proposal.title)}".`,
        blocks: [
          {
            type: "section",
            text: {
              type: "mrkdwn",
              text: `:leftwards_arrow_with_hook: You withdrew *${escapeMrkdwn(proposal.title)}*. Coalition staff no longer review it.`,
            },
          },
        ],
      });
      await sendSoon(followUpDeps(services, client), followUps);
    } catch (err) {
      await replyError(err, logger, tell);
    }
  });
}
