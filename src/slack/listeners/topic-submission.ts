import type { App } from "@slack/bolt";
import type { Services } from "../../services/context";
import { suggestTopic } from "../../services/submission-service";
import { parseTopic, TOPIC_CALLBACK, TOPIC_TITLE, topicSubmittedModal } from "../../views/topic-modal";
import { onModalSubmission } from "../modal-flow";

/** A member's topic suggestion: saved once per modal, then open for upvotes. */
export function registerTopicSubmission(app: App, services: Services): void {
  onModalSubmission(app, services, {
    callbackId: TOPIC_CALLBACK,
    title: TOPIC_TITLE,
    parse: parseTopic,
    save: ({ value, slackUserId, idempotencyKey, client }) => suggestTopic(services, client, { slackUserId, idempotencyKey, topic: value }),
    done: (result) => topicSubmittedModal(result.submission.title),
  });
}
