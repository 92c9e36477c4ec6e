import type { App } from "@slack/bolt";
import { z } from "zod";
import { UserError } from "../../errors";
import type { Services } from "../../services/context";
import { groupById, groupToMessage, messageGroup, rosterFor } from "../../services/roster-service";
import { GROUP_MESSAGE_CALLBACK, GROUP_MESSAGE_TITLE, groupMessageModal, groupMessageSent, parseGroupMessage } from "../../views/group-message-modal";
import { HOME_ROSTER } from "../../views/home-view";
import { refusalModal } from "../../views/modal-kit";
import { ROSTER_MESSAGE_GROUP, ROSTER_TITLE } from "../../views/roster-modal";
import { onModalSubmission, openModalWhenReady } from "../modal-flow";
import { rosterModalFor } from "../roster-view";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ value: z.string().min(1) })).length(1),
});

/** The roster from a facilitator's Home; "Message the group" from a roster, and its submission. */
export function registerRosterActions(app: App, services: Services): void {
  app.action(HOME_ROSTER, async ({ ack, body, client }) => {
    await ack();
    const { user, trigger_id, actions } = click.parse(body);
    await openModalWhenReady(client, {
      triggerId: trigger_id,
      title: ROSTER_TITLE,
      logger: services.logger,
      build: async () => rosterModalFor(services, client, user.id, await rosterFor(services, { slackUserId: user.id, group: await groupById(services, actions[0]!.value) })),
    });
  });

  app.action(ROSTER_MESSAGE_GROUP, async ({ ack, body, client }) => {
    await ack();
    const { user, trigger_id, actions } = click.parse(body);
    let view;
    try {
      view = groupMessageModal(await groupToMessage(services, user.id, actions[0]!.value));
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      view = refusalModal(GROUP_MESSAGE_TITLE, err.message);
    }
    await client.views.push({ trigger_id, view });
  });

  onModalSubmission(app, services, {
    callbackId: GROUP_MESSAGE_CALLBACK,
    title: GROUP_MESSAGE_TITLE,
    parse: (values, view) => parseGroupMessage(values, view.private_metadata),
    save: ({ value, slackUserId, idempotencyKey }) => messageGroup(services, { slackUserId, groupId: value.groupId, text: value.text, idempotencyKey }),
    done: (r) => groupMessageSent(r),
    followUps: (r) => r.enqueued.messages,
  });
}
