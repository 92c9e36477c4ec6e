import type { WebClient } from "@slack/web-api";
import pino from "pino";
import { enqueue as enqueueFollowUps, type FollowUp } from "../../src/outbox/enqueue";
import { type FollowUpDeps, sendFollowUps } from "../../src/outbox/follow-ups";
import { notice } from "../../src/views/message";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { seedCoalition } from "../helpers/signup-fixtures";
import { LocalSlack } from "../../src/local-slack";
import { clientFor } from "../local-slack/test-support";

describe.each(providers)("follow-ups owed to Slack on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  let client: WebClient;
  let ana: string;
  let ben: string;
  let channel: string;
  let groupId: string;
  let noChannelGroupId: string;
  const clock = { now: new Date("2021-09-01T15:00:00Z") };
  let keys = 0;

  beforeAll(async () => {
    t = await openTestDb(provider);
    slack = await LocalSlack.start();
    client = clientFor(slack);
    ana = slack.addUser({ name: "ana" }).id;
    ben = slack.addUser({ name: "ben" }).id;
    channel = slack.addChannel({ name: "cop-got-justice" }).id;
    const c = await seedCoalition(t.db, clock.now);
    groupId = c.groups.justice;
    noChannelGroupId = c.groups.trauma;
    await t.db.group.update({ where: { id: groupId }, data: { channelId: channel } });
  });
  afterAll(async () => {
    await slack.stop();
    await t.close();
  });
  afterEach(() => {
    slack.clearFaults();
    expect(slack.internalErrors).toEqual([]);
  });

  const config = { CONVENE_ADMINS: [], CONVENE_PUBLIC_URL: undefined, PORT: 3000 };
  const deps = (instanceId = "test-instance"): FollowUpDeps => ({
    db: t.db,
    slack: client,
    logger: pino({ level: "silent" }),
    config,
    now: () => clock.now,
    instanceId,
  });
  const enqueue = (...followUps: FollowUp[]) => t.db.$transaction((tx) => enqueueFollowUps(tx, followUps, clock.now));
  const dm = (to: string, text: string): FollowUp => ({ kind: "dm", dedupeKey: `test:${++keys}`, to, message: notice(text) });
  const invite = (users: string[], group = groupId): FollowUp => ({ kind: "invite", dedupeKey: `test:${++keys}`, groupId: group, users });
  const row = (id: string) => t.db.delivery.findUniqueOrThrow({ where: { id } });

  it("sends a DM and an invite, and records them as sent", async () => {
    const [dmId, inviteId] = await enqueue(dm(ana, "You're in!"), invite([ana, ben]));
    const outcomes = await sendFollowUps(deps(), [dmId!, inviteId!]);
    expect(outcomes.map((o) => o.outcome)).toEqual(["sent", "sent"]);
    expect(slack.messages(ana).map((m) => m.text)).toEqual(["You're in!"]);
    expect([...slack.channel(channel)!.members]).toEqual(expect.arrayContaining([ana, ben]));
    expect(await row(dmId!)).toMatchObject({ status: "SENT", messageTs: slack.messages(ana)[0]!.ts });
    expect(await row(inviteId!)).toMatchObject({ status: "SENT", channelId: channel, messageTs: null });
  });

  it("writes a dedupe key once, however often it is enqueued", async () => {
    const once = dm(ana, "Once");
    expect(await enqueue(once)).toHaveLength(1);
    expect(await enqueue(once, once)).toEqual([]);
    expect(await t.db.delivery.count({ where: { dedupeKey: once.dedupeKey } })).toBe(1);
  });

  it("counts an invite of people already in the channel as done", async () => {
    const [id] = await enqueue(invite([ana]));
    expect(await sendFollowUps(deps(), [id!])).toEqual([{ id, kind: "invite", outcome: "sent" }]);
  });

  it("skips an invite to a group that has no channel yet", async () => {
    const [id] = await enqueue(invite([ana], noChannelGroupId));
    expect((await sendFollowUps(deps(), [id!]))[0]).toMatchObject({ outcome: "skipped" });
    expect(await row(id!)).toMatchObject({ status: "SKIPPED", lastError: "the group has no channel yet" });
  });

  it("keeps a follow-up Slack refused for now, and a later tick sends it", async () => {
    slack.fail("chat.postMessage", { error: "internal_error" });
    const [id] = await enqueue(dm(ben, "A seat opened"));
    expect((await sendFollowUps(deps(), [id!]))[0]).toMatchObject({ outcome: "retry", error: "internal_error" });
    expect(await row(id!)).toMatchObject({ status: "PENDING", attempts: 1, lastError: "internal_error" });
    expect(slack.messages(ben)).toEqual([]);

    const outcomes = await sendFollowUps(deps("scheduler"));
    expect(outcomes).toContainEqual(expect.objectContaining({ id, kind: "dm", outcome: "sent" }));
    expect(slack.messages(ben).map((m) => m.text)).toEqual(["A seat opened"]);
    expect(await row(id!)).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
  });

  it("does not DM twice when the first try reached Slack but its answer was lost", async () => {
    const impatient: FollowUpDeps = { ...deps("request"), slack: clientFor(slack, { timeout: 150 }) };
    slack.fail("chat.postMessage", { delayMs: 600 });
    const [id] = await enqueue(dm(ben, "Your proposal was received"));
    expect((await sendFollowUps(impatient, [id!]))[0]).toMatchObject({ outcome: "retry" });
    await slack.waitFor(() => slack.messages(ben).some((m) => m.text === "Your proposal was received"), { what: "the slow post to land" });

    clock.now = new Date(clock.now.getTime() + 1000);
    expect(await sendFollowUps(deps("scheduler"))).toContainEqual({ id, kind: "dm", outcome: "adopted", ts: expect.any(String) });
    const received = slack.messages(ben).filter((m) => m.text === "Your proposal was received");
    expect(received).toHaveLength(1);
    expect(await row(id!)).toMatchObject({ status: "SENT", messageTs: received[0]!.ts });
  });

  it("gives up at once on what no retry can fix", async () => {
    const archived = slack.addChannel({ name: "cop-archived", isArchived: true }).id;
    await t.db.group.update({ where: { id: noChannelGroupId }, data: { channelId: archived } });
    const [id] = await enqueue(invite([ben], noChannelGroupId));
    expect((await sendFollowUps(deps(), [id!]))[0]).toMatchObject({ outcome: "failed", error: "is_archived" });
    expect(await row(id!)).toMatchObject({ status: "FAILED" });
    expect(await sendFollowUps(deps())).toEqual([]);
  });

  it("sends each follow-up once when a request and the scheduler try together", async () => {
    const ids = await enqueue(dm(ana, "Only once, please"));
    const [request, tick] = await Promise.all([sendFollowUps(deps("request"), ids), sendFollowUps(deps("scheduler"))]);
    expect([...request, ...tick].filter((o) => o.outcome === "sent")).toHaveLength(1);
    expect(slack.messages(ana).filter((m) => m.text === "Only once, please")).toHaveLength(1);
  });

  it("leaves other kinds of deliveries to their own senders", async () => {
    await t.db.delivery.create({ data: { dedupeKey: "reminder:x", kind: "reminder", channelId: channel, payload: {}, dueAt: clock.now } });
    expect(await sendFollowUps(deps())).toEqual([]);
    expect(await t.db.delivery.findUniqueOrThrow({ where: { dedupeKey: "reminder:x" } })).toMatchObject({ status: "PENDING" });
  });
});
