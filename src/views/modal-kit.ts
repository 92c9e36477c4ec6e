/**
 * What every Convene modal shares: its titles, the loading and outcome views, and reading a
 * submitted view's state into plain values that the modal's zod schema then checks, with each
 * problem reported against the input block it belongs to.
 */
import type { InputBlock, KnownBlock, ModalView, PlainTextElement, PlainTextOption } from "@slack/types";
import type { z } from "zod";
import { escapeMrkdwn } from "./message";

const MODAL_TEXT = 24;
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export const plain = (text: string, max = 3000): PlainTextElement => ({ type: "plain_text", text: clip(text, max), emoji: true });
export const mrkdwnSection = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: clip(text, 3000) } });
export const contextLine = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text: clip(text, 3000) }] });
export const option = (text: string, value: string): PlainTextOption => ({ text: plain(text, 75), value });

export function modal(input: {
  callbackId?: string;
  title: string;
  submit?: string;
  close?: string;
  blocks: KnownBlock[];
  privateMetadata?: string;
}): ModalView {
  return {
    type: "modal",
    ...(input.callbackId ? { callback_id: input.callbackId } : {}),
    title: plain(input.title, MODAL_TEXT),
    ...(input.submit ? { submit: plain(input.submit, MODAL_TEXT) } : {}),
    close: plain(input.close ?? (input.submit ? "Cancel" : "Close"), MODAL_TEXT),
    blocks: input.blocks,
    ...(input.privateMetadata ? { private_metadata: input.privateMetadata } : {}),
  };
}

/** Shown the moment a trigger arrives, while Convene loads what the form needs. */
export function loadingModal(title: string): ModalView {
  return modal({ title, blocks: [mrkdwnSection(":hourglass_flowing_sand: One moment, loading…")] });
}

/** A modal that only says something: a refusal, or the outcome of a submission. */
export function messageModal(title: string, text: string, more: KnownBlock[] = []): ModalView {
  return modal({ title, blocks: [mrkdwnSection(text), ...more] });
}

/** Shown as a submission's answer when its save takes longer than Slack waits; the outcome replaces it. */
export const savingModal = (title: string) => messageModal(title, ":hourglass_flowing_sand: Saving…");

/** A submitted view as Slack sends it back: its blocks as they were shown, and what was entered. */
export interface SubmittedForm {
  callback_id: string;
  title: PlainTextElement;
  submit?: PlainTextElement | null;
  close?: PlainTextElement | null;
  private_metadata?: string;
  blocks: readonly unknown[];
  state: { values: Record<string, Record<string, Record<string, unknown>>> };
}

/** Each element's submitted value as the initial value Block Kit takes for it. */
function initialValue(v: Record<string, unknown> | undefined): Record<string, unknown> {
  const some = (key: string, value: unknown) =>
    value === undefined || value === null || (Array.isArray(value) && value.length === 0) ? {} : { [key]: value };
  switch (v?.type) {
    case "plain_text_input":
    case "url_text_input":
    case "email_text_input":
    case "number_input":
      return some("initial_value", v.value);
    case "rich_text_input":
      return some("initial_value", v.rich_text_value);
    case "static_select":
    case "external_select":
    case "radio_buttons":
      return some("initial_option", v.selected_option);
    case "multi_static_select":
    case "multi_external_select":
    case "checkboxes":
      return some("initial_options", v.selected_options);
    case "users_select":
      return some("initial_user", v.selected_user);
    case "multi_users_select":
      return some("initial_users", v.selected_users);
    case "conversations_select":
      return some("initial_conversation", v.selected_conversation);
    case "multi_conversations_select":
      return some("initial_conversations", v.selected_conversations);
    case "channels_select":
      return some("initial_channel", v.selected_channel);
    case "multi_channels_select":
      return some("initial_channels", v.selected_channels);
    case "datepicker":
      return some("initial_date", v.selected_date);
    case "timepicker":
      return some("initial_time", v.selected_time);
    default:
      return {};
  }
}

/**
 * The submitted form again, as it was filled in, after a save that finished past the ack was
 * refused: each field's problem in its hint (a view update cannot mark fields as an ack can),
 * and `note` above the form.
 */
export function formAgain(form: SubmittedForm, note: string, problems: Readonly<Record<string, string>>): ModalView {
  const blocks = form.blocks.map((raw) => {
    const b = raw as InputBlock & { element: { action_id?: string } };
    if (b.type !== "input" || !b.block_id) return raw as KnownBlock;
    const value = form.state.values[b.block_id]?.[b.element.action_id ?? ""];
    const problem = problems[b.block_id];
    return {
      ...b,
      element: { ...b.element, ...initialValue(value) },
      ...(problem ? { hint: plain(`⚠️ ${problem}`, 2000) } : {}),
    } as KnownBlock;
  });
  return {
    type: "modal",
    callback_id: form.callback_id,
    title: form.title,
    ...(form.submit ? { submit: form.submit } : {}),
    ...(form.close ? { close: form.close } : {}),
    ...(form.private_metadata ? { private_metadata: form.private_metadata } : {}),
    blocks: [mrkdwnSection(note), ...blocks],
  };
}

/** A refusal whose text came from plain sentences (not mrkdwn). */
export const refusalModal = (title: string, reason: string) => messageModal(title, `:no_entry_sign: ${escapeMrkdwn(reason)}`);

export function input(
  blockId: string,
  label: string,
  element: InputBlock["element"],
  opts: { optional?: boolean; hint?: string } = {},
): InputBlock {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label, 2000),
    element,
    optional: opts.optional ?? false,
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
  };
}

/** One element's state as Slack submits it. */
export interface StateEntry {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_users?: string[];
  selected_user?: string | null;
  selected_conversation?: string | null;
  selected_date?: string | null;
  selected_time?: string | null;
}
export type StateValues = Record<string, Record<string, StateEntry>>;

/** The value of each input block, by block id: a string, a list, or undefined when left empty. */
export function readState(values: StateValues): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [blockId, byAction] of Object.entries(values)) {
    const entry = Object.values(byAction)[0];
    if (!entry) continue;
    if (entry.selected_options) out[blockId] = entry.selected_options.map((o) => o.value);
    else if (entry.selected_users) out[blockId] = entry.selected_users;
    else if (entry.selected_option !== undefined) out[blockId] = entry.selected_option?.value ?? undefined;
    else if (entry.selected_user !== undefined) out[blockId] = entry.selected_user ?? undefined;
    else if (entry.selected_conversation !== undefined) out[blockId] = entry.selected_conversation ?? undefined;
    else if (entry.selected_date !== undefined) out[blockId] = entry.selected_date ?? undefined;
    else if (entry.selected_time !== undefined) out[blockId] = entry.selected_time ?? undefined;
    else {
      // PostgreSQL text cannot hold NUL (SQLite can): dropped, so a pasted one is not a failed save.
      const text = entry.value?.replaceAll("\u0000", "").trim();
      out[blockId] = text ? text : undefined;
    }
  }
  return out;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** Checks a submitted view against a schema whose keys are the modal's block ids; one message per bad block. */
export function parseModal<T>(schema: z.ZodType<T>, values: StateValues, extra: Record<string, unknown> = {}): Parsed<T> {
  const result = schema.safeParse({ ...readState(values), ...extra });
  if (result.success) return { ok: true, value: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const blockId = String(issue.path[0] ?? "");
    errors[blockId] ??= issue.message;
  }
  return { ok: false, errors };
}
