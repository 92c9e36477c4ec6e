import type { App } from "@slack/bolt";
import type { Services } from "../../services/context";
import { joinGroup } from "../../services/signup-service";
import { parseSignup, SIGNUP_CALLBACK, SIGNUP_TITLE, signupDoneModal } from "../../views/signup-modal";
import { onModalSubmission } from "../modal-flow";

/** The sign-up form: saved in one transaction, answered in the modal, then the invite and DMs go out. */
export function registerSignupSubmission(app: App, services: Services): void {
  onModalSubmission(app, services, {
    callbackId: SIGNUP_CALLBACK,
    title: SIGNUP_TITLE,
    parse: (values, view) => parseSignup(values, view.private_metadata),
    save: ({ value, slackUserId, idempotencyKey, client }) =>
      joinGroup(services, client, { slackUserId, groupId: value.group, colleagues: value.colleagues, idempotencyKey }),
    done: (result) => signupDoneModal(result),
    followUps: (result) => result.followUps,
  });
}
