import type { Checkboxes, InputBlock } from "@slack/types";
import {
  type AttendanceForm,
  type AttendanceMember,
  attendanceActionId,
  attendanceBlockId,
  attendanceModal,
  attendanceRecordedModal,
  parseAttendanceModal,
} from "../../src/views/attendance-modal";
import { validateView } from "../../src/local-slack";
import { submittedState } from "../helpers/modal-state";

const member = (i: number, over: Partial<AttendanceMember> = {}): AttendanceMember => ({
  personId: `p${i}`,
  name: `Member ${i}`,
  rsvp: null,
  attended: null,
  ...over,
});
const form = (roster: AttendanceMember[], recorded: AttendanceForm["recorded"] = null): AttendanceForm => ({
  session: {
    id: "s1",
    title: "Monthly meeting",
    groupName: "Math teachers",
    startsAt: new Date("2021-10-13T20:00:00Z"),
    zone: "America/Chicago",
  },
  roster,
  recorded,
});
const checked = (view: ReturnType<typeof attendanceModal>) =>
  view.blocks.flatMap((b) => ((b as InputBlock).element as Checkboxes | undefined)?.initial_options?.map((o) => o.value) ?? []);

describe("the attendance modal", () => {
  it("checks those who said they were going the first time", () => {
    const view = attendanceModal(form([member(1, { rsvp: "GOING" }), member(2, { rsvp: "NOT_GOING" }), member(3)]));
    expect(validateView(view, { expectedType: "modal" })).toEqual([]);
    expect(checked(view)).toEqual(["p1"]);
    expect(JSON.stringify(view.blocks)).toContain("Checked: the member who said they were going.");
    expect(JSON.stringify(view.blocks)).toContain("Said they could not make it");
  });

  it("checks what was recorded once attendance is recorded, and says by whom", () => {
    const view = attendanceModal(
      form([member(1, { rsvp: "GOING", attended: false }), member(2, { attended: true })], {
        at: new Date("2021-10-13T22:00:00Z"),
        byName: "Ana Ruiz",
      }),
    );
    expect(checked(view)).toEqual(["p2"]);
    expect(JSON.stringify(view.blocks)).toContain("by Ana Ruiz. Saving again corrects it.");
  });

  it("splits a large group into blocks of ten checkboxes, as Slack requires", () => {
    const view = attendanceModal(form(Array.from({ length: 23 }, (_, i) => member(i, { rsvp: i % 2 ? "GOING" : null }))));
    expect(validateView(view, { expectedType: "modal" })).toEqual([]);
    expect(view.blocks.filter((b) => b.type === "input").map((b) => (b as InputBlock).label.text)).toEqual([
      "Who attended? (1–10 of 23)",
      "Who attended? (11–20 of 23)",
      "Who attended? (21–23 of 23)",
    ]);
    expect(checked(view)).toHaveLength(11);
  });

  it("says so, without a Save button, when nobody is in the group", () => {
    const view = attendanceModal(form([]));
    expect(view.submit).toBeUndefined();
    expect(JSON.stringify(view.blocks)).toContain("Nobody is signed up for Math teachers");
  });

  it("reads the ticked members across blocks, and a forged value as a problem on its block", () => {
    const view = attendanceModal(form(Array.from({ length: 12 }, (_, i) => member(i))));
    expect(parseAttendanceModal(submittedState(view, { [attendanceBlockId(0)]: ["p0", "p3"], [attendanceBlockId(1)]: ["p11"] }))).toEqual({
      ok: true,
      value: { attended: ["p0", "p3", "p11"] },
    });
    expect(parseAttendanceModal(submittedState(view, {}))).toEqual({ ok: true, value: { attended: [] } });
    const forged = { [attendanceBlockId(0)]: { [attendanceActionId(0)]: { type: "plain_text_input", value: "everyone" } } };
    expect(parseAttendanceModal(forged)).toEqual({ ok: false, errors: { [attendanceBlockId(0)]: "Tick members from the list." } });
  });

  it("confirms how many attended", () => {
    const view = attendanceRecordedModal({ title: "Monthly meeting", attended: 8, total: 12 });
    expect(validateView(view, { expectedType: "modal" })).toEqual([]);
    expect(JSON.stringify(view.blocks)).toContain("8 of 12 members attended");
  });
});
