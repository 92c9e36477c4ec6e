import { WebClient } from "@slack/web-api";
import pino from "pino";
import { importProgramme } from "../../src/services/programme-service";
import { sendFollowUps } from "../../src/outbox/follow-ups";
import { ACTIONS } from "../../src/views/actions";
import { MANAGE_MEMBERS_CALLBACK } from "../../src/views/manage-members-modal";
import { ROSTER_MANAGE_MEMBERS } from "../../src/views/roster-modal";
import { expectValidBlockKit } from "../helpers/block-kit";
import { copWithSlackIds, importCop } from "../helpers/cop-example";
import { providers } from "../helpers/databases";
import { forgeSubmission } from "../helpers/forged-submission";
import { startHarness, type Harness } from "../helpers/harness";
import { addFacilitator, addPerson, type Coalition, seedCoalition } from "../helpers/signup-fixtures";

const STAFF = "U0STAFF001";
const text = (value: unknown) => JSON.stringify(value);

describe.each(providers)("group membership by hand on %s, driven by the local Slack", (provider) => {
  let h: Harness;
  let c: Coalition;
  let ariana: string, bea: string, carl: string, dwight: string, hal: string;
  let justiceChannel: string, biasChannel: string, traumaChannel: string;

  const command = async (userId: string, words: string) => {
    const res = await h.slack.sendCommand({ userId, command: "/convene", text: words });
    expect(res.status).toBe(200);
    expect(res.ackProblems).toEqual([]);
    return text(res.body);
  };
  const dmTexts = (user: string) => h.slack.messages(user).map((m) => `${m.text} ${text(m.blocks)}`);
  const inChannel = (channel: string, user: string) => h.slack.channel(channel)!.members.has(user);
  const status = async (groupId: string, slackUserId: string) =>
    (await h.t.db.membership.findFirst({ where: { groupId, person: { slackUserId } } }))?.status ?? null;
  const topModal = async (userId: string, what: (view: string) => boolean) => {
    await h.slack.waitFor(() => what(text(h.slack.openModals(userId).at(-1) ?? "")), { what: `a modal for ${userId}` });
    return h.slack.openModals(userId).at(-1)!;
  };
  /** The roster's "Manage members" form, as its reader opens it. */
  const manageForm = async (userId: string, group: string) => {
    await command(userId, `roster ${group}`);
    const roster = await topModal(userId, (v) => v.includes(ROSTER_MANAGE_MEMBERS));
    await h.slack.clickButton({ userId, actionId: ROSTER_MANAGE_MEMBERS, viewId: roster.id });
    return topModal(userId, (v) => v.includes(MANAGE_MEMBERS_CALLBACK) && v.includes("manage_person"));
  };

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF, CONVENE_TICK: "off" });
    const db = h.t.db;
    c = await seedCoalition(db, new Date());
    h.slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff", email: "sam@dcsc.org" });
    const user = (name: string, realName: string, email: string) => h.slack.addUser({ name, realName, email, tz: "America/Chicago" }).id;
    ariana = user("ariana", "Ariana <!channel> Melton", "ariana@prospectschools.org");
    bea = user("bea", "Bea Okafor", "bea@prospectschools.org");
    carl = user("carl", "Carl Wu", "carl@clicharter.org");
    dwight = user("dwight", "Dwight Thomas", "dwight@prospectschools.org");
    hal = user("hal", "Hal *Hope*", "hal@hopeacademy.org");
    await addFacilitator(
      db,
      c.groups.justice,
      await addPerson(db, { slackUserId: dwight, name: "Dwight Thomas", organizationId: c.orgs.prospect }),
    );
    justiceChannel = h.slack.addChannel({ name: "cop-got-justice" }).id;
    biasChannel = h.slack.addChannel({ name: "cop-disrupt-bias" }).id;
    traumaChannel = h.slack.addChannel({ name: "cop-trauma-informed" }).id;
    for (const [id, channelId] of [
      [c.groups.justice, justiceChannel],
      [c.groups.small, biasChannel],
      [c.groups.trauma, traumaChannel],
    ] as const) {
      await db.group.update({ where: { id }, data: { channelId } });
    }
  });
  afterEach(() => expectValidBlockKit(h.slack, [ariana, bea, carl, dwight, hal, STAFF]));
  afterAll(() => h.stop());

  it("lets staff add a member and move them to another group: one DM, invited to the new channel, removed from the old, once however often it is submitted", async () => {
    expect(await command(STAFF, `roster got justice add <@${ariana}|ariana>`)).toContain(
      `Added <@${ariana}> to *Got Justice? Creating and Sustaining Equitable School Culture*`,
    );
    await h.slack.waitFor(() => inChannel(justiceChannel, ariana) && dmTexts(ariana).length === 1, { what: "ariana added" });
    expect(dmTexts(ariana)[0]).toContain(`<@${STAFF}> added you to *Got Justice? Creating and Sustaining Equitable School Culture*`);
    // Dwight, who facilitates it, hears who joined and who added them.
    await h.slack.waitFor(() => dmTexts(dwight).some((t) => t.includes(`<@${ariana}>`)), { what: "dwight's notice" });

    const form = await manageForm(STAFF, "got justice");
    const values = { manage_person: { person: ariana }, manage_action: { action: "move" }, manage_target: { target: c.groups.trauma } };
    // A double click: two submissions of the same form at once.
    const [moved, again] = await Promise.all([1, 2].map(() => h.slack.submitView({ viewId: form.id, values })));
    expect([moved!.responseAction, again!.responseAction]).toEqual(["update", "update"]);
    expect(text(h.slack.view(form.id)!.view)).toContain(
      `Moved <@${ariana}> from *Got Justice? Creating and Sustaining Equitable School Culture* to *Trauma-Informed Practices to Support ALL Students*`,
    );
    await h.slack.waitFor(() => !inChannel(justiceChannel, ariana) && inChannel(traumaChannel, ariana) && dmTexts(ariana).length === 2, {
      what: "ariana moved",
    });
    expect(dmTexts(ariana)[1]).toContain(
      `<@${STAFF}> moved you from *Got Justice? Creating and Sustaining Equitable School Culture* to *Trauma-Informed Practices to Support ALL Students*`,
    );
    expect(dmTexts(ariana)[1]).toContain(`You are no longer in <#${justiceChannel}>`);
    expect([await status(c.groups.justice, ariana), await status(c.groups.trauma, ariana)]).toEqual(["WITHDRAWN", "ACTIVE"]);
    await new Promise((r) => setTimeout(r, 200));
    expect(dmTexts(ariana)).toHaveLength(2);
    expect(h.slack.callsTo("conversations.kick")).toHaveLength(1);
    expect(await h.t.db.auditLog.count({ where: { action: "membership.move", actor: STAFF } })).toBe(1);
    // The name she typed in Slack reached no message as markup.
    expect(await command(STAFF, `roster got justice remove <@${ariana}>`)).toContain(
      "Ariana &lt;!channel&gt; Melton is not in Got Justice",
    );
  });

  it("lets a facilitator add someone to their group, and refuses them for another group, by command, by move, and by a forged form", async () => {
    expect(await command(dwight, `roster got justice add <@${carl}>`)).toContain(`Added <@${carl}>`);
    await h.slack.waitFor(() => inChannel(justiceChannel, carl) && dmTexts(carl).some((t) => t.includes(`<@${dwight}> added you to`)), {
      what: "carl added",
    });

    expect(await command(dwight, `roster disrupt bias add <@${bea}>`)).toContain(
      "Only the facilitators of Disrupt Bias in Educator Talent Decisions and coalition staff can change its members.",
    );
    expect(await command(dwight, `roster got justice move <@${carl}> to disrupt bias`)).toContain(
      "Only the facilitators of Disrupt Bias in Educator Talent Decisions and coalition staff can add people to it.",
    );
    expect(await status(c.groups.justice, carl)).toBe("ACTIVE");

    // Staff's open form for Disrupt Bias, submitted by Dwight: Slack's client never would.
    const staffForm = await manageForm(STAFF, "disrupt bias");
    const forged = await forgeSubmission(h.slack, {
      userId: dwight,
      viewId: staffForm.id,
      values: { manage_person: bea, manage_action: "add" },
    });
    expect(text(forged.body)).toContain(
      "Only the facilitators of Disrupt Bias in Educator Talent Decisions and coalition staff can change its members.",
    );
    expect(await status(c.groups.small, bea)).toBeNull();
    expect(dmTexts(bea)).toEqual([]);
    // A member is refused the form itself.
    expect(await command(carl, "roster got justice")).toContain("Only the facilitators of Got Justice");
  });

  it("refuses a full group unless staff choose its waitlist, promotes from the waitlist into the channel, and a repeated promotion sends nothing", async () => {
    // Disrupt Bias has one seat.
    expect(await command(STAFF, `roster disrupt bias add <@${bea}>`)).toContain("Added");
    await h.slack.waitFor(() => inChannel(biasChannel, bea), { what: "bea in the channel" });
    expect(await command(STAFF, `roster disrupt bias add <@${carl}>`)).toContain("is full (1 of 1 places)");
    expect(await status(c.groups.small, carl)).toBeNull();

    const form = await manageForm(STAFF, "disrupt bias");
    const waitlisted = await h.slack.submitView({
      viewId: form.id,
      values: { manage_person: { person: carl }, manage_action: { action: "add" }, manage_waitlist: { waitlist: ["waitlist"] } },
    });
    expect(waitlisted.responseAction).toBe("update");
    expect(await status(c.groups.small, carl)).toBe("WAITLISTED");
    await h.slack.waitFor(() => dmTexts(carl).some((t) => t.includes("which is full, so you're on its waitlist, number 1 in line")), {
      what: "carl waitlisted",
    });
    expect(inChannel(biasChannel, carl)).toBe(false);

    expect(await command(STAFF, `roster disrupt bias promote <@${carl}>`)).toContain("The group now has more members than its capacity.");
    await h.slack.waitFor(
      () =>
        inChannel(biasChannel, carl) &&
        dmTexts(carl).some((t) => t.includes(`<@${STAFF}> gave you a seat in *Disrupt Bias in Educator Talent Decisions*`)),
      { what: "carl promoted" },
    );
    const sent = dmTexts(carl).length;
    expect(await command(STAFF, `roster disrupt bias promote <@${carl}>`)).toContain(
      "Carl Wu is not on the waitlist of Disrupt Bias in Educator Talent Decisions.",
    );
    expect(dmTexts(carl)).toHaveLength(sent);

    // Taking Bea out frees no seat for anyone (the group is over capacity), and she leaves the channel.
    expect(await command(STAFF, `roster disrupt bias remove <@${bea}>`)).toContain(`Took <@${bea}> out of *Disrupt Bias`);
    await h.slack.waitFor(
      () => !inChannel(biasChannel, bea) && dmTexts(bea).some((t) => t.includes(`<@${STAFF}> took you out of *Disrupt Bias`)),
      { what: "bea removed" },
    );
    expect(await command(STAFF, "roster disrupt bias move")).toContain("Say what to change");
    expect(await command(STAFF, "roster disrupt bias add <@U0NOBODY1>")).toContain("Slack knows nobody by that name here");
  });

  it("welcomes the people of an organization staff admit, once, with the groups open to them, and gives staff a checklist", async () => {
    // Hal is known to Convene before his school is a member: a guest.
    await addPerson(h.t.db, { slackUserId: hal, name: "Hal *Hope*", email: "hal@hopeacademy.org" });
    await command(STAFF, "admin org new");
    const modal = await topModal(STAFF, (v) => v.includes("org_domains"));
    const values = {
      org_name: { name: "Hope Academy" },
      org_kind: { kind: "SCHOOL" },
      org_status: { status: "MEMBER" },
      org_domains: { domains: "hopeacademy.org" },
    };
    const saved = await h.slack.submitView({ viewId: modal.id, values });
    expect(saved.responseAction).toBe("update");
    expect(text(h.slack.view(modal.id)!.view)).toContain("Its people in Slack get a welcome");
    await h.slack.waitFor(
      () => dmTexts(hal).length === 1 && dmTexts(STAFF).some((t) => t.includes("Hope Academy* is now a member organization")),
      { what: "welcome and checklist" },
    );
    const welcome = dmTexts(hal)[0]!;
    expect(welcome).toContain("*Hope Academy* is now a member organization");
    expect(welcome).toContain("*Got Justice? Creating and Sustaining Equitable School Culture* · Communities of Practice 2021-2022");
    expect(welcome).toContain(
      "*Disrupt Bias in Educator Talent Decisions* · Communities of Practice 2021-2022 · full: joining puts you on its waitlist",
    );
    expect(welcome).not.toContain("Roots ConnectED");
    const checklist = dmTexts(STAFF).find((t) => t.includes("Hope Academy* is now a member organization"))!;
    expect(checklist).toContain("1 of its people already in Slack got a welcome DM");
    expect(checklist).toContain("`hopeacademy.org`");

    // The Join button opens the sign-up form: Hal is a member now.
    await h.slack.selectOption({
      userId: hal,
      actionId: ACTIONS.joinGroupPicked,
      channelId: h.slack.dmChannelId(hal),
      selected: c.groups.justice,
    });
    await topModal(hal, (v) => v.includes("signup_commitment"));

    // Saved again, made former and admitted again: nobody hears it twice.
    for (const status of ["MEMBER", "FORMER", "MEMBER"]) {
      await command(STAFF, "admin org hope academy");
      const edit = await topModal(STAFF, (v) => v.includes("Edit organization") && v.includes("hopeacademy.org"));
      expect((await h.slack.submitView({ viewId: edit.id, values: { org_status: { status } } })).responseAction).toBe("update");
      await h.slack.closeView({ viewId: edit.id });
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(dmTexts(hal)).toHaveLength(1);
    expect(dmTexts(STAFF).filter((t) => t.includes("Hope Academy* is now a member organization"))).toHaveLength(1);
  });
});

describe.each(providers)("an organization admitted by the programme file on %s", (provider) => {
  let h: Harness;
  const NOW = new Date("2021-07-15T16:00:00Z"); // sign-ups for the example's groups are open

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF, CONVENE_TICK: "off" });
    h.convene.services.now = () => NOW;
    h.slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff", email: "sam@dcsc.org" });
    await importCop(h.t.db, NOW);
  });
  afterAll(() => h.stop());

  it("welcomes its people once when a file makes a partner a member, and nobody on the first import", async () => {
    expect(await h.t.db.delivery.count({ where: { dedupeKey: { startsWith: "organization:" } } })).toBe(0);
    const rae = h.slack.addUser({ name: "rae", realName: "Rae Roots", email: "rae@rootsconnected.org" }).id;
    await addPerson(h.t.db, {
      slackUserId: rae,
      name: "Rae Roots",
      email: "rae@rootsconnected.org",
      organizationId: (await h.t.db.organization.findUniqueOrThrow({ where: { nameKey: "roots connected" } })).id,
    });

    const admitted = copWithSlackIds().replace("  - name: Roots ConnectED\n    status: partner\n", "  - name: Roots ConnectED\n");
    const slack = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl });
    const deps = { db: h.t.db, logger: pino({ level: "silent" }), now: () => NOW, slack, config: h.config };
    for (let i = 0; i < 2; i++) {
      const result = await importProgramme(h.t.db, admitted, { now: NOW, admins: [STAFF] });
      if (!result.ok) throw new Error("the file did not import");
      expect(result.followUps).toHaveLength(i === 0 ? 2 : 0);
      await sendFollowUps(deps, result.followUps);
    }
    const welcome = h.slack.messages(rae).map((m) => `${m.text} ${text(m.blocks)}`);
    expect(welcome).toHaveLength(1);
    expect(welcome[0]).toContain("*Roots ConnectED* is now a member organization");
    expect(welcome[0]).toContain("*Disrupt Bias in Educator Talent Decisions* · Communities of Practice");
    expect(h.slack.messages(STAFF).filter((m) => text(m.blocks).includes("Roots ConnectED* is now a member organization"))).toHaveLength(1);
    expectValidBlockKit(h.slack, [rae, STAFF]);
  });
});
