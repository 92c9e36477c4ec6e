import type { InputBlock } from "@slack/types";
import type { StateValues } from "../../src/views/modal-kit";
import {
  closedError,
  editedProposalId,
  parseProposal,
  PROPOSAL_BLOCKS as B,
  PROPOSAL_CALLBACK,
  proposalActionOf,
  proposalModal,
  proposalSavedModal,
  type ProposalFields,
} from "../../src/views/proposal-modal";
import { errorsOnly, validateView } from "../../src/local-slack";

const cop = {
  id: "prog_cop",
  name: "Communities of Practice 2021-2022",
  dueAt: new Date("2021-10-02T03:59:00Z"),
  timezone: "America/New_York",
};
const wg = { id: "prog_wg", name: "Working groups", dueAt: null, timezone: "America/Chicago" };

/** A state entry per block, as Slack submits it. */
function state(over: Partial<Record<string, unknown>> = {}): StateValues {
  const values: Record<string, unknown> = {
    [B.programme]: { type: "static_select", selected_option: { value: cop.id } },
    [B.title]: { type: "plain_text_input", value: "Restorative practices" },
    [B.summary]: { type: "plain_text_input", value: "Deans compare notes on restorative circles." },
    [B.problem]: { type: "plain_text_input", value: "Suspensions fall hardest on students of color." },
    [B.audience]: { type: "plain_text_input", value: "Deans of students" },
    [B.facilitators]: { type: "multi_users_select", selected_users: ["U0ANA"] },
    [B.otherName]: { type: "plain_text_input", value: null },
    [B.otherOrganization]: { type: "plain_text_input", value: null },
    [B.deliverable]: { type: "static_select", selected_option: { value: "TOOLKIT" } },
    [B.format]: { type: "static_select", selected_option: { value: "hybrid" } },
    [B.capacity]: { type: "number_input", value: "20" },
    ...over,
  };
  return Object.fromEntries(Object.entries(values).map(([block, entry]) => [block, { [proposalActionOf(block)]: entry }])) as StateValues;
}
const text = (value: string | null) => ({ type: "plain_text_input", value });
const users = (...ids: string[]) => ({ type: "multi_users_select", selected_users: ids });

describe("the proposal modal", () => {
  it("passes Slack's Block Kit checks, new and editing", () => {
    const fields: ProposalFields = {
      programmeId: cop.id,
      title: "Restorative practices",
      summary: "S",
      problem: "P",
      audience: "A",
      slackFacilitators: ["U0ANA"],
      otherFacilitator: { name: "Sam Lee", organization: "Prospect Schools" },
      deliverableKind: "PODCAST",
      format: "virtual",
      capacity: 12,
    };
    for (const view of [
      proposalModal({ programmes: [cop, wg], proposerSlackId: "U0ANA" }),
      proposalModal({ programmes: [cop], proposerSlackId: "U0ANA", editing: { proposalId: "p1", fields } }),
    ]) {
      expect(errorsOnly(validateView(view, { expectedType: "modal" }))).toEqual([]);
      expect(view.callback_id).toBe(PROPOSAL_CALLBACK);
    }
  });

  it("asks for the programme when several take proposals, and shows each deadline", () => {
    const view = proposalModal({ programmes: [cop, wg], proposerSlackId: "U0ANA" });
    const select = (view.blocks.find((b) => b.block_id === B.programme) as InputBlock).element as {
      options: { description?: { text: string } }[];
      initial_option?: unknown;
    };
    expect(select.initial_option).toBeUndefined();
    expect(select.options.map((o) => o.description?.text)).toEqual(["Due Oct 1, 2021 at 11:59 PM EDT", "Open until staff close it"]);
  });

  it("picks the only open programme and the proposer as first facilitator", () => {
    const view = proposalModal({ programmes: [cop], proposerSlackId: "U0ANA" });
    const select = (view.blocks.find((b) => b.block_id === B.programme) as InputBlock).element as { initial_option?: { value: string } };
    expect(select.initial_option?.value).toBe(cop.id);
    const people = (view.blocks.find((b) => b.block_id === B.facilitators) as InputBlock).element as {
      initial_users: string[];
      max_selected_items: number;
    };
    expect(people).toMatchObject({ initial_users: ["U0ANA"], max_selected_items: 2 });
  });

  it("prefills an edit with what was proposed and remembers which proposal it is", () => {
    const fields: ProposalFields = {
      programmeId: cop.id,
      title: "Grading for equity",
      summary: "S",
      problem: "P",
      audience: "A",
      slackFacilitators: [],
      otherFacilitator: { name: "Sam Lee", organization: null },
      deliverableKind: "WEBINAR",
      format: "in_person",
      capacity: 15,
    };
    const view = proposalModal({ programmes: [cop], proposerSlackId: "U0ANA", editing: { proposalId: "prop_7", fields } });
    expect(editedProposalId(view.private_metadata)).toBe("prop_7");
    expect(view.submit?.text).toBe("Save changes");
    const initial = (block: string) =>
      (view.blocks.find((b) => b.block_id === block) as InputBlock).element as unknown as Record<string, unknown>;
    expect(initial(B.title).initial_value).toBe("Grading for equity");
    expect(initial(B.otherName).initial_value).toBe("Sam Lee");
    expect(initial(B.capacity).initial_value).toBe("15");
    expect((initial(B.deliverable).initial_option as { value: string }).value).toBe("WEBINAR");
    expect(editedProposalId(proposalModal({ programmes: [cop], proposerSlackId: "U0ANA" }).private_metadata)).toBeNull();
  });
});

describe("parseProposal", () => {
  it("reads a complete submission", () => {
    const parsed = parseProposal(state({ [B.otherName]: text(" Sam Lee "), [B.otherOrganization]: text("Prospect Schools") }));
    expect(parsed).toEqual({
      ok: true,
      value: {
        programmeId: cop.id,
        title: "Restorative practices",
        summary: "Deans compare notes on restorative circles.",
        problem: "Suspensions fall hardest on students of color.",
        audience: "Deans of students",
        slackFacilitators: ["U0ANA"],
        otherFacilitator: { name: "Sam Lee", organization: "Prospect Schools" },
        deliverableKind: "TOOLKIT",
        format: "hybrid",
        capacity: 20,
      },
    });
  });

  it.each([
    ["an empty title", { [B.title]: text("   ") }, B.title, "Give the group a title."],
    ["no summary", { [B.summary]: text(null) }, B.summary, "Summarize the group in a few sentences."],
    ["capacity 0", { [B.capacity]: { type: "number_input", value: "0" } }, B.capacity, "A group needs room for at least 2 participants."],
    ["capacity 500", { [B.capacity]: { type: "number_input", value: "500" } }, B.capacity, "A group takes at most 100 participants."],
    [
      "a fractional capacity",
      { [B.capacity]: { type: "number_input", value: "12.5" } },
      B.capacity,
      "Enter a whole number of participants, e.g. 20.",
    ],
    ["three facilitators picked", { [B.facilitators]: users("U1", "U2", "U3") }, B.facilitators, "Pick at most 2 facilitators."],
    [
      "two picked and one named",
      { [B.facilitators]: users("U1", "U2"), [B.otherName]: text("Sam Lee") },
      B.otherName,
      "A group has at most 2 facilitators: clear this name or remove someone above.",
    ],
    ["no facilitator at all", { [B.facilitators]: users() }, B.facilitators, "Add a facilitator: pick them here, or name one below."],
    [
      "an organization without a name",
      { [B.otherOrganization]: text("Prospect Schools") },
      B.otherName,
      "Add the facilitator's name, or clear their organization.",
    ],
    [
      "no deliverable",
      { [B.deliverable]: { type: "static_select", selected_option: null } },
      B.deliverable,
      "Choose what the group will produce.",
    ],
    ["a title too long", { [B.title]: text("x".repeat(101)) }, B.title, "Keep this under 101 characters."],
  ])("gives %s its own message under its block", (_label, over, block, message) => {
    expect(parseProposal(state(over))).toEqual({ ok: false, errors: { [block]: message } });
  });

  it("reports every bad field at once, facilitators included", () => {
    const parsed = parseProposal(
      state({ [B.title]: text(""), [B.capacity]: { type: "number_input", value: "0" }, [B.facilitators]: users("U1", "U2", "U3") }),
    );
    expect(parsed.ok).toBe(false);
    expect(Object.keys(!parsed.ok ? parsed.errors : {}).sort()).toEqual([B.capacity, B.facilitators, B.title].sort());
  });
});

describe("what the proposer reads", () => {
  it("explains a closed programme with the date the deadline passed, in its zone", () => {
    expect(closedError(cop.name, cop.dueAt, cop.timezone)).toBe(
      "Proposals for Communities of Practice 2021-2022 closed on Friday, October 1, 2021 at 11:59 PM EDT. Ask coalition staff if they can reopen them.",
    );
    expect(closedError("Working groups", null, wg.timezone)).toBe(
      "Working groups is not taking proposals. Ask coalition staff if they can open them.",
    );
  });

  it("confirms a saved proposal with until when it can change", () => {
    const view = proposalSavedModal({
      title: "Grading <for> equity",
      programmeName: cop.name,
      edited: false,
      changeableUntil: cop.dueAt,
      timezone: cop.timezone,
    });
    expect(errorsOnly(validateView(view, { expectedType: "modal" }))).toEqual([]);
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain("Grading &lt;for&gt; equity* is received");
    expect(shown).toContain("<!date^1633147140^{date_long_pretty} at {time}|Friday, October 1, 2021 at 11:59 PM EDT>");
  });
});
