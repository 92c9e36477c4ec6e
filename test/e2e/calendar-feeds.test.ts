import { importProgramme } from "../../src/services/programme-service";
import { HOME_RESET_FEED } from "../../src/views/home-view";
import { copWithSlackIds } from "../helpers/cop-example";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";
import { parseICal } from "../helpers/ical";

const NOW = new Date("2021-10-01T12:00:00Z");
const STAFF = "U0STAFF001";
const JUSTICE = "Got Justice? Creating and Sustaining Equitable School Culture";
const LINKS = {
  justice: "https://zoom.example/j/111?pwd=justice",
  trauma: "https://zoom.example/j/222?pwd=trauma",
  kickoff: "https://zoom.example/j/999?pwd=kickoff",
};

/** The example, with meeting links on two groups' sessions and on the programme's kick-off. */
const withLinks = () =>
  copWithSlackIds()
    .replace(
      "    group: got-justice\n    time: 16:00-17:00",
      `    group: got-justice\n    meeting_url: ${LINKS.justice}\n    time: 16:00-17:00`,
    )
    .replace(
      "    group: trauma-informed\n    time: 15:00-16:00",
      `    group: trauma-informed\n    meeting_url: ${LINKS.trauma}\n    time: 15:00-16:00`,
    )
    .replace(
      "    description: Virtual kick-off among all CoP groups.\n",
      `    description: Virtual kick-off among all CoP groups.\n    meeting_url: ${LINKS.kickoff}\n`,
    );

const eventsOf = (ics: string) => parseICal(ics).children.filter((c) => c.name === "VEVENT");
const FEED = /https:\/\/convene\.example\.org(\/calendar\/[\w-]+\.ics)/;

describe.each(providers)("calendar feeds served beside Slack's endpoint, on %s", (provider) => {
  let h: Harness;
  let member: string;

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_PUBLIC_URL: "https://convene.example.org/", CONVENE_ADMINS: STAFF });
    h.convene.services.now = () => NOW;
    h.slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff", email: "sam@dcsc.org" });
    member = h.slack.addUser({ name: "ariana", realName: "Ariana Melton", email: "ariana@prospectschools.org", tz: "America/Chicago" }).id;
    const imported = await importProgramme(h.t.db, withLinks(), { now: NOW });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(withLinks()).toContain(LINKS.kickoff);
  });
  afterAll(() => h.stop());

  /** Opens the Home tab and returns the path of the feed it offers. */
  const homeFeed = async (userId: string) => {
    const before = h.slack.homeView(userId)?.versions.length ?? -1;
    await h.slack.sendEvent({ type: "app_home_opened", user: userId });
    await h.slack.waitFor(() => (h.slack.homeView(userId)?.versions.length ?? -1) > before, { what: "the Home tab" });
    return FEED.exec(JSON.stringify(h.slack.homeView(userId)!.view))![1]!;
  };
  const joinJustice = async (userId: string) => {
    const justice = await h.t.db.group.findFirstOrThrow({ where: { slug: "got-justice" } });
    const person = await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: userId } });
    await h.t.db.membership.create({ data: { groupId: justice.id, personId: person.id, status: "ACTIVE" } });
  };

  it("gives a member their own feed on Home: their group's sessions with its meeting link, the programme's sessions and deadlines, privately cached", async () => {
    await homeFeed(member); // Convene meets her
    await joinJustice(member);
    const path = await homeFeed(member);
    const res = await fetch(`${h.baseUrl}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    const ics = await res.text();
    const events = eventsOf(ics);
    const justice = events.filter((e) => e.props.SUMMARY!.value === `${JUSTICE} · Virtual Group Session`);
    expect(justice).toHaveLength(8);
    for (const e of justice) expect(e.props.URL?.value).toBe(LINKS.justice);
    const kickoff = events.find((e) => e.props.SUMMARY!.value === "CoP Year 3 Kickoff")!;
    expect(kickoff.props.URL?.value).toBe(LINKS.kickoff);
    expect(events.map((e) => e.props.SUMMARY!.value)).toContain("Participant Sign-up Deadline");
    // Another group's sessions, and so its link, are not hers.
    expect(ics).not.toContain("zoom.example/j/222");
    expect(events.some((e) => e.props.SUMMARY!.value.startsWith("Trauma-Informed"))).toBe(false);
  });

  it("offers a guest only their own feed: no programme feed, and no meeting link for sessions they are not in", async () => {
    const guest = h.slack.addUser({ name: "gus", realName: "Gus Guest", email: "gus@example.com", tz: "Europe/London" }).id;
    const path = await homeFeed(guest);
    const programme = await h.t.db.programme.findFirstOrThrow();
    expect(JSON.stringify(h.slack.homeView(guest)!.view)).not.toContain(programme.calendarToken);
    const person = await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: guest } });
    expect(path).toBe(`/calendar/${person.calendarToken}.ics`);
    const ics = await (await fetch(`${h.baseUrl}${path}`)).text();
    expect(eventsOf(ics).map((e) => e.props.SUMMARY!.value)).toContain("CoP Year 3 Kickoff");
    expect(ics).not.toContain("zoom.example");
  });

  it("carries no meeting link in a programme's or group's feed, which are passed around", async () => {
    const programme = await h.t.db.programme.findFirstOrThrow();
    const group = await h.t.db.group.findFirstOrThrow({ where: { slug: "got-justice" } });
    for (const token of [programme.calendarToken, group.calendarToken]) {
      const res = await fetch(`${h.baseUrl}/calendar/${token}.ics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, max-age=300");
      const ics = await res.text();
      expect(eventsOf(ics).length).toBeGreaterThan(10);
      expect(ics).not.toContain("zoom.example");
    }
  });

  it("resets a person's feed from Home: the new link works and the old one is gone", async () => {
    const old = await homeFeed(member);
    const versions = h.slack.homeView(member)!.versions.length;
    await h.slack.clickButton({ userId: member, home: true, actionId: HOME_RESET_FEED });
    await h.slack.waitFor(() => h.slack.homeView(member)!.versions.length > versions, { what: "the Home tab again" });
    const fresh = FEED.exec(JSON.stringify(h.slack.homeView(member)!.view))![1]!;
    expect(fresh).not.toBe(old);
    expect((await fetch(`${h.baseUrl}${old}`)).status).toBe(404);
    expect((await fetch(`${h.baseUrl}${fresh}`)).status).toBe(200);
  });

  it("stops a deactivated person's feed", async () => {
    const leaver = h.slack.addUser({ name: "lee", realName: "Lee Leaving", email: "lee@prospectschools.org" }).id;
    await homeFeed(leaver);
    await joinJustice(leaver);
    const path = await homeFeed(leaver);
    expect((await fetch(`${h.baseUrl}${path}`)).status).toBe(200);
    h.slack.deactivateUser(leaver);
    const res = await fetch(`${h.baseUrl}${path}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("zoom.example");
    expect((await fetch(`${h.baseUrl}${path}`)).status).toBe(404);
  });

  it("lets staff give a group's feed a new address from /convene admin, and refuses anyone else", async () => {
    const group = await h.t.db.group.findFirstOrThrow({ where: { slug: "got-justice" } });
    const refused = await h.slack.sendCommand({ userId: member, command: "/convene", text: "admin feed reset got justice" });
    expect(JSON.stringify(refused.body)).toContain("Only coalition staff");
    expect((await fetch(`${h.baseUrl}/calendar/${group.calendarToken}.ics`)).status).toBe(200);

    const res = await h.slack.sendCommand({ userId: STAFF, command: "/convene", text: "admin feed reset got justice" });
    const shown = FEED.exec(JSON.stringify(res.body));
    expect(shown).not.toBeNull();
    expect(JSON.stringify(res.body)).toContain("The old address no longer works");
    expect((await fetch(`${h.baseUrl}/calendar/${group.calendarToken}.ics`)).status).toBe(404);
    expect((await fetch(`${h.baseUrl}${shown![1]}`)).status).toBe(200);
  });

  it("lets staff give a programme's feed a new address by its slug", async () => {
    const programme = await h.t.db.programme.findFirstOrThrow();
    const res = await h.slack.sendCommand({ userId: STAFF, command: "/convene", text: `admin feed reset ${programme.slug}` });
    const shown = FEED.exec(JSON.stringify(res.body))!;
    expect((await fetch(`${h.baseUrl}/calendar/${programme.calendarToken}.ics`)).status).toBe(404);
    expect((await fetch(`${h.baseUrl}${shown[1]}`)).status).toBe(200);
  });

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
    expect(titles.filter((t) => t === `${JUSTICE} · Virtual Group Session`)).toHaveLength(8);
    expect(titles).toContain("CoP Year 3 Kickoff");
    expect(titles).toContain("Participant Sign-up Deadline");
    const nov10 = events.find((e) => e.props.DTSTART!.value === "20211110T210000Z");
    expect(nov10!.props.SUMMARY!.value).toBe(`${JUSTICE} · Virtual Group Session`);
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

    const later = withLinks().replace(
      "title: Participant Sign-up Deadline\n    description: Last chance for staff from any DCSC member school to sign up for one of our Communities of Practice!\n    due: 2021-10-01",
      "title: Participant Sign-up Deadline\n    description: Last chance for staff from any DCSC member school to sign up for one of our Communities of Practice!\n    due: 2021-10-08",
    );
    expect(later).not.toBe(withLinks());
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
