import { schoolYear } from "../../src/domain/school-year";

describe("the school year a date falls in", () => {
  it.each([
    ["2021-09-15T12:00:00Z", "America/New_York", "2021-2022"],
    ["2022-06-15T12:00:00Z", "America/New_York", "2021-2022"], // the June close-out ends the year
    ["2022-07-01T04:00:00Z", "America/New_York", "2022-2023"], // midnight, July 1 in New York
    ["2022-07-01T03:59:00Z", "America/New_York", "2021-2022"], // still June 30 there
    ["2022-06-30T23:30:00Z", "Europe/London", "2022-2023"], // already July 1 in London
  ])("%s in %s is %s", (at, zone, year) => {
    expect(schoolYear(new Date(at), zone)).toBe(year);
  });
});
