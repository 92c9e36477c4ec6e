import { importProgramme } from "../../src/services/programme-service";
import { copWithSlackIds, importCop } from "../helpers/cop-example";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";
import { parseICal } from "../helpers/ical";

const NOW = new Date("2021-10-01T12:00:00Z");

describe.each(providers)("calendar feeds served beside Slack's endpoint, on %s", (provider) => {
  let h: Harness;
  let member: string;

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_PUBLIC_URL: "https://convene.example.org/" });
    h.convene.services.now = () => NOW;
    member = h.slack.addUser({ name: "ariana", realName: "Ariana Melton", email: "ariana@prospectschools.org", tz: "America/Chicago" }).id;
    await importCop(h.t.db, NOW);
  });
  afterAll(() => h.stop());

  it("serves the group feed whose address `/convene group` shows: its sessions, everyone's, and the deadlines", async () => {
    const res = await h.slack.sendCommand({ userId: member, command: "/convene", text: "group got justice" });
    const shown = /https:\/\/convene\.example\.org(\/calendar\/[\w-]+\.ics)/.exec(JSON.stringify(res.body));
    expect(shown).not.toBeNull();
    const feed = await fetch(`${h.baseUrl}${shown![1]}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const calendar = parseICal(await feed.text());
    const events = calendar.children.filter((c) => c.name === "VEVENT");
    const titles = events.map((e) => e.props.SUMMARY!.value);
    // 8 group sessions, 5 for everyone (not the facilitators-only orientation), 3 deadlines; no other group's sessions.
    expect(events).toHaveLength(16);
    expect(titles.filter((t) => t === "Virtual Group Session")).toHaveLength(8);
    expect(titles).toContain("CoP Year 3 Kickoff");
    expect(titles).toContain("Participant Sign-up Deadline");
    const nov10 = events.find((e) => e.props.DTSTART!.value === "20211110T210000Z");
    expect(nov10?.props.SUMMARY!.value).toBe("Virtual Group Session");
  });

  it("serves the programme's feed with every session", async () => {
    const programme = await h.t.db.programme.findFirstOrThrow();
    const feed = await fetch(`${h.baseUrl}/calendar/${programme.calendarToken}.ics`);
    expect(feed.status).toBe(200);
    const events = parseICal(await feed.text()).children.filter((c) => c.name === "VEVENT");
    expect(events).toHaveLength(37 + 3); // every session but the facilitators-only orientation, and the deadlines
  });

  it("moves a deadline the file moves, with a higher SEQUENCE so subscribed calendars take it", async () => {
    const programme = await h.t.db.programme.findFirstOrThrow();
    const closeOf = async () => {
      const feed = await fetch(`${h.baseUrl}/calendar/${programme.calendarToken}.ics`);
      const events = parseICal(await feed.text()).children.filter((c) => c.name === "VEVENT");
      return events.find((e) => e.props.UID!.value === "deadline/cop-2021-2022/signups-close@convene")!;
    };
    expect((await closeOf()).props.SEQUENCE!.value).toBe("0");

    const later = copWithSlackIds().replace("title: Participant Sign-up Deadline\n    description: Last chance for staff from any DCSC member school to sign up for one of our Communities of Practice!\n    due: 2021-10-01", "title: Participant Sign-up Deadline\n    description: Last chance for staff from any DCSC member school to sign up for one of our Communities of Practice!\n    due: 2021-10-08");
    expect(later).not.toBe(copWithSlackIds());
    expect((await importProgramme(h.t.db, later, { now: NOW })).ok).toBe(true);

    const moved = await closeOf();
    expect(moved.props.DTSTART).toEqual({ params: "VALUE=DATE", value: "20211008" });
    expect(moved.props.SEQUENCE!.value).toBe("1");
  });

  it.each(["/calendar/not-a-token.ics", "/calendar/.ics"])("answers 404 for %s", async (path) => {
    const res = await fetch(`${h.baseUrl}${path}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("VCALENDAR");
  });
});
