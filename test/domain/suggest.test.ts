import { closest } from "../../src/domain/suggest";

const names = ["help", "groups", "group", "sessions", "deadlines", "my", "resources", "propose", "join"];

describe("closest: the 'did you mean' guess for a mistyped subcommand", () => {
  it.each([
    ["grups", "groups"],
    ["sesions", "sessions"],
    ["deadline", "deadlines"],
    ["hepl", "help"],
    ["PROPOSE", "propose"],
    ["reso", "resources"],
  ])("suggests %s -> %s", (typed, expected) => {
    expect(closest(typed, names)).toBe(expected);
  });

  it.each(["banana", "xyzzy", "calendarize"])("offers no guess for %s, which is nothing like a command", (typed) => {
    expect(closest(typed, names)).toBeUndefined();
  });
});
