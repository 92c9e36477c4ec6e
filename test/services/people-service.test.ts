import { WebClient } from "@slack/web-api";
import { configSchema } from "../../src/config";
import { ensurePerson, roleOf } from "../../src/services/people-service";
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
});
