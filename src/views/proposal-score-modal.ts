/** A reviewer's rubric: three criteria scored 1-5 and a comment, or an abstention for a conflict of interest. */
import type { InputBlock, KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import { contextLine, input, modal, mrkdwnSection, option, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const SCORE_CALLBACK = "proposal_score";

export const RUBRIC = [
  { key: "need", label: "Need", question: "Does it answer a real need of member schools?" },
  { key: "plan", label: "Plan", question: "Are its audience and deliverable clear and achievable?" },
  { key: "facilitation", label: "Facilitation", question: "Can its facilitators lead it through the year?" },
] as const;
export type Criterion = (typeof RUBRIC)[number]["key"];
export type Scores = Record<Criterion, number>;

/** Block ids: each criterion's key, then these. */
export const SCORE_BLOCKS = { abstain: "abstain", comment: "comment" } as const;
export const scoreActionOf = (block: string) => `score_${block}`;
const ABSTAIN = "conflict_of_interest";
export const SCORE_ABSTAIN_ACTION = scoreActionOf(SCORE_BLOCKS.abstain);
const COMMENT_MAX = 1000;
const MISSING_SCORE = "Score this from 1 to 5, or tick the conflict of interest above to abstain.";

export interface ScoreModalInput {
  proposalId: string;
  title: string;
  programmeName: string;
  summary: string;
  previous: { scores: Partial<Scores> | null; abstained: boolean; comment: string | null } | null;
}

const points = [1, 2, 3, 4, 5].map((n) => option(n === 1 ? "1 · weak" : n === 5 ? "5 · strong" : String(n), String(n)));
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * Scores are required (Slack marks none "(optional)"); abstaining is a choice that takes them
 * away: ticking it dispatches an action and the modal comes back without them (`abstaining`).
 */
export function scoreModal(
  { proposalId, title, programmeName, summary, previous }: ScoreModalInput,
  abstaining = previous?.abstained ?? false,
): ModalView {
  const criteria: KnownBlock[] = abstaining
    ? [contextLine("You abstain: staff see a conflict of interest and no scores from you. Untick the box to score instead.")]
    : RUBRIC.map((c) => {
        const before = previous?.scores?.[c.key];
        return input(c.key, `${c.label}: ${c.question}`, {
          type: "radio_buttons",
          action_id: scoreActionOf(c.key),
          options: points,
          ...(before ? { initial_option: points[before - 1] } : {}),
        });
      });
  const abstain = option("I have a conflict of interest and abstain", ABSTAIN);
  const abstainBlock: InputBlock = {
    ...input(
      SCORE_BLOCKS.abstain,
      "Conflict of interest",
      { type: "checkboxes", action_id: SCORE_ABSTAIN_ACTION, options: [abstain], ...(abstaining ? { initial_options: [abstain] } : {}) },
      { optional: true },
    ),
    dispatch_action: true,
  };
  const blocks: KnownBlock[] = [
    mrkdwnSection(`*${escapeMrkdwn(title)}* · ${escapeMrkdwn(programmeName)}\n${escapeMrkdwn(clip(summary, 600))}`),
    abstainBlock,
    ...criteria,
    input(
      SCORE_BLOCKS.comment,
      "Comment for staff",
      {
        type: "plain_text_input",
        action_id: scoreActionOf(SCORE_BLOCKS.comment),
        multiline: true,
        max_length: COMMENT_MAX,
        ...(previous?.comment ? { initial_value: previous.comment } : {}),
      },
      { optional: true },
    ),
  ];
  return modal({
    callbackId: SCORE_CALLBACK,
    title: "Review a proposal",
    submit: previous ? "Update review" : "Submit review",
    blocks,
    privateMetadata: proposalId,
  });
}

/** Whether the abstain box is ticked, in a block action's or a submission's state. */
export const isAbstaining = (values: StateValues) =>
  (
    (values[SCORE_BLOCKS.abstain]?.[SCORE_ABSTAIN_ACTION] as { selected_options?: { value: string }[] } | undefined)?.selected_options ?? []
  ).some((o) => o.value === ABSTAIN);

export type Review =
  | { abstained: true; scores: null; comment: string | null }
  | { abstained: false; scores: Scores; comment: string | null };

const point = z.enum(["1", "2", "3", "4", "5"]).optional();
const reviewSchema = z
  .object({
    need: point,
    plan: point,
    facilitation: point,
    [SCORE_BLOCKS.abstain]: z.array(z.string()).default([]),
    [SCORE_BLOCKS.comment]: z
      .string()
      .max(COMMENT_MAX, `Keep the comment under ${COMMENT_MAX + 1} characters.`)
      .optional(),
  })
  .superRefine((r, ctx) => {
    if (r.abstain.includes(ABSTAIN)) return;
    for (const c of RUBRIC) if (!r[c.key]) ctx.addIssue({ code: "custom", path: [c.key], message: MISSING_SCORE });
  });

export function parseReview(values: StateValues): Parsed<Review> {
  const parsed = parseModal(reviewSchema, values);
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  const comment = r.comment ?? null;
  if (r.abstain.includes(ABSTAIN)) return { ok: true, value: { abstained: true, scores: null, comment } };
  const scores = Object.fromEntries(RUBRIC.map((c) => [c.key, Number(r[c.key])])) as Scores;
  return { ok: true, value: { abstained: false, scores, comment } };
}
