import type { InputBlock, ModalView } from "@slack/types";
import {
  type RulesForm,
  RULES_BLOCKS as B,
  parseRulesModal,
  reminderRulesModal,
  rulesActionOf,
  rulesSavedModal,
} from "../../src/views/reminder-rules-modal";
import { validateView } from "../../src/local-slack";
import { submittedState } from "../helpers/modal-state";

const programmeForm: RulesForm = {
  scope: { programmeId: "p1", programmeName: "CoP 2021-2022", groupId: null, groupName: null },
  session: {
    channel: [
      { offsetMinutes: 10080, onlyFormat: null },
      { offsetMinutes: 1440, onlyFormat: null },
      { offsetMinutes: 60, onlyFormat: "VIRTUAL" },
    ],
    announcements: [],
    dm: [{ offsetMinutes: 1440, onlyFormat: null }],
    source: "defaults",
  },
  deadline: { announcements: [{ offsetMinutes: 20160, onlyFormat: null }], source: "programme" },
};
const groupForm: RulesForm = {
  ...programmeForm,
  scope: { ...programmeForm.scope, groupId: "g1", groupName: "Math teachers" },
  session: { ...programmeForm.session, source: "programme" },
  deadline: null,
};

const initialOf = (view: ModalView, blockId: string) => {
  const block = view.blocks.find((b) => b.block_id === blockId) as InputBlock | undefined;
  return block && (block.element as { initial_value?: string }).initial_value;
};
const values = (byBlock: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(byBlock).map(([block, text]) => [block, { [rulesActionOf(block)]: { type: "plain_text_input", value: text } }]),
  );

describe("the reminder rules modal", () => {
  it("shows the rules in force in each field, and where they come from", () => {
    const view = reminderRulesModal(programmeForm);
    expect(validateView(view, { expectedType: "modal" })).toEqual([]);
    expect(initialOf(view, B.sessionChannel)).toBe("7d, 1d, 1h virtual");
    expect(initialOf(view, B.sessionAnnouncements)).toBeUndefined();
    expect(initialOf(view, B.sessionDm)).toBe("1d");
    expect(initialOf(view, B.deadline)).toBe("14d");
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("Session reminders now follow Convene's built-in defaults.");
    expect(text).toContain("Deadline reminders follow this programme's own rules.");
    expect(JSON.parse(view.private_metadata!)).toEqual({ programmeId: "p1", groupId: null });
  });

  it("has no deadline field for a group, whose deadlines are its programme's", () => {
    const view = reminderRulesModal(groupForm);
    expect(validateView(view, { expectedType: "modal" })).toEqual([]);
    expect(view.blocks.some((b) => b.block_id === B.deadline)).toBe(false);
    expect(JSON.stringify(view.blocks)).toContain("Session reminders now follow CoP 2021-2022's rules.");
  });

  it("reads what was typed into rules per field, and the prefilled form as it was", () => {
    const view = reminderRulesModal(programmeForm);
    expect(parseRulesModal(submittedState(view, {}), { deadlines: true })).toEqual({
      ok: true,
      value: {
        session: { channel: programmeForm.session.channel, announcements: [], dm: programmeForm.session.dm },
        deadline: programmeForm.deadline!.announcements,
      },
    });
    expect(parseRulesModal(values({ [B.sessionChannel]: "2d, 3h in person", [B.deadline]: "" }), { deadlines: true })).toEqual({
      ok: true,
      value: {
        session: {
          channel: [
            { offsetMinutes: 2880, onlyFormat: null },
            { offsetMinutes: 180, onlyFormat: "IN_PERSON" },
          ],
          announcements: [],
          dm: [],
        },
        deadline: [],
      },
    });
  });

  it("marks each bad field with its own problem", () => {
    expect(
      parseRulesModal(values({ [B.sessionChannel]: "7d, tomorrow", [B.sessionDm]: "1d, 1d", [B.deadline]: "3d virtual" }), {
        deadlines: true,
      }),
    ).toEqual({
      ok: false,
      errors: {
        [B.sessionChannel]: '"tomorrow" is not a time before: write times like 7d, 1d, 2h or 30m.',
        [B.sessionDm]: "1d is listed twice.",
        [B.deadline]: 'Deadlines have no format: remove "virtual".',
      },
    });
  });

  it("ignores a deadline field forged into a group's form", () => {
    expect(parseRulesModal(values({ [B.deadline]: "nonsense" }), { deadlines: false })).toEqual({
      ok: true,
      value: { session: { channel: [], announcements: [], dm: [] }, deadline: null },
    });
  });

  it("says what was saved, in words", () => {
    const view = rulesSavedModal(groupForm);
    expect(validateView(view, { expectedType: "modal" })).toEqual([]);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("Saved for *Math teachers · CoP 2021-2022*");
    expect(text).toContain("• In the group's channel: 7 days, 1 day, 1 hour (virtual sessions) before");
    expect(text).toContain("• By DM: 1 day before");
    expect(text).not.toContain("Before deadlines");
  });
});
