import { WebClient } from "@slack/web-api";
import { DateTime } from "luxon";
import pino from "pino";
import { tick } from "../../src/services/reminder-service";
import { SCHEDULER_CLIENT_OPTIONS, SlackPacer } from "../../src/services/slack-pacer";
import { RSVP_GOING, RSVP_NOT_GOING } from "../../src/views/reminder-message";
import { providers } from "../helpers/databases";
import { eventually } from "../helpers/eventually";
import { startHarness, type Harness } from "../helpers/harness";
import { seedGroup, seedProgramme, seedSession, ZONE } from "../helpers/reminder-fixtures";

describe.each(providers)("Going / Can't make it on a posted reminder, on %s", (provider) => {
  let h: Harness;
  let channel: string;
  let ana: string;
  let cara: string;
  let ben: string;
  beforeAll(async () => {
    h = await startHarness(provider);
    ana = h.slack.addUser({ name: "ana", tz: "Europe/Paris" }).id;
    ben = h.slack.addUser({ name: "ben" }).id;
    cara = h.slack.addUser({ name: "cara" }).id;
  });
  beforeEach(() => {
    channel = h.slack.addChannel({ name: `cop-math-${Date.now()}` }).id;
  });
  afterAll(() => h.stop());

  /** A session ten days from now, reminded by a tick at its 7-day reminder. */
  async function remindedSession() {
    const programme = await seedProgramme(h.convene.services.db, { announcementChannelId: null });
    const group = await seedGroup(h.convene.services.db, programme.id, { slug: `math-${Date.now()}`, channelId: channel });
    const start = DateTime.now().setZone(ZONE).plus({ days: 10 }).startOf("hour");
    const session = await seedSession(h.convene.services.db, { programmeId: programme.id, groupId: group.id, localStart: start.toFormat("yyyy-MM-dd'T'HH:mm") });
    const client = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl, ...SCHEDULER_CLIENT_OPTIONS });
    await tick({ db: h.convene.services.db, slack: client, logger: pino({ level: "silent" }), now: start.minus({ days: 7 }).toJSDate(), instanceId: "test", pacer: new SlackPacer() });
    const posted = h.slack.messages(channel).filter((m) => JSON.stringify(m.blocks).includes(session.id));
    expect(posted).toHaveLength(1);
    return { session, ts: posted[0]!.ts };
  }
  const label = (ts: string) => JSON.stringify(h.slack.messages(channel).find((m) => m.ts === ts)!.blocks);
  // The click is acknowledged at once; the count is updated in place just after.
  const shows = (ts: string, text: string) => h.slack.waitFor(() => label(ts).includes(text));

  it("counts each answer once, lets a person change it, and updates the reminder in place", async () => {
    const { ts } = await remindedSession();
    expect(label(ts)).toContain("Going (0)");

    expect((await h.slack.clickButton({ userId: ana, actionId: RSVP_GOING, channelId: channel, messageTs: ts })).status).toBe(200);
    await shows(ts, "Going (1)");
    await h.slack.clickButton({ userId: ana, actionId: RSVP_GOING, channelId: channel, messageTs: ts });
    await h.slack.clickButton({ userId: ben, actionId: RSVP_GOING, channelId: channel, messageTs: ts });
    await shows(ts, "Going (2)");

    await h.slack.clickButton({ userId: ben, actionId: RSVP_NOT_GOING, channelId: channel, messageTs: ts });
    await shows(ts, "Can't make it (1)");
    expect(label(ts)).toContain("Going (1)");
  });

  it("counts a double click by someone Convene has never seen once", async () => {
    const { session, ts } = await remindedSession();
    const clicks = await Promise.all([1, 2].map(() => h.slack.clickButton({ userId: cara, actionId: RSVP_GOING, channelId: channel, messageTs: ts })));
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    await shows(ts, "Going (1)");
    await eventually(async () => (await h.slack.callsTo("chat.update")).length >= 2);
    expect(await h.convene.services.db.rsvp.count({ where: { sessionId: session.id } })).toBe(1);
    expect(await h.convene.services.db.person.count({ where: { slackUserId: cara } })).toBe(1);
  });

  it("tells the person, and only them, when the session was cancelled", async () => {
    const { session, ts } = await remindedSession();
    await h.convene.services.db.session.update({ where: { id: session.id }, data: { status: "CANCELLED" } });
    const res = await h.slack.clickButton({ userId: ana, actionId: RSVP_GOING, channelId: channel, messageTs: ts });
    expect(res.status).toBe(200);
    await eventually(() => h.slack.responses(res.responseUrlId!).length > 0);
    expect(h.slack.responses(res.responseUrlId!)[0]).toMatchObject({ body: { response_type: "ephemeral", text: "This session was cancelled." } });
    expect(await h.convene.services.db.rsvp.count({ where: { sessionId: session.id } })).toBe(0);
  });
});
