import type { ModalView } from "@slack/types";
import { closest } from "../../domain/suggest";
import type { Services } from "../../services/context";
import { prepareDeliverableForm } from "../../services/deliverable-service";
import { prepareEventForm, prepareTopicForm } from "../../services/submission-service";
import { DELIVERABLE_TITLE, deliverableModal } from "../../views/deliverable-modal";
import { EVENT_TITLE, eventModal } from "../../views/event-modal";
import { MEMBERSHIP_TITLE, membershipModal } from "../../views/membership-modal";
import { notice } from "../../views/message";
import { TOPIC_TITLE, topicModal } from "../../views/topic-modal";
import { openModalWhenReady } from "../modal-flow";
import type { Subcommand, SubcommandInput } from "./subcommand";

interface Form {
  title: string;
  /** Loads what the form needs and checks who may use it; a UserError becomes the modal's answer. */
  build(services: Services, input: SubcommandInput): Promise<ModalView>;
}

const FORMS: Record<string, Form> = {
  deliverable: {
    title: DELIVERABLE_TITLE,
    build: async (services, { client, userId }) => deliverableModal(await prepareDeliverableForm(services, client, userId)),
  },
  event: {
    title: EVENT_TITLE,
    build: async (services, { client, userId }) => eventModal(await prepareEventForm(services, client, userId)),
  },
  membership: { title: MEMBERSHIP_TITLE, build: async () => membershipModal() },
  topic: {
    title: TOPIC_TITLE,
    build: async (services, { client, userId }) => {
      await prepareTopicForm(services, client, userId);
      return topicModal();
    },
  },
};

const kinds = Object.keys(FORMS);

/** `/convene submit deliverable|event|membership|topic`: the matching form, opened at once and filled in when ready. */
export const submitSubcommand: Subcommand = {
  name: "submit",
  usage: `submit ${kinds.join("|")}`,
  summary: "Share a deliverable, propose an event you host, apply for membership, or suggest a topic",
  staffOnly: false,
  async run(input) {
    const kind = input.args.split(/\s+/)[0]?.toLowerCase() ?? "";
    const form = FORMS[kind];
    if (!form) {
      const guess = kind ? closest(kind, kinds) : undefined;
      const lead = kind
        ? `\`/convene submit\` has no "${kind.replace(/[<>&`]/g, "")}" form.${guess ? ` Did you mean \`/convene submit ${guess}\`?` : ""}`
        : "What would you like to submit?";
      return notice(`${lead}\n${kinds.map((k) => `• \`/convene submit ${k}\``).join("\n")}`);
    }
    await openModalWhenReady(input.client, {
      triggerId: input.triggerId,
      title: form.title,
      logger: input.services.logger,
      build: () => form.build(input.services, input),
    });
    return;
  },
};
