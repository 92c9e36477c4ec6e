import { matchGroup } from "../../src/domain/group-match";

const groups = [
  { slug: "got-justice", name: "Got Justice? Creating and Sustaining Equitable School Culture" },
  { slug: "trauma-informed", name: "Trauma-Informed Practices to Support ALL Students" },
  { slug: "disrupt-bias", name: "Disrupt Bias in Educator Talent Decisions" },
  { slug: "roots-connected", name: "Roots ConnectED Anti-Bias and Social Justice Institute Follow-up Coaching" },
];

const found = (query: string) => {
  const m = matchGroup(query, groups);
  return m.kind === "found" ? { slug: m.group.slug, guessed: m.guessed } : m.kind === "ambiguous" ? m.groups.map((g) => g.slug) : null;
};

describe("finding a group by a few typed words", () => {
  it.each([
    ["got justice", { slug: "got-justice", guessed: false }],
    ["GOT JUSTICE? creating and sustaining equitable school culture", { slug: "got-justice", guessed: false }],
    ["disrupt-bias", { slug: "disrupt-bias", guessed: false }],
    ["trauma", { slug: "trauma-informed", guessed: false }],
    ["talent", { slug: "disrupt-bias", guessed: false }],
    ["roots coaching", { slug: "roots-connected", guessed: false }],
    ["trama informed", { slug: "trauma-informed", guessed: true }],
    ["disrpt bias", { slug: "disrupt-bias", guessed: true }],
  ])("%s", (query, expected) => {
    expect(found(query)).toEqual(expected);
  });

  it("asks which one when several groups fit equally", () => {
    expect(found("bias")).toEqual(["disrupt-bias", "roots-connected"]);
    expect(found("justice")).toEqual(["got-justice", "roots-connected"]);
    expect(found("justce")).toEqual(["got-justice", "roots-connected"]);
  });

  it("finds nothing for words no group has", () => {
    expect(found("astronomy")).toBeNull();
    expect(found("   ")).toBeNull();
  });
});
