/**
 * Block Kit as HTML for the sandbox page (issue #7): the blocks of messages, the Home tab and
 * modals, rendered on the server for one reader, as pure functions of the JSON the local Slack
 * holds and a small context (the reader's zone, names for ids, the people to pick from).
 *
 * The HTML contract the page's script codes against:
 * - Safety. Every string from the blocks is escaped; links and images are only http(s) (links also
 *   mailto). Nothing from a block can add markup or a script.
 * - Blocks. `renderBlocks` returns `<div class="bk-blocks">` holding one element per block, each
 *   with class `bk-block bk-<kind>` and `data-block-id`. A block's id is its `block_id`; when it has
 *   none, the block's index ("0", "1", …). Blocks the local Slack stores always have one (it fills
 *   in a generated id as Slack does), so the index is only seen when rendering a builder's output
 *   directly, and such an id matches nothing in the local Slack. Unknown block types show
 *   `[unsupported block: type]`; unknown elements `[unsupported element: type]`.
 *   section → `div.bk-section` (`.bk-text`, `.bk-fields` > `.bk-field` as a 2-column grid,
 *   `.bk-accessory`); header → `h3.bk-header`; context → `div.bk-context` (`img.bk-context-image`,
 *   `span.bk-context-text`); divider → `hr`; actions → `div.bk-actions`; image → `figure.bk-image`;
 *   input → `div.bk-input` (label, control, `.bk-hint`, `.bk-error`); rich_text → `div.bk-rich-text`.
 *   mrkdwn dates are `<time class="bk-date" datetime title>`, mentions `span.bk-mention` with
 *   `data-user-id` and `span.bk-channel` with `data-channel-id`.
 * - Actions (elements outside input blocks: button, static_select, users_select, conversations_select,
 *   multi_users_select, overflow, datepicker, timepicker, checkboxes, radio_buttons). Each carries
 *   `data-action-id`, `data-block-id`, `data-element-type`; the page calls the local Slack's
 *   `clickButton({ userId, actionId, blockId, … })` for a button and `selectOption({ …, selected })`
 *   for the rest (the value, or the list for `data-multi="true"`).
 *   Buttons: `<button type="button" class="bk-button[ bk-primary| bk-danger]" data-value>`, plus
 *   `data-url` (open it too) and `data-confirm` (JSON `{title, text, confirm, deny, style?}` as plain
 *   strings: ask first). Selects: `<select class="bk-select">` whose option values are the Block
 *   Kit values, the initial option selected, and a disabled placeholder option `value=""`; an
 *   overflow menu is a `<select class="bk-overflow">` whose options may carry `data-url`.
 * - Inputs (elements inside input blocks `<div class="bk-block bk-input">`). Each control has
 *   `name="<block_id>"`, `data-input="true"`, the three data attributes above, `data-multi="true"`
 *   for multi-selects and checkboxes, its initial value applied, and `required` unless the block
 *   is `optional` (a required checkbox group has `data-required="true"` on its `bk-checkboxes`
 *   wrapper instead, since `required` on a checkbox means that box). A select's placeholder
 *   option has `value=""`. An input block with `dispatch_action: true` has `data-dispatch="true"`
 *   (the page then also calls `selectOption` on change, like the actions above).
 *   `opts.errors[block_id]` shows under its input as
 *   `<div class="bk-error" data-error-for="block_id">message</div>` (the block gets
 *   `bk-has-error`); an error for a block id that is no input shows at the top, so it is not lost.
 * - Views. `renderView` of a modal: `<form class="bk-modal" data-view-id data-callback-id>` with
 *   `<header class="bk-modal-header">` (the title), `<div class="bk-modal-body">` (the blocks) and
 *   `<footer class="bk-modal-footer">`: `<button type="button" data-role="close">` (the close text,
 *   "Cancel" by default) and, only when the view has one, `<button type="submit"
 *   data-role="submit">` (so the browser refuses to submit empty required fields, as Slack's
 *   client does). Of a Home tab: `<div class="bk-home" data-view-id>`. The view id is `view.id`:
 *   the local Slack keeps it beside the JSON (`ViewRecord.id`), so pass `{ id: record.id, ...record.view }`.
 * - Look. `BLOCK_KIT_CSS` styles all of it (every rule under a `bk-` class).
 */
import { BLOCK_KIT_CSS } from "./block-kit-css";
import { imageElement, isJson, type Json, list, type Placement, renderElement, str, textHtml, unsupported } from "./block-kit-elements";
import { attrs, escapeHtml } from "./html-escape";
import { renderMrkdwn as mrkdwnHtml, renderText as textObjectHtml } from "./mrkdwn-html";
import { richTextHtml } from "./rich-text-html";

export { BLOCK_KIT_CSS };

export interface RenderContext {
  tz: string; // viewer's IANA zone, for <!date^...> tokens
  now?: Date; // for {date_pretty}-style "Today"/"Tomorrow" (optional)
  userName(id: string): string | undefined; // <@U123> mentions and users_select options
  channelName(id: string): string | undefined; // <#C123> mentions
  users: Array<{ id: string; name: string }>; // options for users_select / multi_users_select
  channels?: Array<{ id: string; name: string }>; // options for conversations_select / channels_select
}

/** Slack mrkdwn → safe HTML, for one reader (see mrkdwn-html.ts for what it covers). */
export function renderMrkdwn(text: string, ctx: RenderContext): string {
  return mrkdwnHtml(text, ctx);
}

/** A text object: plain_text escaped (emoji converted unless `emoji: false`), mrkdwn rendered. */
export function renderText(obj: { type: "plain_text" | "mrkdwn"; text: string; emoji?: boolean }, ctx: RenderContext): string {
  return textObjectHtml(obj, ctx);
}

/**
 * What the page sends back when a modal is submitted, collected from the form this module
 * renders: per input block, its element's value by action id,
 * `{ [block_id]: { [action_id]: string | string[] } }`. That is exactly the shorthand the local
 * Slack's `submitView({ viewId, values })` accepts (src/local-slack/README.md, "Acting as Slack";
 * `stateValueFor` in src/local-slack/view-state.ts turns it into Slack's view.state):
 * - for each `.bk-input` block, the controls with `data-input="true"` (all share `name` = block id
 *   and carry `data-action-id`);
 * - a string for text, number, url and email inputs (the text as typed), a single select and
 *   radio buttons (the chosen option's value), a date picker ("YYYY-MM-DD"), a time picker
 *   ("HH:mm") and users_select (the user id);
 * - a string[] for controls with `data-multi="true"` (multi-selects: the selected options' values;
 *   checkboxes: the checked boxes' values), `[]` when none;
 * - null for a single select, radio group, date, time or user left empty: `""` is no option's
 *   value and the local Slack would refuse it, while null means "nothing chosen" there.
 */
export type SubmittedValues = Record<string, Record<string, string | string[] | null>>;

interface Errors {
  byBlock: Record<string, string>;
  /** Block ids whose error was shown under an input. */
  shown: Set<string>;
}

function inputBlock(block: Json, blockId: string, ctx: RenderContext, errors: Errors, idPrefix: string): string {
  const element = isJson(block.element) ? block.element : {};
  const optional = block.optional === true;
  const error = Object.hasOwn(errors.byBlock, blockId) ? errors.byBlock[blockId] : undefined;
  if (error !== undefined) errors.shown.add(blockId);
  const controlId = `${idPrefix}-${blockId.replace(/\s/g, "_")}`;
  const labelId = `${controlId}-label`;
  const placement: Placement = { blockId, input: { controlId, labelId, required: !optional, invalid: error !== undefined } };
  const isGroup = element.type === "checkboxes" || element.type === "radio_buttons";
  const labelInner = `${textHtml(block.label, ctx)}${optional ? ' <span class="bk-optional">(optional)</span>' : ""}`;
  const label = isGroup
    ? `<div${attrs({ class: "bk-label", id: labelId })}>${labelInner}</div>`
    : `<label${attrs({ class: "bk-label", id: labelId, for: controlId })}>${labelInner}</label>`;
  const hint = isJson(block.hint) ? `<div class="bk-hint">${textHtml(block.hint, ctx)}</div>` : "";
  const errorLine =
    error !== undefined ? `<div${attrs({ class: "bk-error", "data-error-for": blockId, role: "alert" })}>${escapeHtml(error)}</div>` : "";
  return `<div${attrs({
    class: `bk-block bk-input${error !== undefined ? " bk-has-error" : ""}`,
    "data-block-id": blockId,
    "data-optional": optional ? "true" : undefined,
    "data-dispatch": block.dispatch_action === true ? "true" : undefined,
  })}>${label}${renderElement(block.element, placement, ctx)}${hint}${errorLine}</div>`;
}

function section(block: Json, blockId: string, ctx: RenderContext): string {
  const text = isJson(block.text) ? `<div class="bk-text">${textHtml(block.text, ctx)}</div>` : "";
  const fields = list(block.fields);
  const grid = fields.length
    ? `<div class="bk-fields">${fields.map((f) => `<div class="bk-field">${textHtml(f, ctx)}</div>`).join("")}</div>`
    : "";
  const accessory = isJson(block.accessory) ? `<div class="bk-accessory">${renderElement(block.accessory, { blockId }, ctx)}</div>` : "";
  return `<div${attrs({ class: "bk-block bk-section", "data-block-id": blockId })}><div class="bk-section-main">${text}${grid}</div>${accessory}</div>`;
}

function context(block: Json, blockId: string, ctx: RenderContext): string {
  const items = list(block.elements)
    .filter(isJson)
    .map((e) => (e.type === "image" ? imageElement(e, "bk-context-image") : `<span class="bk-context-text">${textHtml(e, ctx)}</span>`))
    .join("");
  return `<div${attrs({ class: "bk-block bk-context", "data-block-id": blockId })}>${items}</div>`;
}

function image(block: Json, blockId: string, ctx: RenderContext): string {
  const title = isJson(block.title) ? `<figcaption class="bk-image-title">${textHtml(block.title, ctx)}</figcaption>` : "";
  return `<figure${attrs({ class: "bk-block bk-image", "data-block-id": blockId })}>${title}${imageElement(block, "bk-image-img")}</figure>`;
}

function renderBlock(raw: unknown, index: number, ctx: RenderContext, errors: Errors, idPrefix: string): string {
  const block: Json = isJson(raw) ? raw : {};
  const blockId = str(block.block_id) ?? String(index);
  const at = { "data-block-id": blockId };
  switch (block.type) {
    case "section":
      return section(block, blockId, ctx);
    case "header":
      return `<h3${attrs({ class: "bk-block bk-header", ...at })}>${textHtml(block.text, ctx)}</h3>`;
    case "divider":
      return `<hr${attrs({ class: "bk-block bk-divider", ...at })}>`;
    case "context":
      return context(block, blockId, ctx);
    case "actions":
      return `<div${attrs({ class: "bk-block bk-actions", ...at })}>${list(block.elements)
        .map((e) => renderElement(e, { blockId }, ctx))
        .join("")}</div>`;
    case "image":
      return image(block, blockId, ctx);
    case "input":
      return inputBlock(block, blockId, ctx, errors, idPrefix);
    case "rich_text":
      return `<div${attrs({ class: "bk-block bk-rich-text", ...at })}>${richTextHtml(block, ctx)}</div>`;
    default:
      return `<div${attrs({ class: "bk-block bk-unsupported", ...at })}>${unsupported("block", block.type)}</div>`;
  }
}

function blocksHtml(blocks: unknown, ctx: RenderContext, errorsByBlock: Record<string, string> | undefined, idPrefix: string): string {
  const errors: Errors = { byBlock: isJson(errorsByBlock) ? (errorsByBlock as Record<string, string>) : {}, shown: new Set() };
  const body = list(blocks)
    .map((b, i) => renderBlock(b, i, ctx, errors, idPrefix))
    .join("");
  const unmatched = Object.entries(errors.byBlock).filter(([id]) => !errors.shown.has(id));
  const top = unmatched.length
    ? `<div class="bk-errors-unmatched">${unmatched.map(([id, message]) => `<div${attrs({ class: "bk-error", "data-error-for": id, role: "alert" })}>${escapeHtml(`${id}: ${String(message)}`)}</div>`).join("")}</div>`
    : "";
  return `<div class="bk-blocks">${top}${body}</div>`;
}

/** A message's or a view's blocks, for one reader. */
export function renderBlocks(blocks: unknown[], ctx: RenderContext, opts?: { errors?: Record<string, string> }): string {
  return blocksHtml(blocks, ctx, opts?.errors, "bk");
}

/** A modal (title, blocks, close and submit buttons) or a Home tab, for one reader. */
export function renderView(view: unknown, ctx: RenderContext, opts?: { errors?: Record<string, string> }): string {
  const v: Json = isJson(view) ? view : {};
  const viewId = str(v.id);
  // Input ids must be unique on a page that may show a Home tab and a modal at once.
  const idPrefix = `bk-${(viewId ?? str(v.type) ?? "view").replace(/\s/g, "_")}`;
  const blocks = blocksHtml(v.blocks, ctx, opts?.errors, idPrefix);
  if (v.type === "home") return `<div${attrs({ class: "bk-home", "data-view-id": viewId, "data-view-type": "home" })}>${blocks}</div>`;
  if (v.type !== "modal") return `<div${attrs({ class: "bk-view", "data-view-id": viewId })}>${unsupported("view", v.type)}${blocks}</div>`;
  const title = textHtml(v.title, ctx);
  const close = textHtml(v.close, ctx) || "Cancel";
  const submit = isJson(v.submit)
    ? `<button${attrs({ type: "submit", class: "bk-button bk-primary", "data-role": "submit" })}>${textHtml(v.submit, ctx)}</button>`
    : "";
  return (
    `<form${attrs({
      class: "bk-modal",
      "data-view-id": viewId,
      "data-view-type": "modal",
      "data-callback-id": str(v.callback_id),
      "data-notify-on-close": v.notify_on_close === true ? "true" : undefined,
      // Slack marks an empty required field with red text under it, not the browser's pop-up.
      novalidate: "novalidate",
    })}>` +
    `<header class="bk-modal-header"><h2 class="bk-modal-title">${title}</h2></header>` +
    `<div class="bk-modal-body">${blocks}</div>` +
    `<footer class="bk-modal-footer"><button${attrs({ type: "button", class: "bk-button", "data-role": "close" })}>${close}</button>${submit}</footer>` +
    `</form>`
  );
}
