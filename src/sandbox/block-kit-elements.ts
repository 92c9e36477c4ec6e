/**
 * Block Kit elements (buttons, selects, pickers, text inputs, checkboxes, radio buttons, images)
 * as HTML controls that the sandbox page wires by their data attributes. Pure.
 *
 * Every interactive element carries `data-action-id`, `data-block-id` and `data-element-type`.
 * Inside an input block it is also a form control: `name` is the block id, `data-input="true"`,
 * `data-multi="true"` for the kinds that submit a list. See block-kit-html.ts for the contract.
 */
import { attrs, escapeHtml, safeUrl } from "./html-escape";
import { renderText, textOf, type MrkdwnContext } from "./mrkdwn-html";

export type Json = Record<string, unknown>;

export const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The context elements need: mrkdwn's, the people users_select offers, and the channels conversations_select offers. */
export interface ElementContext extends MrkdwnContext {
  users: Array<{ id: string; name: string }>;
  channels?: Array<{ id: string; name: string }>;
}

/** Where an element sits: its block, and for input blocks how it takes part in the form. */
export interface Placement {
  blockId: string;
  /** Set inside an input block. */
  input?: { controlId: string; required: boolean; invalid: boolean; labelId: string };
}

/** A text object as HTML, or "" when it is missing or malformed. */
export function textHtml(obj: unknown, ctx: MrkdwnContext): string {
  if (!isJson(obj)) return "";
  const type = obj.type === "mrkdwn" ? "mrkdwn" : "plain_text";
  return renderText({ type, text: str(obj.text) ?? "", emoji: obj.emoji === false ? false : undefined }, ctx);
}

export const unsupported = (kind: "block" | "element" | "view", type: unknown) =>
  `<span class="bk-unsupported">[unsupported ${kind}: ${escapeHtml(str(type) ?? "unknown")}]</span>`;

const MULTI = new Set([
  "multi_static_select",
  "multi_users_select",
  "multi_external_select",
  "multi_conversations_select",
  "multi_channels_select",
  "checkboxes",
]);

/** The attributes every interactive element carries, and the form ones inside an input block. */
function common(el: Json, at: Placement): Record<string, string | boolean | undefined> {
  const type = str(el.type) ?? "";
  return {
    "data-action-id": str(el.action_id) ?? "",
    "data-block-id": at.blockId,
    "data-element-type": type,
    "data-multi": MULTI.has(type) ? "true" : undefined,
    ...(at.input ? { name: at.blockId, "data-input": "true", "aria-invalid": at.input.invalid ? "true" : undefined } : {}),
    autofocus: el.focus_on_load === true,
  };
}

/** The form-control attributes of an element that is one control (not a group). */
const single = (at: Placement) => (at.input ? { id: at.input.controlId, required: at.input.required } : {});

interface Option {
  value: string;
  text: string;
  description?: string;
  url?: string;
}

function options(raw: unknown, ctx: MrkdwnContext): Option[] {
  return list(raw)
    .filter(isJson)
    .map((o) => ({
      value: str(o.value) ?? "",
      text: textOf(o.text, ctx),
      description: isJson(o.description) ? textOf(o.description, ctx) : undefined,
      url: str(o.url),
    }));
}

const optionTag = (o: Option, selected: boolean) =>
  `<option${attrs({ value: o.value, title: o.description, selected, "data-url": o.url ? (safeUrl(o.url, { mailto: false }) ?? undefined) : undefined })}>${escapeHtml(o.text)}</option>`;

/** Values of initial_option / initial_options. */
const initialValues = (el: Json): Set<string> =>
  new Set([el.initial_option, ...list(el.initial_options)].filter(isJson).map((o) => str(o.value) ?? ""));

function placeholderText(el: Json, ctx: MrkdwnContext, otherwise: string): string {
  return textOf(el.placeholder, ctx) || otherwise;
}

/** A `<select>`: options (or option groups) with the initial ones selected, and a placeholder option for a single choice. */
function select(el: Json, at: Placement, ctx: ElementContext, opts: { multi: boolean; items: string; initial: Set<string> }): string {
  const placeholder = placeholderText(el, ctx, opts.multi ? "Select options" : "Select an item");
  let body = "";
  if (!opts.multi) {
    // Outside a form a placeholder is not a choice; inside one it is how a person clears an optional field.
    body += `<option${attrs({ value: "", selected: opts.initial.size === 0, disabled: !at.input })}>${escapeHtml(placeholder)}</option>`;
  }
  body += opts.items;
  return `<select${attrs({ class: "bk-select", ...common(el, at), ...single(at), multiple: opts.multi, "data-placeholder": placeholder, "aria-label": at.input ? undefined : placeholder })}>${body}</select>`;
}

function staticSelect(el: Json, at: Placement, ctx: ElementContext, multi: boolean): string {
  const initial = initialValues(el);
  let items = options(el.options, ctx)
    .map((o) => optionTag(o, initial.has(o.value)))
    .join("");
  for (const group of list(el.option_groups).filter(isJson)) {
    const inner = options(group.options, ctx)
      .map((o) => optionTag(o, initial.has(o.value)))
      .join("");
    items += `<optgroup${attrs({ label: textOf(group.label, ctx) })}>${inner}</optgroup>`;
  }
  return select(el, at, ctx, { multi, items, initial });
}

function usersSelect(el: Json, at: Placement, ctx: ElementContext, multi: boolean): string {
  const initial = new Set((multi ? list(el.initial_users) : [el.initial_user]).map(str).filter((v): v is string => v !== undefined));
  const people = [...ctx.users];
  // Someone chosen before who is not among the people offered still shows, by name.
  for (const id of initial) if (!people.some((u) => u.id === id)) people.push({ id, name: ctx.userName(id) ?? id });
  const items = people.map((u) => optionTag({ value: u.id, text: u.name }, initial.has(u.id))).join("");
  return select(el, at, ctx, { multi, items, initial });
}

/** conversations_select and channels_select: the workspace's public channels, "# name" as Slack lists them. */
function channelsSelect(el: Json, at: Placement, ctx: ElementContext): string {
  const chosen = str(el.initial_conversation ?? el.initial_channel);
  const initial = new Set(chosen === undefined ? [] : [chosen]);
  const channels = [...(ctx.channels ?? [])];
  if (chosen !== undefined && !channels.some((c) => c.id === chosen))
    channels.push({ id: chosen, name: ctx.channelName(chosen) ?? chosen });
  const items = channels.map((c) => optionTag({ value: c.id, text: `# ${c.name}` }, initial.has(c.id))).join("");
  return select(el, at, ctx, { multi: false, items, initial });
}

function overflow(el: Json, at: Placement, ctx: ElementContext): string {
  const items = options(el.options, ctx)
    .map((o) => optionTag(o, false))
    .join("");
  return `<select${attrs({ class: "bk-select bk-overflow", ...common(el, at), "aria-label": "More actions" })}><option value="" selected disabled>⋯</option>${items}</select>`;
}

/** The confirm dialog a button or select asks first, as plain strings for the page's own dialog. */
export function confirmJson(confirm: unknown, ctx: MrkdwnContext): string | undefined {
  if (!isJson(confirm)) return undefined;
  return JSON.stringify({
    title: textOf(confirm.title, ctx) || "Are you sure?",
    text: textOf(confirm.text, ctx),
    confirm: textOf(confirm.confirm, ctx) || "Confirm",
    deny: textOf(confirm.deny, ctx) || "Cancel",
    ...(str(confirm.style) ? { style: str(confirm.style) } : {}),
  });
}

function button(el: Json, at: Placement, ctx: ElementContext): string {
  const style = str(el.style);
  const className = `bk-button${style === "primary" ? " bk-primary" : style === "danger" ? " bk-danger" : ""}`;
  const url = str(el.url) ? safeUrl(str(el.url)!) : null;
  return `<button${attrs({
    type: "button",
    class: className,
    ...common(el, at),
    "data-value": str(el.value),
    "data-url": url ?? undefined,
    "data-confirm": confirmJson(el.confirm, ctx),
    "aria-label": str(el.accessibility_label),
  })}>${textHtml(el.text, ctx)}</button>`;
}

/** Checkboxes and radio buttons: one input per option, labelled, with descriptions below. */
function choices(el: Json, at: Placement, ctx: ElementContext, kind: "checkbox" | "radio"): string {
  const initial = initialValues(el);
  // Radios need a shared name to exclude each other; inside a form that name is the block id.
  const groupName = at.input ? at.blockId : `${at.blockId}/${str(el.action_id) ?? ""}`;
  const items = list(el.options)
    .filter(isJson)
    .map((o) => {
      const value = str(o.value) ?? "";
      const input = `<input${attrs({
        type: kind,
        ...common(el, at),
        ...(kind === "radio" ? { name: groupName, required: at.input?.required } : {}),
        value,
        checked: initial.has(value),
      })}>`;
      const description = isJson(o.description) ? `<span class="bk-option-desc">${textHtml(o.description, ctx)}</span>` : "";
      return `<label class="bk-option">${input}<span class="bk-option-body"><span class="bk-option-text">${textHtml(o.text, ctx)}</span>${description}</span></label>`;
    })
    .join("");
  const group = kind === "checkbox" ? "bk-checkboxes" : "bk-radios";
  // A required checkbox group cannot use `required` (it would demand every box): the page checks data-required.
  return `<div${attrs({
    class: group,
    role: kind === "radio" ? "radiogroup" : "group",
    "aria-labelledby": at.input?.labelId,
    "data-required": at.input?.required && kind === "checkbox" ? "true" : undefined,
  })}>${items}</div>`;
}

function textInput(el: Json, at: Placement, ctx: ElementContext, type: string): string {
  const placeholder = textOf(el.placeholder, ctx) || undefined;
  const value = str(el.initial_value);
  const base = { class: "bk-text-input", ...common(el, at), ...single(at), placeholder };
  if (type === "textarea") {
    // The parser drops one newline right after <textarea>: this one, not the value's own.
    return `<textarea${attrs({ ...base, rows: 4, minlength: str(el.min_length), maxlength: str(el.max_length) })}>\n${escapeHtml(value ?? "")}</textarea>`;
  }
  const numeric =
    type === "number"
      ? {
          min: str(el.min_value),
          max: str(el.max_value),
          step: el.is_decimal_allowed === true ? "any" : "1",
          inputmode: el.is_decimal_allowed === true ? "decimal" : "numeric",
        }
      : {};
  const lengths = type === "text" ? { minlength: str(el.min_length), maxlength: str(el.max_length) } : {};
  return `<input${attrs({ type, ...base, ...numeric, ...lengths, value })}>`;
}

function picker(el: Json, at: Placement, type: "date" | "time"): string {
  const initial = str(type === "date" ? el.initial_date : el.initial_time);
  const valid = initial && (type === "date" ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{2}:\d{2}$/).test(initial) ? initial : undefined;
  return `<input${attrs({ type, class: "bk-picker", ...common(el, at), ...single(at), value: valid })}>`;
}

/** An image element (in a context block or as a section's accessory). */
export function imageElement(el: Json, className: string): string {
  const src = str(el.image_url) ? safeUrl(str(el.image_url)!, { mailto: false }) : null;
  const alt = str(el.alt_text) ?? "";
  return src
    ? `<img${attrs({ class: className, src, alt, loading: "lazy" })}>`
    : `<span class="bk-image-alt">${escapeHtml(alt ? `[${alt}]` : "[image]")}</span>`;
}

/** One element as HTML, placed in its block. */
export function renderElement(raw: unknown, at: Placement, ctx: ElementContext): string {
  if (!isJson(raw)) return unsupported("element", undefined);
  const el = raw;
  switch (el.type) {
    case "button":
      return button(el, at, ctx);
    case "static_select":
      return staticSelect(el, at, ctx, false);
    case "multi_static_select":
      return staticSelect(el, at, ctx, true);
    case "users_select":
      return usersSelect(el, at, ctx, false);
    case "multi_users_select":
      return usersSelect(el, at, ctx, true);
    case "conversations_select":
    case "channels_select":
      return channelsSelect(el, at, ctx);
    case "overflow":
      return overflow(el, at, ctx);
    case "datepicker":
      return picker(el, at, "date");
    case "timepicker":
      return picker(el, at, "time");
    case "checkboxes":
      return choices(el, at, ctx, "checkbox");
    case "radio_buttons":
      return choices(el, at, ctx, "radio");
    case "plain_text_input":
      return textInput(el, at, ctx, el.multiline === true ? "textarea" : "text");
    case "rich_text_input":
      return textInput(el, at, ctx, "textarea");
    case "number_input":
      return textInput(el, at, ctx, "number");
    case "url_text_input":
      return textInput(el, at, ctx, "url");
    case "email_text_input":
      return textInput(el, at, ctx, "email");
    case "image":
      return imageElement(el, "bk-accessory-image");
    default:
      return unsupported("element", el.type);
  }
}
