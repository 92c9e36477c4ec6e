import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { followUpDeps, sendFollowUps } from "../../outbox/follow-ups";
import { decideSubmission, pendingSubmissions } from "../../services/submission-service";
import type { Message } from "../../views/message";
import {
  pendingSubmissionsMessage,
  SUBMISSION_APPROVE,
  SUBMISSION_DECISION_PATTERN,
  submissionReviewMessage,
} from "../../views/submission-review";
import { replyError } from "../reply-error";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  response_url: z.string().optional(),
  container: z.object({ is_ephemeral: z.boolean().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().min(1) })).length(1),
});

/**
 * Approve / Decline on a submission, from a staff DM or the `/convene submissions` list. Staff is
 * checked by the service, so a forged click changes nothing. The message then shows the decision
 * (the list shows what is still waiting).
 */
export function registerSubmissionDecisionAction(app: App, services: Services): void {
  app.action(SUBMISSION_DECISION_PATTERN, async ({ ack, body, client, respond, logger }) => {
    await ack();
    const { user, response_url, container, actions } = click.parse(body);
    const decision = actions[0]!.action_id.startsWith(`${SUBMISSION_APPROVE}:`) ? "APPROVED" : "DECLINED";
    const tell = (m: Message) =>
      response_url
        ? respond({ response_type: "ephemeral", replace_original: false, ...m })
        : client.chat.postMessage({ channel: user.id, ...m });
    let followUps: readonly string[] = [];
    try {
      const result = await decideSubmission(services, { staffSlackId: user.id, submissionId: actions[0]!.value, decision });
      followUps = result.followUps;
      if (response_url && container?.is_ephemeral) {
        const pending = await pendingSubmissions(services, user.id);
        await respond({ replace_original: true, ...pendingSubmissionsMessage(pending.submissions, pending.total) });
      } else if (response_url) {
        await respond({ replace_original: true, ...submissionReviewMessage(result.submission) });
      }
    } catch (err) {
      await replyError(err, logger, tell);
    }
    if (followUps.length) await sendFollowUps(followUpDeps(services, client), followUps);
  });
}
