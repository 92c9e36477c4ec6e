import { WebClient } from "@slack/web-api";
import { configSchema } from "../../src/config";
import { ensurePerson, isStaffForListing, roleOf } from "../../src/services/people-service";
import { grantStaff } from "../../src/services/staff-service";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { LocalSlack } from "../../src/local-slack";

describe.each(providers)("people and roles on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  let client: WebClient;
  const config = configSchema.parse({ SLACK_BOT_TOKEN: "xoxb-t", SLACK_SIGNING_SECRET: "secret-secret", CONVENE_ADMINS: "UADMIN01" });
  beforeAll(async () => {
    t = await openTestDb(provider);
    slack = await LocalSlack.start();
    client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl });
  });
  afterAll(async () => {
    await t.close();
    await slack.stop();
  });
  const services = () => ({ db: t.db, now: () => new Date(), config });

  it("makes someone a member by their email's domain, and a guest otherwise", async () => {
    const org = await t.db.organization.create({
      data: { name: "Prospect Schools", nameKey: "prospect schools", domains: { create: { domain: "prospectschools.org" } } },
    });
    const dwight = slack.addUser({
      name: "dwight",
      realName: "Dwight Thomas",
      email: "Dwight@ProspectSchools.org",
      tz: "America/New_York",
    }).id;
    const visitor = slack.addUser({ name: "visitor", email: "someone@example.com" }).id;
    const member = await ensurePerson(services(), client, dwight);
    expect(member).toMatchObject({
      name: "Dwight Thomas",
      email: "dwight@prospectschools.org",
      timezone: "America/New_York",
      organizationId: org.id,
    });
    expect(await roleOf(services(), member)).toBe("member");
    expect(await roleOf(services(), await ensurePerson(services(), client, visitor))).toBe("guest");
    expect(await roleOf(services(), await ensurePerson(services(), client, slack.addUser({ id: "UADMIN01", name: "admin" }).id))).toBe(
      "staff",
    );
  });

  it("counts an organization imported after someone was first seen at once, without asking Slack again", async () => {
    const ana = slack.addUser({ name: "ana", email: "ana@cityimmersion.org" }).id;
    expect(await roleOf(services(), await ensurePerson(services(), client, ana))).toBe("guest");
    await t.db.organization.create({
      data: { name: "City Language Immersion", nameKey: "city language immersion", domains: { create: { domain: "cityimmersion.org" } } },
    });
    const lookups = slack.callsTo("users.info").length;
    expect(await roleOf(services(), await ensurePerson(services(), client, ana))).toBe("member");
    expect(slack.callsTo("users.info").length).toBe(lookups);
  });

  it("lists for help from a remembered staff lookup, and looks a stale one up again later rather than while answering", async () => {
    const lena = slack.addUser({ name: "lena", email: "lena@example.org" }).id;
    await ensurePerson(services(), client, lena);
    const queued: (() => Promise<void>)[] = [];
    const later = (job: () => Promise<void>) => queued.push(job);
    expect(await isStaffForListing(services(), lena, later)).toBe(false);
    await grantStaff(services() as never, client, "UADMIN01", lena);
    // Within its 30 s the lookup stands, and nothing is queued.
    expect(await isStaffForListing(services(), lena, later)).toBe(false);
    expect(queued).toHaveLength(0);
    const now = Date.now();
    const clock = jest.spyOn(Date, "now").mockReturnValue(now + 31_000);
    try {
      // Stale: still answered as remembered, with one lookup queued however often it is asked.
      expect(await isStaffForListing(services(), lena, later)).toBe(false);
      expect(await isStaffForListing(services(), lena, later)).toBe(false);
      expect(queued).toHaveLength(1);
      await queued[0]!();
      expect(await isStaffForListing(services(), lena, later)).toBe(true);
      expect(queued).toHaveLength(1);
    } finally {
      clock.mockRestore();
    }
  });
});
