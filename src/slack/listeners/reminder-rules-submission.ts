import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { replaceRules } from "../../services/reminder-admin-service";
import { requireStaff } from "../../services/staff-service";
import { RULES_CALLBACK, RULES_TITLE, parseRulesModal, rulesSavedModal } from "../../views/reminder-rules-modal";
import { failedSubmissionAnswer, onViewSubmission } from "../modal-flow";
import { metadataOf, stateOf, submittedView } from "../view-submission";

const metadata = z.object({ programmeId: z.string().default(""), groupId: z.string().nullable().default(null) });

/** Staff save a programme's or a group's reminder rules; a forged submission from anyone else is refused. */
export function registerReminderRulesSubmission(app: App, services: Services): void {
  onViewSubmission(app, services, RULES_CALLBACK, async ({ ack, body }) => {
    const { user, view } = submittedView.parse(body);
    try {
      await requireStaff(services, user.id, "change reminder rules");
      const scope = metadataOf(metadata, view);
      const parsed = parseRulesModal(stateOf(view), { deadlines: scope.groupId === null });
      if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));
      const saved = await replaceRules(services, user.id, scope, parsed.value);
      await ack({ response_action: "update", view: rulesSavedModal(saved) });
    } catch (err) {
      await ack(failedSubmissionAnswer(err, view, RULES_TITLE, services.logger));
    }
  });
}
