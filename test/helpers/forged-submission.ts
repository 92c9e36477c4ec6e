import type { ModalView } from "@slack/types";
import type { AppResponse } from "../../src/local-slack";
import { interactionBody, viewSubmissionPayload, type LocalSlack } from "../../src/local-slack";
import { submittedState } from "./modal-state";

/**
 * A signed view_submission of someone else's open modal, as `userId` could forge it (Slack's
 * client would never submit a view for another person): the server must check who submits.
 * `values` are by block id, as for `submittedState`.
 */
export function forgeSubmission(
  slack: LocalSlack,
  input: { userId: string; viewId: string; values?: Record<string, unknown> },
): Promise<AppResponse> {
  const snapshot = slack.view(input.viewId);
  if (!snapshot) throw new Error(`no view ${input.viewId}`);
  const view = { ...snapshot.view, state: { values: submittedState(snapshot.view as unknown as ModalView, input.values ?? {}) } };
  const actor = {
    userId: input.userId,
    userName: slack.user(input.userId)!.name,
    teamId: slack.teamId,
    teamDomain: slack.teamDomain,
    apiAppId: slack.appId,
  };
  const payload = viewSubmissionPayload({ actor, view: view as never, triggerId: slack.issueTriggerId(input.userId) });
  return slack.postToApp(interactionBody(payload), { contentType: "application/x-www-form-urlencoded" });
}
