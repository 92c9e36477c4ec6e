import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { deliveryQueue, retryDelivery } from "../../services/reminder-admin-service";
import { QUEUE_RETRY_PATTERN, reminderQueueModal, retriedNotice } from "../../views/reminder-queue-modal";
import { readerOf } from "../reader";
import { replyError } from "../reply-error";
import { replyPrivately } from "../reply-privately";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({ id: z.string().min(1) }),
  actions: z.array(z.object({ value: z.string().min(1) })).length(1),
});

/**
 * Retry in the reminder queue: puts the failed delivery back and shows the queue as it now
 * stands. Anyone but staff is refused in their DMs, and the modal they clicked in is left alone.
 */
export function registerReminderQueueActions(app: App, services: Services): void {
  app.action(QUEUE_RETRY_PATTERN, async ({ ack, body, client, respond, logger }) => {
    await ack();
    const { user, view, actions } = click.parse(body);
    try {
      const retried = await retryDelivery(services, user.id, actions[0]!.value);
      const [queue, reader] = await Promise.all([deliveryQueue(services, user.id), readerOf(services, client, user.id)]);
      await client.views.update({
        view_id: view.id,
        view: reminderQueueModal({ ...queue, zone: reader.zone, notice: retriedNotice(retried) }),
      });
    } catch (err) {
      await replyError(err, logger, (message) => replyPrivately({ client, respond, userId: user.id }, message));
    }
  });
}
