import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { publishHome } from "../../services/home-service";
import { cancelSession, sessionItem } from "../../services/session-admin-service";
import { requireStaff } from "../../services/staff-service";
import { sessionCancelledMessage } from "../../views/admin-messages";
import { CANCEL_SESSION_CALLBACK, parseCancelSessionModal } from "../../views/cancel-session-modal";
import { failedSubmissionAnswer, onViewSubmission } from "../modal-flow";
import { readerOf } from "../reader";
import { metadataOf, stateOf, submittedView } from "../view-submission";

const metadata = z.object({ sessionId: z.string().min(1).default("") });

/** Staff confirm a cancellation; the reminder planner tells whoever was already reminded. */
export function registerCancelSessionSubmission(app: App, services: Services): void {
  onViewSubmission(app, services, CANCEL_SESSION_CALLBACK, async ({ ack, body, client }) => {
    const { user, view } = submittedView.parse(body);
    const { sessionId } = metadataOf(metadata, view);
    let cancelled: boolean;
    try {
      await requireStaff(services, user.id, "cancel sessions");
      const parsed = parseCancelSessionModal(stateOf(view));
      if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));
      ({ cancelled } = await cancelSession(services, user.id, sessionId, parsed.value.reason));
    } catch (err) {
      return void (await ack(failedSubmissionAnswer(err, view, "Cancel session", services.logger)));
    }
    await ack({ response_action: "clear" });
    const reader = await readerOf(services, client, user.id);
    await client.chat.postMessage({
      channel: user.id,
      ...sessionCancelledMessage({ session: await sessionItem(services, sessionId), zone: reader.zone, cancelled }),
    });
    await publishHome(services, client, user.id);
  });
}
