import { isSessionFor, mayViewResponses } from "../../src/domain/session-audience";

const math = { groupId: "g-math", programmeId: "p-cop" };
const science = { groupId: "g-sci", programmeId: "p-cop" };
const otherProgramme = { groupId: "g-x", programmeId: "p-wg" };
const nobody = { memberOf: [], facilitates: [] };

describe("who a session is for", () => {
  it.each([
    ["a member of the group", { groupId: "g-math", programmeId: "p-cop" }, { memberOf: [math], facilitates: [] }, true],
    ["a facilitator of the group", { groupId: "g-math", programmeId: "p-cop" }, { memberOf: [], facilitates: [math] }, true],
    ["a member of another group of the programme", { groupId: "g-math", programmeId: "p-cop" }, { memberOf: [science], facilitates: [] }, false],
    ["another group's facilitator", { groupId: "g-math", programmeId: "p-cop" }, { memberOf: [], facilitates: [science] }, false],
    ["a guest in no group", { groupId: "g-math", programmeId: "p-cop" }, nobody, false],
    ["anyone in a group of the programme, for a programme-wide session", { groupId: null, programmeId: "p-cop" }, { memberOf: [science], facilitates: [] }, true],
    ["a facilitator in the programme, for a programme-wide session", { groupId: null, programmeId: "p-cop" }, { memberOf: [], facilitates: [math] }, true],
    ["someone only in another programme, for a programme-wide session", { groupId: null, programmeId: "p-cop" }, { memberOf: [otherProgramme], facilitates: [] }, false],
    ["a guest, for a programme-wide session", { groupId: null, programmeId: "p-cop" }, nobody, false],
  ])("%s", (_what, session, person, expected) => {
    expect(isSessionFor(session, person)).toBe(expected);
  });
});

describe("who may see who is coming", () => {
  it.each([
    ["staff, for a group's session", { groupId: "g-math", programmeId: "p-cop" }, { isStaff: true, facilitates: [] }, true],
    ["staff, for a programme-wide session", { groupId: null, programmeId: "p-cop" }, { isStaff: true, facilitates: [] }, true],
    ["the group's facilitator", { groupId: "g-math", programmeId: "p-cop" }, { isStaff: false, facilitates: [math] }, true],
    ["another group's facilitator", { groupId: "g-math", programmeId: "p-cop" }, { isStaff: false, facilitates: [science] }, false],
    ["a facilitator, for a programme-wide session", { groupId: null, programmeId: "p-cop" }, { isStaff: false, facilitates: [math] }, false],
    ["a member", { groupId: "g-math", programmeId: "p-cop" }, { isStaff: false, facilitates: [] }, false],
  ])("%s", (_what, session, viewer, expected) => {
    expect(mayViewResponses(session, viewer)).toBe(expected);
  });
});
