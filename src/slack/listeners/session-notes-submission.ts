import type { App } from "@slack/bolt";
import { z } from "zod";
import { shareNotes } from "../../services/attendance-service";
import type { Services } from "../../services/context";
import { NOTES_CALLBACK, NOTES_TITLE, notesSharedModal, parseNotesModal } from "../../views/session-notes-modal";
import { failedSubmissionAnswer, submissionKey, onViewSubmission } from "../modal-flow";
import { metadataOf, stateOf, submittedView } from "../view-submission";

const metadata = z.object({ sessionId: z.string().default("") });

/** Posts a session's notes where its group talks; the service checks again who may. */
export function registerSessionNotesSubmission(app: App, services: Services): void {
  onViewSubmission(app, services, NOTES_CALLBACK, async ({ ack, body, client }) => {
    const { user, view } = submittedView.parse(body);
    try {
      const parsed = parseNotesModal(stateOf(view));
      if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));
      const { sessionId } = metadataOf(metadata, view);
      const shared = await shareNotes(services, client, {
        slackUserId: user.id,
        sessionId,
        ...parsed.value,
        idempotencyKey: submissionKey(view),
      });
      await ack({ response_action: "update", view: notesSharedModal(shared) });
    } catch (err) {
      await ack(failedSubmissionAnswer(err, view, NOTES_TITLE, services.logger));
    }
  });
}
