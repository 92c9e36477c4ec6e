import { readFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { expandSeries, localInstant } from "../../src/domain/occurrences";
import { formatProgrammeFile, parseProgrammeFile, type ProgrammeSpec } from "../../src/domain/programme-file";
import { describeRollover, nextSchoolYearText, nextSlug, nextYearOffset, planRollover, shiftDate } from "../../src/domain/rollover";

const weekday = (date: string) => DateTime.fromISO(date, { zone: "utc" }).weekday;

function spec(text: string): ProgrammeSpec {
  const parsed = parseProgrammeFile(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.programme;
}

const example = () => spec(readFileSync(path.join(__dirname, "..", "..", "examples", "cop-2021-2022.yaml"), "utf8"));

describe("moving dates to next year on the same weekday", () => {
  it.each([
    ["2021-10-13", 364, "2022-10-12"], // the kickoff: Wednesday to Wednesday
    ["2021-11-25", 364, "2022-11-24"], // Thanksgiving, the fourth Thursday, stays the fourth Thursday
    ["2023-10-11", 364, "2024-10-09"], // across a leap day
    ["2024-02-29", 364, "2025-02-27"], // the leap day itself: a fifth Thursday becomes February's last
    ["2027-04-23", 371, "2028-04-28"], // 52 weeks would make the fourth Friday the third: 53 weeks keep it
  ])("%s moves %i days, to %s", (date, days, next) => {
    expect(nextYearOffset(date)).toBe(days);
    expect(shiftDate(date, days)).toBe(next);
    expect(weekday(next)).toBe(weekday(date));
  });

  it("names next school year in names, titles and slugs", () => {
    expect(nextSchoolYearText("Communities of Practice 2021-2022")).toBe("Communities of Practice 2022-2023");
    expect(nextSchoolYearText("cop-2021-22 and 1999/2000")).toBe("cop-2022-23 and 2000/2001");
    expect(nextSchoolYearText("Route 2021-2030")).toBe("Route 2021-2030");
    // A text at its length limit must stay within it: years that would grow a digit are left.
    expect(nextSchoolYearText("9998-99 and 9998-9999")).toBe("9998-99 and 9998-9999");
    expect(nextSchoolYearText("9997-98")).toBe("9998-99");
    expect(nextSlug("cop-2021-2022")).toBe("cop-2022-2023");
    expect(nextSlug("working-groups")).toBe("working-groups-next");
  });
});

describe("planRollover on the example", () => {
  const plan = planRollover(example(), "cop-2022-2023");

  it("keeps the continuing groups with their facilitators, open again, on new channels", () => {
    expect(plan.spec.groups.map((g) => [g.slug, g.status, g.channel, g.facilitators.map((f) => f.name)])).toEqual([
      ["got-justice", "OPEN", { create: "cop-got-justice-2022-23" }, ["Dwight Thomas"]],
      ["roots-connected", "OPEN", { create: "cop-roots-connected-2022-23" }, ["Sahba Rohani"]],
    ]);
    expect(plan.spec.announcements).toEqual({ create: "cop-announcements-2022-23" });
    expect(plan.groupsLeft).toEqual(["Trauma-Informed Practices to Support ALL Students", "Disrupt Bias in Educator Talent Decisions"]);
    expect(plan.spec.sessions.map((s) => s.key)).not.toContain("trauma-informed-sessions");
    expect(plan.spec.sessions.find((s) => s.key === "deliverables-1")!.featuredGroups).toEqual(["got-justice"]);
  });

  it("moves the timeline, blackouts and series 52 weeks on, and copies the reminder rules", () => {
    expect(plan.days).toBe(364);
    expect(plan.schoolYear).toBe("2022-2023");
    expect(plan.spec.deadlines.map((d) => d.localDue)).toEqual(["2022-04-29T23:59", "2022-05-31T00:00", "2022-09-30T23:59"]);
    expect(plan.spec.blackouts).toEqual([{ date: "2022-11-24", reason: "Thanksgiving", group: null }]);
    const kickoff = plan.spec.sessions.find((s) => s.key === "kickoff")!;
    expect(kickoff.schedule).toEqual({ kind: "once", date: "2022-10-12", cancelled: false });
    expect(plan.spec.reminders).toEqual(example().reminders);
    expect(plan.spec.name).toBe("Communities of Practice 2022-2023");
  });

  it("reads as a plan with every new date and its weekday", () => {
    const text = describeRollover(plan).join("\n");
    expect(text).toContain("Every date moves 52 weeks (364 days) later, to the same weekday, into the 2022-2023 school year.");
    expect(text).toContain("kickoff (CoP Year 3 Kickoff): Wed 2021-10-13 -> Wed 2022-10-12");
    expect(text).toContain("signups-close (Participant Sign-up Deadline): Fri 2021-10-01 -> Fri 2022-09-30");
    expect(text).toContain("everyone (Thanksgiving): Thu 2021-11-25 -> Thu 2022-11-24");
  });

  it("writes a file that parses to the same programme", () => {
    const again = parseProgrammeFile(formatProgrammeFile(plan.spec));
    expect(again.ok && again.programme).toEqual(plan.spec);
  });
});

const base = `slug: y
name: Year 2021-2022
kind: working_groups
timezone: America/New_York
groups:
  - { slug: g, name: G, continuing: true }
`;

describe("channels", () => {
  it("names a linked group channel after the group, and keeps a linked announcements channel", () => {
    const plan = planRollover(
      spec(`slug: wg\nname: Working groups\nkind: working_groups\ntimezone: America/New_York\nannouncements: { link: C0ANNOUNCE1 }
groups:\n  - { slug: housing, name: Housing, continuing: true, channel: { link: C0HOUSING01 } }
sessions:\n  - { key: k, title: K, time: 10:00-11:00, date: 2024-10-09 }\n`),
      "wg-next",
    );
    expect(plan.spec.announcements).toEqual({ link: "C0ANNOUNCE1" });
    expect(plan.spec.groups[0]!.channel).toEqual({ create: "housing-2025-26" });
    expect(plan.channels).toEqual(["housing-2025-26"]);
  });
});

describe("rules and daylight saving", () => {
  it("keeps a monthly rule's place in the month, with its exceptions and changes", () => {
    const next = planRollover(
      spec(`${base}sessions:
  - key: monthly
    title: Monthly
    group: g
    time: 15:00-16:00
    repeat: { every: month, on: second wednesday, from: 2021-09-08, until: 2022-05-11 }
    except: [2021-12-08]
    changes: { 2022-01-12: { date: 2022-01-19 } }
`),
      "y2",
    ).spec.sessions[0]!.schedule;
    expect(next).toEqual({
      kind: "repeat",
      // 52 weeks would make 8 September's second Wednesday 7 September 2022's first: 53 weeks it is.
      rule: { every: "month", interval: 1, weekday: "wednesday", nth: 2, from: "2022-09-14", until: "2023-05-17" },
      except: ["2022-12-14"],
      changes: { "2023-01-11": { date: "2023-01-18" } },
    });
  });

  it("keeps wall-clock times across a daylight-saving change: 15:00 in New York both years", () => {
    const plan = planRollover(
      spec(`${base}sessions:\n  - { key: s, title: S, group: g, time: 15:00-16:00, dates: [2021-11-05, 2021-11-08] }\n`),
      "y2",
    );
    const s = plan.spec.sessions[0]!;
    expect(s.schedule).toEqual({ kind: "dates", dates: ["2022-11-04", "2022-11-07"], changes: {} });
    const starts = expandSeries({
      key: "s",
      schedule: { kind: "dates", dates: ["2022-11-04", "2022-11-07"] },
      localTime: s.localTime,
      durationMinutes: 60,
      timezone: s.timezone,
    }).map((o) => o.startsAt.toISOString());
    // Before and after the clocks go back on 6 November 2022.
    expect(starts).toEqual(["2022-11-04T19:00:00.000Z", "2022-11-07T20:00:00.000Z"]);
    expect(localInstant("2022-11-07T15:00", "America/New_York").toISOString()).toBe(starts[1]);
  });

  it("a time that next year falls in the skipped hour is refused when the file is read, naming the date", () => {
    // 15 March 2020 was a week after the clocks sprang forward; 52 weeks on is the very night.
    const plan = planRollover(
      spec(`${base}sessions:\n  - { key: early, title: Early, group: g, time: 02:30-03:30, dates: [2020-03-10, 2020-03-15] }\n`),
      "y2",
    );
    expect(plan.spec.sessions[0]!.schedule).toEqual({ kind: "dates", dates: ["2021-03-09", "2021-03-14"], changes: {} });
    const parsed = parseProgrammeFile(formatProgrammeFile(plan.spec));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.map((e) => e.message)).toEqual([
      "never happens on 2021-03-14 in America/New_York: the clocks skip that hour",
    ]);
  });
});
