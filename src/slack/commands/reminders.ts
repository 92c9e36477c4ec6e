import { forbidden } from "../../errors";
import { deliveryQueue, findRulesScope, rulesForm } from "../../services/reminder-admin-service";
import { notice } from "../../views/message";
import { QUEUE_TITLE, reminderQueueModal } from "../../views/reminder-queue-modal";
import { RULES_TITLE, reminderRulesModal } from "../../views/reminder-rules-modal";
import { openModalWhenReady } from "../modal-flow";
import { readerOf } from "../reader";
import type { Subcommand } from "./subcommand";

/**
 * `/convene reminders` (staff): the outbox, with Retry for what failed; `/convene reminders rules
 * [programme] [group]`: when reminders go out there. Staff is checked here and again by the service.
 */
export const remindersSubcommand: Subcommand = {
  name: "reminders",
  usage: "reminders [rules [programme] [group]]",
  summary: "What Convene sends next and what failed (with Retry); change when reminders go out",
  staffOnly: true,
  async run({ args, userId, triggerId, isStaff, client, services }) {
    if (!isStaff) throw forbidden("use `/convene reminders`");
    const [first = "", programme, group] = args.split(/\s+/).filter(Boolean);
    const logger = services.logger;
    switch (first.toLowerCase()) {
      case "":
        return openModalWhenReady(client, {
          triggerId,
          title: QUEUE_TITLE,
          logger,
          build: async () =>
            reminderQueueModal({ ...(await deliveryQueue(services, userId)), zone: (await readerOf(services, client, userId)).zone }),
        });
      case "rules": {
        // Resolved before the modal opens, so that a mistyped name is answered beside the command.
        const scope = await findRulesScope(services, userId, { programme, group });
        return openModalWhenReady(client, {
          triggerId,
          title: RULES_TITLE,
          logger,
          build: async () => reminderRulesModal(await rulesForm(services, userId, scope)),
        });
      }
      default:
        return notice(
          "Use `/convene reminders` to see the queue, or `/convene reminders rules [programme] [group]` to change when reminders go out.",
        );
    }
  },
};
