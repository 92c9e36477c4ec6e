import { onDate, calendarLinks, fallbackText, slackDate } from "../../src/views/slack-date";

const kickoff = new Date("2021-10-13T19:00:00Z");

describe("Slack date tokens", () => {
  it("renders in each reader's zone, with a readable fallback in the given zone", () => {
    expect(slackDate(kickoff, "{date_short_pretty} at {time}", "America/New_York")).toBe(
      "<!date^1634151600^{date_short_pretty} at {time}|Wed, Oct 13, 2021 at 3:00 PM EDT>",
    );
  });

  it.each([
    ["{date_num}", "America/New_York", "2021-10-13"],
    ["{date}", "America/New_York", "October 13, 2021"],
    ["{date_short}", "America/Chicago", "Oct 13, 2021"],
    ["{date_long} {time}", "America/Chicago", "Wednesday, October 13, 2021 2:00 PM CDT"],
    ["{time_secs}", "Europe/London", "8:00:00 PM GMT+1"],
    // After the clocks change, the same wall-clock meeting reads the same, with the new zone name.
    ["{date_long_pretty} at {time}", "America/New_York", "Wednesday, October 13, 2021 at 3:00 PM EDT"],
  ])("reads %s in %s as %s", (format, zone, text) => {
    expect(fallbackText(kickoff, format, zone)).toBe(text);
  });

  it("shows the new UTC offset after a daylight-saving change but the same local time", () => {
    expect(fallbackText(new Date("2021-11-10T20:00:00Z"), "{time}", "America/New_York")).toBe("3:00 PM EST");
  });

  it("escapes the fallback and can link the date", () => {
    expect(slackDate(kickoff, "Kickoff <{date_num}>", "UTC", "https://example.org/s")).toBe(
      "<!date^1634151600^Kickoff <{date_num}>^https://example.org/s|Kickoff &lt;2021-10-13&gt;>",
    );
  });
});

describe("add-to-calendar links", () => {
  const links = calendarLinks({
    title: "CoP Year 3 Kickoff",
    description: "Virtual kick-off among all CoP groups.",
    meetingUrl: "https://zoom.example/j/1",
    startsAt: kickoff,
    endsAt: new Date("2021-10-13T20:30:00Z"),
  });

  it("opens Google Calendar with the session in UTC", () => {
    const url = new URL(links.google);
    expect(url.origin + url.pathname).toBe("https://calendar.google.com/calendar/render");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: "TEMPLATE",
      text: "CoP Year 3 Kickoff",
      dates: "20211013T190000Z/20211013T203000Z",
      details: "Virtual kick-off among all CoP groups.\n\nhttps://zoom.example/j/1",
      location: "https://zoom.example/j/1",
    });
  });

  it("opens Outlook on the web with the same times", () => {
    const url = new URL(links.outlook);
    expect(url.searchParams.get("subject")).toBe("CoP Year 3 Kickoff");
    expect(url.searchParams.get("startdt")).toBe("2021-10-13T19:00:00.000Z");
    expect(url.searchParams.get("enddt")).toBe("2021-10-13T20:30:00.000Z");
  });
});

describe("onDate", () => {
  it("phrases a date after 'on' with a plain token, never a _pretty one Slack would render as 'on Today'", () => {
    expect(onDate(new Date("2021-10-13T19:00:00Z"), "America/New_York")).toBe(
      "on <!date^1634151600^{date_short} at {time}|Oct 13, 2021 at 3:00 PM EDT>",
    );
  });
});
