import type { App } from "@slack/bolt";
import type { Services } from "../../services/context";
import { submitMembershipApplication } from "../../services/submission-service";
import { MEMBERSHIP_CALLBACK, MEMBERSHIP_TITLE, membershipSubmittedModal, parseMembership } from "../../views/membership-modal";
import { onModalSubmission } from "../modal-flow";

/** An organization's application: saved once per modal, and sent to staff for review. */
export function registerMembershipSubmission(app: App, services: Services): void {
  onModalSubmission(app, services, {
    callbackId: MEMBERSHIP_CALLBACK,
    title: MEMBERSHIP_TITLE,
    parse: parseMembership,
    save: ({ value, slackUserId, idempotencyKey, client }) =>
      submitMembershipApplication(services, client, { slackUserId, idempotencyKey, application: value }),
    done: (result) => membershipSubmittedModal(result.submission.title),
    followUps: (result) => result.followUps,
  });
}
