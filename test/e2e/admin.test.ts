import { WebClient } from "@slack/web-api";
import { syncProgrammeChannels } from "../../src/services/channel-service";
import {
  ADMIN_GROUP_EDIT,
  ADMIN_GROUP_NEW,
  ADMIN_SESSION_CANCEL,
  ADMIN_SESSION_EDIT,
  ADMIN_SESSION_NEW,
  ADMIN_STAFF,
  ADMIN_SYNC_CHANNELS,
} from "../../src/views/admin-menu-modal";
import { CANCEL_SESSION_CALLBACK } from "../../src/views/cancel-session-modal";
import { GROUP_MODAL_CALLBACK } from "../../src/views/group-modal";
import { HOME_OPEN_ADMIN } from "../../src/views/home-view";
import { SESSION_MODAL_CALLBACK } from "../../src/views/session-modal";
import { STAFF_MODAL_CALLBACK } from "../../src/views/staff-modal";
import {
  blockActionsPayload,
  channelNameError,
  errorsOnly,
  interactionBody,
  validateView,
  viewSubmissionPayload,
  type ViewSnapshot,
} from "../../src/local-slack";
import { COP_FACILITATORS, importCop } from "../helpers/cop-example";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";

const NOW = new Date("2021-10-01T12:00:00Z");
const STAFF = "U0STAFF001";
const DWIGHT = COP_FACILITATORS["Dwight Thomas"];
const text = (value: unknown) => JSON.stringify(value);

describe.each(providers)("staff administer programmes, groups, sessions and staff in Slack, on %s", (provider) => {
  let h: Harness;
  let member: string;
  const form = "application/x-www-form-urlencoded" as const;
  const actor = (userId: string) => ({
    userId,
    userName: userId.toLowerCase(),
    teamId: h.slack.teamId,
    teamDomain: h.slack.teamDomain,
    apiAppId: h.slack.appId,
  });
  const top = (userId: string) => h.slack.openModals(userId).at(-1)!;
  const lastDm = (userId: string) => text(h.slack.messages(userId).at(-1));
  const command = async (userId: string, words: string) => {
    const res = await h.slack.sendCommand({ userId, command: "/convene", text: words });
    expect(res.status).toBe(200);
    expect(res.durationMs).toBeLessThan(3000);
    expect(res.ackProblems).toEqual([]);
    return res;
  };
  /** The modal Convene shows once it has loaded (it opens a loading view first). */
  const loaded = async (userId: string, callbackId: string): Promise<ViewSnapshot> => {
    await h.slack.waitFor(() => h.slack.openModals(userId).at(-1)?.callbackId === callbackId, { what: `the ${callbackId} modal` });
    const modal = top(userId);
    expect(errorsOnly(validateView(modal.view, { expectedType: "modal" }))).toEqual([]);
    return modal;
  };
  const dmCount = (userId: string) => h.slack.messages(userId).length;

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF, CONVENE_PUBLIC_URL: "https://convene.example.org" });
    h.convene.services.now = () => NOW;
    h.slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff", email: "sam@dcsc.org", tz: "America/New_York" });
    member = h.slack.addUser({ name: "ariana", realName: "Ariana Melton", email: "ariana@prospectschools.org", tz: "America/Chicago" }).id;
    for (const [name, id] of Object.entries(COP_FACILITATORS)) h.slack.addUser({ id, name: id.toLowerCase(), realName: name });
    await importCop(h.t.db, NOW);
    await syncProgrammeChannels(h.convene.services, new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl }), "cop-2021-2022");
  });
  afterAll(() => h.stop());

  it("opens the admin menu for staff: programmes with their feeds and a sync, groups, sessions, staff", async () => {
    await command(STAFF, "admin");
    const menu = await loaded(STAFF, "admin_menu");
    const programme = await h.t.db.programme.findFirstOrThrow();
    expect(text(menu.view)).toContain(`https://convene.example.org/calendar/${programme.calendarToken}.ics`);
    for (const id of [
      ADMIN_SYNC_CHANNELS,
      ADMIN_GROUP_NEW,
      ADMIN_GROUP_EDIT,
      ADMIN_SESSION_NEW,
      ADMIN_SESSION_EDIT,
      ADMIN_SESSION_CANCEL,
      ADMIN_STAFF,
    ])
      expect(text(menu.view)).toContain(id);

    await h.slack.clickButton({ userId: STAFF, viewId: menu.id, actionId: ADMIN_SYNC_CHANNELS });
    await h.slack.waitFor(() => text(h.slack.view(menu.id)!.view).includes("are in step with their groups"));
    await h.slack.closeView({ viewId: menu.id });

    const programmes = await command(STAFF, "admin programmes");
    expect(text(programmes.body)).toContain("*Communities of Practice 2021-2022* (`cop-2021-2022`) · 4 groups");
  });

  it("creates a group from the menu: its channel is made, the facilitator invited, a welcome pinned, staff told", async () => {
    await command(STAFF, "admin");
    const menu = await loaded(STAFF, "admin_menu");
    await h.slack.clickButton({ userId: STAFF, viewId: menu.id, actionId: ADMIN_GROUP_NEW });
    const modal = await loaded(STAFF, GROUP_MODAL_CALLBACK);
    const dms = dmCount(STAFF);
    const submitted = await h.slack.submitView({
      viewId: modal.id,
      values: {
        group_name: { name: "Equity in Enrollment & Admissions" },
        group_description: { description: "Fair admissions lotteries and outreach." },
        group_capacity: { capacity: "12" },
        group_facilitators: { facilitators: [DWIGHT] },
      },
    });
    expect(submitted.responseAction).toBe("clear");
    expect(submitted.openViewIds).toEqual([]);
    const group = await h.t.db.group.findFirstOrThrow({
      where: { name: "Equity in Enrollment & Admissions" },
      include: { facilitators: { include: { person: true } } },
    });
    expect(group).toMatchObject({ slug: "equity-in-enrollment-admissions", capacity: 12, status: "OPEN", kind: "COP" });
    expect(group.facilitators.map((f) => f.person?.slackUserId)).toEqual([DWIGHT]);
    await h.slack.waitFor(() => dmCount(STAFF) > dms);
    const refreshed = await h.t.db.group.findUniqueOrThrow({ where: { id: group.id } });
    const channel = h.slack.channel(refreshed.channelId!)!;
    expect(channel.name).toBe("equity-in-enrollment-admissions");
    expect(channelNameError(channel.name)).toBeUndefined();
    expect(channel.members).toContain(DWIGHT);
    expect(channel.topic.value).toBe("Equity in Enrollment & Admissions · Communities of Practice 2021-2022");
    expect(h.slack.pins(channel.id)).toHaveLength(1);
    expect(lastDm(STAFF)).toContain("Created *Equity in Enrollment &amp; Admissions*");
    expect(await h.t.db.auditLog.count({ where: { action: "group.create", entityId: group.id, actor: STAFF } })).toBe(1);

    // The same submission again (a retry) gets the first one's answer and makes nothing new.
    const again = await h.slack.postToApp(interactionBody(submitted.payload), { contentType: form });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(submitted.body);
    expect(await h.t.db.group.count({ where: { name: "Equity in Enrollment & Admissions" } })).toBe(1);
  });

  it("renames a group's channel with the group, and archives it when the group ends", async () => {
    const group = await h.t.db.group.findFirstOrThrow({ where: { slug: "equity-in-enrollment-admissions" } });
    await command(STAFF, "admin group edit equity enrollment");
    let modal = await loaded(STAFF, GROUP_MODAL_CALLBACK);
    expect(modal.privateMetadata).toBe(JSON.stringify({ groupId: group.id }));
    let dms = dmCount(STAFF);
    expect((await h.slack.submitView({ viewId: modal.id, values: { group_name: { name: "Equity in Admissions" } } })).responseAction).toBe(
      "clear",
    );
    await h.slack.waitFor(() => dmCount(STAFF) > dms);
    expect(h.slack.channel(group.channelId!)).toMatchObject({
      name: "equity-in-admissions",
      previousNames: ["equity-in-enrollment-admissions"],
    });
    expect(lastDm(STAFF)).toContain("renamed to #equity-in-admissions");

    await command(STAFF, "admin group edit equity admissions");
    modal = await loaded(STAFF, GROUP_MODAL_CALLBACK);
    dms = dmCount(STAFF);
    await h.slack.submitView({ viewId: modal.id, values: { group_status: { status: "ENDED" } } });
    await h.slack.waitFor(() => dmCount(STAFF) > dms);
    expect(h.slack.channel(group.channelId!)!.isArchived).toBe(true);
    expect(lastDm(STAFF)).toContain("archived (the group has ended)");
  });

  it("marks each bad field of the group form", async () => {
    await command(STAFF, "admin group new");
    const modal = await loaded(STAFF, GROUP_MODAL_CALLBACK);
    const res = await h.slack.submitView({
      viewId: modal.id,
      values: {
        group_name: { name: "Got Justice? Creating and Sustaining Equitable School Culture" },
        group_channel: { channel: "Not A Name" },
      },
    });
    expect(res.responseAction).toBe("errors");
    expect(res.errors).toEqual({ group_channel: expect.stringContaining("lowercase letters, digits") });
    const dup = await h.slack.submitView({
      viewId: modal.id,
      values: { group_name: { name: "Got Justice? Creating and Sustaining Equitable School Culture" }, group_channel: { channel: "" } },
    });
    expect(dup.errors).toEqual({
      group_name: "Communities of Practice 2021-2022 already has a group with this name. Choose another, or edit that group.",
    });
    await h.slack.closeView({ viewId: modal.id });
  });

  it("schedules, moves and cancels a session; each change bumps its calendar sequence", async () => {
    const justice = await h.t.db.group.findFirstOrThrow({ where: { slug: "got-justice" } });
    await command(STAFF, "admin session new got justice");
    let modal = await loaded(STAFF, SESSION_MODAL_CALLBACK);
    let dms = dmCount(STAFF);
    const created = await h.slack.submitView({
      viewId: modal.id,
      values: {
        session_title: { title: "Restorative Circles Lab" },
        session_date: { date: "2021-11-17" },
        session_time: { time: "18:00" },
        session_duration: { duration: "90" },
      },
    });
    expect(created.responseAction).toBe("clear");
    const session = await h.t.db.session.findFirstOrThrow({ where: { title: "Restorative Circles Lab" } });
    expect(session).toMatchObject({
      groupId: justice.id,
      localStart: "2021-11-17T18:00",
      timezone: "America/New_York",
      durationMinutes: 90,
      sequence: 0,
      status: "SCHEDULED",
    });
    expect(session.startsAt.toISOString()).toBe("2021-11-17T23:00:00.000Z");
    expect(session.endsAt.toISOString()).toBe("2021-11-18T00:30:00.000Z");
    await h.slack.waitFor(() => dmCount(STAFF) > dms);
    expect(lastDm(STAFF)).toContain(
      "Scheduled *Restorative Circles Lab* (Got Justice? Creating and Sustaining Equitable School Culture), <!date^1637190000^",
    );
    // A retried submission gets the first one's answer and schedules nothing twice.
    const retried = await h.slack.postToApp(interactionBody(created.payload), { contentType: form });
    expect(retried.body).toEqual(created.body);
    expect(await h.t.db.session.count({ where: { title: "Restorative Circles Lab" } })).toBe(1);

    await command(STAFF, "admin session edit restorative 2021-11-17");
    modal = await loaded(STAFF, SESSION_MODAL_CALLBACK);
    // A time the clocks skip is refused on its field.
    const gap = await h.slack.submitView({
      viewId: modal.id,
      values: { session_date: { date: "2022-03-13" }, session_time: { time: "02:30" } },
    });
    expect(gap.errors).toEqual({
      session_time: "The clocks change then: 02:30 does not happen on that day in America/New_York. Pick another time.",
    });
    dms = dmCount(STAFF);
    await h.slack.submitView({ viewId: modal.id, values: { session_date: { date: "2021-11-17" }, session_time: { time: "17:00" } } });
    await h.slack.waitFor(() => dmCount(STAFF) > dms);
    const moved = await h.t.db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(moved).toMatchObject({ localStart: "2021-11-17T17:00", sequence: 1 });
    expect(moved.startsAt.toISOString()).toBe("2021-11-17T22:00:00.000Z");
    expect(lastDm(STAFF)).toContain("Saved the change to *Restorative Circles Lab*");

    await command(STAFF, "admin");
    const menu = await loaded(STAFF, "admin_menu");
    await h.slack.selectOption({ userId: STAFF, viewId: menu.id, actionId: ADMIN_SESSION_CANCEL, selected: session.id });
    modal = await loaded(STAFF, CANCEL_SESSION_CALLBACK);
    dms = dmCount(STAFF);
    await h.slack.submitView({ viewId: modal.id, values: { cancel_reason: { reason: "Facilitator unwell" } } });
    await h.slack.waitFor(() => dmCount(STAFF) > dms);
    expect(await h.t.db.session.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ status: "CANCELLED", sequence: 2 });
    expect(lastDm(STAFF)).toContain("Cancelled *Restorative Circles Lab*");
    const audit = await h.t.db.auditLog.findMany({ where: { entityId: session.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["session.create", "session.update", "session.cancel"]);
  });

  it("makes someone staff, who can then use the admin commands", async () => {
    const newStaff = h.slack.addUser({ name: "paz", realName: "Paz Ortiz", email: "paz@dcsc.org" }).id;
    expect(text((await command(newStaff, "admin programmes")).body)).toContain("Only coalition staff can use `/convene admin`.");
    expect(text((await command(STAFF, `admin staff <@${newStaff}|paz>`)).body)).toContain(
      `<@${newStaff}> is now coalition staff in Convene.`,
    );
    expect((await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: newStaff } })).isStaff).toBe(true);
    expect(text((await command(newStaff, "admin programmes")).body)).toContain("cop-2021-2022");
  });

  describe("refuses everyone else, on every path, and changes nothing", () => {
    it("does not offer admin in a member's help", async () => {
      expect(text((await command(member, "help")).body)).not.toContain("/convene admin");
    });

    let before: { groups: number; sessions: number; audit: number; staff: number };
    const snapshot = async () => ({
      groups: await h.t.db.group.count(),
      sessions: await h.t.db.session.count({ where: { status: "SCHEDULED" } }),
      audit: await h.t.db.auditLog.count(),
      staff: await h.t.db.person.count({ where: { isStaff: true } }),
    });
    beforeAll(async () => {
      before = await snapshot();
    });
    afterAll(async () => {
      expect(await snapshot()).toEqual(before);
      expect(h.slack.openModals(member)).toEqual([]);
      expect(h.slack.internalErrors).toEqual([]);
    });

    it.each([
      "admin",
      "admin programmes",
      "admin group new",
      "admin group edit got justice",
      "admin session new",
      "admin session cancel got justice 2021-11-10",
      "admin staff <@U0MEMBER>",
    ])("the command `/convene %s`", async (words) => {
      const res = await command(member, words);
      expect(res.body).toMatchObject({ response_type: "ephemeral", text: "Only coalition staff can use `/convene admin`." });
    });

    it.each([
      ADMIN_SYNC_CHANNELS,
      ADMIN_GROUP_NEW,
      ADMIN_GROUP_EDIT,
      ADMIN_SESSION_NEW,
      ADMIN_SESSION_EDIT,
      ADMIN_SESSION_CANCEL,
      ADMIN_STAFF,
      HOME_OPEN_ADMIN,
    ])("a forged click on %s", async (actionId) => {
      const justice = await h.t.db.group.findFirstOrThrow({ where: { slug: "got-justice" } });
      const session = await h.t.db.session.findFirstOrThrow({ where: { groupId: justice.id, status: "SCHEDULED" } });
      const value = actionId === ADMIN_SYNC_CHANNELS ? "cop-2021-2022" : actionId.includes("session") ? session.id : justice.id;
      const isSelect = [ADMIN_GROUP_EDIT, ADMIN_SESSION_EDIT, ADMIN_SESSION_CANCEL].includes(actionId);
      const action = isSelect
        ? {
            type: "static_select",
            action_id: actionId,
            block_id: "admin",
            action_ts: "1.2",
            selected_option: { text: { type: "plain_text", text: "x" }, value },
          }
        : { type: "button", action_id: actionId, block_id: "admin", action_ts: "1.2", value };
      const dms = dmCount(member);
      const calls = h.slack.calls.length;
      const res = await h.slack.postToApp(
        interactionBody(
          blockActionsPayload({
            actor: actor(member),
            actions: [action],
            triggerId: h.slack.issueTriggerId(member),
            view: { id: "V0FORGED", type: "modal", callback_id: "admin_menu" },
          }),
        ),
        { contentType: form },
      );
      expect(res.status).toBe(200);
      await h.slack.waitFor(() => dmCount(member) > dms);
      expect(lastDm(member)).toContain("Only coalition staff can use Convene's admin.");
      const made = h.slack.calls.slice(calls).map((c) => c.method);
      expect(made.filter((m) => /^views\.|^conversations\.(create|rename|archive|setTopic|invite)/.test(m))).toEqual([]);
    });

    it.each([
      [GROUP_MODAL_CALLBACK, {}, "create groups"],
      [GROUP_MODAL_CALLBACK, { groupId: "GROUP" }, "edit groups"],
      [SESSION_MODAL_CALLBACK, {}, "schedule sessions"],
      [SESSION_MODAL_CALLBACK, { sessionId: "SESSION" }, "edit sessions"],
      [CANCEL_SESSION_CALLBACK, { sessionId: "SESSION" }, "cancel sessions"],
      [STAFF_MODAL_CALLBACK, {}, "make someone staff"],
    ])("a forged %s submission %j", async (callbackId, metadata, what) => {
      const justice = await h.t.db.group.findFirstOrThrow({ where: { slug: "got-justice" } });
      const session = await h.t.db.session.findFirstOrThrow({ where: { groupId: justice.id, status: "SCHEDULED" } });
      const privateMetadata = JSON.stringify(metadata).replace("GROUP", justice.id).replace("SESSION", session.id);
      const option = (value: string) => ({ selected_option: { text: { type: "plain_text", text: value }, value } });
      const values = {
        group_programme: { programme: { type: "static_select", ...option((await h.t.db.programme.findFirstOrThrow()).id) } },
        group_name: { name: { type: "plain_text_input", value: "Hijacked" } },
        group_status: { status: { type: "static_select", ...option("ENDED") } },
        session_scope: { scope: { type: "static_select", ...option(`group:${justice.id}`) } },
        session_title: { title: { type: "plain_text_input", value: "Hijacked" } },
        session_date: { date: { type: "datepicker", selected_date: "2021-12-01" } },
        session_time: { time: { type: "timepicker", selected_time: "10:00" } },
        session_duration: { duration: { type: "number_input", value: "60" } },
        session_timezone: { timezone: { type: "static_select", ...option("America/New_York") } },
        session_format: { format: { type: "radio_buttons", ...option("VIRTUAL") } },
        cancel_reason: { reason: { type: "plain_text_input", value: null } },
        staff_user: { user: { type: "users_select", selected_user: member } },
      };
      const view = {
        id: "V0FORGED",
        type: "modal",
        callback_id: callbackId,
        private_metadata: privateMetadata,
        blocks: Object.keys(values).map((block_id) => ({ type: "input", block_id })),
        state: { values },
      };
      const res = await h.slack.postToApp(
        interactionBody(viewSubmissionPayload({ actor: actor(member), view, triggerId: h.slack.issueTriggerId(member) })),
        { contentType: form },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ response_action: "update" });
      expect(text(res.body)).toContain(`Only coalition staff can ${what}.`);
      expect(await h.t.db.session.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ status: "SCHEDULED", sequence: 0 });
      expect(await h.t.db.group.findUniqueOrThrow({ where: { id: justice.id } })).toMatchObject({ name: justice.name, status: "OPEN" });
    });
  });
});
