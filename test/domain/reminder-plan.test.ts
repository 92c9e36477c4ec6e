import { DateTime } from "luxon";
import {
  type DeliveryStatus,
  type ExistingDelivery,
  type Plan,
  type PlanInput,
  type PlanSession,
  SKIP,
  decideSend,
  dueBefore,
  plan,
} from "../../src/domain/reminder-plan";
import { DEFAULT_RULES, type ScopedReminderRule, longestOffsetMinutes, rulesFor } from "../../src/domain/reminder-rules";

const CHICAGO = "America/Chicago";
const at = (local: string, zone = CHICAGO) => DateTime.fromISO(local, { zone }).toJSDate();
const iso = (d: Date) => d.toISOString();

function session(overrides: Partial<PlanSession> = {}): PlanSession {
  const localStart = overrides.localStart ?? "2022-03-14T15:00";
  const timezone = overrides.timezone ?? CHICAGO;
  const startsAt = at(localStart, timezone);
  return {
    id: "s1",
    programmeId: "p1",
    groupId: "g1",
    audience: "EVERYONE",
    format: "VIRTUAL",
    localStart,
    timezone,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 90 * 60_000),
    status: "SCHEDULED",
    sequence: 0,
    groupChannelId: "CGROUP",
    announcementChannelId: "CANNOUNCE",
    dmRecipients: [],
    attendanceTakers: [],
    ...overrides,
  };
}

function input(overrides: Partial<PlanInput>): PlanInput {
  return { now: at("2022-03-01T09:00"), sessions: [], deadlines: [], rules: [], blackouts: [], deliveries: [], ...overrides };
}

/** The plan's new rows as the outbox would then hold them, with the statuses given by key. */
function stored(p: Plan, status: Record<string, DeliveryStatus> = {}, extra: Partial<ExistingDelivery> = {}): ExistingDelivery[] {
  return p.create.map((c, i) => ({
    ...c,
    id: `d${i}`,
    status: status[c.dedupeKey] ?? c.status,
    sentAt: status[c.dedupeKey] === "SENT" ? c.dueAt : null,
    messageTs: status[c.dedupeKey] === "SENT" ? `17000000${i}.000100` : null,
    ...extra,
  }));
}

const created = (p: Plan) => p.create.map((c) => ({ key: c.dedupeKey, channel: c.channelId, due: iso(c.dueAt), status: c.status }));

describe("default reminder rules", () => {
  it("reminds a group's channel 7 days, 1 day and 1 hour before a virtual session, at the session's local time", () => {
    const p = plan(input({ sessions: [session()] }));
    expect(created(p)).toEqual([
      { key: "session:s1:10080:GROUP_CHANNEL", channel: "CGROUP", due: "2022-03-07T21:00:00.000Z", status: "PENDING" },
      { key: "session:s1:1440:GROUP_CHANNEL", channel: "CGROUP", due: "2022-03-13T20:00:00.000Z", status: "PENDING" },
      { key: "session:s1:60:GROUP_CHANNEL", channel: "CGROUP", due: "2022-03-14T19:00:00.000Z", status: "PENDING" },
    ]);
  });

  it("has no 1-hour reminder for an in-person session", () => {
    const keys = plan(input({ sessions: [session({ format: "IN_PERSON" })] })).create.map((c) => c.dedupeKey);
    expect(keys).toEqual(["session:s1:10080:GROUP_CHANNEL", "session:s1:1440:GROUP_CHANNEL"]);
  });

  it("posts a programme-wide session's reminders once, in the announcement channel", () => {
    const p = plan(
      input({
        sessions: [session({ groupId: null, groupChannelId: null })],
        rules: [
          { programmeId: "p1", groupId: null, target: "SESSION", offsetMinutes: 1440, audience: "GROUP_CHANNEL" },
          { programmeId: "p1", groupId: null, target: "SESSION", offsetMinutes: 1440, audience: "ANNOUNCEMENTS" },
        ],
      }),
    );
    expect(created(p)).toEqual([
      { key: "session:s1:1440:ANNOUNCEMENTS", channel: "CANNOUNCE", due: "2022-03-13T20:00:00.000Z", status: "PENDING" },
    ]);
  });

  it("plans nothing for a group that has no channel yet", () => {
    expect(plan(input({ sessions: [session({ groupChannelId: null })] })).create).toEqual([]);
  });

  it("reminds the announcement channel 14, 3 and 1 day before a deadline", () => {
    const p = plan(
      input({
        deadlines: [
          {
            id: "dl1",
            programmeId: "p1",
            localDue: "2022-03-31T17:00",
            timezone: CHICAGO,
            dueAt: at("2022-03-31T17:00"),
            announcementChannelId: "CANNOUNCE",
          },
        ],
      }),
    );
    expect(created(p)).toEqual([
      { key: "deadline:dl1:20160:ANNOUNCEMENTS", channel: "CANNOUNCE", due: "2022-03-17T22:00:00.000Z", status: "PENDING" },
      { key: "deadline:dl1:4320:ANNOUNCEMENTS", channel: "CANNOUNCE", due: "2022-03-28T22:00:00.000Z", status: "PENDING" },
      { key: "deadline:dl1:1440:ANNOUNCEMENTS", channel: "CANNOUNCE", due: "2022-03-30T22:00:00.000Z", status: "PENDING" },
    ]);
  });

  it("DMs members who opted in, and prompts facilitators an hour after the session ends", () => {
    const p = plan(
      input({
        sessions: [
          session({ dmRecipients: [{ personId: "per1", slackUserId: "U1" }], attendanceTakers: [{ personId: "per2", slackUserId: "U2" }] }),
        ],
      }),
    );
    const byKey = new Map(created(p).map((c) => [c.key, c]));
    expect(byKey.get("session:s1:1440:DM:per1")).toEqual({
      key: "session:s1:1440:DM:per1",
      channel: "U1",
      due: "2022-03-13T20:00:00.000Z",
      status: "PENDING",
    });
    // 15:00 CDT + 90 minutes + 1 hour = 17:30 CDT.
    expect(byKey.get("session:s1:attendance:per2")?.due).toBe("2022-03-14T22:30:00.000Z");
  });
});

describe("rule resolution", () => {
  const rule = (r: Partial<ScopedReminderRule>): ScopedReminderRule => ({
    programmeId: "p1",
    groupId: null,
    target: "SESSION",
    offsetMinutes: 2880,
    audience: "GROUP_CHANNEL",
    onlyFormat: null,
    ...r,
  });
  const offsets = (rules: ScopedReminderRule[], groupId: string | null, target: "SESSION" | "DEADLINE" = "SESSION") =>
    rulesFor(rules, { programmeId: "p1", groupId, target }).map((r) => `${r.offsetMinutes}:${r.audience}`);

  it.each([
    ["no rows: the defaults", [], "g1", ["10080:GROUP_CHANNEL", "1440:GROUP_CHANNEL", "60:GROUP_CHANNEL", "1440:DM"]],
    ["programme rows replace the defaults", [rule({})], "g1", ["2880:GROUP_CHANNEL"]],
    ["group rows replace the programme's", [rule({}), rule({ groupId: "g1", offsetMinutes: 30 })], "g1", ["30:GROUP_CHANNEL"]],
    ["another group's rows do not apply", [rule({}), rule({ groupId: "g2", offsetMinutes: 30 })], "g1", ["2880:GROUP_CHANNEL"]],
    [
      "another programme's rows do not apply",
      [rule({ programmeId: "p2" })],
      "g1",
      ["10080:GROUP_CHANNEL", "1440:GROUP_CHANNEL", "60:GROUP_CHANNEL", "1440:DM"],
    ],
  ] as const)("%s", (_name, rules, groupId, expected) => {
    expect(offsets([...rules], groupId)).toEqual(expected);
  });

  it("replaces per target: custom session rules keep the default deadline reminders", () => {
    expect(offsets([rule({})], null, "DEADLINE")).toEqual(["20160:ANNOUNCEMENTS", "4320:ANNOUNCEMENTS", "1440:ANNOUNCEMENTS"]);
  });

  it("plans as far ahead as the longest rule", () => {
    expect(longestOffsetMinutes([], "SESSION")).toBe(7 * 1440);
    expect(longestOffsetMinutes([rule({ offsetMinutes: 30 * 1440 })], "SESSION")).toBe(30 * 1440);
    expect(longestOffsetMinutes([], "DEADLINE")).toBe(14 * 1440);
    expect(DEFAULT_RULES.length).toBeGreaterThan(0);
  });

  it("uses programme rules when planning", () => {
    const p = plan(
      input({ sessions: [session()], rules: [rule({ offsetMinutes: 120, onlyFormat: "IN_PERSON" }), rule({ offsetMinutes: 2880 })] }),
    );
    expect(p.create.map((c) => c.dedupeKey)).toEqual(["session:s1:2880:GROUP_CHANNEL"]);
  });
});

describe("daylight saving time", () => {
  it.each([
    // Spring forward on 2022-03-13 in Chicago: a week before 15:00 CDT is 15:00 CST, an hour later in UTC.
    ["2022-03-14T15:00", CHICAGO, 10080, "2022-03-07T21:00:00.000Z"],
    ["2022-03-14T15:00", CHICAGO, 1440, "2022-03-13T20:00:00.000Z"],
    // Fall back on 2021-11-07: a day before 10:00 CST (16:00Z) is 10:00 CDT (15:00Z).
    ["2021-11-07T10:00", CHICAGO, 1440, "2021-11-06T15:00:00.000Z"],
    // Sub-day offsets are plain durations: 1 hour before 03:30 CDT on the spring-forward night.
    ["2022-03-13T03:30", CHICAGO, 60, "2022-03-13T07:30:00.000Z"],
    ["2022-03-30T09:00", "Europe/London", 10080, "2022-03-23T09:00:00.000Z"],
  ])("%s %s, %i minutes before, is due at %s", (local, zone, offset, expected) => {
    expect(iso(dueBefore(local, zone, offset))).toBe(expected);
  });
});

describe("blackout dates", () => {
  it.each([
    ["a programme-wide blackout on the session's date", 0, { programmeId: "p1", groupId: null, date: "2022-03-14" }],
    ["a blackout for the session's group", 0, { programmeId: "p1", groupId: "g1", date: "2022-03-14" }],
    ["a blackout for another group", 3, { programmeId: "p1", groupId: "g2", date: "2022-03-14" }],
    ["a blackout on another date", 3, { programmeId: "p1", groupId: null, date: "2022-03-15" }],
    ["another programme's blackout", 3, { programmeId: "p2", groupId: null, date: "2022-03-14" }],
  ])("%s leaves %i reminders", (_name, count, blackout) => {
    const p = plan(input({ sessions: [session()], blackouts: [blackout] }));
    expect(p.create.filter((c) => c.status === "PENDING")).toHaveLength(count);
    expect(p.create.filter((c) => c.status === "SKIPPED").map((c) => c.lastError)).toEqual(Array(3 - count).fill(SKIP.blackout));
  });

  it("uses the session's local date, not the UTC one", () => {
    // 19:00 in Chicago on the 14th is already the 15th in UTC.
    const s = session({ localStart: "2022-03-14T19:00" });
    const p = plan(input({ sessions: [s], blackouts: [{ programmeId: "p1", groupId: null, date: "2022-03-14" }] }));
    expect(p.create.map((c) => c.status)).toEqual(["SKIPPED", "SKIPPED", "SKIPPED"]);
  });

  it("drops pending reminders of a session that a new blackout covers", () => {
    const existing = stored(plan(input({ sessions: [session()] })));
    const p = plan(
      input({ sessions: [session()], deliveries: existing, blackouts: [{ programmeId: "p1", groupId: null, date: "2022-03-14" }] }),
    );
    expect(p.skip).toEqual(existing.map((d) => ({ id: d.id, reason: SKIP.blackout })));
    expect(p.create).toEqual([]);
  });
});

describe("idempotence", () => {
  it("plans nothing new when the outbox already holds the plan", () => {
    const first = plan(input({ sessions: [session({ attendanceTakers: [{ personId: "per2", slackUserId: "U2" }] })] }));
    const again = plan(
      input({ sessions: [session({ attendanceTakers: [{ personId: "per2", slackUserId: "U2" }] })], deliveries: stored(first) }),
    );
    expect(again).toEqual({ create: [], update: [], skip: [] });
  });
});

describe("late, skipped and superseded", () => {
  const s = session();
  const first = plan(input({ sessions: [s] }));

  it.each([
    ["just after its due time: sent, on time", "2022-03-13T15:02", { action: "send", late: false }],
    ["after downtime, before the session: sent late", "2022-03-14T09:00", { action: "send", late: true }],
    ["after the session started: skipped", "2022-03-14T15:00", { action: "skip", reason: SKIP.passed }],
  ] as const)("the 1-day reminder %s", (_name, local, expected) => {
    const d = first.create.find((c) => c.dedupeKey === "session:s1:1440:GROUP_CHANNEL")!;
    expect(decideSend(d, { at: s.startsAt, cancelled: false }, at(local))).toEqual(expected);
  });

  it("skips, and records why, pending reminders of a session that has started", () => {
    const existing = stored(first);
    const p = plan(input({ now: at("2022-03-14T15:30"), sessions: [s], deliveries: existing }));
    expect(p.skip.map((x) => x.reason)).toEqual([SKIP.passed, SKIP.passed, SKIP.passed]);
  });

  it("records as skipped the reminders of a session that started while nobody was planning", () => {
    const p = plan(input({ now: at("2022-03-14T16:00"), sessions: [s] }));
    expect(created(p).map((c) => c.status)).toEqual(["SKIPPED", "SKIPPED", "SKIPPED"]);
    expect(p.create.map((c) => c.lastError)).toEqual([SKIP.passed, SKIP.passed, SKIP.passed]);
  });

  it("sends only the latest of several reminders due at once in a channel (after downtime)", () => {
    const existing = stored(first);
    const p = plan(input({ now: at("2022-03-14T10:00"), sessions: [s], deliveries: existing }));
    expect(p.skip).toEqual([{ id: "d0", reason: SKIP.superseded }]);
  });

  it("records as superseded the reminders already overdue when a session is created close to its start", () => {
    const p = plan(input({ now: at("2022-03-14T12:00"), sessions: [s] }));
    expect(created(p).map((c) => [c.key, c.status])).toEqual([
      ["session:s1:10080:GROUP_CHANNEL", "SKIPPED"],
      ["session:s1:1440:GROUP_CHANNEL", "PENDING"],
      ["session:s1:60:GROUP_CHANNEL", "PENDING"],
    ]);
  });

  it("skips an overdue earlier reminder when a later one already went out", () => {
    const existing = stored(first, { "session:s1:1440:GROUP_CHANNEL": "SENT" });
    const p = plan(input({ now: at("2022-03-13T16:00"), sessions: [s], deliveries: existing }));
    expect(p.skip).toEqual([{ id: "d0", reason: SKIP.superseded }]);
  });

  it("still sends, marked late, an attendance prompt owed through days of downtime, and drops it after a week", () => {
    const f = session({ attendanceTakers: [{ personId: "per2", slackUserId: "U2" }] });
    const prompt = plan(input({ sessions: [f] })).create.find((c) => c.kind === "attendance_prompt")!;
    expect(decideSend(prompt, { at: f.startsAt, cancelled: false }, at("2022-03-14T18:00"))).toEqual({ action: "send", late: true });
    expect(decideSend(prompt, { at: f.startsAt, cancelled: false }, at("2022-03-17T18:00"))).toEqual({ action: "send", late: true });
    expect(decideSend(prompt, { at: f.startsAt, cancelled: false }, at("2022-03-21T18:00"))).toEqual({
      action: "skip",
      reason: SKIP.tooLate,
    });
  });
});

describe("a rescheduled session", () => {
  const before = session();
  const moved = session({ localStart: "2022-03-16T11:00", sequence: 1 });
  const first = plan(input({ sessions: [before] }));

  it("re-times its pending reminders", () => {
    const p = plan(input({ now: at("2022-03-02T09:00"), sessions: [moved], deliveries: stored(first) }));
    expect(p.create).toEqual([]);
    expect(p.update.map((u) => [u.id, iso(u.dueAt)])).toEqual([
      ["d0", "2022-03-09T17:00:00.000Z"],
      ["d1", "2022-03-15T16:00:00.000Z"],
      ["d2", "2022-03-16T15:00:00.000Z"],
    ]);
  });

  it("posts a change notice in the thread of the reminder that already went out, and only once", () => {
    const existing = stored(first, { "session:s1:10080:GROUP_CHANNEL": "SENT" });
    const p = plan(input({ now: at("2022-03-08T09:00"), sessions: [moved], deliveries: existing }));
    expect(p.create).toEqual([
      expect.objectContaining({
        kind: "change_notice",
        channelId: "CGROUP",
        dedupeKey: `session:s1:change:1:${moved.startsAt.getTime()}:CGROUP`,
        payload: {
          kind: "change_notice",
          previousStartsAt: iso(before.startsAt),
          startsAt: iso(moved.startsAt),
          threadTs: existing[0]!.messageTs,
        },
      }),
    ]);
    expect(p.update.map((u) => u.id)).toEqual(["d1", "d2"]);
    const noticed = [...existing, ...stored(p, {}, { id: "n1" })];
    expect(plan(input({ now: at("2022-03-08T09:01"), sessions: [moved], deliveries: noticed })).create).toEqual([]);
  });

  it("posts no change notice when it is moved back to the time people were told", () => {
    const existing = stored(first, { "session:s1:10080:GROUP_CHANNEL": "SENT" });
    expect(plan(input({ now: at("2022-03-08T09:00"), sessions: [session({ sequence: 2 })], deliveries: existing })).create).toEqual([]);
  });
});

describe("a cancelled session", () => {
  const s = session();
  const first = plan(input({ sessions: [s] }));
  const cancelled = session({ status: "CANCELLED", sequence: 1 });

  it("drops its pending reminders and, where one went out, posts a cancellation in its thread", () => {
    const existing = stored(first, { "session:s1:10080:GROUP_CHANNEL": "SENT" });
    const p = plan(input({ now: at("2022-03-08T09:00"), sessions: [cancelled], deliveries: existing }));
    expect(p.skip).toEqual([
      { id: "d1", reason: SKIP.cancelled },
      { id: "d2", reason: SKIP.cancelled },
    ]);
    expect(p.create).toEqual([
      expect.objectContaining({
        kind: "cancellation",
        channelId: "CGROUP",
        payload: expect.objectContaining({ reason: "cancelled", threadTs: existing[0]!.messageTs }),
      }),
    ]);
  });

  it("posts nothing when no reminder had gone out", () => {
    const p = plan(input({ now: at("2022-03-02T09:00"), sessions: [cancelled], deliveries: stored(first) }));
    expect(p.create).toEqual([]);
    expect(p.skip).toHaveLength(3);
  });

  it("plans its reminders again when it is reinstated", () => {
    const skipped = stored(first, {}, { status: "SKIPPED", lastError: SKIP.cancelled });
    const p = plan(input({ now: at("2022-03-02T09:00"), sessions: [s], deliveries: skipped }));
    expect(p.update.map((u) => [u.id, u.from])).toEqual([
      ["d0", "SKIPPED"],
      ["d1", "SKIPPED"],
      ["d2", "SKIPPED"],
    ]);
  });

  it("does not send a reminder claimed before the cancellation", () => {
    const d = first.create[1]!;
    expect(decideSend(d, { at: s.startsAt, cancelled: true }, at("2022-03-13T15:00"))).toEqual({ action: "skip", reason: SKIP.cancelled });
  });
});
