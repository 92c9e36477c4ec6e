import type { InputBlock, ModalView } from "@slack/types";
import {
  alreadySignedUpModal,
  COMMITMENT_VALUE,
  parseSignup,
  type SignupFormInput,
  signupDoneModal,
  signupModal,
} from "../../src/views/signup-modal";
import { validateView } from "../../src/local-slack";
import { submittedState } from "../helpers/modal-state";

const card = {
  id: "grp_1",
  name: "Got Justice? <Equity> & Culture",
  programmeName: "CoP 2021-2022",
  description: "Restorative justice.",
  capacity: 20,
  active: 20,
  waiting: 2,
  nextSession: { title: "Virtual Group Session", startsAt: new Date("2021-11-10T21:00:00Z") },
};
const form: SignupFormInput = { group: card, choices: [], organizationName: "Prospect Schools", zone: "America/Chicago" };
const text = (v: unknown) => JSON.stringify(v);
const inputs = (v: ModalView) => v.blocks.filter((b): b is InputBlock => b.type === "input").map((b) => b.block_id);
/** A submission of the choose-a-group form (a modal for one group submits the same, without the group block). */
const state = (values: Record<string, unknown>) =>
  submittedState(
    signupModal({ ...form, group: null, choices: [{ id: "grp_1", name: "Got Justice?", programmeName: "CoP", full: false }] }),
    { group: null, ...values },
  );

describe("the sign-up modal", () => {
  it("for a named group: shows the group, that it is full, and asks for colleagues and the commitment", () => {
    const view = signupModal(form);
    expect(inputs(view)).toEqual(["colleagues", "commitment"]);
    expect(text(view)).toContain("*Got Justice? &lt;Equity&gt; &amp; Culture*");
    expect(text(view)).toContain("you will join the waitlist (2 waiting)");
    expect(text(view)).toContain("<!date^1636578000^{date_short_pretty} at {time}|Wed, Nov 10, 2021 at 3:00 PM CST>");
    expect(JSON.parse(view.private_metadata!)).toEqual({ groupId: "grp_1" });
    expect(validateView(view, { expectedType: "modal" })).toEqual([]);
  });

  it("without a group: a choice of the groups, the full ones marked", () => {
    const view = signupModal({
      ...form,
      group: null,
      choices: [
        { id: "g1", name: "Trauma-Informed Practices", programmeName: "CoP", full: false },
        { id: "g2", name: "Disrupt Bias", programmeName: "CoP", full: true },
      ],
    });
    expect(inputs(view)).toEqual(["group", "colleagues", "commitment"]);
    expect(text(view)).toContain('"text":"Disrupt Bias (waitlist)"');
    expect(view.private_metadata).toBeUndefined();
    expect(validateView(view, { expectedType: "modal" })).toEqual([]);
  });

  it("offers no colleagues when Convene does not know the person's organization", () => {
    const view = signupModal({ ...form, organizationName: null });
    expect(inputs(view)).toEqual(["commitment"]);
    expect(text(view)).toContain("needs to know your organization");
  });
});

describe("reading a submitted sign-up", () => {
  const meta = JSON.stringify({ groupId: "grp_1" });
  it("takes the group from the modal it was opened for", () => {
    expect(parseSignup(state({ colleagues: ["U2", "U3"], commitment: [COMMITMENT_VALUE] }), meta)).toEqual({
      ok: true,
      value: { group: "grp_1", colleagues: ["U2", "U3"], commitment: [COMMITMENT_VALUE] },
    });
  });

  it.each<[string, Record<string, unknown>, string | undefined, Record<string, string>]>([
    ["no commitment", { colleagues: [], commitment: [] }, meta, { commitment: expect.stringContaining("attend all sessions") }],
    ["no group chosen", { group: null, commitment: [COMMITMENT_VALUE] }, undefined, { group: "Choose the group you want to join." }],
    [
      "too many colleagues",
      { colleagues: Array.from({ length: 11 }, (_, i) => `U${i}`), commitment: [COMMITMENT_VALUE] },
      meta,
      { colleagues: "Add at most 10 colleagues at a time." },
    ],
    [
      "a forged colleague id",
      { colleagues: ["<!channel>"], commitment: [COMMITMENT_VALUE] },
      meta,
      { colleagues: "Pick colleagues from the list." },
    ],
    [
      "every problem at once, each on its own field",
      { group: null, colleagues: ["x"], commitment: [] },
      "{not json",
      {
        group: "Choose the group you want to join.",
        colleagues: "Pick colleagues from the list.",
        commitment: expect.stringContaining("attend all sessions"),
      },
    ],
  ])("%s", (_label, values, metadata, errors) => {
    expect(parseSignup(state(values), metadata)).toEqual({ ok: false, errors });
  });
});

describe("after the submission", () => {
  it("says who got a seat, who waits and who was already in", () => {
    const view = signupDoneModal({
      groupName: "Disrupt Bias",
      channelId: "C1",
      requester: { slackUserId: "U1", status: "ACTIVE", position: null, isNew: true },
      colleagues: [
        { slackUserId: "U2", status: "WAITLISTED", position: 1, isNew: true },
        { slackUserId: "U3", status: "ACTIVE", position: null, isNew: false },
      ],
    });
    expect(text(view)).toContain("You're signed up for *Disrupt Bias*. You'll be added to <#C1>.");
    expect(text(view)).toContain("<@U2>: on the waitlist (number 1)");
    expect(text(view)).toContain("<@U3>: was already signed up");
    expect(view.submit).toBeUndefined();
    expect(validateView(view, { expectedType: "modal" })).toEqual([]);
  });

  it("tells someone already waiting their place in line", () => {
    expect(text(alreadySignedUpModal({ groupName: "Disrupt Bias", status: "WAITLISTED", position: 3 }))).toContain(
      "already on the waitlist for *Disrupt Bias*: number 3 in line",
    );
  });
});
