import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { z } from "zod";
import { UserError } from "../../errors";
import type { Services } from "../../services/context";
import { followUpDeps, sendSoon } from "../../outbox/follow-ups";
import type { ReminderRefresher } from "../../services/reminder-refresh";
import { nudgeNonResponders, RSVP_ACTIONS, respondToRsvp, rsvpResponses } from "../../services/rsvp-service";
import { refusalModal } from "../../views/modal-kit";
import {
  REMINDER_ADD_TO_CALENDAR,
  REMINDER_ADD_TO_OUTLOOK,
  REMINDER_DOWNLOAD_ICS,
  REMINDER_JOIN_MEETING,
  RSVP_WHO,
} from "../../views/reminder-message";
import { rsvpConfirmation } from "../../views/rsvp-confirmation";
import { RSVP_NUDGE, RSVP_RESPONSES_TITLE, rsvpResponsesModal } from "../../views/rsvp-responses-modal";
import { afterAck } from "../after-ack";
import { openModalWhenReady } from "../modal-flow";
import { readerOf } from "../reader";
import { replyError } from "../reply-error";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().min(1) })).length(1),
  container: z.object({ is_ephemeral: z.boolean().optional() }).optional(),
});
const openClick = click.extend({ trigger_id: z.string().min(1) });
const modalClick = click.extend({ view: z.object({ id: z.string().min(1), hash: z.string().optional() }) });

/**
 * Going / Can't make it on a reminder (or on the private answer, or on a nudge): records the
 * answer, has the counts in every copy updated (coalesced, a second at most apart), and tells the clicker privately what they answered.
 * "Who's coming" shows staff and the group's facilitators who answered what, with a nudge.
 */
export function registerRsvpButtons(app: App, services: Services, refresher: ReminderRefresher): void {
  for (const [actionId, response] of Object.entries(RSVP_ACTIONS)) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, client, respond, logger }) => {
      await ack();
      const { user, actions, container } = click.parse(body);
      // A click on the private answer replaces it; a click on a shared message adds one.
      const reply = { response_type: "ephemeral" as const, replace_original: container?.is_ephemeral === true };
      try {
        // Queued, so that the clicks of a crowd are all acked while the first are being saved.
        const confirmation = await afterAck(async () => {
          const { session, zone } = await respondToRsvp(services.db, {
            sessionId: actions[0]!.value,
            slackUserId: user.id,
            response,
            now: services.now(),
          });
          // Saved: the posted reminders show it with the next re-render, shared by the clicks of that second.
          refresher.request(session.id, client);
          const { id, title, groupName, programmeName, startsAt } = session;
          return rsvpConfirmation({
            sessionId: id,
            title,
            groupName,
            programmeName,
            startsAt,
            zone: zone ?? services.config.CONVENE_TIMEZONE,
            response,
          });
        });
        await respond({ ...reply, ...confirmation });
      } catch (err) {
        await replyError(err, logger, (message) => respond({ ...reply, replace_original: false, ...message }));
      }
    });
  }
  app.action(RSVP_WHO, async ({ ack, body, client }) => {
    await ack();
    const { user, trigger_id, actions } = openClick.parse(body);
    await openModalWhenReady(client, {
      triggerId: trigger_id,
      title: RSVP_RESPONSES_TITLE,
      logger: services.logger,
      build: async () => {
        const { zone } = await readerOf(services, client, user.id);
        return rsvpResponsesModal(await rsvpResponses(services, { viewerSlackId: user.id, sessionId: actions[0]!.value, zone }));
      },
    });
  });
  app.action(RSVP_NUDGE, async ({ ack, body, client }) => {
    await ack();
    const { user, actions, view } = modalClick.parse(body);
    const sessionId = actions[0]!.value;
    let shown;
    try {
      const { nudged, enqueued } = await nudgeNonResponders(services, { viewerSlackId: user.id, sessionId });
      await sendSoon(followUpDeps(services, client), enqueued);
      const { zone } = await readerOf(services, client, user.id);
      shown = rsvpResponsesModal(await rsvpResponses(services, { viewerSlackId: user.id, sessionId, zone, nudgedNow: nudged }));
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      shown = refusalModal(RSVP_RESPONSES_TITLE, err.message);
    }
    await client.views.update({ view_id: view.id, view: shown });
  });
  // Link buttons still send an action; Slack shows an error unless it is acknowledged.
  for (const actionId of [REMINDER_JOIN_MEETING, REMINDER_ADD_TO_CALENDAR, REMINDER_ADD_TO_OUTLOOK, REMINDER_DOWNLOAD_ICS]) {
    app.action(actionId, async ({ ack }) => {
      await ack();
    });
  }
}
