import type { App } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { UserError } from "../../errors";
import type { Services } from "../../services/context";
import { changeMembership, manageMembersForm } from "../../services/membership-admin-service";
import { exportRoster, groupById, groupToMessage, messageGroup, rosterFor } from "../../services/roster-service";
import {
  GROUP_MESSAGE_CALLBACK,
  GROUP_MESSAGE_TITLE,
  groupMessageModal,
  groupMessageSent,
  parseGroupMessage,
} from "../../views/group-message-modal";
import { HOME_ROSTER } from "../../views/home-view";
import { refusalModal } from "../../views/modal-kit";
import { MANAGE_MEMBERS_CALLBACK, MANAGE_MEMBERS_TITLE, manageMembersModal, parseManageMembers } from "../../views/manage-members-modal";
import { membershipChangeDoneText } from "../../views/membership-change-messages";
import { messageModal } from "../../views/modal-kit";
import { ROSTER_EXPORT_CSV, ROSTER_MANAGE_MEMBERS, ROSTER_MESSAGE_GROUP, ROSTER_TITLE } from "../../views/roster-modal";
import { onModalSubmission, openModalWhenReady } from "../modal-flow";
import { rosterModalFor } from "../roster-view";

const modalClick = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({ id: z.string().min(1) }),
  actions: z.array(z.object({ value: z.string().min(1) })).length(1),
});
const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ value: z.string().min(1) })).length(1),
});

/** The roster from a facilitator's Home; "Message the group" and "Manage members" from a roster, and their submissions. */
export function registerRosterActions(app: App, services: Services): void {
  app.action(HOME_ROSTER, async ({ ack, body, client }) => {
    await ack();
    const { user, trigger_id, actions } = click.parse(body);
    await openModalWhenReady(client, {
      triggerId: trigger_id,
      title: ROSTER_TITLE,
      logger: services.logger,
      build: async () =>
        rosterModalFor(
          services,
          client,
          user.id,
          await rosterFor(services, { slackUserId: user.id, group: await groupById(services, actions[0]!.value) }),
        ),
    });
  });

  /** A roster button that pushes a form for its group, or a refusal titled `title` when the clicker may not. */
  const pushForm = (actionId: string, title: string, form: (slackUserId: string, groupId: string) => Promise<ModalView>) =>
    app.action(actionId, async ({ ack, body, client }) => {
      await ack();
      const { user, trigger_id, actions } = click.parse(body);
      let view;
      try {
        view = await form(user.id, actions[0]!.value);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        view = refusalModal(title, err.message);
      }
      await client.views.push({ trigger_id, view });
    });

  pushForm(ROSTER_MESSAGE_GROUP, GROUP_MESSAGE_TITLE, async (slackUserId, groupId) =>
    groupMessageModal(await groupToMessage(services, slackUserId, groupId)),
  );
  // Access is checked again on submission: the button proves nothing.
  pushForm(ROSTER_MANAGE_MEMBERS, MANAGE_MEMBERS_TITLE, async (slackUserId, groupId) =>
    manageMembersModal(await manageMembersForm(services, slackUserId, groupId)),
  );

  // The CSVs go to the DM; the roster then says so.
  app.action(ROSTER_EXPORT_CSV, async ({ ack, body, client }) => {
    await ack();
    const { user, view, actions } = modalClick.parse(body);
    let shown;
    try {
      const roster = await exportRoster(services, client, { slackUserId: user.id, groupId: actions[0]!.value });
      shown = await rosterModalFor(services, client, user.id, roster, { exported: true });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      shown = refusalModal(ROSTER_TITLE, err.message);
    }
    await client.views.update({ view_id: view.id, view: shown });
  });

  onModalSubmission(app, services, {
    callbackId: GROUP_MESSAGE_CALLBACK,
    title: GROUP_MESSAGE_TITLE,
    parse: (values, view) => parseGroupMessage(values, view.private_metadata),
    save: ({ value, slackUserId, idempotencyKey }) =>
      messageGroup(services, { slackUserId, groupId: value.groupId, text: value.text, idempotencyKey }),
    done: (r) => groupMessageSent(r),
    followUps: (r) => r.enqueued,
  });

  onModalSubmission(app, services, {
    callbackId: MANAGE_MEMBERS_CALLBACK,
    title: MANAGE_MEMBERS_TITLE,
    parse: (values, view) => parseManageMembers(values, view.private_metadata),
    save: ({ value: { groupId, slackUserId, action, toGroupId, waitlistIfFull }, slackUserId: actor, idempotencyKey, client }) =>
      changeMembership(services, client, { actor, change: { action, groupId, slackUserId, toGroupId, waitlistIfFull }, idempotencyKey }),
    done: (r) => messageModal(MANAGE_MEMBERS_TITLE, membershipChangeDoneText(r)),
    followUps: (r) => r.followUps,
  });
}
