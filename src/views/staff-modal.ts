/** Staff choose someone to make coalition staff. Pure. */
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { input, modal, mrkdwnSection, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const STAFF_MODAL_CALLBACK = "admin_staff_grant";
export const STAFF_USER_BLOCK = "staff_user";

export function staffModal(): ModalView {
  return modal({
    callbackId: STAFF_MODAL_CALLBACK,
    title: "Make someone staff",
    submit: "Make staff",
    blocks: [
      mrkdwnSection("Staff can create and edit groups and sessions, review proposals and decide submissions."),
      input(STAFF_USER_BLOCK, "Person", { type: "users_select", action_id: "user" }),
    ],
  });
}

export function parseStaffModal(values: StateValues): Parsed<{ slackUserId: string }> {
  const parsed = parseModal(
    z.object({ [STAFF_USER_BLOCK]: z.string({ error: "Choose a person." }).regex(/^[UW][A-Z0-9]+$/, "Choose a person.") }),
    values,
  );
  return parsed.ok ? { ok: true, value: { slackUserId: parsed.value[STAFF_USER_BLOCK] } } : parsed;
}
