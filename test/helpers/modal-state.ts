import type { InputBlock, ModalView } from "@slack/types";
import type { StateValues } from "../../src/views/modal-kit";
import { stateValueFor } from "../../src/local-slack";

/**
 * The state Slack would submit for `view` with these values by block id (shorthand as in the
 * local Slack's submitView: a string, or a list for multi-selects and checkboxes; or a full
 * state entry, as a forged payload would send). Blocks not given keep their initial value.
 */
export function submittedState(view: ModalView, values: Record<string, unknown>): StateValues {
  const state: StateValues = {};
  for (const block of view.blocks) {
    if (block.type !== "input") continue;
    const { block_id, element } = block as InputBlock & { block_id: string };
    const el = element as unknown as Record<string, unknown>;
    const value = block_id in values ? values[block_id] : initialValue(el);
    state[block_id] = { [String(el.action_id)]: stateValueFor(el, value) as StateValues[string][string] };
  }
  return state;
}

function initialValue(el: Record<string, unknown>): unknown {
  const option = el.initial_option as { value: string } | undefined;
  const options = el.initial_options as { value: string }[] | undefined;
  return option?.value ?? options?.map((o) => o.value) ?? el.initial_value ?? el.initial_users ?? el.initial_date ?? el.initial_time;
}
