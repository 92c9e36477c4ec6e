import type { App } from "@slack/bolt";
import { z } from "zod";
import { recordAttendance } from "../../services/attendance-service";
import type { Services } from "../../services/context";
import { refreshAttendancePrompts } from "../../services/reminder-service";
import { ATTENDANCE_CALLBACK, ATTENDANCE_TITLE, attendanceRecordedModal, parseAttendanceModal } from "../../views/attendance-modal";
import { failedSubmissionAnswer, onViewSubmission } from "../modal-flow";
import { metadataOf, stateOf, submittedView } from "../view-submission";

const metadata = z.object({ sessionId: z.string().default("") });

/** Saves who attended; the service checks again who may, since a submission can be forged. */
export function registerAttendanceSubmission(app: App, services: Services): void {
  onViewSubmission(app, services, ATTENDANCE_CALLBACK, async ({ ack, body, client }) => {
    const { user, view } = submittedView.parse(body);
    try {
      const parsed = parseAttendanceModal(stateOf(view));
      if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));
      const { sessionId } = metadataOf(metadata, view);
      const result = await recordAttendance(services, client, { slackUserId: user.id, sessionId, attended: parsed.value.attended });
      await ack({ response_action: "update", view: attendanceRecordedModal(result) });
      // After the ack, which Slack wants within 3 s: every facilitator's prompt now says it is done.
      const recorded = { bySlackId: user.id, attended: result.attended, total: result.total };
      await refreshAttendancePrompts(
        { ...services, slack: client, defaultTimezone: services.config.CONVENE_TIMEZONE },
        sessionId,
        recorded,
      ).catch((err: unknown) => services.logger.warn({ err, sessionId }, "could not show the recorded attendance on the prompts"));
    } catch (err) {
      await ack(failedSubmissionAnswer(err, view, ATTENDANCE_TITLE, services.logger));
    }
  });
}
