import type { App } from "@slack/bolt";
import type { Services } from "../../services/context";
import { submitDeliverable } from "../../services/deliverable-service";
import { DELIVERABLE_CALLBACK, DELIVERABLE_TITLE, deliverableSharedModal, parseDeliverable } from "../../views/deliverable-modal";
import { onModalSubmission } from "../modal-flow";

/** A facilitator's deliverable: into the resource library, once per modal. */
export function registerDeliverableSubmission(app: App, services: Services): void {
  onModalSubmission(app, services, {
    callbackId: DELIVERABLE_CALLBACK,
    title: DELIVERABLE_TITLE,
    parse: parseDeliverable,
    save: ({ value, slackUserId, idempotencyKey, client }) =>
      submitDeliverable(services, client, { slackUserId, idempotencyKey, deliverable: value }),
    done: (result) => deliverableSharedModal(result.title, result.year),
  });
}
