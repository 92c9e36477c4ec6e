import { DateTime } from "luxon";
import { SKIP } from "../../src/domain/reminder-plan";
import { QUEUE_RETRY } from "../../src/views/reminder-queue-modal";
import { RULES_BLOCKS as B, RULES_CALLBACK, rulesActionOf } from "../../src/views/reminder-rules-modal";
import { providers } from "../helpers/databases";
import { forgeSubmission } from "../helpers/forged-submission";
import { expectValidBlockKit } from "../helpers/block-kit";
import { startHarness, type Harness } from "../helpers/harness";
import { seedGroup, seedProgramme, seedSession, ZONE } from "../helpers/reminder-fixtures";
import type { ViewSnapshot } from "../../src/local-slack";

const STAFF = "U0STAFF01";

describe.each(providers)("staff's reminder queue and rules, through the local Slack on %s", (provider) => {
  let h: Harness;
  let mallory: string;
  let channel: string;

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF });
    h.slack.addUser({ id: STAFF, name: "sofia", realName: "Sofia Staff", tz: "Europe/Paris" });
    mallory = h.slack.addUser({ name: "mallory", realName: "Mallory Member" }).id;
  });
  afterAll(() => h.stop());
  beforeEach(async () => {
    h.slack.reset();
    await db().programme.deleteMany();
    channel = h.slack.addChannel({ name: `cop-math-${Date.now()}` }).id;
  });
  afterEach(() => {
    expectValidBlockKit(h.slack, [channel, STAFF, mallory]);
  });

  const db = () => h.convene.services.db;
  const run = (at: Date) => h.tick(at);

  async function sessionIn(days: number) {
    const programme = await seedProgramme(db(), { slug: "cop-math", announcementChannelId: null });
    const group = await seedGroup(db(), programme.id, { slug: "math", name: "Math teachers", channelId: channel });
    const start = DateTime.now().setZone(ZONE).plus({ days }).startOf("hour");
    const session = await seedSession(db(), {
      programmeId: programme.id,
      groupId: group.id,
      localStart: start.toFormat("yyyy-MM-dd'T'HH:mm"),
      title: "October meeting",
    });
    return { programme, group, session, start };
  }
  const deliveries = async (sessionId: string) =>
    Object.fromEntries(
      (await db().delivery.findMany({ where: { sessionId, kind: "reminder" } })).map((d) => [
        d.dedupeKey.split(":").slice(2).join(":"),
        [d.status, d.lastError],
      ]),
    );
  const openView = async (userId: string, shows: string): Promise<ViewSnapshot> => {
    await h.slack.waitFor(() => JSON.stringify(h.slack.openModals(userId).at(-1)?.view.blocks ?? []).includes(shows), {
      what: `a modal showing ${shows}`,
    });
    return h.slack.openModals(userId).at(-1)!;
  };
  const command = async (userId: string, text: string) => {
    const res = await h.slack.sendCommand({ userId, command: "/convene", text });
    expect(res.status).toBe(200);
    expect(res.ackProblems).toEqual([]);
    return res;
  };
  const ackText = (res: { body: unknown }) => (res.body as { text?: string }).text;

  it("shows staff what goes out in the next 7 days and what failed, and Retry sends it on the next tick", async () => {
    const { session, start } = await sessionIn(5);
    // The 7-day reminder (due two days ago) was refused for good; the 1-day one waits.
    h.slack.fail("chat.postMessage", { error: "channel_not_found" }, { times: 1 });
    await run(start.minus({ days: 7 }).toJSDate());
    expect(await deliveries(session.id)).toEqual({
      "10080:GROUP_CHANNEL": ["FAILED", "channel_not_found"],
      "1440:GROUP_CHANNEL": ["PENDING", null],
    });
    const failed = await db().delivery.findFirstOrThrow({ where: { sessionId: session.id, status: "FAILED" } });

    await command(STAFF, "reminders");
    const queue = await openView(STAFF, "Next 7 days");
    const text = JSON.stringify(queue.view.blocks);
    const dayBefore = Math.floor(start.minus({ days: 1 }).toSeconds());
    expect(text).toContain(`<!date^${dayBefore}^{date_short_pretty} at {time}|`);
    expect(text).toContain(`*October meeting* · Reminder, 1 day before · <#${channel}>`);
    expect(text).toContain("*October meeting* · Reminder, 7 days before");
    expect(text).toContain("`channel_not_found`");

    await h.slack.clickButton({ userId: STAFF, viewId: queue.id, actionId: `${QUEUE_RETRY}:${failed.id}` });
    await openView(STAFF, "Back in the queue");
    expect(JSON.stringify(h.slack.view(queue.id)!.view.blocks)).toContain("Nothing failed.");
    expect(await db().auditLog.count({ where: { action: "delivery.retry", entityId: failed.id, actor: STAFF } })).toBe(1);
    expect(h.slack.messages(channel)).toEqual([]);

    await run(new Date());
    const posted = h.slack.messages(channel);
    expect(posted.map((m) => m.text)).toEqual([expect.stringMatching(/^Reminder: October meeting/)]);
    expect(await db().delivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: "SENT",
      late: true,
      messageTs: posted[0]!.ts,
    });
  });

  it("refuses anyone but staff: the command, a Retry click, and a forged rules submission", async () => {
    const { session, start } = await sessionIn(5);
    h.slack.fail("chat.postMessage", { error: "channel_not_found" }, { times: 1 });
    await run(start.minus({ days: 7 }).toJSDate());
    const failed = await db().delivery.findFirstOrThrow({ where: { sessionId: session.id, status: "FAILED" } });

    expect(ackText(await command(mallory, "reminders"))).toBe("Only coalition staff can use `/convene reminders`.");
    expect(ackText(await command(mallory, "reminders rules cop-math"))).toBe("Only coalition staff can use `/convene reminders`.");
    expect(h.slack.openModals(mallory)).toEqual([]);

    await command(STAFF, "reminders");
    const queue = await openView(STAFF, "Next 7 days");
    await h.slack.clickButton({ userId: mallory, viewId: queue.id, actionId: `${QUEUE_RETRY}:${failed.id}` });
    await h.slack.waitFor(
      () => h.slack.messages(mallory).some((m) => m.text === "Only coalition staff can retry messages Convene could not send."),
      { what: "the refusal" },
    );
    expect((await db().delivery.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("FAILED");
    expect(JSON.stringify(h.slack.view(queue.id)!.view.blocks)).not.toContain("Back in the queue");

    await command(STAFF, "reminders rules cop-math");
    const rules = await openView(STAFF, "Before sessions");
    const forged = await forgeSubmission(h.slack, { userId: mallory, viewId: rules.id, values: { [B.sessionChannel]: "1m" } });
    expect(forged.body).toMatchObject({ response_action: "update" });
    expect(JSON.stringify(forged.body)).toContain("Only coalition staff can change reminder rules.");
    expect(await db().reminderRule.count()).toBe(0);
  });

  it("changes what the next tick plans when staff change the rules, and never sends a removed reminder", async () => {
    const { session, start } = await sessionIn(8);
    await run(new Date());
    expect(await deliveries(session.id)).toEqual({ "10080:GROUP_CHANNEL": ["PENDING", null], "1440:GROUP_CHANNEL": ["PENDING", null] });

    const typo = await command(STAFF, "reminders rules cop-mat");
    expect(ackText(typo)).toBe("There is no programme `cop-mat`. Did you mean `cop-math`? Programmes: `cop-math`.");

    await command(STAFF, "reminders rules cop-math");
    const form = await openView(STAFF, "Before sessions");
    expect(form.callbackId).toBe(RULES_CALLBACK);
    const initial = (blockId: string) =>
      (form.view.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find((b) => b.block_id === blockId)?.element
        ?.initial_value;
    expect([initial(B.sessionChannel), initial(B.sessionDm), initial(B.deadline)]).toEqual(["7d, 1d, 1h virtual", "1d", "14d, 3d, 1d"]);

    const typed = (byBlock: Record<string, string>) =>
      Object.fromEntries(Object.entries(byBlock).map(([block, v]) => [block, { [rulesActionOf(block)]: v }]));
    const bad = await h.slack.submitView({ viewId: form.id, values: typed({ [B.sessionChannel]: "2d, next week" }) });
    expect(bad.errors).toEqual({ [B.sessionChannel]: '"next week" is not a time before: write times like 7d, 1d, 2h or 30m.' });
    const saved = await h.slack.submitView({ viewId: form.id, values: typed({ [B.sessionChannel]: "2d, 3h", [B.sessionDm]: "" }) });
    expect(saved.responseAction).toBe("update");
    expect(JSON.stringify(h.slack.view(form.id)!.view.blocks)).toContain("• In the group's channel: 2 days, 3 hours before");
    // The deadline field still held the defaults: nothing stored for deadlines, which keep following them.
    expect(
      await db().reminderRule.findMany({
        select: { groupId: true, target: true, offsetMinutes: true, audience: true },
        orderBy: { offsetMinutes: "desc" },
      }),
    ).toEqual([
      { groupId: null, target: "SESSION", offsetMinutes: 2880, audience: "GROUP_CHANNEL" },
      { groupId: null, target: "SESSION", offsetMinutes: 180, audience: "GROUP_CHANNEL" },
    ]);
    expect(await db().auditLog.count({ where: { action: "reminder_rules.replace", actor: STAFF } })).toBe(1);

    await run(new Date());
    expect(await deliveries(session.id)).toEqual({
      "10080:GROUP_CHANNEL": ["SKIPPED", SKIP.unplanned],
      "1440:GROUP_CHANNEL": ["SKIPPED", SKIP.unplanned],
      "2880:GROUP_CHANNEL": ["PENDING", null],
      "180:GROUP_CHANNEL": ["PENDING", null],
    });

    // The group's own rules replace the programme's for its sessions.
    await command(STAFF, "reminders rules cop-math math");
    const groupForm = await openView(STAFF, "Math teachers · CoP 2021-2022");
    expect(JSON.stringify(groupForm.view.blocks)).toContain("Session reminders now follow CoP 2021-2022's rules.");
    await h.slack.submitView({ viewId: groupForm.id, values: typed({ [B.sessionChannel]: "5d" }) });
    await run(new Date());
    expect(await deliveries(session.id)).toMatchObject({
      "2880:GROUP_CHANNEL": ["SKIPPED", SKIP.unplanned],
      "180:GROUP_CHANNEL": ["SKIPPED", SKIP.unplanned],
      "7200:GROUP_CHANNEL": ["PENDING", null],
    });

    // When the removed 7-day reminder would have been due, nothing is posted; the 5-day one is, on time.
    await run(start.minus({ days: 7 }).toJSDate());
    expect(h.slack.messages(channel)).toEqual([]);
    await run(start.minus({ days: 5 }).toJSDate());
    expect(h.slack.messages(channel).map((m) => m.text)).toEqual([expect.stringMatching(/^Reminder: October meeting/)]);
  });
});
