import { importCop } from "../helpers/cop-example";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";

const NOW = new Date("2021-10-01T12:00:00Z");
const JUSTICE = "Got Justice? Creating and Sustaining Equitable School Culture";

/** What `/convene sessions` offers to put a session in someone's calendar. */
describe.each(providers)("adding a session to a calendar, on %s", (provider) => {
  let h: Harness;
  let member: string;
  let sessions: string;

  beforeAll(async () => {
    h = await startHarness(provider);
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
});
