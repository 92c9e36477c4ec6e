/**
 * Staff's form to create or edit a group: name, description, topics, places, sign-up status,
 * whether it continues next year, channel name and facilitators. Its parser maps every problem to the field it concerns. Pure.
 */
import type { KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import { contextLine, input, modal, option, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const GROUP_MODAL_CALLBACK = "admin_group";

export const GROUP_BLOCKS = {
  programme: "group_programme",
  name: "group_name",
  description: "group_description",
  topics: "group_topics",
  capacity: "group_capacity",
  status: "group_status",
  channel: "group_channel",
  facilitators: "group_facilitators",
  partners: "group_partners",
  continuing: "group_continuing",
} as const;
const PARTNERS_OPTION = option("People of partner organizations may join too", "partners");
const CONTINUING_OPTION = option("Carry it into next year's programme", "continuing");

export type GroupStatus = "OPEN" | "CLOSED" | "ENDED";

export interface GroupModalInput {
  /** Absent to create a group. */
  group?: {
    id: string;
    name: string;
    description: string;
    topics: string[];
    capacity: number | null;
    allowsPartners: boolean;
    continuing: boolean;
    status: GroupStatus;
    channelName: string | null;
    facilitators: { name: string; slackUserId: string | null }[];
  };
  /** Where a new group may go: active programmes. */
  programmes: readonly { id: string; name: string }[];
}

const STATUS_OPTIONS = [
  option("Open: taking sign-ups", "OPEN"),
  option("Meeting, not taking sign-ups", "CLOSED"),
  option("Ended", "ENDED"),
];

export function groupModal({ group, programmes }: GroupModalInput): ModalView {
  const blocks: KnownBlock[] = [];
  if (!group) {
    blocks.push(
      input(GROUP_BLOCKS.programme, "Programme", {
        type: "static_select",
        action_id: "programme",
        options: programmes.slice(0, 100).map((p) => option(p.name, p.id)),
        ...(programmes.length === 1 && { initial_option: option(programmes[0]!.name, programmes[0]!.id) }),
      }),
    );
  }
  blocks.push(
    input(GROUP_BLOCKS.name, "Name", {
      type: "plain_text_input",
      action_id: "name",
      max_length: 150,
      ...(group && { initial_value: group.name }),
    }),
    input(
      GROUP_BLOCKS.description,
      "Description",
      {
        type: "plain_text_input",
        action_id: "description",
        multiline: true,
        max_length: 3000,
        ...(group?.description && { initial_value: group.description }),
      },
      { optional: true },
    ),
    input(
      GROUP_BLOCKS.topics,
      "Topics",
      { type: "plain_text_input", action_id: "topics", ...(group?.topics.length && { initial_value: group.topics.join(", ") }) },
      { optional: true, hint: "Separated by commas, e.g. hiring, retention" },
    ),
    input(
      GROUP_BLOCKS.capacity,
      "Places",
      {
        type: "number_input",
        action_id: "capacity",
        is_decimal_allowed: false,
        min_value: "1",
        max_value: "1000",
        ...(group?.capacity && { initial_value: String(group.capacity) }),
      },
      { optional: true, hint: "Leave empty for no limit; people beyond it join a waitlist." },
    ),
    input(GROUP_BLOCKS.status, "Sign-ups", {
      type: "static_select",
      action_id: "status",
      options: STATUS_OPTIONS,
      initial_option: STATUS_OPTIONS.find((o) => o.value === (group?.status ?? "OPEN"))!,
    }),
    input(
      GROUP_BLOCKS.partners,
      "Partners",
      {
        type: "checkboxes",
        action_id: "partners",
        options: [PARTNERS_OPTION],
        ...(group?.allowsPartners && { initial_options: [PARTNERS_OPTION] }),
      },
      { optional: true, hint: "Otherwise sign-ups are for people of member organizations only." },
    ),
    input(
      GROUP_BLOCKS.continuing,
      "Next year",
      {
        type: "checkboxes",
        action_id: "continuing",
        options: [CONTINUING_OPTION],
        ...(group?.continuing && { initial_options: [CONTINUING_OPTION] }),
      },
      { optional: true, hint: '"Start next year from this one" copies it, with its facilitators and sessions, into the new programme.' },
    ),
    input(
      GROUP_BLOCKS.channel,
      "Channel name",
      { type: "plain_text_input", action_id: "channel", max_length: 80, ...(group?.channelName && { initial_value: group.channelName }) },
      {
        optional: true,
        hint: "Lowercase letters, digits, - and _. Leave empty to name it after the group. Ending the group archives its channel.",
      },
    ),
    input(
      GROUP_BLOCKS.facilitators,
      "Facilitators",
      {
        type: "multi_users_select",
        action_id: "facilitators",
        ...(group && { initial_users: group.facilitators.flatMap((f) => (f.slackUserId ? [f.slackUserId] : [])) }),
      },
      { optional: true, hint: "They are invited to the group's channel." },
    ),
  );
  const unlinked = group?.facilitators.filter((f) => !f.slackUserId) ?? [];
  if (unlinked.length)
    blocks.push(contextLine(`Also facilitating, without a Slack account linked: ${unlinked.map((f) => escapeMrkdwn(f.name)).join(", ")}.`));
  return modal({
    callbackId: GROUP_MODAL_CALLBACK,
    title: group ? "Edit group" : "New group",
    submit: group ? "Save" : "Create group",
    blocks,
    privateMetadata: JSON.stringify(group ? { groupId: group.id } : {}),
  });
}

const optionalText = z.string().trim().optional();

const schema = z.object({
  [GROUP_BLOCKS.programme]: z.string({ error: "Choose the programme the group belongs to." }).optional(),
  [GROUP_BLOCKS.name]: z.string({ error: "Give the group a name." }).trim().min(3, "Use at least 3 characters.").max(150),
  [GROUP_BLOCKS.description]: optionalText,
  [GROUP_BLOCKS.topics]: optionalText,
  [GROUP_BLOCKS.capacity]: z
    .string()
    .regex(/^\d+$/, "Enter a whole number of places.")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, "Between 1 and 1000 places.")
    .optional(),
  [GROUP_BLOCKS.status]: z.enum(["OPEN", "CLOSED", "ENDED"], { error: "Choose whether the group takes sign-ups." }),
  [GROUP_BLOCKS.channel]: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, "Use lowercase letters, digits, - and _ (up to 80), starting with a letter or digit.")
    .optional(),
  [GROUP_BLOCKS.facilitators]: z.array(z.string()).optional(),
  [GROUP_BLOCKS.partners]: z.array(z.string()).optional(),
  [GROUP_BLOCKS.continuing]: z.array(z.string()).optional(),
});

export interface GroupForm {
  programmeId: string | null;
  name: string;
  description: string;
  topics: string[];
  capacity: number | null;
  allowsPartners: boolean;
  continuing: boolean;
  status: GroupStatus;
  channelName: string | null;
  facilitatorSlackIds: string[];
}

export function parseGroupModal(values: StateValues, opts: { creating: boolean }): Parsed<GroupForm> {
  const parsed = parseModal(
    schema.refine((v) => !opts.creating || v[GROUP_BLOCKS.programme], {
      path: [GROUP_BLOCKS.programme],
      message: "Choose the programme the group belongs to.",
    }),
    values,
  );
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return {
    ok: true,
    value: {
      programmeId: v[GROUP_BLOCKS.programme] ?? null,
      name: v[GROUP_BLOCKS.name],
      description: v[GROUP_BLOCKS.description] ?? "",
      topics: (v[GROUP_BLOCKS.topics] ?? "")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
      capacity: v[GROUP_BLOCKS.capacity] ?? null,
      allowsPartners: (v[GROUP_BLOCKS.partners] ?? []).includes("partners"),
      continuing: (v[GROUP_BLOCKS.continuing] ?? []).includes("continuing"),
      status: v[GROUP_BLOCKS.status],
      channelName: v[GROUP_BLOCKS.channel] ?? null,
      facilitatorSlackIds: v[GROUP_BLOCKS.facilitators] ?? [],
    },
  };
}
