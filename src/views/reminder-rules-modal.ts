/**
 * Staff view and replace the reminder rules of a programme or of one group: one field per kind of
 * reminder, prefilled with the rules in force, written as "7d, 1d, 1h virtual". Pure.
 */
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { MAX_OFFSETS, type OffsetItem, type RuleSource, describeOffset, formatOffsetList, parseOffsetList } from "../domain/reminder-rules";
import { escapeMrkdwn } from "./message";
import { contextLine, input, messageModal, modal, mrkdwnSection, parseModal, type Parsed, plain, type StateValues } from "./modal-kit";

export const RULES_CALLBACK = "reminder_rules";
export const RULES_TITLE = "Reminder rules";
/** Block ids; each input's action id is the same with `_input`. */
export const RULES_BLOCKS = {
  sessionChannel: "rules_session_channel",
  sessionAnnouncements: "rules_session_announcements",
  sessionDm: "rules_session_dm",
  deadline: "rules_deadline",
} as const;
export const rulesActionOf = (blockId: string) => `${blockId}_input`;

export interface RulesScopeView {
  programmeId: string;
  programmeName: string;
  /** Null: the programme as a whole. */
  groupId: string | null;
  groupName: string | null;
}

/** The rules in force in a scope, per field, and where they come from. */
export interface RulesForm {
  scope: RulesScopeView;
  session: { channel: OffsetItem[]; announcements: OffsetItem[]; dm: OffsetItem[]; source: RuleSource };
  /** Deadlines are programme-wide: null for a group. */
  deadline: { announcements: OffsetItem[]; source: RuleSource } | null;
}

export interface RulesSubmission {
  session: { channel: OffsetItem[]; announcements: OffsetItem[]; dm: OffsetItem[] };
  /** Null for a group. */
  deadline: OffsetItem[] | null;
}

const scopeLabel = (s: RulesScopeView) =>
  s.groupName ? `${escapeMrkdwn(s.groupName)} · ${escapeMrkdwn(s.programmeName)}` : escapeMrkdwn(s.programmeName);

function sourceText(source: RuleSource, scope: RulesScopeView): string {
  if (source === "defaults") return "Convene's built-in defaults";
  if (source === "group") return "this group's own rules";
  return scope.groupId ? `${escapeMrkdwn(scope.programmeName)}'s rules` : "this programme's own rules";
}

/** What emptying a target's fields falls back to. */
const inheritedText = (scope: RulesScopeView) =>
  scope.groupId ? `${escapeMrkdwn(scope.programmeName)}'s rules` : "Convene's built-in defaults";

function offsetsInput(blockId: string, label: string, items: readonly OffsetItem[], hint?: string) {
  const initial = formatOffsetList(items);
  return input(
    blockId,
    label,
    {
      type: "plain_text_input",
      action_id: rulesActionOf(blockId),
      max_length: 200,
      placeholder: plain("e.g. 7d, 1d, 1h virtual", 150),
      ...(initial ? { initial_value: initial } : {}),
    },
    { optional: true, ...(hint ? { hint } : {}) },
  );
}

export function reminderRulesModal(form: RulesForm): ModalView {
  const { scope } = form;
  const where = scope.groupId ? "this group" : "this programme";
  const blocks = [
    mrkdwnSection(
      `*${scopeLabel(scope)}*\nThe fields show the reminders in force now. Saving replaces them for ${where}; reminders already planned follow within a minute.`,
    ),
    contextLine(
      [
        `Session reminders now follow ${sourceText(form.session.source, scope)}.`,
        form.deadline ? `Deadline reminders follow ${sourceText(form.deadline.source, scope)}.` : null,
      ]
        .filter(Boolean)
        .join(" "),
    ),
    offsetsInput(
      RULES_BLOCKS.sessionChannel,
      "Before sessions: in the group's channel",
      form.session.channel,
      "A session for everyone is announced in the announcement channel instead.",
    ),
    offsetsInput(RULES_BLOCKS.sessionAnnouncements, "Before sessions: in the announcement channel", form.session.announcements),
    offsetsInput(RULES_BLOCKS.sessionDm, "Before sessions: by DM to members who turned DMs on", form.session.dm),
    ...(form.deadline
      ? [offsetsInput(RULES_BLOCKS.deadline, "Before deadlines: in the announcement channel", form.deadline.announcements)]
      : []),
    contextLine(
      `Write up to ${MAX_OFFSETS} times like \`7d\`, \`1d\`, \`2h\` or \`30m\`, separated by commas; add \`virtual\` or \`in person\` to remind only before such sessions. Empty all the session fields${form.deadline ? " (or the deadline field)" : ""} to follow ${inheritedText(scope)} again.`,
    ),
  ];
  return modal({
    callbackId: RULES_CALLBACK,
    title: RULES_TITLE,
    submit: "Save rules",
    blocks,
    privateMetadata: JSON.stringify({ programmeId: scope.programmeId, groupId: scope.groupId }),
  });
}

const offsets = (formats: boolean) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      const parsed = parseOffsetList(text ?? "", { formats });
      if (parsed.ok) return parsed.items;
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    });

/** `deadlines` is false for a group's rules: a deadline field in a forged submission is ignored. */
export function parseRulesModal(values: StateValues, opts: { deadlines: boolean }): Parsed<RulesSubmission> {
  const schema = z.object({
    [RULES_BLOCKS.sessionChannel]: offsets(true),
    [RULES_BLOCKS.sessionAnnouncements]: offsets(true),
    [RULES_BLOCKS.sessionDm]: offsets(true),
    [RULES_BLOCKS.deadline]: offsets(false),
  });
  const known = Object.fromEntries(Object.entries(values).filter(([blockId]) => opts.deadlines || blockId !== RULES_BLOCKS.deadline));
  const parsed = parseModal(schema, known);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return {
    ok: true,
    value: {
      session: {
        channel: v[RULES_BLOCKS.sessionChannel],
        announcements: v[RULES_BLOCKS.sessionAnnouncements],
        dm: v[RULES_BLOCKS.sessionDm],
      },
      deadline: opts.deadlines ? v[RULES_BLOCKS.deadline] : null,
    },
  };
}

const offsetsText = (items: readonly OffsetItem[]) =>
  items
    .map(
      (i) =>
        `${describeOffset(i.offsetMinutes)}${i.onlyFormat === "VIRTUAL" ? " (virtual sessions)" : i.onlyFormat === "IN_PERSON" ? " (in-person sessions)" : ""}`,
    )
    .join(", ");

/** The rules in force, as a reader sees them: each kind of reminder and how long before. */
export function rulesSummary(form: RulesForm): string {
  const line = (label: string, items: readonly OffsetItem[]) => (items.length ? [`• ${label}: ${offsetsText(items)} before`] : []);
  const session = [
    ...line("In the group's channel", form.session.channel),
    ...line("In the announcement channel", form.session.announcements),
    ...line("By DM", form.session.dm),
  ];
  const parts = [
    `*Before sessions* (${sourceText(form.session.source, form.scope)})\n${session.length ? session.join("\n") : "• No reminders"}`,
  ];
  if (form.deadline) {
    const deadline = line("In the announcement channel", form.deadline.announcements);
    parts.push(
      `*Before deadlines* (${sourceText(form.deadline.source, form.scope)})\n${deadline.length ? deadline.join("\n") : "• No reminders"}`,
    );
  }
  return parts.join("\n\n");
}

export function rulesSavedModal(form: RulesForm): ModalView {
  return messageModal(
    RULES_TITLE,
    `:white_check_mark: Saved for *${scopeLabel(form.scope)}*. Reminders already planned follow within a minute.`,
    [mrkdwnSection(rulesSummary(form))],
  );
}
