/** The modal in which a facilitator adds their group's deliverable to the resource library. */
import { webLink } from "../domain/web-link";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import { input, messageModal, modal, option, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const DELIVERABLE_CALLBACK = "deliverable_submission";
export const DELIVERABLE_TITLE = "Share a deliverable";
/** Block ids double as the field names the deliverable service reports problems against. */
export const DELIVERABLE_BLOCKS = { group: "group", title: "title", kind: "kind", link: "link", summary: "summary" } as const;
export const DELIVERABLE_ACTIONS = {
  group: "deliverable_group",
  title: "deliverable_title",
  kind: "deliverable_kind",
  link: "deliverable_link",
  summary: "deliverable_summary",
} as const;

export const DELIVERABLE_KINDS = { WEBINAR: "Webinar", BLOG: "Blog post", TOOLKIT: "Toolkit", PODCAST: "Podcast", OTHER: "Other" } as const;
export type DeliverableKind = keyof typeof DELIVERABLE_KINDS;
const kinds = Object.keys(DELIVERABLE_KINDS) as DeliverableKind[];

export function deliverableModal(form: { groups: readonly { id: string; name: string }[] }): ModalView {
  const [only] = form.groups.length === 1 ? form.groups : [];
  return modal({
    callbackId: DELIVERABLE_CALLBACK,
    title: DELIVERABLE_TITLE,
    submit: "Share",
    blocks: [
      input(DELIVERABLE_BLOCKS.group, "Group", {
        type: "static_select",
        action_id: DELIVERABLE_ACTIONS.group,
        options: form.groups.slice(0, 100).map((g) => option(g.name, g.id)),
        ...(only ? { initial_option: option(only.name, only.id) } : {}),
      }),
      input(DELIVERABLE_BLOCKS.title, "Title", { type: "plain_text_input", action_id: DELIVERABLE_ACTIONS.title, max_length: 150 }),
      input(DELIVERABLE_BLOCKS.kind, "Kind", {
        type: "static_select",
        action_id: DELIVERABLE_ACTIONS.kind,
        options: kinds.map((k) => option(DELIVERABLE_KINDS[k], k)),
      }),
      input(
        DELIVERABLE_BLOCKS.link,
        "Link",
        { type: "url_text_input", action_id: DELIVERABLE_ACTIONS.link },
        { hint: "Where people can watch, read or download it." },
      ),
      input(
        DELIVERABLE_BLOCKS.summary,
        "Summary",
        { type: "plain_text_input", action_id: DELIVERABLE_ACTIONS.summary, multiline: true, max_length: 1000 },
        { optional: true, hint: "Who it is for and what they will take away." },
      ),
    ],
  });
}

const deliverableSchema = z.object({
  group: z.string({ error: "Choose your group." }),
  title: z.string({ error: "Give the deliverable a title." }).max(150, "Keep the title under 150 characters."),
  kind: z.enum(kinds as [DeliverableKind, ...DeliverableKind[]], { error: "Choose what kind of resource it is." }),
  link: webLink(),
  summary: z.string().max(1000, "Keep the summary under 1,000 characters.").optional(),
});

export type DeliverableSubmission = z.infer<typeof deliverableSchema>;

export const parseDeliverable = (values: StateValues): Parsed<DeliverableSubmission> => parseModal(deliverableSchema, values);

export const deliverableSharedModal = (title: string, year: string) =>
  messageModal(
    DELIVERABLE_TITLE,
    `:books: *${escapeMrkdwn(title)}* is in the ${year} resource library. Everyone can find it with \`/convene resources\`.`,
  );
