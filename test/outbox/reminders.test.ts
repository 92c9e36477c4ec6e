import { WebClient } from "@slack/web-api";
import pino from "pino";
import { createDb, type Db } from "../../src/db/client";
import { claimDelivery } from "../../src/outbox/delivery-repository";
import { createMetrics } from "../../src/metrics";
import { REMINDER_EVENT_TYPE } from "../../src/outbox/posted-message";
import { type TickReport, tick } from "../../src/outbox/reminders";
import { ReminderRefresher } from "../../src/services/reminder-refresh";
import { respondToRsvp } from "../../src/services/rsvp-service";
import { SCHEDULER_CLIENT_OPTIONS, SlackPacer } from "../../src/outbox/pacer";
import { RSVP_GOING } from "../../src/views/reminder-message";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { instant, moveSession, seedGroup, seedProgramme, seedSession } from "../helpers/reminder-fixtures";
import { LocalSlack, type PostedMessage } from "../../src/local-slack";
import { quietLogger } from "../local-slack/test-support";

const logger = pino({ level: "silent" });

describe.each(providers)("reminders through the local Slack on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  let client: WebClient;
  let math: string;
  let science: string;
  let announce: string;
  let ana: string;

  beforeAll(async () => {
    t = await openTestDb(provider);
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await t.db.programme.deleteMany();
    await t.db.person.deleteMany();
    slack = await LocalSlack.start();
    client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, logger: quietLogger, ...SCHEDULER_CLIENT_OPTIONS });
    ana = slack.addUser({ name: "ana", tz: "Europe/Paris" }).id;
    math = slack.addChannel({ name: "cop-math" }).id;
    science = slack.addChannel({ name: "cop-science" }).id;
    announce = slack.addChannel({ name: "cop-announcements" }).id;
  });
  afterEach(async () => {
    await slack.stop();
    expect(slack.internalErrors).toEqual([]);
  });

  async function seedCop() {
    const programme = await seedProgramme(t.db, { announcementChannelId: announce });
    const group = await seedGroup(t.db, programme.id, { slug: "math", name: "Math teachers", channelId: math });
    return { programme, group };
  }

  const run = (local: string, extra: Partial<Parameters<typeof tick>[0]> = {}) =>
    tick({
      db: t.db,
      slack: client,
      logger,
      now: () => instant(local),
      instanceId: "test",
      pacer: new SlackPacer({ perChannelIntervalMs: 20 }),
      ...extra,
    });
  const reminders = (channel: string) => slack.messages(channel).filter((m) => m.metadata?.event_type === REMINDER_EVENT_TYPE);
  const outcomes = (r: TickReport) => r.deliveries.map((d) => `${d.outcome} ${d.kind}`).sort();
  const statusOf = async (sessionId: string) =>
    Object.fromEntries(
      (await t.db.delivery.findMany({ where: { sessionId } })).map((d) => [d.dedupeKey.split(":").slice(2).join(":"), d.status]),
    );

  it("posts each reminder once, at its moment, in the group's channel", async () => {
    const { programme, group } = await seedCop();
    const s = await seedSession(t.db, {
      programmeId: programme.id,
      groupId: group.id,
      localStart: "2021-10-13T15:00",
      format: "VIRTUAL",
      title: "Grading for equity",
    });

    await run("2021-10-01T09:00");
    expect(slack.messages(math)).toEqual([]);

    const week = await run("2021-10-06T15:00");
    expect(outcomes(week)).toEqual(["sent reminder"]);
    expect(reminders(math)).toHaveLength(1);
    expect(reminders(math)[0]!.text).toBe("Reminder: Grading for equity, Wednesday, October 13, 2021 at 3:00 PM CDT");

    const again = await run("2021-10-06T15:01");
    expect(outcomes(again)).toEqual([]);
    expect(again.planned).toEqual({ created: 0, updated: 0, skipped: 0 });
    await run("2021-10-12T14:59");
    expect(reminders(math)).toHaveLength(1);
    await run("2021-10-12T15:00");
    await run("2021-10-13T14:00");
    await run("2021-10-13T14:01");
    expect(reminders(math).map((m) => m.text!.slice(0, 8))).toEqual(["Reminder", "Reminder", "Reminder"]);
    expect(slack.messages(announce)).toEqual([]);

    const sent = await t.db.delivery.findMany({ where: { sessionId: s.id }, orderBy: { dueAt: "asc" } });
    expect(sent.map((d) => [d.status, d.late, d.messageTs])).toEqual(reminders(math).map((m) => ["SENT", false, m.ts]));
    expect(reminders(math).map((m) => m.metadata?.event_payload.delivery_id)).toEqual(sent.map((d) => d.id));
  });

  it("reminds the announcement channel of a programme's deadline", async () => {
    const { programme } = await seedCop();
    await t.db.deadline.create({
      data: {
        programmeId: programme.id,
        key: "proposals",
        kind: "PROPOSALS_DUE",
        title: "Proposals",
        localDue: "2021-09-30T23:59",
        timezone: "America/Chicago",
        dueAt: instant("2021-09-30T23:59"),
      },
    });
    await run("2021-09-16T23:59");
    await run("2021-09-27T23:59");
    await run("2021-09-29T23:59");
    await run("2021-10-01T00:00");
    expect(reminders(announce).map((m) => m.text)).toEqual(Array(3).fill("Proposals is due Thursday, September 30, 2021 at 11:59 PM CDT"));
    expect(slack.messages(math)).toEqual([]);
  });

  async function dayBeforeReminder() {
    const { programme, group } = await seedCop();
    const s = await seedSession(t.db, { programmeId: programme.id, groupId: group.id, localStart: "2021-10-13T15:00" });
    await run("2021-10-06T15:00");
    return t.db.delivery.findFirstOrThrow({ where: { sessionId: s.id, dedupeKey: { endsWith: ":1440:GROUP_CHANNEL" } } });
  }

  it("adopts the message a crashed process posted instead of posting it again", async () => {
    const due = await dayBeforeReminder();
    // The crashed process claimed the delivery and posted, then died before recording the post.
    const claim = await claimDelivery(t.db, due.id, { now: instant("2021-10-12T15:00"), instanceId: "crashed", leaseMs: 120_000 });
    expect(claim.claimed).toBe(true);
    const posted = await client.chat.postMessage({
      channel: math,
      text: "Reminder",
      metadata: { event_type: REMINDER_EVENT_TYPE, event_payload: { delivery_id: due.id } },
    });

    // Within the lease nobody else touches it; after it, the next tick finds the message.
    expect(outcomes(await run("2021-10-12T15:01"))).toEqual([]);
    expect(outcomes(await run("2021-10-12T15:03"))).toEqual(["adopted reminder"]);
    expect(reminders(math)).toHaveLength(2);
    expect(await t.db.delivery.findUniqueOrThrow({ where: { id: due.id } })).toMatchObject({ status: "SENT", messageTs: posted.ts });
  });

  it("after a crash before posting, posts the reminder once", async () => {
    const due = await dayBeforeReminder();
    await claimDelivery(t.db, due.id, { now: instant("2021-10-12T15:00"), instanceId: "crashed", leaseMs: 120_000 });

    expect(outcomes(await run("2021-10-12T15:03"))).toEqual(["sent reminder"]);
    expect(slack.callsTo("conversations.history")).toHaveLength(1);
    expect(reminders(math)).toHaveLength(2);
    expect(outcomes(await run("2021-10-12T15:10"))).toEqual([]);
  });

  it("rides out a 429 storm: every reminder lands once, later", async () => {
    const { programme, group } = await seedCop();
    const sci = await seedGroup(t.db, programme.id, { slug: "science", channelId: science });
    await seedSession(t.db, { programmeId: programme.id, groupId: group.id, localStart: "2021-10-13T15:00" });
    await seedSession(t.db, { programmeId: programme.id, groupId: sci.id, localStart: "2021-10-13T15:00" });
    await seedSession(t.db, { programmeId: programme.id, groupId: null, localStart: "2021-10-13T15:00" });
    slack.fail("chat.postMessage", { status: 429, retryAfter: 1 }, { times: 4 });

    const started = Date.now();
    const report = await run("2021-10-06T15:00");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(outcomes(report)).toEqual(["sent reminder", "sent reminder", "sent reminder"]);
    expect([reminders(math), reminders(science), reminders(announce)].map((m) => m.length)).toEqual([1, 1, 1]);
    expect(slack.callsTo("chat.postMessage").filter((c) => c.status === 429)).toHaveLength(4);
  });

  it("keeps to one message per second per channel, so Slack's limiter never refuses one", async () => {
    const { programme, group } = await seedCop();
    for (const hour of ["09", "11", "13"])
      await seedSession(t.db, { programmeId: programme.id, groupId: group.id, localStart: `2021-10-13T${hour}:00` });
    slack.setRateLimits({ enabled: true, perChannelPerSecond: 1, channelBurst: 1 });
    const started = Date.now();
    await run("2021-10-06T15:00", { pacer: new SlackPacer() });
    expect(reminders(math)).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(slack.rateLimitStats().limited).toEqual({});
  });

  it("retries a 5xx, checking first that the failed attempt did not post", async () => {
    const { programme, group } = await seedCop();
    await seedSession(t.db, { programmeId: programme.id, groupId: group.id, localStart: "2021-10-13T15:00" });
    slack.fail("chat.postMessage", { status: 503 }, { times: 2 });
    const report = await run("2021-10-06T15:00", { pacer: new SlackPacer({ backoffMs: 10 }) });
    expect(outcomes(report)).toEqual(["sent reminder"]);
    expect(reminders(math)).toHaveLength(1);
    expect(slack.callsTo("conversations.history")).toHaveLength(2);
  });

  it("marks a reminder failed when Slack refuses it for good, and counts it", async () => {
    const { programme, group } = await seedCop();
    await seedSession(t.db, { programmeId: programme.id, groupId: group.id, localStart: "2021-10-13T15:00" });
    slack.fail("chat.postMessage", { error: "is_archived" });
    const metrics = createMetrics();
    const report = await run("2021-10-06T15:00", { metrics });
    expect(outcomes(report)).toEqual(["failed reminder"]);
    expect(await metrics.registry.getSingleMetricAsString("convene_deliveries_failed_total")).toContain(
      'convene_deliveries_failed_total{kind="reminder"} 1',
    );
    expect(await t.db.delivery.count({ where: { status: "FAILED", lastError: "is_archived" } })).toBe(1);
    expect(outcomes(await run("2021-10-06T15:05"))).toEqual([]);
  });

  it("after downtime, sends late what is still useful and skips what has passed", async () => {
    const { programme, group } = await seedCop();
    const soon = await seedSession(t.db, { programmeId: programme.id, groupId: group.id, localStart: "2021-10-13T17:00" });
    const gone = await seedSession(t.db, { programmeId: programme.id, groupId: group.id, localStart: "2021-10-13T09:00" });
    await run("2021-10-05T18:00");
    expect(slack.messages(math)).toEqual([]);
    const metrics = createMetrics();

    // Down from October 5 until the 13th at 15:00.
    const report = await run("2021-10-13T15:00", { metrics });
    expect(reminders(math)).toHaveLength(1);
    expect(reminders(math)[0]!.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: "context" })]));
    expect(JSON.stringify(reminders(math)[0]!.blocks)).toContain("Sent late");
    expect(await statusOf(soon.id)).toEqual({ "10080:GROUP_CHANNEL": "SKIPPED", "1440:GROUP_CHANNEL": "SENT" });
    expect(await statusOf(gone.id)).toEqual({ "10080:GROUP_CHANNEL": "SKIPPED", "1440:GROUP_CHANNEL": "SKIPPED" });
    expect(
      report.deliveries
        .filter((d) => d.outcome === "skipped")
        .map((d) => d.reason)
        .sort(),
    ).toEqual(["session already started", "session already started", "superseded by a later reminder"]);
    expect(await t.db.delivery.findFirst({ where: { sessionId: soon.id, status: "SENT" } })).toMatchObject({ late: true });
    const text = await metrics.registry.metrics();
    expect(text).toContain('convene_deliveries_late_total{kind="reminder"} 1');
    expect(text).toContain('convene_deliveries_skipped_total{kind="reminder",reason="session already started"} 2');
  });

  it("posts a change notice in the reminder's thread when a session moves, and reminds at the new time", async () => {
    const { programme, group } = await seedCop();
    const s = await seedSession(t.db, {
      programmeId: programme.id,
      groupId: group.id,
      localStart: "2021-10-13T15:00",
      title: "Grading for equity",
    });
    await run("2021-10-06T15:00");
    const [first] = reminders(math);

    await moveSession(t.db, s.id, "2021-10-15T10:00");
    const report = await run("2021-10-07T09:00");
    expect(outcomes(report)).toEqual(["sent change_notice"]);
    const thread = slack.messages(math).filter((m) => m.thread_ts === first!.ts && m.ts !== first!.ts);
    expect(thread.map((m) => m.text)).toEqual([
      "Rescheduled: Grading for equity is now Friday, October 15, 2021 at 10:00 AM CDT (was Wednesday, October 13, 2021 at 3:00 PM CDT)",
    ]);

    await run("2021-10-12T15:00");
    expect(reminders(math).filter((m) => !m.thread_ts)).toHaveLength(1);
    await run("2021-10-14T10:00");
    expect(
      reminders(math)
        .filter((m) => !m.thread_ts)
        .map((m) => m.text),
    ).toEqual([
      "Reminder: Grading for equity, Wednesday, October 13, 2021 at 3:00 PM CDT",
      "Reminder: Grading for equity, Friday, October 15, 2021 at 10:00 AM CDT",
    ]);
    expect(outcomes(await run("2021-10-14T10:01"))).toEqual([]);
  });

  it("posts a cancellation in the reminder's thread and nothing after", async () => {
    const { programme, group } = await seedCop();
    const s = await seedSession(t.db, {
      programmeId: programme.id,
      groupId: group.id,
      localStart: "2021-10-13T15:00",
      title: "Grading for equity",
    });
    await run("2021-10-06T15:00");
    await t.db.session.update({ where: { id: s.id }, data: { status: "CANCELLED", sequence: { increment: 1 } } });

    await run("2021-10-08T09:00");
    const [first, notice] = slack.messages(math);
    expect(notice).toMatchObject({
      thread_ts: first!.ts,
      text: "Cancelled: Grading for equity on Wednesday, October 13, 2021 at 3:00 PM CDT will not take place.",
    });
    await run("2021-10-12T15:00");
    await run("2021-10-13T16:00");
    expect(slack.messages(math)).toHaveLength(2);
    expect(await statusOf(s.id)).toMatchObject({ "1440:GROUP_CHANNEL": "SKIPPED" });
  });

  it("DMs members who opted in, in their own zone, unless they snoozed reminders", async () => {
    const { programme, group } = await seedCop();
    const bea = slack.addUser({ name: "bea" }).id;
    for (const [slackUserId, snoozed] of [
      [ana, null],
      [bea, instant("2021-10-20T00:00")],
    ] as const) {
      const person = await t.db.person.create({
        data: {
          slackUserId,
          name: slackUserId,
          timezone: slackUserId === ana ? "Europe/Paris" : null,
          dmReminders: true,
          remindersSnoozedTill: snoozed,
        },
      });
      await t.db.membership.create({ data: { groupId: group.id, personId: person.id, status: "ACTIVE" } });
    }
    await seedSession(t.db, { programmeId: programme.id, groupId: group.id, localStart: "2021-10-13T15:00", title: "Grading for equity" });
    await run("2021-10-12T15:00");
    expect(reminders(ana).map((m) => m.text)).toEqual(["Reminder: Grading for equity, Wednesday, October 13, 2021 at 10:00 PM GMT+2"]);
    expect(reminders(bea)).toEqual([]);
    expect(await t.db.delivery.findFirst({ where: { channelId: bea } })).toMatchObject({
      status: "SKIPPED",
      lastError: "reminders snoozed",
    });
    expect(await t.db.delivery.findFirst({ where: { dedupeKey: { contains: ":DM:" }, status: "SENT" } })).toMatchObject({
      channelId: slack.dmChannelId(ana),
    });
  });

  it("prompts facilitators to record attendance an hour after the session", async () => {
    const { programme, group } = await seedCop();
    const person = await t.db.person.create({ data: { slackUserId: ana, name: "Ana Ruiz" } });
    await t.db.facilitator.create({ data: { groupId: group.id, name: "Ana Ruiz", nameKey: "ana ruiz", personId: person.id } });
    await seedSession(t.db, { programmeId: programme.id, groupId: group.id, localStart: "2021-10-13T15:00", durationMinutes: 90 });
    await run("2021-10-13T17:29");
    expect(slack.messages(ana)).toEqual([]);
    await run("2021-10-13T17:30");
    expect(slack.messages(ana).map((m) => m.text)).toEqual(["How did Monthly meeting go? Record attendance and share your notes."]);
  });

  it("updates the Going count on every posted reminder when someone answers", async () => {
    const { programme, group } = await seedCop();
    const s = await seedSession(t.db, { programmeId: programme.id, groupId: group.id, localStart: "2021-10-13T15:00" });
    await run("2021-10-06T15:00");
    await run("2021-10-12T15:00");
    const goingLabels = () => reminders(math).map((m: PostedMessage) => JSON.stringify(m.blocks).match(/Going \((\d+)\)/)?.[1]);
    expect(goingLabels()).toEqual(["0", "0"]);

    const anaId = (await t.db.person.create({ data: { slackUserId: ana, name: "Ana Ruiz" } })).id;
    await t.db.membership.create({ data: { groupId: group.id, personId: anaId, status: "ACTIVE" } });
    await respondToRsvp(t.db, { sessionId: s.id, slackUserId: ana, response: "GOING", now: instant("2021-10-12T16:00") });
    const refresher = new ReminderRefresher({ db: t.db, logger });
    refresher.request(s.id, client);
    await refresher.idle();
    expect(slack.callsTo("chat.update")).toHaveLength(2);
    expect(goingLabels()).toEqual(["1", "1"]);
    // The updated messages keep the metadata that identifies them.
    expect(reminders(math)).toHaveLength(2);
    expect(slack.callsTo("chat.update").every((c) => JSON.stringify(c.args).includes(RSVP_GOING))).toBe(true);
  });

  it("in a dry run, reports what it would send and changes nothing", async () => {
    const { programme, group } = await seedCop();
    await seedSession(t.db, { programmeId: programme.id, groupId: group.id, localStart: "2021-10-13T15:00", title: "Grading for equity" });
    const report = await run("2021-10-06T15:00", { dryRun: true });
    expect(report.deliveries.map((d) => [d.outcome, d.channelId, d.text])).toEqual([
      ["would_send", math, "Reminder: Grading for equity, Wednesday, October 13, 2021 at 3:00 PM CDT"],
    ]);
    expect(await t.db.delivery.count()).toBe(0);
    expect(slack.calls).toEqual([]);
  });

  it("lets two schedulers send the same burst without a duplicate", async () => {
    const { programme } = await seedCop();
    const channels: string[] = [];
    for (let i = 0; i < 8; i++) {
      const channel = slack.addChannel({ name: `group-${i}` }).id;
      channels.push(channel);
      const g = await seedGroup(t.db, programme.id, { slug: `g${i}`, channelId: channel });
      await seedSession(t.db, { programmeId: programme.id, groupId: g.id, localStart: "2021-10-13T15:00" });
    }
    // PostgreSQL replicas have their own connections; the embedded database runs in one process.
    const second: Db = provider === "postgresql" ? await createDb(t.url) : t.db;
    try {
      const replica = (db: Db, instanceId: string) =>
        tick({
          db,
          slack: client,
          logger,
          now: () => instant("2021-10-06T15:00"),
          instanceId,
          pacer: new SlackPacer({ perChannelIntervalMs: 20 }),
        });
      const reports = await Promise.all([replica(t.db, "replica-a"), replica(second, "replica-b")]);
      const sent = reports.flatMap((r) => r.deliveries.filter((d) => d.outcome === "sent"));
      expect(sent).toHaveLength(8);
      expect(channels.map((c) => reminders(c).length)).toEqual(Array(8).fill(1));
    } finally {
      if (second !== t.db) await second.$disconnect();
    }
  });
});
