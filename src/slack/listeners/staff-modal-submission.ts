import type { App } from "@slack/bolt";
import type { Services } from "../../services/context";
import { publishHome } from "../../services/home-service";
import { grantStaff, requireStaff } from "../../services/staff-service";
import { staffGrantedMessage } from "../../views/admin-messages";
import { parseStaffModal, STAFF_MODAL_CALLBACK } from "../../views/staff-modal";
import { failedSubmissionAnswer, onViewSubmission } from "../modal-flow";
import { stateOf, submittedView } from "../view-submission";

/** Staff make someone staff; that person's Home tab then shows the staff section. */
export function registerStaffModalSubmission(app: App, services: Services): void {
  onViewSubmission(app, services, STAFF_MODAL_CALLBACK, async ({ ack, body, client }) => {
    const { user, view } = submittedView.parse(body);
    let result: { slackUserId: string; granted: boolean };
    try {
      await requireStaff(services, user.id, "make someone staff");
      const parsed = parseStaffModal(stateOf(view));
      if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));
      const { granted } = await grantStaff(services, client, user.id, parsed.value.slackUserId);
      result = { slackUserId: parsed.value.slackUserId, granted };
    } catch (err) {
      return void (await ack(failedSubmissionAnswer(err, view, "Make someone staff", services.logger)));
    }
    await ack({ response_action: "clear" });
    await client.chat.postMessage({ channel: user.id, ...staffGrantedMessage(result) });
    await publishHome(services, client, result.slackUserId);
  });
}
