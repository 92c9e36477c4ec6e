/**
 * The facilitation proposal modal, new (`/convene propose`, App Home) or editing one (the
 * proposer's Edit button), its parser, and the view it turns into once saved.
 */
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import {
  contextLine,
  input,
  messageModal,
  modal,
  mrkdwnSection,
  option,
  parseModal,
  type Parsed,
  plain,
  type StateValues,
} from "./modal-kit";
import { fallbackText, slackDate } from "./slack-date";

export const PROPOSAL_CALLBACK = "proposal";

/** Block ids double as the field names the proposal service reports problems against. */
export const PROPOSAL_BLOCKS = {
  programme: "programme",
  title: "title",
  summary: "summary",
  problem: "problem",
  audience: "audience",
  facilitators: "facilitators",
  otherName: "other_facilitator",
  otherOrganization: "other_organization",
  deliverable: "deliverable",
  format: "format",
  capacity: "capacity",
} as const;
const B = PROPOSAL_BLOCKS;
/** Each input's action id, from its block id. */
export const proposalActionOf = (block: string) => `proposal_${block}`;

export const DELIVERABLES = { WEBINAR: "Webinar", BLOG: "Blog post", TOOLKIT: "Toolkit", PODCAST: "Podcast", OTHER: "Other" } as const;
export type DeliverableKind = keyof typeof DELIVERABLES;
export const FORMATS = { virtual: "Virtual", in_person: "In person", hybrid: "Hybrid" } as const;
export type ProposalFormat = keyof typeof FORMATS;

export const PROPOSAL_LIMITS = {
  title: 100,
  summary: 1000,
  problem: 1000,
  audience: 300,
  name: 80,
  organization: 120,
  minCapacity: 2,
  maxCapacity: 100,
  facilitators: 2,
} as const;
const L = PROPOSAL_LIMITS;

export interface ProposalFields {
  programmeId: string;
  title: string;
  summary: string;
  problem: string;
  audience: string;
  /** Facilitators picked in Slack, and at most one named by hand (someone not in this Slack). */
  slackFacilitators: string[];
  otherFacilitator: { name: string; organization: string | null } | null;
  deliverableKind: DeliverableKind;
  format: ProposalFormat;
  capacity: number;
}

export interface ProgrammeChoice {
  id: string;
  name: string;
  /** The proposal deadline, if any; shown beside the programme. */
  dueAt: Date | null;
  timezone: string;
}

export interface ProposalModalInput {
  /** The programmes taking proposals; an edit offers only its own. */
  programmes: readonly ProgrammeChoice[];
  proposerSlackId: string;
  editing?: { proposalId: string; fields: ProposalFields };
}

const dueText = (p: ProgrammeChoice) =>
  p.dueAt ? `Due ${fallbackText(p.dueAt, "{date_short} at {time}", p.timezone)}` : "Open until staff close it";
const choice = (value: string, text: string, description?: string): PlainTextOption => ({
  ...option(text, value),
  ...(description ? { description: plain(description, 75) } : {}),
});
const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, text]) => option(text, value));

function text(
  block: string,
  label: string,
  max: number,
  opts: { multiline?: boolean; optional?: boolean; hint?: string; placeholder?: string; initial?: string } = {},
) {
  return input(
    block,
    label,
    {
      type: "plain_text_input",
      action_id: proposalActionOf(block),
      multiline: opts.multiline ?? false,
      max_length: max,
      ...(opts.placeholder ? { placeholder: plain(opts.placeholder, 150) } : {}),
      ...(opts.initial ? { initial_value: opts.initial } : {}),
    },
    { optional: opts.optional, hint: opts.hint },
  );
}

export function proposalModal({ programmes, proposerSlackId, editing }: ProposalModalInput): ModalView {
  const initial = editing?.fields;
  const programmeOptions = programmes.slice(0, 100).map((p) => choice(p.id, p.name, dueText(p)));
  const chosen =
    programmeOptions.find((o) => o.value === initial?.programmeId) ?? (programmeOptions.length === 1 ? programmeOptions[0] : undefined);
  const blocks: KnownBlock[] = [
    mrkdwnSection(
      editing
        ? "Change what you need and save: coalition staff see the updated proposal."
        : "Propose a group you would facilitate. Coalition staff review every proposal and answer you here in Slack.",
    ),
    input(B.programme, "Programme", {
      type: "static_select",
      action_id: proposalActionOf(B.programme),
      placeholder: plain("Choose a programme", 150),
      options: programmeOptions,
      ...(chosen ? { initial_option: chosen } : {}),
    }),
    text(B.title, "Group title", L.title, { initial: initial?.title, placeholder: "e.g. Restorative practices in middle school" }),
    text(B.summary, "Summary", L.summary, {
      multiline: true,
      initial: initial?.summary,
      hint: "A few sentences members read when they sign up.",
    }),
    text(B.problem, "The problem it addresses", L.problem, { multiline: true, initial: initial?.problem }),
    text(B.audience, "Who it is for", L.audience, { initial: initial?.audience, placeholder: "e.g. Deans of students and school leaders" }),
    input(
      B.facilitators,
      "Facilitators in this Slack",
      {
        type: "multi_users_select",
        action_id: proposalActionOf(B.facilitators),
        max_selected_items: L.facilitators,
        placeholder: plain("Pick facilitators", 150),
        initial_users: initial ? initial.slackFacilitators : [proposerSlackId],
      },
      { optional: true, hint: `${L.facilitators} facilitators at most, counting the one named below.` },
    ),
    text(B.otherName, "Or a facilitator not in this Slack: name", L.name, { optional: true, initial: initial?.otherFacilitator?.name }),
    text(B.otherOrganization, "Their organization", L.organization, {
      optional: true,
      initial: initial?.otherFacilitator?.organization ?? undefined,
    }),
    input(B.deliverable, "Planned deliverable", {
      type: "static_select",
      action_id: proposalActionOf(B.deliverable),
      placeholder: plain("What the group will produce", 150),
      options: choices(DELIVERABLES),
      ...(initial ? { initial_option: option(DELIVERABLES[initial.deliverableKind], initial.deliverableKind) } : {}),
    }),
    input(B.format, "Preferred format", {
      type: "static_select",
      action_id: proposalActionOf(B.format),
      placeholder: plain("How the group meets", 150),
      options: choices(FORMATS),
      ...(initial ? { initial_option: option(FORMATS[initial.format], initial.format) } : {}),
    }),
    input(
      B.capacity,
      "Capacity",
      {
        type: "number_input",
        action_id: proposalActionOf(B.capacity),
        is_decimal_allowed: false,
        min_value: String(L.minCapacity),
        max_value: String(L.maxCapacity),
        ...(initial ? { initial_value: String(initial.capacity) } : {}),
      },
      { hint: `How many participants, from ${L.minCapacity} to ${L.maxCapacity}.` },
    ),
  ];
  return modal({
    callbackId: PROPOSAL_CALLBACK,
    title: editing ? "Edit your proposal" : "Propose a group",
    submit: editing ? "Save changes" : "Submit proposal",
    blocks,
    privateMetadata: editing?.proposalId,
  });
}

const required = (max: number, missing: string) => z.string({ error: missing }).max(max, `Keep this under ${max + 1} characters.`);

const fieldsSchema = z.object({
  [B.programme]: z.string({ error: "Choose the programme this group is for." }),
  [B.title]: required(L.title, "Give the group a title."),
  [B.summary]: required(L.summary, "Summarize the group in a few sentences."),
  [B.problem]: required(L.problem, "Say which problem the group addresses."),
  [B.audience]: required(L.audience, "Say who the group is for."),
  [B.deliverable]: z.enum(Object.keys(DELIVERABLES) as [DeliverableKind, ...DeliverableKind[]], {
    error: "Choose what the group will produce.",
  }),
  [B.format]: z.enum(Object.keys(FORMATS) as [ProposalFormat, ...ProposalFormat[]], { error: "Choose how the group will meet." }),
  [B.capacity]: z
    .string({ error: "Say how many participants the group can take." })
    .regex(/^\d+$/, "Enter a whole number of participants, e.g. 20.")
    .transform(Number)
    .pipe(
      z
        .number()
        .min(L.minCapacity, `A group needs room for at least ${L.minCapacity} participants.`)
        .max(L.maxCapacity, `A group takes at most ${L.maxCapacity} participants.`),
    ),
});

// Parsed on its own, so that its problems show alongside the other fields' (a refinement only
// runs once the fields it refines are valid).
const facilitatorsSchema = z
  .object({
    [B.facilitators]: z.array(z.string()).max(L.facilitators, `Pick at most ${L.facilitators} facilitators.`).default([]),
    [B.otherName]: z
      .string()
      .max(L.name, `Keep the name under ${L.name + 1} characters.`)
      .optional(),
    [B.otherOrganization]: z
      .string()
      .max(L.organization, `Keep the organization under ${L.organization + 1} characters.`)
      .optional(),
  })
  .superRefine((f, ctx) => {
    const picked = f[B.facilitators];
    const named = f[B.otherName];
    if (!named && f[B.otherOrganization])
      ctx.addIssue({ code: "custom", path: [B.otherName], message: "Add the facilitator's name, or clear their organization." });
    const count = picked.length + (named ? 1 : 0);
    if (count === 0)
      ctx.addIssue({ code: "custom", path: [B.facilitators], message: "Add a facilitator: pick them here, or name one below." });
    // Reached only with at most two picked, so the one too many is the name.
    else if (count > L.facilitators) {
      ctx.addIssue({
        code: "custom",
        path: [B.otherName],
        message: `A group has at most ${L.facilitators} facilitators: clear this name or remove someone above.`,
      });
    }
  });

/** The submitted modal as proposal fields, or one message per bad block. */
export function parseProposal(values: StateValues): Parsed<ProposalFields> {
  const fields = parseModal(fieldsSchema, values);
  const people = parseModal(facilitatorsSchema, values);
  if (!fields.ok || !people.ok) return { ok: false, errors: { ...(people.ok ? {} : people.errors), ...(fields.ok ? {} : fields.errors) } };
  const f = fields.value;
  const p = people.value;
  const named = p[B.otherName];
  return {
    ok: true,
    value: {
      programmeId: f[B.programme],
      title: f[B.title],
      summary: f[B.summary],
      problem: f[B.problem],
      audience: f[B.audience],
      slackFacilitators: [...new Set(p[B.facilitators])],
      otherFacilitator: named ? { name: named, organization: p[B.otherOrganization] ?? null } : null,
      deliverableKind: f[B.deliverable],
      format: f[B.format],
      capacity: f[B.capacity],
    },
  };
}

/** Why a programme refuses a proposal, with the date (plain text: it shows under the programme field). */
export function closedError(programmeName: string, closedAt: Date | null, timezone: string): string {
  return closedAt
    ? `Proposals for ${programmeName} closed on ${fallbackText(closedAt, "{date_long} at {time}", timezone)}. Ask coalition staff if they can reopen them.`
    : `${programmeName} is not taking proposals. Ask coalition staff if they can open them.`;
}

/** The proposal being edited, from the modal's metadata; null for a new one. */
export const editedProposalId = (privateMetadata: string | undefined): string | null => privateMetadata?.trim() || null;

/** What the modal turns into once the proposal is saved. */
export function proposalSavedModal(p: {
  title: string;
  programmeName: string;
  edited: boolean;
  changeableUntil: Date | null;
  timezone: string;
}): ModalView {
  const until = p.changeableUntil
    ? `You can edit or withdraw it until ${slackDate(p.changeableUntil, "{date_long_pretty} at {time}", p.timezone)}, from Convene's message to you or its Home tab.`
    : "You can follow it from Convene's message to you or its Home tab.";
  // Not "with staff": the review card is posted after this answer, and Slack may refuse it.
  const what = p.edited ? "is updated" : "is received";
  return messageModal(
    p.edited ? "Proposal updated" : "Proposal received",
    `:white_check_mark: *${escapeMrkdwn(p.title)}* ${what} (${escapeMrkdwn(p.programmeName)}). Convene tells you here in Slack when they decide.`,
    [contextLine(until)],
  );
}
