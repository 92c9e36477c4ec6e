import fc from "fast-check";
import { channelNameCandidate, channelNameFor, isCandidateOf, MAX_CHANNEL_NAME } from "../../src/domain/channel-name";
import { channelNameError } from "../../src/local-slack";

describe("channel names from group names", () => {
  it.each([
    ["Got Justice? Creating and Sustaining Equitable School Culture", "got-justice-creating-and-sustaining-equitable-school-culture"],
    ["Trauma-Informed Practices to Support ALL Students", "trauma-informed-practices-to-support-all-students"],
    ["A’Seret's Lycée Français", "aserets-lycee-francais"],
    ["  Housing & Schools -- Policy  ", "housing-schools-policy"],
    ["snake_case_stays", "snake_case_stays"],
    ["¿¡!?", "group"],
  ])("%s -> #%s", (name, channel) => {
    expect(channelNameFor(name)).toBe(channel);
  });

  it("keeps long names within 80 characters without a trailing hyphen", () => {
    const name = channelNameFor(`${"word ".repeat(15)}and more words`);
    expect(name.length).toBeLessThanOrEqual(MAX_CHANNEL_NAME);
    expect(name).not.toMatch(/-$/);
  });

  it("always gives a name Slack accepts, whatever the group is called", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        expect(channelNameError(channelNameFor(name))).toBeUndefined();
      }),
    );
  });
});

describe("the next name when one is taken", () => {
  it("numbers from 2, within 80 characters", () => {
    expect([0, 1, 2].map((i) => channelNameCandidate("cop-equity", i))).toEqual(["cop-equity", "cop-equity-2", "cop-equity-3"]);
    const long = "x".repeat(80);
    expect(channelNameCandidate(long, 1)).toBe(`${"x".repeat(78)}-2`);
    expect(channelNameError(channelNameCandidate(long, 11))).toBeUndefined();
  });

  it("recognises a channel that took a numbered name as the group's own", () => {
    expect(isCandidateOf("cop-equity", "cop-equity")).toBe(true);
    expect(isCandidateOf("cop-equity-2", "cop-equity")).toBe(true);
    expect(isCandidateOf("cop-equity-1", "cop-equity")).toBe(false);
    expect(isCandidateOf("cop-equity-2", "wg-2024")).toBe(false);
    // A name that ends in a number is not mistaken for a suffix of another.
    expect(isCandidateOf("wg-2025", "wg-2024")).toBe(false);
    expect(isCandidateOf("wg-2024-2", "wg-2024")).toBe(true);
  });
});
