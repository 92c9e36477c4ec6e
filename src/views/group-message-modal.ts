/** "Message the group" from a roster: what a facilitator or staff write, and the DM each member gets. Pure. */
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn, type Message } from "./message";
import { input, messageModal, modal, mrkdwnSection, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const GROUP_MESSAGE_CALLBACK = "group_message";
export const GROUP_MESSAGE_TITLE = "Message the group";
export const GROUP_MESSAGE_BLOCK = "group_message_text";
const TEXT_ACTION = "text";
/** Leaves room in a 3,000-character section for the line saying who wrote it. */
const MAX_TEXT = 2800;

export function groupMessageModal(group: { id: string; name: string; members: number }): ModalView {
  return modal({
    callbackId: GROUP_MESSAGE_CALLBACK,
    title: GROUP_MESSAGE_TITLE,
    submit: "Send",
    privateMetadata: group.id,
    blocks: [
      mrkdwnSection(
        `Each of the ${group.members} members of *${escapeMrkdwn(group.name)}* gets this as a DM from Convene, with your name.`,
      ),
      input(GROUP_MESSAGE_BLOCK, "Message", { type: "plain_text_input", action_id: TEXT_ACTION, multiline: true, max_length: MAX_TEXT }),
    ],
  });
}

const schema = z.object({
  [GROUP_MESSAGE_BLOCK]: z
    .string({ error: "Write a message." })
    .trim()
    .min(1, "Write a message.")
    .max(MAX_TEXT, `Keep it under ${MAX_TEXT} characters.`),
});

export function parseGroupMessage(values: StateValues, groupId: string): Parsed<{ groupId: string; text: string }> {
  const parsed = parseModal(schema, values);
  return parsed.ok ? { ok: true, value: { groupId, text: parsed.value[GROUP_MESSAGE_BLOCK] as string } } : parsed;
}

export const groupMessageSent = (r: { groupName: string; sent: number }) =>
  messageModal(
    GROUP_MESSAGE_TITLE,
    `:white_check_mark: Sent to the ${r.sent} ${r.sent === 1 ? "member" : "members"} of *${escapeMrkdwn(r.groupName)}* by DM.`,
  );

export function groupMessageDm(m: { groupName: string; fromSlackId: string; text: string }): Message {
  return {
    text: `A message to ${escapeMrkdwn(m.groupName)}: ${escapeMrkdwn(m.text)}`,
    blocks: [
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: `<@${m.fromSlackId}> wrote to the members of *${escapeMrkdwn(m.groupName)}*:` }],
      },
      { type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(m.text) } },
    ],
  };
}
