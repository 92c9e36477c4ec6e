import path from "node:path";
import { WebClient } from "@slack/web-api";
import { DateTime } from "luxon";
import pino from "pino";
import { runCli } from "../../src/cli/main";
import { REMINDER_EVENT_TYPE } from "../../src/outbox/posted-message";
import { tick } from "../../src/outbox/reminders";
import { SCHEDULER_CLIENT_OPTIONS, SlackPacer } from "../../src/outbox/pacer";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { LocalSlack } from "../../src/local-slack";
import { quietLogger } from "../local-slack/test-support";

const logger = pino({ level: "silent" });
const example = path.join(__dirname, "..", "..", "examples", "cop-2021-2022.yaml");

/**
 * The CoP example driven through its school year: after each moment a reminder is due, exactly
 * the reminders due then are in Slack, each in its channel, each once. Expectations are computed
 * here from the file's own rules (1 day and, for virtual sessions, 1 hour before a session; 7 days
 * and 1 day before a deadline), independently of the planner.
 */
describe.each(providers)("the CoP 2021-2022 school year on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  beforeAll(async () => {
    t = await openTestDb(provider);
    slack = await LocalSlack.start();
  });
  afterAll(async () => {
    await slack.stop();
    await t.close();
  });

  it("posts every reminder once, at the right moment, in the right channel", async () => {
    expect(await runCli(["import", example], { DATABASE_URL: t.url, LOG_LEVEL: "silent" }, () => undefined)).toBe(0);
    // Channels are created in Slack after the import; here the local Slack plays that part.
    const programme = await t.db.programme.findUniqueOrThrow({ where: { slug: "cop-2021-2022" }, include: { groups: true } });
    const announce = slack.addChannel({ name: "cop-announcements" }).id;
    await t.db.programme.update({ where: { id: programme.id }, data: { announcementChannelId: announce } });
    const channelOf = new Map<string | null, string>([[null, announce]]);
    for (const g of programme.groups) {
      const channelId = slack.addChannel({ name: g.channelName ?? g.slug }).id;
      await t.db.group.update({ where: { id: g.id }, data: { channelId } });
      channelOf.set(g.id, channelId);
    }

    const ahead = (local: string, zone: string, minus: { days?: number; hours?: number }) =>
      DateTime.fromISO(local, { zone }).minus(minus).toMillis();
    const expected: { at: number; channel: string; what: string }[] = [];
    // The facilitators-only orientation is never posted in a channel (its facilitators are DMed).
    // A deliverable presentation is also posted in each presenting group's channel ("Your group presents on …").
    for (const s of await t.db.session.findMany({ where: { audience: "EVERYONE" }, include: { featuredGroups: true } })) {
      for (const channel of [channelOf.get(s.groupId)!, ...s.featuredGroups.map((f) => channelOf.get(f.groupId)!)]) {
        expected.push({ at: ahead(s.localStart, s.timezone, { days: 1 }), channel, what: s.title });
        if (s.format === "VIRTUAL") expected.push({ at: ahead(s.localStart, s.timezone, { hours: 1 }), channel, what: s.title });
      }
    }
    for (const d of await t.db.deadline.findMany()) {
      for (const days of [7, 1]) expected.push({ at: ahead(d.localDue, d.timezone, { days }), channel: announce, what: d.title });
    }
    const moments = [...new Set(expected.map((e) => e.at))].sort((a, b) => a - b);
    expect(moments.length).toBeGreaterThan(40);

    const client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, logger: quietLogger, ...SCHEDULER_CLIENT_OPTIONS });
    const pacer = new SlackPacer({ perChannelIntervalMs: 0 });
    const posted = () =>
      [...channelOf.values()].flatMap((channel) =>
        slack
          .messages(channel)
          .filter((m) => m.metadata?.event_type === REMINDER_EVENT_TYPE)
          .map((m) => ({ channel, text: m.text!, ts: m.ts })),
      );
    const seen = new Set<string>();
    for (const at of moments) {
      // A tick just before the moment sends nothing new; the tick at the moment sends exactly what is due.
      await tick({ db: t.db, slack: client, logger, now: () => new Date(at - 60_000), instanceId: "year", pacer });
      expect(posted().filter((m) => !seen.has(m.ts))).toEqual([]);
      await tick({ db: t.db, slack: client, logger, now: () => new Date(at), instanceId: "year", pacer });
      const fresh = posted().filter((m) => !seen.has(m.ts));
      const due = expected.filter((e) => e.at === at);
      expect(fresh.map((m) => m.channel).sort()).toEqual(due.map((e) => e.channel).sort());
      for (const e of due) expect(fresh.some((m) => m.channel === e.channel && m.text.includes(e.what))).toBe(true);
      for (const m of fresh) seen.add(m.ts);
    }
    expect(seen.size).toBe(expected.length);
    const sent = await t.db.delivery.findMany({ where: { status: "SENT" } });
    expect(sent).toHaveLength(expected.length);
    expect(new Set(posted().map((m) => m.ts)).size).toBe(expected.length);
    expect(sent.every((d) => !d.late)).toBe(true);
  });
});
