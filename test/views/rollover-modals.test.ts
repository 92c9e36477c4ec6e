import { errorsOnly, validateView } from "../../src/local-slack";
import { parseRolloverModal, rolloverModal } from "../../src/views/rollover-modal";
import { rolloverDoneModal, rolloverPlanModal } from "../../src/views/rollover-plan-modal";
import { submittedState } from "../helpers/modal-state";

describe("the Next year modals", () => {
  it("are valid Block Kit, and escape what staff typed into names and titles", () => {
    const form = rolloverModal({ from: { slug: "cop-2021-2022", name: "CoP <!channel> *2021-2022*" }, suggested: "cop-2022-2023" });
    const lines = [
      "Next year from cop-2021-2022: cop-2022-2023 (CoP <!channel>).",
      ...Array.from({ length: 200 }, (_, i) => `  session-${i} (<b>Title</b>): Wed 2021-10-13 -> Wed 2022-10-12`),
    ];
    const plan = rolloverPlanModal({
      from: "cop-2021-2022",
      to: "cop-2022-2023",
      lines,
      summary: "Programme cop-2022-2023: 37 to create, 0 to update, 0 to delete.",
    });
    const done = rolloverDoneModal({ slug: "cop-2022-2023", name: "CoP <!here>" });
    for (const view of [form, plan, done]) {
      expect(errorsOnly(validateView(view, { expectedType: "modal" }))).toEqual([]);
      expect(JSON.stringify(view)).not.toMatch(/<!channel>|<!here>|<b>/);
    }
    expect(JSON.stringify(plan)).toContain("• session-0 (&lt;b&gt;Title&lt;/b&gt;): Wed 2021-10-13 -&gt; Wed 2022-10-12");
  });

  it("reads next year's name, refusing one that is not a slug", () => {
    const form = rolloverModal({ from: { slug: "cop-2021-2022", name: "CoP" }, suggested: "cop-2022-2023" });
    expect(parseRolloverModal(submittedState(form, { rollover_slug: " cop-2022-2023 " }))).toEqual({
      ok: true,
      value: { to: "cop-2022-2023" },
    });
    expect(parseRolloverModal(submittedState(form, { rollover_slug: "CoP 2022" }))).toEqual({
      ok: false,
      errors: { rollover_slug: "Use lowercase letters and digits joined by dashes, e.g. cop-2022-2023." },
    });
    // Slack's max_length is the browser's; a forged submission is refused before it reaches the next view's metadata.
    expect(parseRolloverModal(submittedState(form, { rollover_slug: "x".repeat(81) }))).toEqual({
      ok: false,
      errors: { rollover_slug: "Keep the name under 80 characters." },
    });
  });
});
