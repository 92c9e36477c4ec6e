/** Staff decline a proposal, or ask for changes to it, with a note the proposer reads. */
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import { input, modal, mrkdwnSection, parseModal, type Parsed, plain, type StateValues } from "./modal-kit";

export type NoteDecision = "DECLINED" | "CHANGES_REQUESTED";

/** One callback per decision; the private metadata is the proposal id. */
export const NOTE_CALLBACKS: Record<NoteDecision, string> = { DECLINED: "proposal_decline", CHANGES_REQUESTED: "proposal_request_changes" };
export const NOTE_BLOCK = "note";
const NOTE_MAX = 2000;

const COPY: Record<NoteDecision, { title: string; submit: string; intro: string; label: string; placeholder: string; missing: string }> = {
  DECLINED: {
    title: "Decline proposal",
    submit: "Decline",
    intro: "The proposer receives this note with the decision: thank them, say why, and what could come next.",
    label: "Note to the proposer",
    placeholder: "Thank you for proposing… This year we…",
    missing: "Write a note: the proposer reads it with the decision.",
  },
  CHANGES_REQUESTED: {
    title: "Ask for changes",
    submit: "Send request",
    intro: "The proposer receives this note with an Edit button; their edit comes back here for review.",
    label: "What should change",
    placeholder: "Could you narrow the audience to…",
    missing: "Say what should change: the proposer reads it.",
  },
};

export function noteModal(p: { proposalId: string; decision: NoteDecision; title: string; programmeName: string }): ModalView {
  const copy = COPY[p.decision];
  return modal({
    callbackId: NOTE_CALLBACKS[p.decision],
    title: copy.title,
    submit: copy.submit,
    privateMetadata: p.proposalId,
    blocks: [
      mrkdwnSection(`*${escapeMrkdwn(p.title)}* · ${escapeMrkdwn(p.programmeName)}\n${copy.intro}`),
      input(NOTE_BLOCK, copy.label, {
        type: "plain_text_input",
        action_id: `proposal_${NOTE_BLOCK}`,
        multiline: true,
        max_length: NOTE_MAX,
        placeholder: plain(copy.placeholder, 150),
      }),
    ],
  });
}

export function parseNote(values: StateValues, decision: NoteDecision): Parsed<string> {
  const schema = z.object({
    [NOTE_BLOCK]: z.string({ error: COPY[decision].missing }).max(NOTE_MAX, `Keep the note under ${NOTE_MAX + 1} characters.`),
  });
  const parsed = parseModal(schema, values);
  return parsed.ok ? { ok: true, value: parsed.value[NOTE_BLOCK] } : parsed;
}
