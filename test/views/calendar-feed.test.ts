import { type CalendarFeed, renderCalendar } from "../../src/views/calendar-feed";
import { parseICal } from "../helpers/ical";

const updatedAt = new Date("2021-09-01T12:00:00Z");
const feed: CalendarFeed = {
  name: "Communities of Practice 2021-2022",
  programmeSlug: "cop-2021-2022",
  timezone: "America/New_York",
  sessions: [
    {
      key: "kickoff",
      title: "CoP Year 3 Kickoff",
      description: "Virtual kick-off among all CoP groups.",
      groupName: null,
      featuredGroupNames: [],
      startsAt: new Date("2021-10-13T19:00:00Z"),
      endsAt: new Date("2021-10-13T20:30:00Z"),
      location: null,
      meetingUrl: "https://zoom.example/j/1",
      status: "SCHEDULED",
      sequence: 2,
      updatedAt,
    },
    {
      key: "got-justice-sessions/2021-12-08",
      title: "Virtual Group Session",
      description: null,
      groupName: "Got Justice?",
      featuredGroupNames: [],
      startsAt: new Date("2021-12-08T21:00:00Z"),
      endsAt: new Date("2021-12-08T22:00:00Z"),
      location: null,
      meetingUrl: null,
      status: "CANCELLED",
      sequence: 1,
      updatedAt,
    },
    {
      key: "kansas-city",
      title: "January In-Person Sessions",
      description: "Intensive deep-dive sessions in Kansas City, MO.",
      groupName: null,
      featuredGroupNames: ["Disrupt Bias", "Got Justice?"],
      startsAt: new Date("2022-01-27T15:00:00Z"),
      endsAt: new Date("2022-01-27T22:00:00Z"),
      location: "Kansas City, MO",
      meetingUrl: null,
      status: "SCHEDULED",
      sequence: 0,
      updatedAt,
    },
  ],
  deadlines: [
    {
      key: "signups-close",
      title: "Participant Sign-up Deadline",
      description: null,
      wholeDay: true,
      localDue: "2021-10-01T23:59",
      timezone: "America/New_York",
      dueAt: new Date("2021-10-02T03:59:00Z"),
      sequence: 0,
      updatedAt,
    },
    {
      key: "proposals-due",
      title: "Proposals due",
      description: "Send your proposal by 5 p.m.",
      wholeDay: false,
      localDue: "2021-04-30T17:00",
      timezone: "America/New_York",
      dueAt: new Date("2021-04-30T21:00:00Z"),
      sequence: 3,
      updatedAt,
    },
  ],
};

describe("the iCalendar feed", () => {
  const calendar = parseICal(renderCalendar(feed));
  const events = calendar.children.filter((c) => c.name === "VEVENT");
  const event = (uid: string) => events.find((e) => e.props.UID!.value === uid)!;

  it("is a named calendar that asks subscribers to refresh", () => {
    expect(calendar.name).toBe("VCALENDAR");
    expect(calendar.props.VERSION!.value).toBe("2.0");
    expect(calendar.props["X-WR-CALNAME"]!.value).toBe("Communities of Practice 2021-2022");
    expect(calendar.props.METHOD!.value).toBe("PUBLISH");
    expect(calendar.props["REFRESH-INTERVAL"]!.value).toBe("PT1H");
    expect(events).toHaveLength(5);
  });

  it("gives sessions stable UIDs from the programme and session key, with their SEQUENCE, in UTC", () => {
    const kickoff = event("session/cop-2021-2022/kickoff@convene");
    expect(kickoff.props.SEQUENCE!.value).toBe("2");
    expect(kickoff.props.DTSTART!.value).toBe("20211013T190000Z");
    expect(kickoff.props.DTEND!.value).toBe("20211013T203000Z");
    expect(kickoff.props.URL!.value).toBe("https://zoom.example/j/1");
    expect(kickoff.props.STATUS!.value).toBe("CONFIRMED");
    expect(kickoff.props.DESCRIPTION!.value).toBe("Virtual kick-off among all CoP groups.\\n\\nJoin: https://zoom.example/j/1");
  });

  it("marks a cancelled session cancelled and names its group", () => {
    const cancelled = event("session/cop-2021-2022/got-justice-sessions/2021-12-08@convene");
    expect(cancelled.props.STATUS!.value).toBe("CANCELLED");
    expect(cancelled.props.SUMMARY!.value).toBe("Cancelled: Got Justice? · Virtual Group Session");
  });

  it("carries the location and featured groups of an in-person session", () => {
    const kc = event("session/cop-2021-2022/kansas-city@convene");
    expect(kc.props.LOCATION!.value).toBe("Kansas City\\, MO");
    expect(kc.props.DESCRIPTION!.value).toContain("Featuring: Disrupt Bias\\, Got Justice?");
  });

  it("shows a whole-day deadline as an all-day event on its local date, a timed one at its time", () => {
    const close = event("deadline/cop-2021-2022/signups-close@convene");
    expect(close.props.DTSTART).toEqual({ params: "VALUE=DATE", value: "20211001" });
    const due = event("deadline/cop-2021-2022/proposals-due@convene");
    expect(due.props.DTSTART!.value).toBe("20210430T210000Z");
    // Moved three times: calendars replace the event only when its SEQUENCE grows.
    expect(due.props.SEQUENCE!.value).toBe("3");
  });
});
