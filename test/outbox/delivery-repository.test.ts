import { createDb, type Db } from "../../src/db/client";
import {
  type DeliveryInsert,
  claimDelivery,
  failedDeliveries,
  findDue,
  insertDeliveries,
  markSent,
  planningWindow,
  releaseDelivery,
  retryFailedDelivery,
  upcomingDeliveries,
} from "../../src/outbox/delivery-repository";
import { REMINDER_KINDS } from "../../src/domain/reminder-plan";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { instant, seedGroup, seedProgramme, seedSession } from "../helpers/reminder-fixtures";

const NOW = new Date("2022-03-01T15:00:00Z");
const minutes = (m: number) => new Date(NOW.getTime() + m * 60_000);

const row = (key: string, dueAt = minutes(-1)): DeliveryInsert => ({
  dedupeKey: key,
  kind: "reminder",
  sessionId: null,
  deadlineId: null,
  channelId: "CGROUP",
  dueAt,
  payload: { kind: "reminder" },
  status: "PENDING",
  lastError: null,
});

describe.each(providers)("delivery outbox on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(provider);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.db.delivery.deleteMany();
  });
  // PostgreSQL replicas each have their own connections. The embedded database is one process
  // with one connection (a second connection's writes would wait on a lock while blocking the
  // event loop), so there the concurrent loops share it.
  const connect = async () => (provider === "postgresql" ? createDb(t.url) : t.db);
  const disconnect = async (db: Db) => (db === t.db ? undefined : db.$disconnect());

  it("inserts each planned delivery once, however often (and however concurrently) it is planned", async () => {
    expect(await insertDeliveries(t.db, [row("a"), row("b"), row("c")])).toEqual(["a", "b", "c"]);
    expect(await insertDeliveries(t.db, [row("b"), row("c"), row("d")])).toEqual(["d"]);
    const other = await connect();
    try {
      const batch = ["e", "f", "g", "h"].map((k) => row(k));
      const inserted = await Promise.all([
        insertDeliveries(t.db, batch),
        insertDeliveries(other, batch),
        insertDeliveries(other, [row("a"), row("i")]),
      ]);
      expect([...inserted[0]!, ...inserted[1]!].sort()).toEqual(["e", "f", "g", "h"]);
      expect(inserted[2]).toEqual(["i"]);
    } finally {
      await disconnect(other);
    }
    const keys = (await t.db.delivery.findMany({ select: { dedupeKey: true }, orderBy: { dedupeKey: "asc" } })).map((d) => d.dedupeKey);
    expect(keys).toEqual(["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
  });

  it("lets concurrent claimers share a burst without ever getting the same delivery", async () => {
    await insertDeliveries(
      t.db,
      Array.from({ length: 60 }, (_, i) => row(`burst-${i}`)),
    );
    const clients: Db[] = [t.db, await connect(), await connect()];
    try {
      const claimLoop = async (db: Db, instanceId: string) => {
        const mine: string[] = [];
        for (const d of await findDue(db, REMINDER_KINDS, NOW, 100)) {
          const claim = await claimDelivery(db, d.id, { now: NOW, instanceId, leaseMs: 60_000 });
          if (claim.claimed) mine.push(d.id);
        }
        return mine;
      };
      const results = await Promise.all(clients.map((db, i) => claimLoop(db, `replica-${i}`)));
      const all = results.flat();
      expect(all).toHaveLength(60);
      expect(new Set(all).size).toBe(60);
      const claimedBy = await t.db.delivery.groupBy({ by: ["claimedBy"], _count: { _all: true } });
      expect(claimedBy.reduce((n, g) => n + g._count._all, 0)).toBe(60);
    } finally {
      await Promise.all(clients.slice(1).map(disconnect));
    }
  });

  it("hands each sender only its own kinds, so the reminder tick never takes a sign-up's DM", async () => {
    await insertDeliveries(t.db, [row("reminder-1"), { ...row("dm-1"), kind: "dm" }]);
    expect((await findDue(t.db, REMINDER_KINDS, NOW, 10)).map((d) => d.dedupeKey)).toEqual(["reminder-1"]);
    expect((await findDue(t.db, ["dm", "invite"], NOW, 10)).map((d) => d.dedupeKey)).toEqual(["dm-1"]);
  });

  it("does not hand out a delivery that is not yet due", async () => {
    await insertDeliveries(t.db, [row("later", minutes(10))]);
    const d = await t.db.delivery.findUniqueOrThrow({ where: { dedupeKey: "later" } });
    expect(await findDue(t.db, REMINDER_KINDS, NOW, 10)).toEqual([]);
    expect((await claimDelivery(t.db, d.id, { now: NOW, instanceId: "a", leaseMs: 60_000 })).claimed).toBe(false);
  });

  it("hands a claimed delivery to someone else only once its lease ran out, and then says it may have been posted", async () => {
    await insertDeliveries(t.db, [row("x")]);
    const { id } = await t.db.delivery.findUniqueOrThrow({ where: { dedupeKey: "x" } });
    const first = await claimDelivery(t.db, id, { now: NOW, instanceId: "crashed", leaseMs: 60_000 });
    expect(first).toMatchObject({ claimed: true, reclaimed: false });
    expect((await claimDelivery(t.db, id, { now: minutes(0.5), instanceId: "b", leaseMs: 60_000 })).claimed).toBe(false);
    expect(await findDue(t.db, REMINDER_KINDS, minutes(0.5), 10)).toEqual([]);

    expect((await findDue(t.db, REMINDER_KINDS, minutes(2), 10)).map((d) => d.id)).toEqual([id]);
    const second = await claimDelivery(t.db, id, { now: minutes(2), instanceId: "b", leaseMs: 60_000 });
    expect(second).toMatchObject({ claimed: true, reclaimed: true, delivery: { attempts: 2, claimedBy: "b" } });

    // The first claimant wakes up late: its answer no longer counts.
    expect(await markSent(t.db, id, { instanceId: "crashed", messageTs: "1.1", channelId: "CGROUP", late: false, sentAt: NOW })).toBe(
      false,
    );
    expect(await markSent(t.db, id, { instanceId: "b", messageTs: "2.2", channelId: "CGROUP", late: true, sentAt: minutes(2) })).toBe(true);
    expect(await t.db.delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "SENT",
      messageTs: "2.2",
      late: true,
      leaseUntil: null,
    });
    expect((await claimDelivery(t.db, id, { now: minutes(60), instanceId: "c", leaseMs: 60_000 })).claimed).toBe(false);
  });

  it("puts a refused delivery back as pending, and an uncertain one up for a checked retry", async () => {
    await insertDeliveries(t.db, [row("refused"), row("uncertain")]);
    const [refused, uncertain] = await Promise.all(
      ["refused", "uncertain"].map((k) => t.db.delivery.findUniqueOrThrow({ where: { dedupeKey: k } })),
    );
    for (const d of [refused!, uncertain!]) await claimDelivery(t.db, d.id, { now: NOW, instanceId: "a", leaseMs: 60_000 });

    await releaseDelivery(t.db, refused!.id, { instanceId: "a", error: "ratelimited", posted: "no", countAttempt: false, now: NOW });
    await releaseDelivery(t.db, uncertain!.id, { instanceId: "a", error: "503", posted: "unknown", countAttempt: true, now: NOW });
    expect(await t.db.delivery.findUniqueOrThrow({ where: { id: refused!.id } })).toMatchObject({
      status: "PENDING",
      attempts: 0,
      lastError: "ratelimited",
    });

    const later = minutes(0.1);
    const again = await Promise.all(
      [refused!, uncertain!].map((d) => claimDelivery(t.db, d.id, { now: later, instanceId: "b", leaseMs: 60_000 })),
    );
    expect(again.map((c) => c.claimed && c.reclaimed)).toEqual([false, true]);
  });

  it("puts a failed delivery back in the queue once, with its attempts counted afresh, when two staff retry it", async () => {
    await insertDeliveries(t.db, [row("failed"), row("waiting")]);
    const failed = await t.db.delivery.update({
      where: { dedupeKey: "failed" },
      data: { status: "FAILED", attempts: 8, lastError: "channel_not_found", claimedBy: "a" },
    });
    const other = await connect();
    try {
      const retried = await Promise.all([retryFailedDelivery(t.db, failed.id), retryFailedDelivery(other, failed.id)]);
      expect(retried.sort()).toEqual([false, true]);
    } finally {
      await disconnect(other);
    }
    expect(await t.db.delivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: "PENDING",
      attempts: 0,
      lastError: null,
      claimedBy: null,
    });
    const waiting = await t.db.delivery.findUniqueOrThrow({ where: { dedupeKey: "waiting" } });
    expect(await retryFailedDelivery(t.db, waiting.id)).toBe(false);
    expect((await findDue(t.db, REMINDER_KINDS, NOW, 10)).map((d) => d.dedupeKey).sort()).toEqual(["failed", "waiting"]);
  });

  it("shows staff the queue soonest first and failures latest first, with their titles and how many there are in all", async () => {
    const p = await seedProgramme(t.db);
    const s = await seedSession(t.db, { programmeId: p.id, groupId: null, localStart: "2022-03-10T15:00", title: "Kick-off" });
    await insertDeliveries(t.db, [
      { ...row("later", minutes(60)), sessionId: s.id },
      row("sooner", minutes(30)),
      row("overdue", minutes(-30)),
      row("next-month", minutes(40 * 1440)),
      row("failed-old", minutes(-20 * 1440)),
      row("failed-a", minutes(-60)),
      row("failed-b", minutes(-120)),
    ]);
    await t.db.delivery.updateMany({ where: { dedupeKey: { startsWith: "failed" } }, data: { status: "FAILED" } });

    const upcoming = await upcomingDeliveries(t.db, { until: minutes(7 * 1440), limit: 2 });
    expect(upcoming.items.map((d) => [d.dedupeKey, d.subject])).toEqual([
      ["overdue", null],
      ["sooner", null],
    ]);
    expect(upcoming.total).toBe(3);
    expect((await upcomingDeliveries(t.db, { until: minutes(7 * 1440), limit: 5 })).items.at(-1)).toMatchObject({
      dedupeKey: "later",
      subject: "Kick-off",
    });
    const failed = await failedDeliveries(t.db, { since: minutes(-14 * 1440), limit: 5 });
    expect(failed.items.map((d) => d.dedupeKey)).toEqual(["failed-a", "failed-b"]);
    expect(failed.total).toBe(2);
  });
});

describe.each(providers)("what the planner reads on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(provider);
  });
  afterAll(() => t.close());

  it("reads the sessions near now and those with deliveries still on their way, not the rest", async () => {
    const p = await seedProgramme(t.db);
    const g = await seedGroup(t.db, p.id, { slug: "math", channelId: "CMATH" });
    const near = await seedSession(t.db, { programmeId: p.id, groupId: g.id, localStart: "2022-03-05T15:00" });
    const far = await seedSession(t.db, { programmeId: p.id, groupId: g.id, localStart: "2022-06-05T15:00" });
    const past = await seedSession(t.db, { programmeId: p.id, groupId: g.id, localStart: "2021-12-05T15:00" });
    const moved = await seedSession(t.db, { programmeId: p.id, groupId: g.id, localStart: "2022-09-05T15:00" });
    await insertDeliveries(t.db, [{ ...row("moved"), sessionId: moved.id, dueAt: instant("2022-03-01T15:00") }]);
    await t.db.blackout.create({ data: { programmeId: p.id, date: "2022-03-05", reason: "Spring break" } });

    const window = await planningWindow(t.db, {
      from: minutes(-2 * 1440),
      sessionsUntil: minutes(7 * 1440),
      deadlinesUntil: minutes(14 * 1440),
      sentSince: minutes(-30 * 1440),
    });
    expect(window.sessions.map((s) => s.id).sort()).toEqual([near.id, moved.id].sort());
    expect(window.sessions.map((s) => s.id)).not.toContain(far.id);
    expect(window.sessions.map((s) => s.id)).not.toContain(past.id);
    expect(window.sessions.find((s) => s.id === near.id)).toMatchObject({ groupChannelId: "CMATH", announcementChannelId: "CANNOUNCE" });
    expect(window.blackouts).toEqual([{ programmeId: p.id, groupId: null, date: "2022-03-05" }]);
    expect(window.deliveries.map((d) => d.dedupeKey)).toEqual(["moved"]);
  });

  it("lists as DM recipients only active members who opted in and have not turned reminders off", async () => {
    const p = await seedProgramme(t.db);
    const g = await seedGroup(t.db, p.id, { slug: "science", channelId: "CSCI" });
    const people = await Promise.all(
      [
        { slackUserId: "UOPTIN", dmReminders: true },
        { slackUserId: "UQUIET", dmReminders: false },
        { slackUserId: "UOFF", dmReminders: true, remindersOff: true },
        { slackUserId: "UWAIT", dmReminders: true },
      ].map((data) => t.db.person.create({ data: { name: data.slackUserId, ...data } })),
    );
    for (const [i, person] of people.entries()) {
      await t.db.membership.create({ data: { groupId: g.id, personId: person.id, status: i === 3 ? "WAITLISTED" : "ACTIVE" } });
    }
    const s = await seedSession(t.db, { programmeId: p.id, groupId: g.id, localStart: "2022-03-03T15:00" });
    const wide = await seedSession(t.db, { programmeId: p.id, groupId: null, localStart: "2022-03-04T15:00" });
    const window = await planningWindow(t.db, {
      from: minutes(-2 * 1440),
      sessionsUntil: minutes(7 * 1440),
      deadlinesUntil: minutes(14 * 1440),
      sentSince: minutes(-30 * 1440),
    });
    expect(window.sessions.find((x) => x.id === s.id)?.dmRecipients).toEqual([{ personId: people[0]!.id, slackUserId: "UOPTIN" }]);
    expect(window.sessions.find((x) => x.id === wide.id)?.dmRecipients).toEqual([{ personId: people[0]!.id, slackUserId: "UOPTIN" }]);
  });
});
