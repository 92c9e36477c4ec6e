import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { groupDetails } from "../../services/directory-service";
import { ACTIONS } from "../../views/actions";
import { groupDetailsMessage, groupDetailsModal } from "../../views/group-details";
import { readerOf } from "../reader";
import { replyError } from "../reply-error";
import { replyPrivately } from "../reply-privately";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
  view: z.object({ type: z.string() }).optional(),
  actions: z.array(z.object({ value: z.string().min(1) })).length(1),
});

/** Details on a group card: beside the message clicked, or in a modal when clicked in the Home tab or a modal. */
export function registerGroupDetailsAction(app: App, services: Services): void {
  app.action(ACTIONS.groupDetails, async ({ ack, body, client, respond, logger }) => {
    await ack();
    const { user, trigger_id, response_url, view, actions } = click.parse(body);
    const reply = { client, respond, userId: user.id, responseUrl: response_url };
    try {
      const reader = await readerOf(services, client, user.id);
      const details = await groupDetails(services, actions[0]!.value, { personId: reader.person.id, isStaff: reader.role === "staff" });
      const opts = { zone: reader.zone, canJoin: reader.role !== "guest" };
      if (!view) await replyPrivately(reply, groupDetailsMessage(details, opts));
      else if (view.type === "modal") await client.views.push({ trigger_id, view: groupDetailsModal(details, opts) });
      else await client.views.open({ trigger_id, view: groupDetailsModal(details, opts) });
    } catch (err) {
      await replyError(err, logger, (message) => replyPrivately(reply, message));
    }
  });
}
