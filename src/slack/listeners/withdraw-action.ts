import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { leaveGroupChannel, withdrawFromGroup } from "../../services/signup-service";
import { followUpDeps, sendFollowUps } from "../../outbox/follow-ups";
import { ACTIONS } from "../../views/actions";
import { escapeMrkdwn, type Message } from "../../views/message";
import { withdrawalMessage } from "../../views/signup-messages";
import { replyError } from "../reply-error";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  response_url: z.string().optional(),
  actions: z.array(z.object({ value: z.string().min(1) })).length(1),
});

/** Withdraw, in one click: the DM that confirms it (and any promotion it causes) is a follow-up. */
export function registerWithdrawAction(app: App, services: Services): void {
  app.action(ACTIONS.withdrawMembership, async ({ ack, body, client, respond, logger }) => {
    await ack();
    const { user, response_url, actions } = click.parse(body);
    // A click on a message is answered beside it; from Home, in the person's DM with Convene.
    const tell = (m: Message) =>
      response_url
        ? respond({ response_type: "ephemeral", replace_original: false, ...m })
        : client.chat.postMessage({ channel: user.id, ...m });
    try {
      const result = await withdrawFromGroup(services, { slackUserId: user.id, groupId: actions[0]!.value });
      if (!result.withdrawn) {
        await tell({
          text: `You're not signed up for ${result.groupName}.`,
          blocks: [
            {
              type: "section",
              text: {
                type: "mrkdwn",
                text: `You're not signed up for *${escapeMrkdwn(result.groupName)}*, so there is nothing to withdraw from.`,
              },
            },
          ],
        });
        return;
      }
      await sendFollowUps(followUpDeps(services, client), result.followUps);
    } catch (err) {
      await replyError(err, logger, tell);
    }
  });

  // After a withdrawal, on request: out of the group's channel too; the DM then says so, without the button.
  app.action(ACTIONS.leaveGroupChannel, async ({ ack, body, client, respond, logger }) => {
    await ack();
    const { user, response_url, actions } = click.parse(body);
    const tell = (m: Message) =>
      response_url
        ? respond({ response_type: "ephemeral", replace_original: false, ...m })
        : client.chat.postMessage({ channel: user.id, ...m });
    try {
      const { group, canRejoin } = await leaveGroupChannel(services, client, { slackUserId: user.id, groupId: actions[0]!.value });
      const updated = withdrawalMessage({ group, wasWaitlisted: false, canRejoin, leftChannel: true });
      await (response_url ? respond({ replace_original: true, ...updated }) : tell(updated));
    } catch (err) {
      await replyError(err, logger, tell);
    }
  });
}
