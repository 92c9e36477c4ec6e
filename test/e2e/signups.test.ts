import { WebClient } from "@slack/web-api";
import pino from "pino";
import { sendFollowUps } from "../../src/outbox/follow-ups";
import { providers } from "../helpers/databases";
import { eventually } from "../helpers/eventually";
import { expectValidBlockKit } from "../helpers/block-kit";
import { startHarness, type Harness } from "../helpers/harness";
import { addFacilitator, addPerson, type Coalition, seedCoalition } from "../helpers/signup-fixtures";

const commit = { commitment: { signup_commitment: ["attend_all"] } };
const text = (value: unknown) => JSON.stringify(value);

describe.each(providers)("sign-ups on %s, driven by the local Slack", (provider) => {
  let h: Harness;
  let c: Coalition;
  let ariana: string, bea: string, carl: string, dana: string, dwight: string;
  let justiceChannel: string, biasChannel: string;

  const modalOf = (user: string) => h.slack.openModals(user).at(-1)!;
  const dmTexts = (user: string) => h.slack.messages(user).map((m) => `${m.text} ${text(m.blocks)}`);
  const join = async (user: string, groupText: string) => {
    const res = await h.slack.sendCommand({ userId: user, command: "/convene", text: `join ${groupText}` });
    expect(res.status).toBe(200);
    expect(res.durationMs).toBeLessThan(3000);
    return modalOf(user);
  };
  const membership = (groupId: string, slackUserId: string) => h.t.db.membership.findFirst({ where: { groupId, person: { slackUserId } } });

  beforeAll(async () => {
    // The follow-ups are sent by the requests and, in one test, by hand; no tick runs meanwhile.
    h = await startHarness(provider, { CONVENE_TICK: "off" });
    const db = h.t.db;
    c = await seedCoalition(db, new Date());
    const user = (name: string, realName: string, email: string) => h.slack.addUser({ name, realName, email, tz: "America/Chicago" }).id;
    ariana = user("ariana", "Ariana Melton", "ariana@prospectschools.org");
    bea = user("bea", "Bea Okafor", "bea@prospectschools.org");
    carl = user("carl", "Carl Wu", "carl@clicharter.org");
    dana = user("dana", "Dana Ruiz", "dana@edgilityconsulting.com");
    dwight = user("dwight", "Dwight Thomas", "dwight@prospectschools.org");
    const facilitator = await addPerson(db, { slackUserId: dwight, name: "Dwight Thomas", organizationId: c.orgs.prospect });
    await addFacilitator(db, c.groups.justice, facilitator);
    await addFacilitator(db, c.groups.small, facilitator);
    justiceChannel = h.slack.addChannel({ name: "cop-got-justice" }).id;
    biasChannel = h.slack.addChannel({ name: "cop-disrupt-bias" }).id;
    await db.group.update({ where: { id: c.groups.justice }, data: { channelId: justiceChannel } });
    await db.group.update({ where: { id: c.groups.small }, data: { channelId: biasChannel } });
  });
  afterAll(() => h.stop());

  it("signs up a member and a colleague: invited to the channel, confirmed by DM with the next sessions, facilitators told", async () => {
    const modal = await join(ariana, "got justice");
    expect(modal.versions[0]).toMatchObject({ blocks: [{ text: { text: expect.stringContaining("loading") } }] });
    expect(text(modal.view)).toContain("Got Justice? Creating and Sustaining Equitable School Culture");
    expect(text(modal.view)).toContain("20 of 20 seats left");
    expect(text(modal.view)).toContain("People from Prospect Schools");

    const res = await h.slack.submitView({ viewId: modal.id, values: { colleagues: { signup_colleagues: [bea] }, ...commit } });
    expect(res.responseAction).toBe("update");
    expect(text(h.slack.view(modal.id)!.view)).toContain("You're signed up for");

    await h.slack.waitFor(
      () => h.slack.messages(bea).length > 0 && h.slack.messages(dwight).length > 0 && h.slack.channel(justiceChannel)!.members.has(bea),
    );
    expect(h.slack.channel(justiceChannel)!.members.has(ariana)).toBe(true);
    expect(dmTexts(ariana).join()).toContain("You signed up for *Got Justice?");
    expect(dmTexts(ariana).join()).toContain("Next sessions");
    expect(dmTexts(ariana).join()).toMatch(/<!date\^\d+\^\{date_short_pretty\} at \{time\}\|[^>]+CST>|CDT>/);
    expect(dmTexts(bea).join()).toContain(`<@${ariana}> signed you up for`);
    expect(dmTexts(dwight).join()).toContain(`<@${bea}> joined`);
    expect(dmTexts(dwight).join()).toContain("2 of 20 seats taken");
    expect((await membership(c.groups.justice, ariana))?.status).toBe("ACTIVE");
    expect((await membership(c.groups.justice, bea))?.signedUpById).toBe(
      (await h.t.db.person.findUnique({ where: { slackUserId: ariana } }))!.id,
    );
    expectValidBlockKit(h.slack, [ariana, bea, dwight]);

    // Bea signed nothing: her DM says who signed her up, and one click (no confirmation) takes her out.
    const beaDm = h.slack.messages(bea).find((m) => m.text?.includes("Got Justice"))!;
    expect(beaDm.text).toContain(`<@${ariana}> signed you up for`);
    expect(text(beaDm.blocks)).not.toContain("By signing up you committed");
    expect(text(beaDm.blocks)).toContain(`<@${ariana}> said you will attend all sessions`);
    const notMe = (beaDm.blocks as { type: string; elements?: { action_id?: string; confirm?: unknown; text?: { text: string } }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === "withdraw_membership")!;
    expect(notMe).toMatchObject({ text: { text: "Withdraw me" } });
    expect(notMe.confirm).toBeUndefined();
    await h.slack.clickButton({ userId: bea, channelId: h.slack.dmChannelId(bea), messageTs: beaDm.ts, actionId: "withdraw_membership" });
    await h.slack.waitFor(() => dmTexts(bea).some((t) => t.includes("You withdrew from")));
    expect((await membership(c.groups.justice, bea))?.status).toBe("WITHDRAWN");
  });

  it("refuses a person from a partner organization a member-only group, saying why", async () => {
    const modal = await join(dana, "got-justice");
    expect(text(modal.view)).toContain("member organizations; it does not take partners");
    expect(modal.view.submit).toBeNull();
    expect(await membership(c.groups.justice, dana)).toBeNull();
  });

  it("refuses a closed group, saying it is not taking sign-ups", async () => {
    const modal = await join(ariana, "roots connected");
    expect(text(modal.view)).toContain("is not taking sign-ups");
    expect(await membership(c.groups.closed, ariana)).toBeNull();
  });

  it("answers an unknown group name with the closest one", async () => {
    const viewsBefore = h.slack.views.size;
    const res = await h.slack.sendCommand({ userId: ariana, command: "/convene", text: "join trauma-informd" });
    expect(text(res.body)).toContain("Did you mean `/convene join trauma-informed`?");
    expect(h.slack.views.size).toBe(viewsBefore);
  });

  it("marks colleagues from another organization as a field error and signs up no one", async () => {
    const modal = await join(ariana, "trauma");
    const res = await h.slack.submitView({ viewId: modal.id, values: { colleagues: { signup_colleagues: [carl] }, ...commit } });
    expect(res.responseAction).toBe("errors");
    expect(res.errors).toEqual({ colleagues: expect.stringContaining("Carl Wu is not from Prospect Schools") });
    expect(await membership(c.groups.trauma, ariana)).toBeNull();
    expect(await membership(c.groups.trauma, carl)).toBeNull();
  });

  it("requires the commitment to attend all sessions, as a field error", async () => {
    const modal = await join(carl, "trauma");
    const res = await h.slack.submitView({
      viewId: modal.id,
      values: { commitment: { signup_commitment: [] } },
      allowMissingRequired: true,
    });
    expect(res.errors).toEqual({ commitment: expect.stringContaining("attend all sessions") });
    await h.slack.closeView({ viewId: modal.id });
  });

  it("waitlists when a group is full, and a withdrawal gives the seat to the first in line", async () => {
    for (const user of [ariana, bea, carl]) {
      const modal = await join(user, "disrupt bias");
      await h.slack.submitView({ viewId: modal.id, values: commit });
    }
    expect((await membership(c.groups.small, ariana))?.status).toBe("ACTIVE");
    expect((await membership(c.groups.small, bea))?.status).toBe("WAITLISTED");
    expect((await membership(c.groups.small, carl))?.status).toBe("WAITLISTED");
    await h.slack.waitFor(() => dmTexts(carl).some((t) => t.includes("number 2 in line")));
    expect(dmTexts(bea).join()).toContain("number 1 in line");
    expect(h.slack.channel(biasChannel)!.members.has(bea)).toBe(false);

    const dm = h.slack.dmChannelId(ariana);
    const confirmation = h.slack.messages(dm).find((m) => m.text?.includes("Disrupt Bias"))!;
    await h.slack.clickButton({ userId: ariana, channelId: dm, messageTs: confirmation.ts, actionId: "withdraw_membership" });
    await h.slack.waitFor(
      () => dmTexts(bea).some((t) => t.includes("A seat opened")) && dmTexts(ariana).some((t) => t.includes("You withdrew from")),
    );
    expect((await membership(c.groups.small, ariana))?.status).toBe("WITHDRAWN");
    expect((await membership(c.groups.small, bea))?.status).toBe("ACTIVE");
    expect((await membership(c.groups.small, carl))?.status).toBe("WAITLISTED");
    await h.slack.waitFor(
      () =>
        h.slack.channel(biasChannel)!.members.has(bea) && dmTexts(dwight).some((t) => t.includes(`<@${bea}> moved up from the waitlist`)),
    );
    // The facilitators hear about the withdrawal too.
    await h.slack.waitFor(() => dmTexts(dwight).some((t) => t.includes(`<@${ariana}> withdrew from *Disrupt Bias`)), {
      what: "the facilitator told",
    });
    expect(dmTexts(dwight).find((t) => t.includes(`<@${ariana}> withdrew from`))).toContain("1 of 1 seats taken, 1 on the waitlist");

    // Withdrawing leaves her in the channel; her DM offers to take her out of it too.
    expect(h.slack.channel(biasChannel)!.members.has(ariana)).toBe(true);
    const withdrawal = h.slack.messages(dm).find((m) => m.text?.startsWith("You withdrew from Disrupt Bias"))!;
    expect(text(withdrawal.blocks)).toContain(`You are still in <#${biasChannel}>`);
    await h.slack.clickButton({ userId: ariana, channelId: dm, messageTs: withdrawal.ts, actionId: "leave_group_channel" });
    await h.slack.waitFor(() => !h.slack.channel(biasChannel)!.members.has(ariana), { what: "ariana out of the channel" });
    await h.slack.waitFor(
      () => text(h.slack.messages(dm).find((m) => m.ts === withdrawal.ts)!.blocks).includes(`You left <#${biasChannel}>`),
      { what: "the DM updated" },
    );
    expect(text(h.slack.messages(dm).find((m) => m.ts === withdrawal.ts)!.blocks)).not.toContain("leave_group_channel");

    // A second click on the same button withdraws nothing and promotes no one else.
    const again = await h.slack.clickButton({ userId: ariana, channelId: dm, messageTs: confirmation.ts, actionId: "withdraw_membership" });
    await h.slack.waitFor(() => h.slack.responses(again.responseUrlId!).length > 0);
    expect(text(h.slack.responses(again.responseUrlId!)[0]!.body)).toContain("You're not signed up for");
    expect((await membership(c.groups.small, carl))?.status).toBe("WAITLISTED");
    expectValidBlockKit(h.slack, [ariana, bea, carl, dwight]);
  });

  it("opens the sign-up modal from the Join button on a withdrawal message", async () => {
    const dm = h.slack.dmChannelId(ariana);
    const viewsBefore = h.slack.views.size;
    await h.slack.clickButton({ userId: ariana, channelId: dm, actionId: "join_group" });
    await h.slack.waitFor(() => h.slack.views.size > viewsBefore && modalOf(ariana).versions.length > 0);
    expect(text(modalOf(ariana).versions[0])).toContain("loading");
    expect(text(modalOf(ariana).view)).toContain("Disrupt Bias in Educator Talent Decisions");
    expect(text(modalOf(ariana).view)).toContain("you will join the waitlist (1 waiting)");
    await h.slack.closeView({ viewId: modalOf(ariana).id });
  });

  it("refuses a sign-up after the deadline, with the date it closed", async () => {
    const closed = await h.t.db.programme.create({
      data: {
        slug: "wg-2020",
        name: "Working Groups 2020",
        kind: "WORKING_GROUPS",
        timezone: "America/New_York",
        calendarToken: "late-token",
        signupClosesAt: new Date("2021-10-01T04:00:00Z"),
      },
    });
    await h.t.db.group.create({
      data: {
        programmeId: closed.id,
        slug: "late-group",
        name: "Late Group",
        nameKey: "late group",
        kind: "WORKING_GROUP",
        topics: [],
        calendarToken: "late-group-token",
      },
    });
    const modal = await join(ariana, "late group");
    expect(text(modal.view)).toContain('Sign-ups for \\"Late Group\\" closed on Friday, October 1, 2021.');
  });

  it("creates one membership from 20 identical submissions sent at once (a double click), each answered with the first one's outcome", async () => {
    const modal = await join(carl, "trauma");
    const results = await Promise.all(Array.from({ length: 20 }, () => h.slack.submitView({ viewId: modal.id, values: commit })));
    expect(results.map((r) => [r.status, r.responseAction])).toEqual(results.map(() => [200, "update"]));
    expect(text(results[0]!.body)).toContain("You're signed up for");
    expect(results.filter((r) => text(r.body) !== text(results[0]!.body))).toEqual([]);
    expect(await h.t.db.membership.count({ where: { groupId: c.groups.trauma } })).toBe(1);
    await h.slack.waitFor(() => dmTexts(carl).some((t) => t.includes("Trauma-Informed")));
    expect(dmTexts(carl).filter((t) => t.includes("You signed up for *Trauma-Informed")).length).toBe(1);
    const followUps = () =>
      h.t.db.delivery.findMany({ where: { dedupeKey: { startsWith: `signup:${modal.id}` } }, orderBy: { kind: "asc" } });
    // Posted is not yet recorded: the request that sends them is still going after its answer.
    await eventually(async () => (await followUps()).every((d) => d.status !== "CLAIMED" && d.status !== "PENDING"));
    expect((await followUps()).map((d) => [d.kind, d.status])).toEqual([
      ["dm", "SENT"],
      ["invite", "SKIPPED"], // the group has no channel yet
    ]);
  });

  it("keeps the sign-up when the channel invite fails, and a later send completes the invite", async () => {
    h.slack.fail("conversations.invite", { error: "fatal_error" });
    const modal = await join(carl, "got justice");
    await h.slack.submitView({ viewId: modal.id, values: commit });
    await h.slack.waitFor(() => dmTexts(carl).some((t) => t.includes("Got Justice")));
    expect((await membership(c.groups.justice, carl))?.status).toBe("ACTIVE");
    const invite = await h.t.db.delivery.findFirstOrThrow({ where: { kind: "invite", dedupeKey: { startsWith: `signup:${modal.id}` } } });
    await eventually(async () => (await h.t.db.delivery.findUniqueOrThrow({ where: { id: invite.id } })).lastError !== null);
    expect(await h.t.db.delivery.findUniqueOrThrow({ where: { id: invite.id } })).toMatchObject({
      status: "PENDING",
      lastError: "fatal_error",
      attempts: 1,
    });
    expect(h.slack.channel(justiceChannel)!.members.has(carl)).toBe(false);

    const slack = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } });
    const later = new Date(Date.now() + 60_000);
    const outcomes = await sendFollowUps({
      db: h.t.db,
      slack,
      logger: pino({ level: "silent" }),
      config: h.convene.services.config,
      now: () => later,
      instanceId: "scheduler-test",
    });
    expect(outcomes).toContainEqual({ id: invite.id, kind: "invite", outcome: "sent" });
    expect(h.slack.channel(justiceChannel)!.members.has(carl)).toBe(true);
    expect(await h.t.db.delivery.findUniqueOrThrow({ where: { id: invite.id } })).toMatchObject({ status: "SENT" });
  });
});
