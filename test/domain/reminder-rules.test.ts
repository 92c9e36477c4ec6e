import {
  DEFAULT_RULES,
  type ScopedReminderRule,
  formatOffset,
  formatOffsetList,
  parseOffset,
  parseOffsetList,
  resolveRules,
  rowsToStore,
} from "../../src/domain/reminder-rules";

const rule = (r: Partial<ScopedReminderRule>): ScopedReminderRule => ({
  programmeId: "p1",
  groupId: null,
  target: "SESSION",
  offsetMinutes: 2880,
  audience: "GROUP_CHANNEL",
  onlyFormat: null,
  ...r,
});

describe("offsets as staff write them", () => {
  it.each([
    ["7d", 10080],
    ["1d", 1440],
    ["2h", 120],
    ["30m", 30],
    ["1d12h", 2160],
    ["1h 30m", 90],
    ["1D", 1440],
  ])("reads %j as %i minutes, and writes it back the short way", (text, minutes) => {
    expect(parseOffset(text)).toBe(minutes);
    expect(parseOffset(formatOffset(minutes))).toBe(minutes);
  });

  it.each(["", "soon", "7", "d", "1w", "-1d", "1.5h"])("refuses %j", (text) => {
    expect(parseOffset(text)).toBeNull();
  });

  it("reads a list longest first, with a format for session reminders", () => {
    expect(parseOffsetList("1h virtual, 7d; 1d, 2h in person", { formats: true })).toEqual({
      ok: true,
      items: [
        { offsetMinutes: 10080, onlyFormat: null },
        { offsetMinutes: 1440, onlyFormat: null },
        { offsetMinutes: 120, onlyFormat: "IN_PERSON" },
        { offsetMinutes: 60, onlyFormat: "VIRTUAL" },
      ],
    });
    expect(parseOffsetList("  ", { formats: true })).toEqual({ ok: true, items: [] });
  });

  it.each([
    ["7d, soon", { formats: true }, '"soon" is not a time before: write times like 7d, 1d, 2h or 30m.'],
    ["0m", { formats: true }, '"0m" is not a time before: write times like 7d, 1d, 2h or 30m.'],
    ["1d, 24h", { formats: true }, "1d is listed twice."],
    ["90d", { formats: true }, '"90d" is too early: reminders go out at most 60 days before.'],
    ["3d virtual", { formats: false }, 'Deadlines have no format: remove "virtual".'],
    [Array.from({ length: 11 }, (_, i) => `${i + 1}h`).join(","), { formats: true }, "List at most 10 times."],
  ])("refuses %j with a reason the field can show", (text, opts, error) => {
    expect(parseOffsetList(text, opts)).toEqual({ ok: false, error });
  });

  it("writes a list as it is read", () => {
    const items = [
      { offsetMinutes: 60, onlyFormat: "VIRTUAL" as const },
      { offsetMinutes: 10080, onlyFormat: null },
      { offsetMinutes: 90, onlyFormat: "IN_PERSON" as const },
    ];
    expect(formatOffsetList(items)).toBe("7d, 1h30m in person, 1h virtual");
    expect(parseOffsetList(formatOffsetList(items), { formats: true })).toEqual({ ok: true, items: [items[1], items[2], items[0]] });
  });
});

describe("where a scope's rules come from", () => {
  const where = (groupId: string | null) => ({ programmeId: "p1", groupId, target: "SESSION" as const });

  it("names the level that decided", () => {
    expect(resolveRules([], where("g1")).source).toBe("defaults");
    expect(resolveRules([rule({})], where("g1")).source).toBe("programme");
    expect(resolveRules([rule({}), rule({ groupId: "g1" })], where("g1")).source).toBe("group");
    expect(resolveRules([rule({ groupId: "g1" })], where(null)).source).toBe("defaults");
  });
});

describe("what a scope stores when staff save its rules", () => {
  const defaults = DEFAULT_RULES.filter((r) => r.target === "SESSION").map((r) => ({ ...r, onlyFormat: r.onlyFormat ?? null }));

  it("stores nothing when the rules are what it inherits, or none, so it keeps following them", () => {
    expect(rowsToStore([], { programmeId: "p1", groupId: null }, "SESSION", [...defaults].reverse())).toEqual([]);
    expect(rowsToStore([rule({})], { programmeId: "p1", groupId: "g1" }, "SESSION", [rule({})])).toEqual([]);
    expect(rowsToStore([rule({})], { programmeId: "p1", groupId: "g1" }, "SESSION", [])).toEqual([]);
  });

  it("stores rules that differ from the inherited ones, whatever the scope held before", () => {
    const own = [rule({ offsetMinutes: 30 })];
    expect(
      rowsToStore([rule({}), rule({ groupId: "g1", offsetMinutes: 90 })], { programmeId: "p1", groupId: "g1" }, "SESSION", own),
    ).toEqual([{ target: "SESSION", offsetMinutes: 30, audience: "GROUP_CHANNEL", onlyFormat: null }]);
    // The programme's own rows are what is replaced, not what it inherits: back to the defaults stores nothing.
    expect(rowsToStore([rule({})], { programmeId: "p1", groupId: null }, "SESSION", defaults)).toEqual([]);
  });
});
