import { groupSlugFor, proposalWindow, proposerMayChange } from "../../src/domain/proposal-rules";

const due = new Date("2021-10-02T03:59:00Z");
const before = new Date("2021-10-01T12:00:00Z");
const after = new Date("2021-10-03T12:00:00Z");
const programme = (over: Partial<Parameters<typeof proposalWindow>[0]> = {}) => ({
  status: "ACTIVE" as const,
  proposalsDueAt: due,
  proposalsReopened: false,
  ...over,
});

describe("proposalWindow", () => {
  it.each([
    ["before the deadline", programme(), before, { open: true, dueAt: due, reopened: false }],
    ["at the deadline", programme(), due, { open: false, closedAt: due }],
    ["after the deadline", programme(), after, { open: false, closedAt: due }],
    ["after the deadline, reopened by staff", programme({ proposalsReopened: true }), after, { open: true, dueAt: null, reopened: true }],
    ["reopened before the deadline", programme({ proposalsReopened: true }), before, { open: true, dueAt: due, reopened: true }],
    ["with no deadline", programme({ proposalsDueAt: null }), before, { open: false, closedAt: null }],
    ["archived, even reopened", programme({ status: "ARCHIVED", proposalsReopened: true }), before, { open: false, closedAt: due }],
  ])("%s", (_label, p, now, expected) => {
    expect(proposalWindow(p, now)).toEqual(expected);
  });
});

describe("proposerMayChange", () => {
  const open = proposalWindow(programme(), before);
  const closed = proposalWindow(programme(), after);
  it.each([
    ["SUBMITTED", "open", true],
    ["SUBMITTED", "closed", false],
    ["CHANGES_REQUESTED", "closed", true],
    ["APPROVED", "open", false],
    ["DECLINED", "open", false],
    ["WITHDRAWN", "open", false],
  ] as const)("%s while proposals are %s: %s", (status, state, expected) => {
    expect(proposerMayChange(status, state === "open" ? open : closed)).toBe(expected);
  });
});

describe("groupSlugFor", () => {
  it.each([
    ["Got Justice? Creating and Sustaining Equitable School Culture", [], "got-justice-creating-and-sustaining-equitable-school-culture"],
    ["Lycée & A’Seret's group", [], "lycee-aserets-group"],
    ["Math_teachers", [], "math-teachers"],
    ["Math teachers", ["math-teachers"], "math-teachers-2"],
    ["Math teachers", ["math-teachers", "math-teachers-2"], "math-teachers-3"],
    ["???", [], "group"],
  ])("%s", (title, taken, slug) => {
    const got = groupSlugFor(title, new Set(taken));
    expect(got).toBe(slug);
    expect(got).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});
