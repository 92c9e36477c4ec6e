import type { StateValues } from "../../src/views/modal-kit";
import { NOTE_BLOCK, NOTE_CALLBACKS, noteModal, parseNote } from "../../src/views/proposal-note-modal";
import { parseReview, RUBRIC, SCORE_BLOCKS, scoreActionOf, scoreModal } from "../../src/views/proposal-score-modal";
import { errorsOnly, validateView } from "../../src/local-slack";

function scores(over: Record<string, unknown>): StateValues {
  const values: Record<string, unknown> = {
    need: { type: "radio_buttons", selected_option: { value: "4" } },
    plan: { type: "radio_buttons", selected_option: { value: "5" } },
    facilitation: { type: "radio_buttons", selected_option: { value: "3" } },
    [SCORE_BLOCKS.abstain]: { type: "checkboxes", selected_options: [] },
    [SCORE_BLOCKS.comment]: { type: "plain_text_input", value: null },
    ...over,
  };
  return Object.fromEntries(Object.entries(values).map(([b, v]) => [b, { [scoreActionOf(b)]: v }])) as StateValues;
}
const abstain = { type: "checkboxes", selected_options: [{ value: "conflict_of_interest" }] };
const none = { type: "radio_buttons", selected_option: null };

describe("the rubric", () => {
  const input = { proposalId: "prop_1", title: "Restorative practices", programmeName: "CoP", summary: "S".repeat(2000) };

  it("passes Slack's Block Kit checks, first time and with a previous review", () => {
    expect(errorsOnly(validateView(scoreModal({ ...input, previous: null }), { expectedType: "modal" }))).toEqual([]);
    const again = scoreModal({ ...input, previous: { scores: { need: 2, plan: 3, facilitation: 4 }, abstained: false, comment: "ok" } });
    expect(errorsOnly(validateView(again, { expectedType: "modal" }))).toEqual([]);
    expect(again.submit?.text).toBe("Update review");
    expect(again.private_metadata).toBe("prop_1");
    expect(JSON.stringify(again.blocks)).toContain('"initial_option":{"text":{"type":"plain_text","text":"2","emoji":true},"value":"2"}');
  });

  it("reads three scores and a comment", () => {
    expect(parseReview(scores({ [SCORE_BLOCKS.comment]: { type: "plain_text_input", value: "Clear plan" } }))).toEqual({
      ok: true,
      value: { abstained: false, scores: { need: 4, plan: 5, facilitation: 3 }, comment: "Clear plan" },
    });
  });

  it("asks for each missing score under its criterion, unless the reviewer abstains", () => {
    expect(parseReview(scores({ need: none, facilitation: none }))).toEqual({
      ok: false,
      errors: {
        need: "Score this from 1 to 5, or tick the conflict of interest above to abstain.",
        facilitation: "Score this from 1 to 5, or tick the conflict of interest above to abstain.",
      },
    });
    expect(parseReview(scores({ need: none, plan: none, facilitation: none, [SCORE_BLOCKS.abstain]: abstain }))).toEqual({
      ok: true,
      value: { abstained: true, scores: null, comment: null },
    });
  });

  it("has one block per criterion", () => {
    const ids = scoreModal({ ...input, previous: null }).blocks.map((b) => b.block_id);
    for (const c of RUBRIC) expect(ids).toContain(c.key);
  });
});

describe("the decision notes", () => {
  it.each(["DECLINED", "CHANGES_REQUESTED"] as const)("%s: passes Block Kit checks and requires a note", (decision) => {
    const view = noteModal({ proposalId: "prop_1", decision, title: "Restorative <practices>", programmeName: "CoP" });
    expect(errorsOnly(validateView(view, { expectedType: "modal" }))).toEqual([]);
    expect(view.callback_id).toBe(NOTE_CALLBACKS[decision]);
    expect(view.private_metadata).toBe("prop_1");
    const empty = { [NOTE_BLOCK]: { proposal_note: { type: "plain_text_input", value: "  " } } } as StateValues;
    const parsed = parseNote(empty, decision);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors[NOTE_BLOCK]).toMatch(/proposer reads it/);
    const written = { [NOTE_BLOCK]: { proposal_note: { type: "plain_text_input", value: " Thank you! " } } } as StateValues;
    expect(parseNote(written, decision)).toEqual({ ok: true, value: "Thank you!" });
  });
});
