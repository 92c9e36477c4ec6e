import { isSessionFor, mayViewResponses, type SessionAudience } from "../../src/domain/session-audience";

const E: SessionAudience = "EVERYONE";
const F: SessionAudience = "FACILITATORS";

const math = { groupId: "g-math", programmeId: "p-cop", audience: E };
const science = { groupId: "g-sci", programmeId: "p-cop" };
const otherProgramme = { groupId: "g-x", programmeId: "p-wg" };
const nobody = { memberOf: [], facilitates: [] };

describe("who a session is for", () => {
  it.each([
    ["a member of the group", { groupId: "g-math", programmeId: "p-cop", audience: E }, { memberOf: [math], facilitates: [] }, true],
    ["a facilitator of the group", { groupId: "g-math", programmeId: "p-cop", audience: E }, { memberOf: [], facilitates: [math] }, true],
    [
      "a member of another group of the programme",
      { groupId: "g-math", programmeId: "p-cop", audience: E },
      { memberOf: [science], facilitates: [] },
      false,
    ],
    [
      "another group's facilitator",
      { groupId: "g-math", programmeId: "p-cop", audience: E },
      { memberOf: [], facilitates: [science] },
      false,
    ],
    ["a guest in no group", { groupId: "g-math", programmeId: "p-cop", audience: E }, nobody, false],
    [
      "anyone in a group of the programme, for a programme-wide session",
      { groupId: null, programmeId: "p-cop", audience: E },
      { memberOf: [science], facilitates: [] },
      true,
    ],
    [
      "a facilitator in the programme, for a programme-wide session",
      { groupId: null, programmeId: "p-cop", audience: E },
      { memberOf: [], facilitates: [math] },
      true,
    ],
    [
      "someone only in another programme, for a programme-wide session",
      { groupId: null, programmeId: "p-cop", audience: E },
      { memberOf: [otherProgramme], facilitates: [] },
      false,
    ],
    ["a guest, for a programme-wide session", { groupId: null, programmeId: "p-cop", audience: E }, nobody, false],
    [
      "a facilitator in the programme, for a facilitators-only session",
      { groupId: null, programmeId: "p-cop", audience: F },
      { memberOf: [], facilitates: [math] },
      true,
    ],
    [
      "a member, for a facilitators-only session",
      { groupId: null, programmeId: "p-cop", audience: F },
      { memberOf: [math], facilitates: [] },
      false,
    ],
    [
      "a facilitator in another programme, for a facilitators-only session",
      { groupId: null, programmeId: "p-cop", audience: F },
      { memberOf: [], facilitates: [otherProgramme] },
      false,
    ],
  ])("%s", (_what, session, person, expected) => {
    expect(isSessionFor(session, person)).toBe(expected);
  });
});

describe("who may see who is coming", () => {
  it.each([
    ["staff, for a group's session", { groupId: "g-math", programmeId: "p-cop", audience: E }, { isStaff: true, facilitates: [] }, true],
    ["staff, for a programme-wide session", { groupId: null, programmeId: "p-cop", audience: E }, { isStaff: true, facilitates: [] }, true],
    ["the group's facilitator", { groupId: "g-math", programmeId: "p-cop", audience: E }, { isStaff: false, facilitates: [math] }, true],
    [
      "another group's facilitator",
      { groupId: "g-math", programmeId: "p-cop", audience: E },
      { isStaff: false, facilitates: [science] },
      false,
    ],
    [
      "a facilitator, for a programme-wide session",
      { groupId: null, programmeId: "p-cop", audience: E },
      { isStaff: false, facilitates: [math] },
      false,
    ],
    ["a member", { groupId: "g-math", programmeId: "p-cop", audience: E }, { isStaff: false, facilitates: [] }, false],
  ])("%s", (_what, session, viewer, expected) => {
    expect(mayViewResponses(session, viewer)).toBe(expected);
  });
});
