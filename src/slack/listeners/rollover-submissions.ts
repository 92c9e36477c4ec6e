import type { App } from "@slack/bolt";
import type { View } from "@slack/types";
import { WebAPIPlatformError } from "@slack/web-api";
import { z } from "zod";
import { syncProgrammeChannels } from "../../services/channel-service";
import type { Services } from "../../services/context";
import { applyRolloverFor, previewRolloverFor } from "../../services/rollover-service";
import { channelSyncNotice } from "../../views/admin-messages";
import { notice } from "../../views/message";
import { refusalModal } from "../../views/modal-kit";
import { parseRolloverModal, ROLLOVER_MODAL_CALLBACK } from "../../views/rollover-modal";
import { ROLLOVER_PLAN_CALLBACK, rolloverDoneModal, rolloverPlanModal, rolloverStartingModal } from "../../views/rollover-plan-modal";
import { failedSubmissionAnswer, onViewSubmission } from "../modal-flow";
import { metadataOf, stateOf, submittedView } from "../view-submission";

const fromMeta = z.object({ from: z.string().default("") });
const planMeta = z.object({ from: z.string().default(""), to: z.string().default("") });

/**
 * Next year from this one, in two steps: the name submitted shows the plan (nothing written),
 * and the plan confirmed starts the programme, then creates its channels and tells the staff
 * member how that went. Staff is checked by the services at each step.
 */
export function registerRolloverSubmissions(app: App, services: Services): void {
  onViewSubmission(app, services, ROLLOVER_MODAL_CALLBACK, async ({ ack, body }) => {
    const { user, view } = submittedView.parse(body);
    try {
      const parsed = parseRolloverModal(stateOf(view));
      if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));
      const { from } = metadataOf(fromMeta, view);
      const preview = await previewRolloverFor(services, user.id, from, parsed.value.to);
      await ack({
        response_action: "update",
        view: rolloverPlanModal({ from, to: parsed.value.to, lines: preview.planLines, summary: preview.importLines.at(-1) ?? null }),
      });
    } catch (err) {
      await ack(failedSubmissionAnswer(err, view, "Next year", services.logger));
    }
  });

  onViewSubmission(app, services, ROLLOVER_PLAN_CALLBACK, async ({ ack, body, client }) => {
    const { user, view } = submittedView.parse(body);
    const { from, to } = metadataOf(planMeta, view);
    // Writing a programme can outlast Slack's 3 s: the modal says so at once, then shows the outcome.
    await ack({ response_action: "update", view: rolloverStartingModal(to) });
    const show = async (shown: View) => {
      try {
        await client.views.update({ view_id: view.id, view: shown });
      } catch (err) {
        // Closed meanwhile: the channel notice below still reaches them by DM.
        if (!(err instanceof WebAPIPlatformError && err.data.error === "not_found")) throw err;
      }
    };
    let started: { slug: string; name: string };
    try {
      started = await applyRolloverFor(services, user.id, from, to);
    } catch (err) {
      const answer = failedSubmissionAnswer(err, view, "Next year", services.logger);
      const shown =
        answer.response_action === "update"
          ? answer.view
          : refusalModal("Next year", "Convene could not start next year just now. Please try again in a minute.");
      await show(shown);
      return;
    }
    await show(rolloverDoneModal(started));
    const results = await syncProgrammeChannels(services, client, started.slug);
    await client.chat.postMessage({ channel: user.id, ...notice(channelSyncNotice(started.name, results)) });
  });
}
