// Validation of Block Kit payloads against the limits in Slack's reference
// (docs.slack.dev/reference/block-kit/..., mirrored in the @slack/types doc comments).
// Problems carry a JSON pointer and a message in the wording Slack uses where we have seen it
// ("must be less than 3001 characters", "no more than 50 items allowed", "unsupported type: x",
// "must be a valid enum value", "missing required field: x"); other wordings are our own.

export type BlockKitSurface = "message" | "modal" | "home";

export interface BlockKitProblem {
  /** JSON pointer into the request, e.g. "/blocks/0/text/text" or "/view/title/text". */
  pointer: string;
  message: string;
  /** Errors are what Slack rejects; warnings are stricter house rules Slack itself lets through. */
  severity: "error" | "warning";
}

export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  blockId: 255,
  actionId: 255,
  textObject: 3000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  contextActionsElements: 5,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  accessibilityLabel: 75,
  selectOptions: 100,
  selectOptionGroups: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  optionUrl: 3000,
  optionGroupLabel: 75,
  overflowOptions: 5,
  checkboxOptions: 10,
  radioOptions: 10,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputLength: 3000,
  imageAltText: 2000,
  imageTitle: 2000,
  imageUrl: 3000,
  videoTitle: 200,
  markdownText: 12000,
  tableRows: 100,
  tableCells: 20,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalSubmit: 24,
  modalClose: 24,
  callbackId: 255,
  privateMetadata: 3000,
  externalId: 255,
  /** chat.postMessage `text`; longer is msg_too_long. */
  messageText: 40000,
} as const;

const L = BLOCK_KIT_LIMITS;

const BLOCK_TYPES = new Set([
  "actions",
  "context",
  "context_actions",
  "divider",
  "file",
  "header",
  "image",
  "input",
  "markdown",
  "rich_text",
  "section",
  "table",
  "video",
]);
const MESSAGE_ONLY_BLOCKS = new Set(["markdown", "table", "context_actions"]);

const SELECTS = [
  "static_select",
  "external_select",
  "users_select",
  "conversations_select",
  "channels_select",
  "multi_static_select",
  "multi_external_select",
  "multi_users_select",
  "multi_conversations_select",
  "multi_channels_select",
];
const SECTION_ACCESSORIES = new Set([
  "button",
  "checkboxes",
  "datepicker",
  "image",
  "overflow",
  "radio_buttons",
  "timepicker",
  "workflow_button",
  ...SELECTS,
]);
const ACTIONS_ELEMENTS = new Set([
  "button",
  "checkboxes",
  "datepicker",
  "datetimepicker",
  "overflow",
  "plain_text_input",
  "radio_buttons",
  "rich_text_input",
  "timepicker",
  "workflow_button",
  ...SELECTS,
]);
const INPUT_ELEMENTS = new Set([
  "checkboxes",
  "datepicker",
  "datetimepicker",
  "email_text_input",
  "file_input",
  "number_input",
  "plain_text_input",
  "radio_buttons",
  "rich_text_input",
  "timepicker",
  "url_text_input",
  ...SELECTS,
]);
const CONTEXT_ACTIONS_ELEMENTS = new Set(["feedback_buttons", "icon_button"]);

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Slack counts characters, not UTF-16 code units, so an emoji counts once. */
function charLength(value: string): number {
  return Array.from(value).length;
}

class Checker {
  readonly problems: BlockKitProblem[] = [];
  private readonly blockIds = new Map<string, string>();
  private readonly actionIds = new Map<string, string>();

  constructor(readonly surface: BlockKitSurface) {}

  error(pointer: string, message: string): void {
    this.problems.push({ pointer, message, severity: "error" });
  }

  warn(pointer: string, message: string): void {
    this.problems.push({ pointer, message, severity: "warning" });
  }

  /** String field with a maximum; `required` reports absence against the parent pointer. */
  string(parent: Obj, key: string, ptr: string, max: number, required = false, min = 0): string | undefined {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (required) this.error(ptr, `missing required field: ${key}`);
      return undefined;
    }
    const at = `${ptr}/${key}`;
    if (typeof value !== "string") {
      this.error(at, "must provide a string");
      return undefined;
    }
    const length = charLength(value);
    if (length < min) this.error(at, `must be more than ${min - 1} characters`);
    if (length > max) this.error(at, `must be less than ${max + 1} characters`);
    return value;
  }

  text(parent: Obj, key: string, ptr: string, opts: { max: number; plainOnly?: boolean; required?: boolean }): void {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (opts.required) this.error(ptr, `missing required field: ${key}`);
      return;
    }
    this.textObject(value, `${ptr}/${key}`, opts);
  }

  /** A composition text object found at `at`. */
  textObject(value: unknown, at: string, opts: { max: number; plainOnly?: boolean }): void {
    if (!isObject(value)) {
      this.error(at, "must provide an object");
      return;
    }
    const allowed = opts.plainOnly ? ["plain_text"] : ["plain_text", "mrkdwn"];
    if (typeof value.type !== "string" || !allowed.includes(value.type)) {
      this.error(`${at}/type`, "must be a valid enum value");
    }
    this.string(value, "text", at, opts.max, true, 1);
    if (value.emoji !== undefined && value.type === "mrkdwn") {
      this.error(`${at}/emoji`, "invalid additional property: emoji");
    }
  }

  array(parent: Obj, key: string, ptr: string, opts: { max: number; min?: number; required?: boolean }): unknown[] | undefined {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (opts.required) this.error(ptr, `missing required field: ${key}`);
      return undefined;
    }
    const at = `${ptr}/${key}`;
    if (!Array.isArray(value)) {
      this.error(at, "must provide an array");
      return undefined;
    }
    if (value.length > opts.max) this.error(at, `no more than ${opts.max} items allowed`);
    const min = opts.min ?? 0;
    if (value.length < min) this.error(at, `must provide at least ${min} item${min === 1 ? "" : "s"}`);
    return value;
  }

  enumValue(parent: Obj, key: string, ptr: string, allowed: string[]): void {
    const value = parent[key];
    if (value === undefined) return;
    if (typeof value !== "string" || !allowed.includes(value)) this.error(`${ptr}/${key}`, "must be a valid enum value");
  }

  blockId(block: Obj, ptr: string): void {
    const id = this.string(block, "block_id", ptr, L.blockId);
    if (id === undefined) return;
    const first = this.blockIds.get(id);
    if (first !== undefined) this.error(`${ptr}/block_id`, `duplicate block_id: ${id} (first at ${first})`);
    else this.blockIds.set(id, `${ptr}/block_id`);
  }

  /** Slack requires action_ids unique within their block; across blocks we only warn. */
  actionId(element: Obj, ptr: string, inBlock: Map<string, string>): void {
    const id = this.string(element, "action_id", ptr, L.actionId);
    if (id === undefined) return;
    const at = `${ptr}/action_id`;
    if (inBlock.has(id)) {
      this.error(at, `duplicate action_id: ${id} (first at ${inBlock.get(id)})`);
      return;
    }
    inBlock.set(id, at);
    const elsewhere = this.actionIds.get(id);
    if (elsewhere !== undefined) {
      this.warn(at, `action_id ${id} is also used at ${elsewhere}; interactions are only distinguishable by block_id`);
    } else {
      this.actionIds.set(id, at);
    }
  }
}

function checkConfirm(c: Checker, element: Obj, ptr: string): void {
  const confirm = element.confirm;
  if (confirm === undefined) return;
  const at = `${ptr}/confirm`;
  if (!isObject(confirm)) {
    c.error(at, "must provide an object");
    return;
  }
  c.text(confirm, "title", at, { max: L.confirmTitle, plainOnly: true });
  // Slack's confirmation dialog object takes plain_text only for its text too (docs.slack.dev,
  // "Confirmation dialog object"); older docs allowed mrkdwn.
  c.text(confirm, "text", at, { max: L.confirmText, required: true, plainOnly: true });
  c.text(confirm, "confirm", at, { max: L.confirmButton, plainOnly: true });
  c.text(confirm, "deny", at, { max: L.confirmButton, plainOnly: true });
  c.enumValue(confirm, "style", at, ["primary", "danger"]);
}

function checkOption(c: Checker, option: unknown, ptr: string, plainOnly: boolean): void {
  if (!isObject(option)) {
    c.error(ptr, "must provide an object");
    return;
  }
  c.text(option, "text", ptr, { max: L.optionText, plainOnly, required: true });
  c.string(option, "value", ptr, L.optionValue, true);
  c.text(option, "description", ptr, { max: L.optionDescription, plainOnly });
  c.string(option, "url", ptr, L.optionUrl);
}

function checkOptions(
  c: Checker,
  element: Obj,
  ptr: string,
  opts: { max: number; min: number; plainOnly: boolean; required: boolean },
): void {
  const options = c.array(element, "options", ptr, { max: opts.max, min: opts.min, required: opts.required });
  options?.forEach((option, i) => {
    checkOption(c, option, `${ptr}/options/${i}`, opts.plainOnly);
  });
}

function checkStaticSelect(c: Checker, element: Obj, ptr: string): void {
  const hasOptions = element.options !== undefined;
  const hasGroups = element.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    c.error(ptr, "must provide exactly one of options or option_groups");
  }
  if (hasOptions) checkOptions(c, element, ptr, { max: L.selectOptions, min: 1, plainOnly: true, required: true });
  if (hasGroups) {
    const groups = c.array(element, "option_groups", ptr, { max: L.selectOptionGroups, min: 1 });
    groups?.forEach((group, i) => {
      const at = `${ptr}/option_groups/${i}`;
      if (!isObject(group)) {
        c.error(at, "must provide an object");
        return;
      }
      c.text(group, "label", at, { max: L.optionGroupLabel, plainOnly: true, required: true });
      checkOptions(c, group, at, { max: L.selectOptions, min: 1, plainOnly: true, required: true });
    });
  }
  if (element.initial_option !== undefined) checkOption(c, element.initial_option, `${ptr}/initial_option`, true);
}

function checkElement(c: Checker, element: unknown, ptr: string, allowed: Set<string>, inBlock: Map<string, string>): void {
  if (!isObject(element)) {
    c.error(ptr, "must provide an object");
    return;
  }
  const type = element.type;
  if (typeof type !== "string") {
    c.error(ptr, "missing required field: type");
    return;
  }
  if (!allowed.has(type)) {
    c.error(`${ptr}/type`, `unsupported type: ${type}`);
    return;
  }
  if (type !== "image") c.actionId(element, ptr, inBlock);
  checkConfirm(c, element, ptr);
  switch (type) {
    case "button":
      c.text(element, "text", ptr, { max: L.buttonText, plainOnly: true, required: true });
      c.string(element, "value", ptr, L.buttonValue);
      c.string(element, "url", ptr, L.buttonUrl);
      c.string(element, "accessibility_label", ptr, L.accessibilityLabel);
      c.enumValue(element, "style", ptr, ["primary", "danger"]);
      break;
    case "workflow_button":
      c.text(element, "text", ptr, { max: L.buttonText, plainOnly: true, required: true });
      if (element.workflow === undefined) c.error(ptr, "missing required field: workflow");
      c.enumValue(element, "style", ptr, ["primary", "danger"]);
      break;
    case "static_select":
    case "multi_static_select":
      c.text(element, "placeholder", ptr, { max: L.placeholder, plainOnly: true });
      checkStaticSelect(c, element, ptr);
      break;
    case "overflow":
      checkOptions(c, element, ptr, { max: L.overflowOptions, min: 1, plainOnly: true, required: true });
      break;
    case "checkboxes":
      checkOptions(c, element, ptr, { max: L.checkboxOptions, min: 1, plainOnly: false, required: true });
      break;
    case "radio_buttons":
      checkOptions(c, element, ptr, { max: L.radioOptions, min: 1, plainOnly: false, required: true });
      break;
    case "datepicker": {
      c.text(element, "placeholder", ptr, { max: L.placeholder, plainOnly: true });
      const date = element.initial_date;
      if (date !== undefined && (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date))) {
        c.error(`${ptr}/initial_date`, "must be a date in YYYY-MM-DD format");
      }
      break;
    }
    case "timepicker": {
      c.text(element, "placeholder", ptr, { max: L.placeholder, plainOnly: true });
      const time = element.initial_time;
      if (time !== undefined && (typeof time !== "string" || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time))) {
        c.error(`${ptr}/initial_time`, "must be a time in HH:mm format");
      }
      break;
    }
    case "plain_text_input": {
      c.text(element, "placeholder", ptr, { max: L.placeholder, plainOnly: true });
      c.string(element, "initial_value", ptr, L.plainTextInputLength);
      for (const key of ["min_length", "max_length"] as const) {
        const n = element[key];
        if (n !== undefined && (typeof n !== "number" || n < 0 || n > L.plainTextInputLength)) {
          c.error(`${ptr}/${key}`, `must be a number between 0 and ${L.plainTextInputLength}`);
        }
      }
      break;
    }
    case "number_input":
      if (typeof element.is_decimal_allowed !== "boolean") c.error(ptr, "missing required field: is_decimal_allowed");
      c.text(element, "placeholder", ptr, { max: L.placeholder, plainOnly: true });
      break;
    case "image":
      if (element.image_url === undefined && element.slack_file === undefined) {
        c.error(ptr, "missing required field: image_url");
      }
      c.string(element, "image_url", ptr, L.imageUrl);
      c.string(element, "alt_text", ptr, L.imageAltText, true);
      break;
    default:
      // The other selects and inputs: only the shared placeholder limit applies.
      c.text(element, "placeholder", ptr, { max: L.placeholder, plainOnly: true });
  }
}

function checkBlock(c: Checker, block: unknown, ptr: string): boolean {
  if (!isObject(block)) {
    c.error(ptr, "must provide an object");
    return false;
  }
  const type = block.type;
  if (typeof type !== "string") {
    c.error(ptr, "missing required field: type");
    return false;
  }
  if (!BLOCK_TYPES.has(type) || (c.surface !== "message" && MESSAGE_ONLY_BLOCKS.has(type))) {
    c.error(`${ptr}/type`, `unsupported type: ${type}`);
    return false;
  }
  c.blockId(block, ptr);
  const inBlock = new Map<string, string>();
  switch (type) {
    case "section": {
      if (block.text === undefined && block.fields === undefined) {
        c.error(ptr, "must define either `text` or `fields`");
      }
      c.text(block, "text", ptr, { max: L.sectionText });
      const fields = c.array(block, "fields", ptr, { max: L.sectionFields, min: 1 });
      fields?.forEach((field, i) => {
        c.textObject(field, `${ptr}/fields/${i}`, { max: L.sectionFieldText });
      });
      if (block.accessory !== undefined) checkElement(c, block.accessory, `${ptr}/accessory`, SECTION_ACCESSORIES, inBlock);
      break;
    }
    case "header":
      c.text(block, "text", ptr, { max: L.headerText, plainOnly: true, required: true });
      break;
    case "context": {
      const elements = c.array(block, "elements", ptr, { max: L.contextElements, min: 1, required: true });
      elements?.forEach((element, i) => {
        const at = `${ptr}/elements/${i}`;
        if (isObject(element) && element.type === "image") {
          checkElement(c, element, at, new Set(["image"]), inBlock);
        } else if (isObject(element) && (element.type === "plain_text" || element.type === "mrkdwn")) {
          c.string(element, "text", at, L.textObject, true, 1);
        } else {
          c.error(`${at}/type`, `unsupported type: ${isObject(element) ? String(element.type) : typeof element}`);
        }
      });
      break;
    }
    case "actions": {
      const elements = c.array(block, "elements", ptr, { max: L.actionsElements, min: 1, required: true });
      elements?.forEach((element, i) => {
        checkElement(c, element, `${ptr}/elements/${i}`, ACTIONS_ELEMENTS, inBlock);
      });
      break;
    }
    case "context_actions": {
      const elements = c.array(block, "elements", ptr, { max: L.contextActionsElements, min: 1, required: true });
      elements?.forEach((element, i) => {
        checkElement(c, element, `${ptr}/elements/${i}`, CONTEXT_ACTIONS_ELEMENTS, inBlock);
      });
      break;
    }
    case "input": {
      c.text(block, "label", ptr, { max: L.inputLabel, plainOnly: true, required: true });
      c.text(block, "hint", ptr, { max: L.inputHint, plainOnly: true });
      if (block.elements !== undefined) c.error(`${ptr}/elements`, "invalid additional property: elements");
      if (block.element === undefined) c.error(ptr, "missing required field: element");
      else if (Array.isArray(block.element)) c.error(`${ptr}/element`, "must provide an object");
      else checkElement(c, block.element, `${ptr}/element`, INPUT_ELEMENTS, inBlock);
      break;
    }
    case "image":
      if (block.image_url === undefined && block.slack_file === undefined) c.error(ptr, "missing required field: image_url");
      c.string(block, "image_url", ptr, L.imageUrl);
      c.string(block, "alt_text", ptr, L.imageAltText, true);
      c.text(block, "title", ptr, { max: L.imageTitle, plainOnly: true });
      break;
    case "rich_text":
      c.array(block, "elements", ptr, { max: Number.MAX_SAFE_INTEGER, required: true });
      break;
    case "markdown":
      c.string(block, "text", ptr, L.markdownText, true, 1);
      break;
    case "video":
      c.text(block, "title", ptr, { max: L.videoTitle, plainOnly: true, required: true });
      for (const key of ["alt_text", "thumbnail_url", "video_url"]) c.string(block, key, ptr, L.imageUrl, true);
      break;
    case "table": {
      const rows = c.array(block, "rows", ptr, { max: L.tableRows, min: 1, required: true });
      rows?.forEach((row, i) => {
        if (Array.isArray(row) && row.length > L.tableCells) c.error(`${ptr}/rows/${i}`, `no more than ${L.tableCells} items allowed`);
      });
      break;
    }
    case "file":
      c.string(block, "external_id", ptr, L.externalId, true);
      c.string(block, "source", ptr, 20, true);
      break;
    default:
      break; // divider
  }
  return type === "input";
}

function checkBlocks(c: Checker, container: Obj, ptr: string, max: number): number[] {
  const blocks = c.array(container, "blocks", ptr, { max, required: true });
  const inputs: number[] = [];
  blocks?.forEach((block, i) => {
    if (checkBlock(c, block, `${ptr}/blocks/${i}`)) inputs.push(i);
  });
  return inputs;
}

/** Problems with the `blocks` of a message (chat.postMessage, chat.update, response_url, ...). */
export function validateMessageBlocks(blocks: unknown): BlockKitProblem[] {
  const c = new Checker("message");
  checkBlocks(c, { blocks }, "", L.messageBlocks);
  return c.problems;
}

/**
 * Problems with a modal or Home tab view. `expectedType` is what the calling method accepts
 * (views.open/push take modals, views.publish takes home).
 */
export function validateView(view: unknown, options: { expectedType?: "modal" | "home" } = {}): BlockKitProblem[] {
  const ptr = "/view";
  if (!isObject(view)) {
    const c = new Checker("modal");
    c.error(ptr, "must provide an object");
    return c.problems;
  }
  const type = view.type;
  const surface: BlockKitSurface = type === "home" ? "home" : "modal";
  const c = new Checker(surface);
  if (type !== "modal" && type !== "home") c.error(`${ptr}/type`, "must be a valid enum value");
  else if (options.expectedType !== undefined && type !== options.expectedType) {
    c.error(`${ptr}/type`, "must be a valid enum value");
  }
  const inputs = checkBlocks(c, view, ptr, L.viewBlocks);
  c.string(view, "private_metadata", ptr, L.privateMetadata);
  c.string(view, "callback_id", ptr, L.callbackId);
  c.string(view, "external_id", ptr, L.externalId);
  if (type === "modal") {
    c.text(view, "title", ptr, { max: L.modalTitle, plainOnly: true, required: true });
    c.text(view, "submit", ptr, { max: L.modalSubmit, plainOnly: true });
    c.text(view, "close", ptr, { max: L.modalClose, plainOnly: true });
    if (inputs.length > 0 && (view.submit === undefined || view.submit === null)) {
      c.error(`${ptr}/blocks/${inputs[0]}`, "must define `submit` to use an `input` block in modals");
    }
  }
  return c.problems;
}

export function errorsOnly(problems: BlockKitProblem[]): BlockKitProblem[] {
  return problems.filter((p) => p.severity === "error");
}

/** The line Slack puts in response_metadata.messages. */
export function formatProblem(problem: BlockKitProblem): string {
  return `[${problem.severity === "error" ? "ERROR" : "WARN"}] ${problem.message} [json-pointer:${problem.pointer}]`;
}
