import type { InputBlock, ModalView } from "@slack/types";
import { type AppResponse, interactionBody, type LocalSlack, stateValueFor, viewSubmissionPayload } from "../../../src/local-slack";
import { initialStateValue } from "../../../src/local-slack/view-state";

type Json = Record<string, unknown>;

/** The input blocks of a view, with their element (as Slack renders it, or as a view function built it). */
export function inputsOf(view: { blocks?: readonly unknown[] }): { blockId: string; element: Json; optional: boolean }[] {
  return ((view.blocks ?? []) as (InputBlock & { block_id?: string })[])
    .filter((b) => b.type === "input" && b.block_id)
    .map((b) => ({ blockId: b.block_id!, element: b.element as unknown as Json, optional: b.optional === true }));
}

/**
 * A view's submitted state: for each block id in `values`, shorthand (a string, or a list for
 * multi-selects and checkboxes) or a full state entry, as a forged payload could carry. Blocks
 * not given are left out, as Slack leaves out nothing but a forger may.
 */
export function stateOf(view: { blocks?: readonly unknown[] }, values: Record<string, unknown>): Record<string, Record<string, Json>> {
  const state: Record<string, Record<string, Json>> = {};
  for (const { blockId, element } of inputsOf(view)) {
    if (!(blockId in values)) continue;
    const value = values[blockId];
    const entry =
      typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : (stateValueFor(element, value) as Json);
    state[blockId] = { [String(element.action_id)]: entry };
  }
  return state;
}

/** The state Slack submits for a form a person filled in: `values` by block id over the form's initial values. */
export function filledState(view: { blocks?: readonly unknown[] }, values: Record<string, unknown>): Record<string, Record<string, Json>> {
  const initial = Object.fromEntries(inputsOf(view).map(({ blockId, element }) => [blockId, initialStateValue(element as never) as Json]));
  return { ...stateOf(view, initial), ...stateOf(view, values) };
}

/**
 * Posts a signed view_submission for `view` (a view the app opened, as the local Slack holds it,
 * or one a view function built) with the given state, as `userId`.
 */
export function submit(
  slack: LocalSlack,
  input: {
    userId: string;
    view: ModalView | Json;
    viewId?: string;
    state: Record<string, Record<string, Json>>;
    headers?: Record<string, string>;
  },
): Promise<AppResponse> {
  const base = input.view as Json;
  const id = input.viewId ?? (typeof base.id === "string" ? base.id : `VFORGED${Math.random().toString(36).slice(2, 10).toUpperCase()}`);
  const view = {
    private_metadata: "",
    hash: "1.forged",
    team_id: slack.teamId,
    app_id: slack.appId,
    ...base,
    id,
    root_view_id: id,
    state: { values: input.state },
  };
  const actor = {
    userId: input.userId,
    userName: slack.user(input.userId)?.name ?? "someone",
    teamId: slack.teamId,
    teamDomain: slack.teamDomain,
    apiAppId: slack.appId,
  };
  const payload = viewSubmissionPayload({ actor, view, triggerId: slack.issueTriggerId(input.userId) });
  return slack.postToApp(interactionBody(payload), { contentType: "application/x-www-form-urlencoded", headers: input.headers });
}

/** The text a person reads in an ack: field errors, or the text of a view or message. */
export function answerText(res: AppResponse): string {
  return typeof res.body === "string" ? res.body : JSON.stringify(res.body ?? "");
}
