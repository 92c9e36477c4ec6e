/**
 * "Manage members" from a roster: staff and the group's facilitators add someone, move them to
 * another group, take them out, or give someone on the waitlist a seat. Pure.
 */
import type { KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import type { MembershipAction } from "./membership-change-messages";
import { escapeMrkdwn } from "./message";
import { input, modal, mrkdwnSection, option, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const MANAGE_MEMBERS_CALLBACK = "manage_members";
export const MANAGE_MEMBERS_TITLE = "Manage members";
export const MANAGE_BLOCKS = {
  person: "manage_person",
  action: "manage_action",
  target: "manage_target",
  waitlist: "manage_waitlist",
} as const;
const WAITLIST_VALUE = "waitlist";
/** Slack's limit on a static select's options. */
const MAX_TARGETS = 100;

const ACTION_LABELS: Record<MembershipAction, string> = {
  add: "Add them to this group",
  move: "Move them to another group",
  remove: "Take them out of this group",
  promote: "Give them a seat from the waitlist",
};

export interface ManageMembersView {
  group: { id: string; name: string };
  /** Other groups the reader may move people into. */
  targets: readonly { id: string; name: string }[];
}

export function manageMembersModal(v: ManageMembersView): ModalView {
  const actions = (Object.keys(ACTION_LABELS) as MembershipAction[]).filter((a) => a !== "move" || v.targets.length > 0);
  const blocks: KnownBlock[] = [
    mrkdwnSection(`Change who is in *${escapeMrkdwn(v.group.name)}*. The person gets a DM from Convene, and the group's channel follows.`),
    input(MANAGE_BLOCKS.person, "Person", { type: "users_select", action_id: "person" }),
    input(MANAGE_BLOCKS.action, "What to do", {
      type: "radio_buttons",
      action_id: "action",
      options: actions.map((a) => option(ACTION_LABELS[a], a)),
    }),
  ];
  if (v.targets.length) {
    blocks.push(
      input(
        MANAGE_BLOCKS.target,
        "Move to",
        {
          type: "static_select",
          action_id: "target",
          placeholder: { type: "plain_text", text: "Choose a group" },
          options: v.targets.slice(0, MAX_TARGETS).map((t) => option(t.name, t.id)),
        },
        { optional: true, hint: "Only for a move: they leave this group and join that one at once." },
      ),
    );
  }
  blocks.push(
    input(
      MANAGE_BLOCKS.waitlist,
      "If the group they join is full",
      { type: "checkboxes", action_id: "waitlist", options: [option("Put them on its waitlist", WAITLIST_VALUE)] },
      { optional: true, hint: "Otherwise Convene refuses, and nothing changes. A seat from the waitlist is given even past the capacity." },
    ),
  );
  return modal({ callbackId: MANAGE_MEMBERS_CALLBACK, title: MANAGE_MEMBERS_TITLE, submit: "Save", privateMetadata: v.group.id, blocks });
}

export interface ManageMembersForm {
  groupId: string;
  slackUserId: string;
  action: MembershipAction;
  toGroupId: string | null;
  waitlistIfFull: boolean;
}

const schema = z
  .object({
    [MANAGE_BLOCKS.person]: z.string({ error: "Choose a person." }).regex(/^[UW][A-Z0-9]+$/, "Choose a person."),
    [MANAGE_BLOCKS.action]: z.enum(["add", "move", "remove", "promote"], { error: "Choose what to do." }),
    [MANAGE_BLOCKS.target]: z.string().min(1).optional(),
    [MANAGE_BLOCKS.waitlist]: z.array(z.string()).optional(),
  })
  .refine((v) => v[MANAGE_BLOCKS.action] !== "move" || v[MANAGE_BLOCKS.target], {
    path: [MANAGE_BLOCKS.target],
    message: "Choose the group to move them to.",
  });

export function parseManageMembers(values: StateValues, groupId: string): Parsed<ManageMembersForm> {
  const parsed = parseModal(schema, values);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const action = v[MANAGE_BLOCKS.action];
  return {
    ok: true,
    value: {
      groupId,
      slackUserId: v[MANAGE_BLOCKS.person],
      action,
      toGroupId: action === "move" ? (v[MANAGE_BLOCKS.target] ?? null) : null,
      waitlistIfFull: (v[MANAGE_BLOCKS.waitlist] ?? []).includes(WAITLIST_VALUE),
    },
  };
}
