/** A facilitator (or staff) shares notes from a session with its group, in the session's thread. Pure. */
import { webLink } from "../domain/web-link";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import { input, messageModal, modal, mrkdwnSection, parseModal, type Parsed, plain, type StateValues } from "./modal-kit";

export const NOTES_CALLBACK = "session_notes";
export const NOTES_TITLE = "Share notes";
export const NOTES_BLOCKS = { notes: "session_notes_text", link: "session_notes_link" } as const;
export const NOTES_ACTIONS = { notes: "notes", link: "link" } as const;
const NOTES_MAX = 2800;

export interface NotesForm {
  session: { id: string; title: string; groupName: string };
  /** Where the notes go: the group's channel, in the thread of the session's reminder when there is one. */
  channelId: string;
  inThread: boolean;
}

export function sessionNotesModal(form: NotesForm): ModalView {
  const where = form.inThread ? `in the thread of its reminder in <#${form.channelId}>` : `in <#${form.channelId}>`;
  return modal({
    callbackId: NOTES_CALLBACK,
    title: NOTES_TITLE,
    submit: "Share",
    privateMetadata: JSON.stringify({ sessionId: form.session.id }),
    blocks: [
      mrkdwnSection(
        `*${escapeMrkdwn(form.session.title)}* · ${escapeMrkdwn(form.session.groupName)}\nYour notes are posted ${where}, with your name.`,
      ),
      input(NOTES_BLOCKS.notes, "Notes", {
        type: "plain_text_input",
        action_id: NOTES_ACTIONS.notes,
        multiline: true,
        max_length: NOTES_MAX,
        placeholder: plain("What you discussed, what was decided, what comes next…", 150),
      }),
      input(
        NOTES_BLOCKS.link,
        "Link (slides, recording or a shared document)",
        { type: "url_text_input", action_id: NOTES_ACTIONS.link },
        { optional: true },
      ),
    ],
  });
}

const notesSchema = z.object({
  [NOTES_BLOCKS.notes]: z
    .string({ error: "Write your notes: the group reads them in its channel." })
    .max(NOTES_MAX, `Keep the notes under ${NOTES_MAX + 1} characters.`),
  [NOTES_BLOCKS.link]: webLink().optional(),
});

export function parseNotesModal(values: StateValues): Parsed<{ notes: string; link: string | null }> {
  const parsed = parseModal(notesSchema, values);
  return parsed.ok
    ? { ok: true, value: { notes: parsed.value[NOTES_BLOCKS.notes], link: parsed.value[NOTES_BLOCKS.link] ?? null } }
    : parsed;
}

/** Also the answer to the same notes sent again (a retry, a double click): they are shared, once. */
export const notesSharedModal = (r: { channelId: string }) =>
  messageModal(NOTES_TITLE, `:white_check_mark: Shared in <#${r.channelId}>. Thank you!`);
