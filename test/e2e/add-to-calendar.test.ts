import { importCop } from "../helpers/cop-example";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";
import { parseICal } from "../helpers/ical";

const NOW = new Date("2021-10-01T12:00:00Z");
const JUSTICE = "Got Justice? Creating and Sustaining Equitable School Culture";

/** What `/convene sessions` offers to put a session in someone's calendar. */
describe.each(providers)("adding a session to a calendar, on %s", (provider) => {
  let h: Harness;
  let member: string;
  let sessions: string;

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_PUBLIC_URL: "https://convene.example.org" });
    h.convene.services.now = () => NOW;
    member = h.slack.addUser({ name: "ariana", realName: "Ariana Melton", email: "ariana@prospectschools.org", tz: "America/Chicago" }).id;
    await importCop(h.t.db, NOW);
    const res = await h.slack.sendCommand({ userId: member, command: "/convene", text: "sessions" });
    sessions = JSON.stringify(res.body);
  });
  afterAll(() => h.stop());

  /** Every Google and Outlook link in the reply, decoded. */
  const links = (host: string) =>
    [...sessions.matchAll(/<(https:\/\/[^|>]+)\|/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, "&"))).filter((u) => u.host === host);

  it("offers Google and Outlook for each session, titled with the group's name first", () => {
    const google = links("calendar.google.com").map((u) => u.searchParams.get("text"));
    const outlook = links("outlook.office.com").map((u) => u.searchParams.get("subject"));
    expect(google).toContain(`${JUSTICE} · Virtual Group Session`);
    expect(outlook).toContain(`${JUSTICE} · Virtual Group Session`);
    expect(google).not.toContain("Virtual Group Session");
    // A session for the whole programme has no group to name.
    expect(google).toContain("CoP Year 3 Kickoff");
  });

  it("says where a programme-wide session's link is, not 'in the group's channel'", () => {
    const kickoff = sessions.split("*CoP Year 3 Kickoff*")[1]!.split(":spiral_calendar_pad:")[0]!;
    expect(kickoff).toContain("Online (coalition staff share the link before it starts)");
    expect(kickoff).not.toContain("group's channel");
  });

  /** Each "Download .ics" address in the reply, as a path on Convene's HTTP port. */
  const icsPaths = () =>
    [...sessions.matchAll(/<https:\/\/convene\.example\.org(\/calendar\/session\/[^|>]+\.ics)\|\.ics file>/g)].map((m) => m[1]!);

  it("offers each session as an .ics file, titled '<group> · <session>', private and unguessable", async () => {
    const paths = icsPaths();
    expect(paths.length).toBeGreaterThan(5);
    const fetched = await Promise.all(paths.map((p) => fetch(`${h.baseUrl}${p}`)));
    for (const res of fetched) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="cop-2021-2022-[\w-]+\.ics"$/);
      expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    }
    const titles = await Promise.all(
      fetched.map(async (res) =>
        parseICal(await res.text())
          .children.filter((c) => c.name === "VEVENT")
          .map((e) => e.props.SUMMARY!.value),
      ),
    );
    expect(titles.every((t) => t.length === 1)).toBe(true);
    expect(titles.flat()).toContain(`${JUSTICE} · Virtual Group Session`);
    expect(titles.flat()).toContain("CoP Year 3 Kickoff");
    // The token is a MAC of the session: another session's id, or a changed MAC, opens nothing.
    const [first, second] = paths.map((p) => decodeURIComponent(p.slice("/calendar/session/".length, -".ics".length)));
    const forged = `${second!.split("-")[0]}-${first!.split("-").at(-1)}`;
    const tampered = `${first!.slice(0, -1)}${first!.endsWith("0") ? "1" : "0"}`;
    for (const token of [forged, tampered, "x"]) {
      const res = await fetch(`${h.baseUrl}/calendar/session/${encodeURIComponent(token)}.ics`);
      expect(res.status).toBe(404);
    }
  });

  it("puts Download .ics beside Google and Outlook on a session's reminder", async () => {
    const justice = await h.t.db.group.findFirstOrThrow({ where: { slug: "got-justice" } });
    const channel = h.slack.addChannel({ name: "cop-got-justice" }).id;
    await h.t.db.group.update({ where: { id: justice.id }, data: { channelId: channel } });
    const next = await h.t.db.session.findFirstOrThrow({
      where: { groupId: justice.id, startsAt: { gt: NOW } },
      orderBy: { startsAt: "asc" },
    });
    await h.tick(new Date(next.startsAt.getTime() - 60 * 60_000));
    const reminder = h.slack.messages(channel).find((m) => (m.text ?? "").startsWith("Reminder:"))!;
    const buttons = JSON.stringify(reminder.blocks);
    expect(buttons).toContain("Add to Google Calendar");
    expect(buttons).toContain("Add to Outlook");
    const url = /"url":"(https:\/\/convene\.example\.org\/calendar\/session\/[^"]+\.ics)"/.exec(buttons)![1]!;
    const res = await fetch(`${h.baseUrl}${new URL(url).pathname}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("SUMMARY:Got Justice?");
  });
});
