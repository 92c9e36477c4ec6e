/**
 * "Start next year from this one": staff name next year's programme; submitting shows the plan
 * (rollover-plan-modal), and nothing is written before that is confirmed. Pure.
 */
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { codeSpan, escapeMrkdwn } from "./message";
import { input, modal, mrkdwnSection, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const ROLLOVER_MODAL_CALLBACK = "admin_rollover";
export const ROLLOVER_SLUG_BLOCK = "rollover_slug";

export function rolloverModal(input_: { from: { slug: string; name: string }; suggested: string }): ModalView {
  return modal({
    callbackId: ROLLOVER_MODAL_CALLBACK,
    title: "Next year",
    submit: "Show the plan",
    privateMetadata: JSON.stringify({ from: input_.from.slug }),
    blocks: [
      mrkdwnSection(
        `Start next year's programme from *${escapeMrkdwn(input_.from.name)}* (${codeSpan(input_.from.slug)}): the groups marked continuing with their facilitators, the reminder rules, the blackouts and the timeline, moved to the same weekdays next year. You see the plan before anything is written; this year's programme and channels stay as they are.`,
      ),
      input(
        ROLLOVER_SLUG_BLOCK,
        "Next year's programme",
        { type: "plain_text_input", action_id: "slug", initial_value: input_.suggested, max_length: 80 },
        { hint: "Its short name: lowercase letters and digits joined by dashes, e.g. cop-2022-2023." },
      ),
    ],
  });
}

export function parseRolloverModal(values: StateValues): Parsed<{ to: string }> {
  const schema = z.object({
    [ROLLOVER_SLUG_BLOCK]: z
      .string({ error: "Name next year's programme." })
      .trim()
      .max(80, "Keep the name under 80 characters.")
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters and digits joined by dashes, e.g. cop-2022-2023."),
  });
  const parsed = parseModal(schema, values);
  return parsed.ok ? { ok: true, value: { to: parsed.value[ROLLOVER_SLUG_BLOCK] } } : parsed;
}
