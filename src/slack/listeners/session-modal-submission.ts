import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { publishHome } from "../../services/home-service";
import { createSession, editSession, sessionItem } from "../../services/session-admin-service";
import { requireStaff } from "../../services/staff-service";
import { sessionSavedMessage } from "../../views/admin-messages";
import { parseSessionModal, SESSION_MODAL_CALLBACK } from "../../views/session-modal";
import { failedSubmissionAnswer, submissionKey, onViewSubmission } from "../modal-flow";
import { readerOf } from "../reader";
import { metadataOf, stateOf, submittedView } from "../view-submission";

const metadata = z.object({ sessionId: z.string().min(1).optional() });

/** Staff schedule a session or save a change to one; the reminder planner picks it up on its next tick. */
export function registerSessionModalSubmission(app: App, services: Services): void {
  onViewSubmission(app, services, SESSION_MODAL_CALLBACK, async ({ ack, body, client }) => {
    const { user, view } = submittedView.parse(body);
    const { sessionId: editing } = metadataOf(metadata, view);
    let saved: { sessionId: string; outcome: "created" | "changed" | "unchanged" };
    try {
      await requireStaff(services, user.id, editing ? "edit sessions" : "schedule sessions");
      const parsed = parseSessionModal(stateOf(view), { creating: !editing });
      if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));
      if (editing) {
        const { changed } = await editSession(services, user.id, editing, parsed.value);
        saved = { sessionId: editing, outcome: changed ? "changed" : "unchanged" };
      } else {
        const { sessionId } = await createSession(services, user.id, { form: parsed.value, submissionKey: submissionKey(view) });
        saved = { sessionId, outcome: "created" };
      }
    } catch (err) {
      return void (await ack(failedSubmissionAnswer(err, view, editing ? "Edit session" : "New session", services.logger)));
    }
    await ack({ response_action: "clear" });
    const reader = await readerOf(services, client, user.id);
    await client.chat.postMessage({
      channel: user.id,
      ...sessionSavedMessage({ session: await sessionItem(services, saved.sessionId), zone: reader.zone, outcome: saved.outcome }),
    });
    await publishHome(services, client, user.id);
  });
}
