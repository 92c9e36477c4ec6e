import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { setImmediate } from "node:timers/promises";
import { z } from "zod";
import type { Services } from "../../services/context";
import { RSVP_ACTIONS, respondToRsvp } from "../../services/rsvp-service";
import { REMINDER_ADD_TO_CALENDAR, REMINDER_ADD_TO_OUTLOOK, REMINDER_JOIN_MEETING } from "../../views/reminder-message";
import { replyError } from "../reply-error";

const click = z.object({
  user: z.object({ id: z.string().min(1), name: z.string().optional() }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().min(1) })).length(1),
});

/** Going / Can't make it on a reminder: records the answer and updates the counts in every copy. */
export function registerRsvpButtons(app: App, services: Services): void {
  for (const [actionId, response] of Object.entries(RSVP_ACTIONS)) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, client, respond, logger }) => {
      await ack();
      // The work waits one turn of the event loop, so clicks that arrived together are all
      // acknowledged before any is processed (with SQLite, a click's queries run without a break).
      await setImmediate();
      const { user, actions } = click.parse(body);
      try {
        await respondToRsvp(
          { db: services.db, slack: client, logger: services.logger, defaultTimezone: services.config.CONVENE_TIMEZONE },
          { sessionId: actions[0]!.value, slackUserId: user.id, userName: user.name ?? user.id, response, now: services.now() },
        );
      } catch (err) {
        await replyError(err, logger, (message) => respond({ response_type: "ephemeral", replace_original: false, ...message }));
      }
    });
  }
  // Link buttons still send an action; Slack shows an error unless it is acknowledged.
  for (const actionId of [REMINDER_JOIN_MEETING, REMINDER_ADD_TO_CALENDAR, REMINDER_ADD_TO_OUTLOOK]) {
    app.action(actionId, async ({ ack }) => {
      await ack();
    });
  }
}
