/** Staff confirm cancelling one session, with an optional reason kept in the audit trail. Pure. */
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { sessionText, type SessionItem } from "./agenda-items";
import { input, modal, mrkdwnSection, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const CANCEL_SESSION_CALLBACK = "admin_session_cancel_confirm";
export const CANCEL_REASON_BLOCK = "cancel_reason";

export function cancelSessionModal(session: SessionItem, zone: string): ModalView {
  return modal({
    callbackId: CANCEL_SESSION_CALLBACK,
    title: "Cancel session",
    submit: "Cancel session",
    close: "Keep it",
    blocks: [
      mrkdwnSection(sessionText(session, zone)),
      mrkdwnSection("Everyone who was already reminded gets a cancellation notice; calendars that subscribe to Convene drop it."),
      input(
        CANCEL_REASON_BLOCK,
        "Reason (for the record)",
        { type: "plain_text_input", action_id: "reason", max_length: 500 },
        { optional: true },
      ),
    ],
    privateMetadata: JSON.stringify({ sessionId: session.id }),
  });
}

export function parseCancelSessionModal(values: StateValues): Parsed<{ reason: string | null }> {
  const parsed = parseModal(z.object({ [CANCEL_REASON_BLOCK]: z.string().max(500).optional() }), values);
  return parsed.ok ? { ok: true, value: { reason: parsed.value[CANCEL_REASON_BLOCK] ?? null } } : parsed;
}
