import {
  expandSeries,
  isLocalDate,
  localInstant,
  parseSeriesRule,
  type Recurrence,
  scheduledDates,
  seriesRuleText,
} from "../../src/domain/occurrences";

const secondWednesday: Recurrence = { every: "month", interval: 1, weekday: "wednesday", nth: 2, from: "2021-10-13", until: "2022-05-18" };

describe("wall-clock time across daylight-saving changes", () => {
  it.each([
    // zone, local time, instant
    ["America/New_York", "2021-10-13T15:00", "2021-10-13T19:00:00.000Z"], // EDT
    ["America/New_York", "2021-11-10T15:00", "2021-11-10T20:00:00.000Z"], // EST after 7 November
    ["America/New_York", "2022-03-16T15:00", "2022-03-16T19:00:00.000Z"], // EDT again after 13 March
    ["America/Chicago", "2022-01-27T09:00", "2022-01-27T15:00:00.000Z"], // Kansas City in winter
    ["Europe/London", "2021-10-29T15:00", "2021-10-29T14:00:00.000Z"], // BST
    ["Europe/London", "2021-11-05T15:00", "2021-11-05T15:00:00.000Z"], // GMT
    ["Australia/Sydney", "2021-10-01T15:00", "2021-10-01T05:00:00.000Z"], // AEST
    ["Australia/Sydney", "2021-10-08T15:00", "2021-10-08T04:00:00.000Z"], // AEDT from 3 October
  ])("%s %s is %s", (zone, local, instant) => {
    expect(localInstant(local, zone).toISOString()).toBe(instant);
  });

  it("keeps a monthly 15:00 meeting at 15:00 local while its UTC hour moves", () => {
    const occurrences = expandSeries({
      key: "monthly",
      schedule: { kind: "repeat", rule: secondWednesday },
      localTime: "15:00",
      durationMinutes: 90,
      timezone: "America/New_York",
    });
    expect(occurrences.map((o) => [o.localStart, o.startsAt.toISOString().slice(11, 16)])).toEqual([
      ["2021-10-13T15:00", "19:00"],
      ["2021-11-10T15:00", "20:00"],
      ["2021-12-08T15:00", "20:00"],
      ["2022-01-12T15:00", "20:00"],
      ["2022-02-09T15:00", "20:00"],
      ["2022-03-09T15:00", "20:00"],
      ["2022-04-13T15:00", "19:00"],
      ["2022-05-11T15:00", "19:00"],
    ]);
    expect(occurrences[0]!.endsAt.toISOString()).toBe("2021-10-13T20:30:00.000Z");
  });
});

describe("expanding a series", () => {
  const expand = (extra: Partial<Parameters<typeof expandSeries>[0]>) =>
    expandSeries({
      key: "monthly",
      schedule: { kind: "repeat", rule: secondWednesday },
      localTime: "15:00",
      durationMinutes: 60,
      timezone: "America/New_York",
      ...extra,
    });

  it("leaves out exceptions and blackout dates", () => {
    const dates = expand({ except: ["2021-12-08"], blackouts: ["2022-01-12", "2021-12-25"] }).map((o) => o.seriesDate);
    expect(dates).toEqual(["2021-10-13", "2021-11-10", "2022-02-09", "2022-03-09", "2022-04-13", "2022-05-11"]);
  });

  it("keys each occurrence by the date the series gives it, so a moved one keeps its key", () => {
    const moved = expand({ changes: { "2021-11-10": { date: "2021-11-17", localTime: "16:00" }, "2022-03-09": { cancelled: true } } });
    const november = moved.find((o) => o.key === "monthly/2021-11-10")!;
    expect(november.localStart).toBe("2021-11-17T16:00");
    expect(november.startsAt.toISOString()).toBe("2021-11-17T21:00:00.000Z");
    expect(moved.find((o) => o.key === "monthly/2022-03-09")!.cancelled).toBe(true);
    expect(moved.filter((o) => o.cancelled)).toHaveLength(1);
  });

  it("supports every other week and the last weekday of a month", () => {
    expect(
      scheduledDates({
        kind: "repeat",
        rule: { every: "week", interval: 2, weekday: "thursday", nth: null, from: "2024-10-03", until: "2024-11-14" },
      }),
    ).toEqual(["2024-10-03", "2024-10-17", "2024-10-31", "2024-11-14"]);
    expect(
      scheduledDates({
        kind: "repeat",
        rule: { every: "month", interval: 1, weekday: "friday", nth: -1, from: "2024-01-01", until: "2024-03-31" },
      }),
    ).toEqual(["2024-01-26", "2024-02-23", "2024-03-29"]);
  });

  it("stores a rule as RFC 5545 text and reads it back", () => {
    const text = seriesRuleText({ kind: "repeat", rule: secondWednesday });
    expect(text).toBe("RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=+2WE;UNTIL=20220518");
    expect(parseSeriesRule(text, secondWednesday.from)).toEqual({ kind: "repeat", rule: secondWednesday });
    const dates = { kind: "dates" as const, dates: ["2021-11-10", "2021-12-08"] };
    expect(seriesRuleText(dates)).toBe("RDATE;VALUE=DATE:20211110,20211208");
    expect(parseSeriesRule(seriesRuleText(dates), "2021-11-10")).toEqual(dates);
  });

  it("knows real calendar dates", () => {
    expect(isLocalDate("2024-02-29")).toBe(true);
    expect(isLocalDate("2021-02-30")).toBe(false);
    expect(isLocalDate("2021-2-3")).toBe(false);
  });
});
