import { readFileSync } from "node:fs";
import path from "node:path";
import { formatProgrammeFile, parseProgrammeFile, type ProgrammeSpec } from "../../src/domain/programme-file";
import { normalised } from "../helpers/programme-spec";

const example = (name: string) => readFileSync(path.join(__dirname, "..", "..", "examples", name), "utf8");

const minimal = `slug: demo
name: Demo
kind: cop_cohort
timezone: America/New_York
groups:
  - slug: alpha
    name: Alpha
sessions:
  - key: kickoff
    title: Kickoff
    time: 15:00-16:30
    date: 2021-10-13
`;

function errorsOf(text: string) {
  const result = parseProgrammeFile(text);
  if (result.ok) throw new Error("expected the file to be rejected");
  return result.errors;
}

function specOf(text: string): ProgrammeSpec {
  const result = parseProgrammeFile(text);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.column} ${e.path} ${e.message}`).join("\n"));
  return result.programme;
}

describe("reading a programme file", () => {
  it("reads the CoP example: four groups, their facilitators, the timeline", () => {
    const spec = specOf(example("cop-2021-2022.yaml"));
    expect(spec.groups.map((g) => [g.slug, g.facilitators.map((f) => f.name), g.status])).toEqual([
      ["got-justice", ["Dwight Thomas"], "OPEN"],
      ["trauma-informed", ["Aqua Stovall", "A’Seret Dokubo"], "OPEN"],
      ["disrupt-bias", ["Kevin Bryant", "Ron Rapatalo"], "OPEN"],
      ["roots-connected", ["Sahba Rohani"], "CLOSED"],
    ]);
    expect(spec.deadlines.map((d) => [d.kind, d.localDue])).toEqual([
      ["PROPOSALS_DUE", "2021-04-30T23:59"],
      ["SIGNUPS_OPEN", "2021-06-01T00:00"],
      ["SIGNUPS_CLOSE", "2021-10-01T23:59"],
    ]);
    const kickoff = spec.sessions.find((s) => s.key === "kickoff")!;
    expect([kickoff.localTime, kickoff.durationMinutes, kickoff.timezone, kickoff.group]).toEqual(["15:00", 90, "America/New_York", null]);
    const kansasCity = spec.sessions.find((s) => s.key === "kansas-city")!;
    expect([kansasCity.format, kansasCity.location, kansasCity.timezone]).toEqual(["IN_PERSON", "Kansas City, MO", "America/Chicago"]);
  });

  it("applies defaults, so leaving one out means the same as writing it", () => {
    const explicit = minimal
      .replace("    name: Alpha\n", "    name: Alpha\n    signups: open\n    topics: []\n")
      .replace("    title: Kickoff\n", "    title: Kickoff\n    format: virtual\n    timezone: America/New_York\n");
    expect(specOf(explicit)).toEqual(specOf(minimal));
  });

  it("treats a date alone as the whole day: sign-ups open at its start, other deadlines are due at its end", () => {
    const spec = specOf(`${minimal}deadlines:
  - { key: open, kind: signups_open, title: Open, due: 2021-06-01 }
  - { key: due, kind: proposals_due, title: Due, due: 2021-04-30 }
  - { key: timed, title: Timed, due: "2021-05-03 17:00" }
`);
    expect(spec.deadlines.map((d) => d.localDue)).toEqual(["2021-06-01T00:00", "2021-04-30T23:59", "2021-05-03T17:00"]);
  });

  it.each(["cop-2021-2022.yaml", "working-groups.yaml"])("writes %s back to a file that reads the same", (name) => {
    const spec = specOf(example(name));
    const written = formatProgrammeFile(spec);
    expect(specOf(written)).toEqual(spec);
  });
});

describe("rejecting a bad file with the line and the reason", () => {
  it("reports a YAML syntax error at its line", () => {
    const errors = errorsOf(minimal.replace("    title: Kickoff\n", "    title: [Kickoff\n"));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.line).toBeGreaterThanOrEqual(10);
    expect(errors[0]!.message).toMatch(/flow sequence|\]/i);
  });

  it("reports an alias whose anchor is missing", () => {
    const errors = errorsOf(minimal.replace("    title: Kickoff\n", "    title: Kickoff\n    description: *intro\n"));
    expect(errors).toEqual([{ line: 11, column: 18, path: "", message: expect.stringMatching(/anchor/) }]);
  });

  it("reports a duplicated key", () => {
    const errors = errorsOf(minimal.replace("name: Demo\n", "name: Demo\nname: Again\n"));
    expect(errors[0]).toMatchObject({ line: 3, message: expect.stringMatching(/unique/i) });
  });

  it("names an unknown key, where it is, and what was probably meant", () => {
    const errors = errorsOf(
      minimal.replace("    time: 15:00-16:30\n", "    time: 15:00-16:30\n    meeting-url: https://zoom.example/j/1\n"),
    );
    expect(errors).toEqual([
      { line: 12, column: 5, path: "sessions[0].meeting-url", message: 'unknown key "meeting-url" (did you mean "meeting_url"?)' },
    ]);
  });

  it("rejects a time zone that does not exist", () => {
    expect(errorsOf(minimal.replace("timezone: America/New_York", "timezone: America/Kansas_City"))).toEqual([
      { line: 4, column: 11, path: "timezone", message: "is not an IANA time zone such as America/New_York" },
    ]);
  });

  it("rejects a date that is not on the calendar", () => {
    expect(errorsOf(minimal.replace("date: 2021-10-13", "date: 2021-02-30"))).toEqual([
      { line: 12, column: 11, path: "sessions[0].date", message: "is not a date on the calendar" },
    ]);
  });

  it("reports every problem at once, in line order", () => {
    const errors = errorsOf(
      minimal
        .replace("kind: cop_cohort", "kind: cohort")
        .replace("time: 15:00-16:30", "time: 16:30-15:00")
        .replace("    name: Alpha\n", "    name: Alpha\n    capacity: lots\n"),
    );
    expect(errors.map((e) => [e.line, e.path, e.message])).toEqual([
      [3, "kind", "must be one of: cop_cohort, working_groups"],
      [8, "groups[0].capacity", "must be a number"],
      [12, "sessions[0].time", "must end after it starts, on the same day"],
    ]);
  });

  it("checks references and rules across the file", () => {
    const errors = errorsOf(`${minimal}  - key: monthly
    title: Monthly
    group: alpah
    format: in_person
    time: 15:00-16:00
    repeat: { every: month, on: second wensday, from: 2021-11-10, until: 2022-05-18 }
  - key: kickoff
    title: Duplicate
    time: 15:00-16:00
    date: 2021-10-14
    dates: [2021-10-15]
`);
    expect(errors.map((e) => [e.line, e.path, e.message])).toEqual([
      // A missing key is reported where its mapping starts.
      [13, "sessions[1].location", "is required for an in-person session"],
      [15, "sessions[1].group", "names no group of this programme (did you mean alpha?)"],
      [18, "sessions[1].repeat.on", 'must be a place and a weekday such as "second wednesday" or "last friday"'],
      [19, "sessions[2].key", 'repeats the session key "kickoff"'],
      [23, "sessions[2].dates", "needs exactly one of date (one session), dates (a list) or repeat (a rule)"],
    ]);
  });

  it("rejects an exception or a change that is not a date of the series", () => {
    const errors = errorsOf(`${minimal}  - key: monthly
    title: Monthly
    time: 15:00-16:00
    repeat: { every: month, on: second wednesday, from: 2021-11-10, until: 2022-05-18 }
    except: [2021-11-11]
    changes:
      2021-12-09: { cancelled: true }
`);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [17, "is not a date this rule gives (2021-11-11)"],
      [19, "is not a date of this series (2021-12-09)"],
    ]);
  });

  it("rejects a session time the clocks skip", () => {
    const errors = errorsOf(minimal.replace("time: 15:00-16:30", "time: 02:30-03:30").replace("date: 2021-10-13", "date: 2021-03-14"));
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ["sessions[0].time", "never happens on 2021-03-14 in America/New_York: the clocks skip that hour"],
    ]);
  });

  it("rejects a file that is not a mapping", () => {
    expect(errorsOf("- just\n- a list\n")).toEqual([
      { line: 1, column: 1, path: "", message: "the file must be a YAML mapping of keys to values, starting with slug:" },
    ]);
  });
});

describe("normalised specs", () => {
  it("differ only in order after a format and parse", () => {
    const spec = specOf(example("working-groups.yaml"));
    const reversed = { ...spec, groups: [...spec.groups].reverse(), sessions: [...spec.sessions].reverse() };
    expect(normalised(specOf(formatProgrammeFile(reversed)))).toEqual(normalised(spec));
  });
});
