import type { JsonObject } from "./types";

// What the Slack client would do on the user's side: find the element a user interacts with, and
// turn "the user picked X" into the state.values / actions[] entries Slack sends.

export interface LocatedElement {
  blockId: string;
  block: JsonObject;
  element: JsonObject;
  /** Elements of input blocks report through view.state on submission. */
  inInput: boolean;
  optional: boolean;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every element that carries an action_id: section accessories, actions elements, input elements. */
export function interactiveElements(blocks: unknown): LocatedElement[] {
  if (!Array.isArray(blocks)) return [];
  const found: LocatedElement[] = [];
  for (const block of blocks) {
    if (!isObject(block)) continue;
    const blockId = String(block.block_id ?? "");
    const push = (element: unknown, inInput: boolean) => {
      if (isObject(element) && typeof element.action_id === "string") {
        found.push({ blockId, block, element, inInput, optional: block.optional === true });
      }
    };
    if (block.type === "input") push(block.element, true);
    push(block.accessory, false);
    if (Array.isArray(block.elements)) for (const element of block.elements) push(element, false);
  }
  return found;
}

/** The one element with this action_id (and block_id, when given); throws when absent or ambiguous. */
export function locateElement(blocks: unknown, actionId: string, blockId: string | undefined, where: string): LocatedElement {
  const matches = interactiveElements(blocks).filter(
    (e) => e.element.action_id === actionId && (blockId === undefined || e.blockId === blockId),
  );
  if (matches.length === 1) return matches[0]!;
  const known = interactiveElements(blocks).map((e) => `${e.blockId}/${String(e.element.action_id)}`);
  if (matches.length === 0) {
    throw new Error(
      `LocalSlack: no element with action_id "${actionId}"${blockId ? ` in block "${blockId}"` : ""} in ${where}; it has: ${known.join(", ") || "none"}`,
    );
  }
  throw new Error(
    `LocalSlack: action_id "${actionId}" appears in several blocks of ${where}; pass blockId (${matches.map((m) => m.blockId).join(", ")})`,
  );
}

function optionsOf(element: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  if (Array.isArray(element.options)) out.push(...element.options.filter(isObject));
  if (Array.isArray(element.option_groups)) {
    for (const group of element.option_groups) {
      if (isObject(group) && Array.isArray(group.options)) out.push(...group.options.filter(isObject));
    }
  }
  return out;
}

function findOption(element: JsonObject, value: string): JsonObject {
  if (element.type === "external_select" || element.type === "multi_external_select") {
    return { text: { type: "plain_text", text: value }, value };
  }
  const option = optionsOf(element).find((o) => o.value === value);
  if (option === undefined) {
    const values = optionsOf(element).map((o) => String(o.value));
    throw new Error(`LocalSlack: "${value}" is not an option of ${String(element.action_id)} (options: ${values.join(", ")})`);
  }
  return option;
}

function asArray(input: unknown): string[] {
  return Array.isArray(input) ? input.map(String) : input === undefined || input === null ? [] : [String(input)];
}

/**
 * The state.values entry for `element` given a plain input: a string for text, selects, radio,
 * dates and users; an array for multi-selects and checkboxes; a number for datetimepicker.
 * An object with a `type` is taken as the full Slack form and passed through unchanged.
 */
export function stateValueFor(element: JsonObject, input: unknown): JsonObject {
  const type = String(element.type);
  if (isObject(input) && typeof input.type === "string") return input;
  const none = input === undefined || input === null;
  switch (type) {
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input":
    case "number_input":
      return { type, value: none ? null : String(input) };
    case "static_select":
    case "external_select":
    case "radio_buttons":
      return { type, selected_option: none ? null : findOption(element, String(input)) };
    case "multi_static_select":
    case "multi_external_select":
    case "checkboxes":
      return { type, selected_options: asArray(input).map((v) => findOption(element, v)) };
    case "users_select":
      return { type, selected_user: none ? null : String(input) };
    case "multi_users_select":
      return { type, selected_users: asArray(input) };
    case "conversations_select":
      return { type, selected_conversation: none ? null : String(input) };
    case "multi_conversations_select":
      return { type, selected_conversations: asArray(input) };
    case "channels_select":
      return { type, selected_channel: none ? null : String(input) };
    case "multi_channels_select":
      return { type, selected_channels: asArray(input) };
    case "datepicker":
      return { type, selected_date: none ? null : String(input) };
    case "timepicker":
      return { type, selected_time: none ? null : String(input) };
    case "datetimepicker":
      return { type, selected_date_time: none ? null : Number(input) };
    case "rich_text_input":
      return {
        type,
        rich_text_value: none
          ? null
          : { type: "rich_text", elements: [{ type: "rich_text_section", elements: [{ type: "text", text: String(input) }] }] },
      };
    case "file_input":
      return { type, files: Array.isArray(input) ? input : [] };
    default:
      return { type, value: none ? null : (input as JsonObject[keyof JsonObject]) };
  }
}

/** The value an element starts with, from its initial_* field. */
export function initialStateValue(element: JsonObject): JsonObject {
  const type = String(element.type);
  const pick = (key: string): unknown => element[key];
  switch (type) {
    case "static_select":
    case "external_select":
    case "radio_buttons":
      return { type, selected_option: pick("initial_option") ?? null };
    case "multi_static_select":
    case "multi_external_select":
    case "checkboxes":
      return { type, selected_options: pick("initial_options") ?? [] };
    case "users_select":
      return { type, selected_user: pick("initial_user") ?? null };
    case "multi_users_select":
      return { type, selected_users: pick("initial_users") ?? [] };
    case "conversations_select":
      return { type, selected_conversation: pick("initial_conversation") ?? null };
    case "multi_conversations_select":
      return { type, selected_conversations: pick("initial_conversations") ?? [] };
    case "channels_select":
      return { type, selected_channel: pick("initial_channel") ?? null };
    case "multi_channels_select":
      return { type, selected_channels: pick("initial_channels") ?? [] };
    case "datepicker":
      return { type, selected_date: pick("initial_date") ?? null };
    case "timepicker":
      return { type, selected_time: pick("initial_time") ?? null };
    case "datetimepicker":
      return { type, selected_date_time: pick("initial_date_time") ?? null };
    default:
      return { type, value: pick("initial_value") ?? null };
  }
}

/** True when a state entry holds nothing (what the client refuses to submit for required inputs). */
export function isEmptyState(value: JsonObject): boolean {
  for (const [key, v] of Object.entries(value)) {
    if (key === "type") continue;
    if (v === null || v === undefined || v === "") continue;
    if (Array.isArray(v) && v.length === 0) continue;
    return false;
  }
  return true;
}

/** The fields an actions[] entry carries for a selection: the state entry without its type. */
export function selectionFields(element: JsonObject, input: unknown): JsonObject {
  const { type: _type, ...rest } = stateValueFor(element, input);
  void _type;
  return rest;
}
