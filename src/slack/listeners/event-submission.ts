import type { App } from "@slack/bolt";
import type { Services } from "../../services/context";
import { submitEvent } from "../../services/submission-service";
import { EVENT_CALLBACK, EVENT_TITLE, eventSubmittedModal, parseEvent } from "../../views/event-modal";
import { onModalSubmission } from "../modal-flow";

/** A member's event: saved once per modal, and sent to staff for review. */
export function registerEventSubmission(app: App, services: Services): void {
  onModalSubmission(app, services, {
    callbackId: EVENT_CALLBACK,
    title: EVENT_TITLE,
    parse: (values, view) => parseEvent(values, view.private_metadata, services.config.CONVENE_TIMEZONE),
    save: ({ value, slackUserId, idempotencyKey, client }) => submitEvent(services, client, { slackUserId, idempotencyKey, event: value }),
    done: (result) => eventSubmittedModal(result.submission.title),
    followUps: (result) => result.followUps,
  });
}
