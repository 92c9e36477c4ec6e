/** The modal in which a member suggests a priority issue for the coalition's groups to take up. */
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import { input, messageModal, modal, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const TOPIC_CALLBACK = "topic_suggestion";
export const TOPIC_TITLE = "Suggest a topic";
/** Block ids double as the field names the submission service reports problems against. */
export const TOPIC_BLOCKS = { title: "title", details: "details" } as const;
export const TOPIC_ACTIONS = { title: "topic_title", details: "topic_details" } as const;

export function topicModal(): ModalView {
  return modal({
    callbackId: TOPIC_CALLBACK,
    title: TOPIC_TITLE,
    submit: "Suggest",
    blocks: [
      input(
        TOPIC_BLOCKS.title,
        "Topic",
        { type: "plain_text_input", action_id: TOPIC_ACTIONS.title, max_length: 150 },
        { hint: "A priority issue a group could work on next year." },
      ),
      input(
        TOPIC_BLOCKS.details,
        "Why it matters",
        { type: "plain_text_input", action_id: TOPIC_ACTIONS.details, multiline: true, max_length: 1000 },
        { optional: true },
      ),
    ],
  });
}

const topicSchema = z.object({
  title: z.string({ error: "Name the topic." }).min(3, "Name the topic in a few words.").max(150, "Keep the topic under 150 characters."),
  details: z.string().max(1000, "Keep this under 1,000 characters.").optional(),
});

export type TopicSubmission = z.infer<typeof topicSchema>;

export const parseTopic = (values: StateValues): Parsed<TopicSubmission> => parseModal(topicSchema, values);

export const topicSubmittedModal = (title: string) =>
  messageModal(TOPIC_TITLE, `:bulb: Thanks! *${escapeMrkdwn(title)}* is on the list. Members can upvote it with \`/convene topics\`.`);
