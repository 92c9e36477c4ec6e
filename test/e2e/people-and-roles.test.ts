import { validateMessageBlocks, validateView } from "../../src/local-slack";
import { PERSON_MODAL_CALLBACK } from "../../src/views/person-modal";
import { exportProgramme, importProgramme } from "../../src/services/programme-service";
import { COP_FACILITATORS, copWithSlackIds, importCop } from "../helpers/cop-example";
import { conveneCommand, personModalOf, topModalWhen } from "../helpers/convene-driver";
import { providers } from "../helpers/databases";
import { expectValidBlockKit } from "../helpers/block-kit";
import { startHarness, type Harness } from "../helpers/harness";

const NOW = new Date("2021-07-15T16:00:00Z"); // sign-ups for the example's groups are open
const STAFF = "U0STAFF001";
const DWIGHT = COP_FACILITATORS["Dwight Thomas"];
const KEVIN = COP_FACILITATORS["Kevin Bryant"];
const commit = { commitment: { signup_commitment: ["attend_all"] } };
const text = (value: unknown) => JSON.stringify(value);

describe.each(providers)("people and roles on %s, driven by the local Slack", (provider) => {
  let h: Harness;
  let ariana: string, zed: string, pat: string;

  const command = (userId: string, words: string) => conveneCommand(h, userId, words);
  const topModal = (userId: string, what: (view: string) => boolean) => topModalWhen(h, userId, what);
  const dmTexts = (user: string) => h.slack.messages(user).map((m) => `${m.text} ${text(m.blocks)}`);
  const personModal = (of: string) => personModalOf(h, STAFF, of);
  const orgId = async (name: string) => (await h.t.db.organization.findUniqueOrThrow({ where: { nameKey: name.toLowerCase() } })).id;
  const membership = (slug: string, slackUserId: string) =>
    h.t.db.membership.findFirst({ where: { group: { slug }, person: { slackUserId } } });

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF });
    h.convene.services.now = () => NOW;
    h.slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff", email: "sam@dcsc.org" });
    ariana = h.slack.addUser({ name: "ariana", realName: "Ariana Melton", email: "ariana@prospectschools.org" }).id;
    zed = h.slack.addUser({ name: "zed", realName: "Zed Former", email: "zed@prospectschools.org", deleted: true }).id;
    pat = h.slack.addUser({ name: "pat", realName: "Pat Lin", email: "pat@charterfriends.org" }).id;
    // The file names facilitators by Slack id only: Convene first knows them without an email.
    h.slack.addUser({ id: DWIGHT, name: "dwight", realName: "Dwight Thomas", email: "dwight@prospectschools.org" });
    h.slack.addUser({ id: KEVIN, name: "kevin", realName: "Kevin Bryant", email: "kevin@edgilityconsulting.com" });
    // Ron Rapatalo's id, as the file gives it, is no account in this workspace: Convene keeps what the file says.
    await importCop(h.t.db, NOW);
  });
  afterAll(() => h.stop());

  it("completes an imported facilitator from Slack the first time it matters: Dwight can join, and a colleague can add him", async () => {
    expect(await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: DWIGHT } })).toMatchObject({ email: null, organizationId: null });
    await command(DWIGHT, "join trauma-informed");
    const modal = await topModal(DWIGHT, (v) => v.includes("Trauma-Informed"));
    expect(text(modal.view)).toContain("People from Prospect Schools");
    expect(text(modal.view)).not.toContain("member organizations");
    expect(await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: DWIGHT } })).toMatchObject({
      email: "dwight@prospectschools.org",
      organizationId: expect.any(String),
    });
    await h.slack.closeView({ viewId: modal.id });

    await command(ariana, "join disrupt-bias");
    const signup = await topModal(ariana, (v) => v.includes("Disrupt Bias"));
    const res = await h.slack.submitView({ viewId: signup.id, values: { colleagues: { signup_colleagues: [DWIGHT] }, ...commit } });
    expect(res.responseAction).toBe("update");
    expect((await membership("disrupt-bias", DWIGHT))?.status).toBe("ACTIVE");
  });

  it("refuses a deactivated colleague in a sign-up, as a field error, and signs up no one", async () => {
    await command(ariana, "join got-justice");
    const signup = await topModal(ariana, (v) => v.includes("Got Justice"));
    const res = await h.slack.submitView({ viewId: signup.id, values: { colleagues: { signup_colleagues: [zed] }, ...commit } });
    expect(res.responseAction).toBe("errors");
    expect(res.errors).toEqual({
      colleagues: "Zed Former has a deactivated Slack account, so Convene cannot add them. Pick someone else.",
    });
    expect(await membership("got-justice", ariana)).toBeNull();
    expect(await membership("got-justice", zed)).toBeNull();
    await h.slack.closeView({ viewId: signup.id });
  });

  it("refuses to make a deactivated account staff, by command and in the staff form", async () => {
    const res = await command(STAFF, `admin staff <@${zed}|zed>`);
    expect(text(res.body)).toContain("Zed Former has a deactivated Slack account");
    expect((await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: zed } })).isStaff).toBe(false);

    await command(STAFF, "admin staff");
    const modal = await topModal(STAFF, (v) => v.includes("Make staff"));
    const submitted = await h.slack.submitView({ viewId: modal.id, values: { staff_user: { user: zed } } });
    expect(submitted.errors).toEqual({ staff_user: expect.stringContaining("deactivated Slack account") });
    expect(await h.t.db.person.count({ where: { isStaff: true } })).toBe(0);
    expectValidBlockKit(h.slack, [STAFF, ariana]);
  });

  it("shows staff why someone is not a member; staff confirm them into an organization, they hear it and can join; revoking makes them a guest again", async () => {
    await command(pat, "join got-justice");
    expect(text((await topModal(pat, (v) => v.includes("Sign up"))).view)).toContain("member organizations");

    const modal = await personModal(pat);
    expect(text(modal.view)).toContain("*Guest.* No organization has the email domain `charterfriends.org`.");
    const saved = await h.slack.submitView({
      viewId: modal.id,
      values: { person_confirmed_in: { confirmed_in: await orgId("Prospect Schools") } },
    });
    expect(saved.responseAction).toBe("update");
    await h.slack.waitFor(() => dmTexts(pat).some((t) => t.includes("confirmed you as a member of *Prospect Schools*")), {
      what: "pat's DM",
    });

    await command(pat, "join got-justice");
    const signup = await topModal(pat, (v) => v.includes("Got Justice") && v.includes("signup_commitment"));
    expect((await h.slack.submitView({ viewId: signup.id, values: commit })).responseAction).toBe("update");
    expect((await membership("got-justice", pat))?.status).toBe("ACTIVE");
    expect(text((await personModal(pat)).view)).toContain("*Member.* Coalition staff confirmed them as a member of *Prospect Schools*.");

    const revoke = await personModal(ariana);
    expect(text(revoke.view)).toContain(
      "*Member.* Their email domain `prospectschools.org` is *Prospect Schools*'s, a member organization.",
    );
    const audit = await h.t.db.auditLog.count({ where: { action: "person.update" } });
    const back = await personModal(pat);
    await h.slack.submitView({ viewId: back.id, values: { person_confirmed_in: { confirmed_in: "none" } } });
    expect(await h.t.db.auditLog.count({ where: { action: "person.update" } })).toBe(audit + 1);
    expect(text((await personModal(pat)).view)).toContain("*Guest.*");
    await command(pat, "join trauma-informed");
    expect(text((await topModal(pat, (v) => v.includes("Sign up"))).view)).toContain("member organizations");
  });

  it("lets a partner facilitator submit an event, and join only a group that allows partners", async () => {
    await command(KEVIN, "submit event");
    const modal = await topModal(KEVIN, (v) => v.includes("event_title"));
    const date = new Date(NOW.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    const res = await h.slack.submitView({
      viewId: modal.id,
      values: {
        title: { event_title: "Hiring for equity office hours" },
        description: { event_description: "Bring your job posts." },
        date: { event_date: date },
        time: { event_time: "15:00" },
      },
    });
    expect(res.responseAction).toBe("update");
    expect(
      await h.t.db.submission.findFirst({
        where: { kind: "EVENT", title: "Hiring for equity office hours", submittedBy: { slackUserId: KEVIN } },
      }),
    ).not.toBeNull();
    await h.slack.waitFor(() => dmTexts(STAFF).some((t) => t.includes("Hiring for equity office hours")), { what: "staff's review DM" });

    await command(KEVIN, "join got-justice");
    expect(text((await topModal(KEVIN, (v) => v.includes("Sign up"))).view)).toContain("it does not take partners");
    await command(KEVIN, "join trauma-informed");
    const signup = await topModal(KEVIN, (v) => v.includes("Trauma-Informed") && v.includes("signup_commitment"));
    expect((await h.slack.submitView({ viewId: signup.id, values: commit })).responseAction).toBe("update");
    expect((await membership("trauma-informed", KEVIN))?.status).toBe("ACTIVE");
  });

  it("marks someone Slack deactivates, frees their seat, and moves the waitlist up", async () => {
    // Disrupt Bias holds Ariana and Dwight (the first test); staff make it two places, so Mo waits.
    await command(STAFF, "admin group edit disrupt-bias");
    const form = await topModal(STAFF, (v) => v.includes("group_capacity"));
    const edited = await h.slack.submitView({ viewId: form.id, values: { group_capacity: { capacity: "2" } } });
    expect(edited.errors).toBeUndefined();
    expect(edited.responseAction).toBe("clear");
    const mo = h.slack.addUser({ name: "mo", realName: "Mo Reyes", email: "mo@clicharter.org" }).id;
    await command(mo, "join disrupt-bias");
    const signup = await topModal(mo, (v) => v.includes("Disrupt Bias") && v.includes("signup_commitment"));
    await h.slack.submitView({ viewId: signup.id, values: commit });
    expect((await membership("disrupt-bias", mo))?.status).toBe("WAITLISTED");

    h.slack.setUserDeleted(DWIGHT);
    const res = await h.slack.sendEvent({ type: "user_change", user: { id: DWIGHT, deleted: true } });
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => dmTexts(mo).some((t) => t.includes("A seat opened")), { what: "Mo's promotion" });
    expect((await membership("disrupt-bias", DWIGHT))?.status).toBe("WITHDRAWN");
    expect((await membership("disrupt-bias", mo))?.status).toBe("ACTIVE");
    expect((await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: DWIGHT } })).deactivatedAt).not.toBeNull();
    expect(text((await personModal(DWIGHT)).view)).toContain("*Guest.* Slack reports this account deactivated");
  });

  it("lets staff remove staff, but never the last one, nor one named in the setting", async () => {
    const paz = h.slack.addUser({ name: "paz", realName: "Paz Ortiz", email: "paz@dcsc.org" }).id;
    await command(STAFF, `admin staff <@${paz}>`);
    const own = await personModal(STAFF);
    const setting = await h.slack.submitView({
      viewId: own.id,
      values: { person_confirmed_in: { confirmed_in: "none" }, person_staff: { staff: [] } },
    });
    expect(setting.errors).toEqual({ person_staff: expect.stringContaining("staff through the CONVENE_ADMINS setting") });

    const remove = await personModal(paz);
    expect(text(remove.view)).toContain("*Staff.* Made coalition staff in Convene.");
    expect((await h.slack.submitView({ viewId: remove.id, values: { person_staff: { staff: [] } } })).responseAction).toBe("update");
    expect((await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: paz } })).isStaff).toBe(false);
    expect(text((await command(paz, "admin programmes")).body)).toContain("Only coalition staff");

    // With the setting's one person deactivated, Paz (staff again) is the last: Paz cannot step down.
    await command(STAFF, `admin staff <@${paz}>`);
    h.slack.setUserDeleted(STAFF);
    await h.slack.sendEvent({ type: "user_change", user: { id: STAFF, deleted: true } });
    await eventuallyDeactivated(STAFF);
    await command(paz, `admin person <@${paz}>`);
    const last = await topModal(paz, (v) => v.includes(PERSON_MODAL_CALLBACK));
    const refused = await h.slack.submitView({ viewId: last.id, values: { person_staff: { staff: [] } } });
    expect(refused.errors).toEqual({ person_staff: "Paz Ortiz is the last coalition staff member: make someone else staff first." });
    expect((await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: paz } })).isStaff).toBe(true);
    // Slack reactivates the setting's staff member, for the tests after this one.
    h.slack.setUserDeleted(STAFF, false);
    await h.slack.sendEvent({ type: "user_change", user: { id: STAFF, deleted: false } });
    for (const v of h.slack.views.values())
      if (v.callbackId === PERSON_MODAL_CALLBACK) expect(validateView(v.view, { expectedType: "modal" })).toEqual([]);
    for (const who of [pat, KEVIN]) for (const m of h.slack.messages(who)) expect(validateMessageBlocks(m.blocks ?? [])).toEqual([]);
  });

  it("keeps one staff member when the last two remove each other at the same moment", async () => {
    await eventuallyDeactivated(STAFF, false); // reactivated at the end of the test before
    const lee = h.slack.addUser({ name: "lee", realName: "Lee Park", email: "lee@dcsc.org" }).id;
    const rue = h.slack.addUser({ name: "rue", realName: "Rue Diaz", email: "rue@dcsc.org" }).id;
    await command(STAFF, `admin staff <@${lee}>`);
    await command(STAFF, `admin staff <@${rue}>`);
    // Anyone else made staff in Convene steps down, and the setting's one person is deactivated: Lee and Rue are the last two.
    for (const other of await h.t.db.person.findMany({ where: { isStaff: true, slackUserId: { notIn: [lee, rue] } } })) {
      const modal = await personModal(other.slackUserId);
      expect((await h.slack.submitView({ viewId: modal.id, values: { person_staff: { staff: [] } } })).responseAction).toBe("update");
    }
    h.slack.setUserDeleted(STAFF);
    await h.slack.sendEvent({ type: "user_change", user: { id: STAFF, deleted: true } });
    await eventuallyDeactivated(STAFF);

    const leeRemovesRue = await personModalOf(h, lee, rue);
    const rueRemovesLee = await personModalOf(h, rue, lee);
    const answers = await Promise.all(
      [leeRemovesRue, rueRemovesLee].map((modal) => h.slack.submitView({ viewId: modal.id, values: { person_staff: { staff: [] } } })),
    );
    // One is saved; the other is refused, as the last staff member's removal or as no longer staff's doing.
    const refusals = answers.filter(
      (a) => a.errors?.person_staff?.includes("is the last coalition staff member") || text(a).includes("Only coalition staff"),
    );
    expect(refusals).toHaveLength(1);
    expect((await h.t.db.person.findMany({ where: { slackUserId: { in: [lee, rue] }, isStaff: true } })).length).toBe(1);

    h.slack.setUserDeleted(STAFF, false);
    await h.slack.sendEvent({ type: "user_change", user: { id: STAFF, deleted: false } });
    await eventuallyDeactivated(STAFF, false);
  });

  const eventuallyDeactivated = async (id: string, deactivated = true) => {
    for (let i = 0; i < 100; i++) {
      if (!!(await h.t.db.person.findUnique({ where: { slackUserId: id } }))?.deactivatedAt === deactivated) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`${id} was not marked ${deactivated ? "deactivated" : "active"}`);
  };

  it("lists member and partner organizations for everyone, with kind, network, people here and their groups; the file round-trips them", async () => {
    // The file says City Language Immersion Charter is one of Prospect Schools' schools.
    const file = copWithSlackIds().replace(
      "  - name: City Language Immersion Charter\n",
      "  - name: City Language Immersion Charter\n    network: Prospect Schools\n",
    );
    const imported = await importProgramme(h.t.db, file, { now: NOW });
    expect(imported.ok).toBe(true);

    const res = await command(pat, "orgs");
    const shown = text(res.body);
    expect(shown).toContain("Member organizations");
    // Ariana (Dwight and Zed are deactivated, and Pat's confirmation was revoked).
    expect(shown).toContain(
      "*Prospect Schools*  Network · 1 person in the workspace\\nSchools: City Language Immersion Charter\\nIn: Disrupt Bias in Educator Talent Decisions",
    );
    expect(shown).toContain("*City Language Immersion Charter*  School · 1 person in the workspace\\nPart of Prospect Schools");
    expect(shown).toContain(
      "*Edgility Consulting*  Organization · partner · 1 person in the workspace\\nIn: Trauma-Informed Practices to Support ALL Students",
    );
    expect(shown).toContain("*Special Education Leader Fellowship*  National organization · partner");
    expect(validateMessageBlocks((res.body as { blocks: unknown[] }).blocks)).toEqual([]);

    const exported = await exportProgramme(h.t.db, "cop-2021-2022");
    expect(exported).toContain("  - name: City Language Immersion Charter\n    kind: school\n    network: Prospect Schools\n");
    expect(exported).toContain("  - name: Prospect Schools\n    kind: network\n");
    const again = await importProgramme(h.t.db, exported, { now: NOW, dryRun: true });
    expect(again.ok && again.lines).toEqual(expect.arrayContaining([expect.stringMatching(/no change/i)]));
  });

  it("lets staff add and edit an organization in a modal, refusing a public or taken domain, and everyone sees it in the directory", async () => {
    expect(text((await command(pat, "admin org new")).body)).toContain("Only coalition staff");
    await command(STAFF, "admin org new");
    const modal = await topModal(STAFF, (v) => v.includes("org_domains"));
    const values = (domains: string) => ({
      org_name: { name: "Hope Academy" },
      org_kind: { kind: "SCHOOL" },
      org_status: { status: "MEMBER" },
      org_domains: { domains },
      org_network: { network: prospect },
    });
    const prospect = await orgId("Prospect Schools");
    const gmail = await h.slack.submitView({ viewId: modal.id, values: values("hopeacademy.org, gmail.com") });
    expect(gmail.errors).toEqual({ org_domains: expect.stringContaining("gmail.com is a public email service") });
    const taken = await h.slack.submitView({ viewId: modal.id, values: values("clicharter.org") });
    expect(taken.errors).toEqual({ org_domains: "clicharter.org already belongs to City Language Immersion Charter." });
    expect((await h.slack.submitView({ viewId: modal.id, values: values("hopeacademy.org") })).responseAction).toBe("update");

    const listed = text((await command(pat, "orgs")).body);
    expect(listed).toContain("*Hope Academy*  School · 0 people in the workspace\\nPart of Prospect Schools");
    expect(listed).toContain("Schools: City Language Immersion Charter, Hope Academy");

    await command(STAFF, "admin org hope academy");
    const edit = await topModal(STAFF, (v) => v.includes("Edit organization"));
    expect(text(edit.view)).toContain("hopeacademy.org");
    expect((await h.slack.submitView({ viewId: edit.id, values: { org_status: { status: "PARTNER" } } })).responseAction).toBe("update");
    expect((await h.t.db.organization.findUniqueOrThrow({ where: { nameKey: "hope academy" } })).memberStatus).toBe("PARTNER");
    // The admin menu offers the same form.
    await command(STAFF, "admin");
    await topModal(STAFF, (v) => v.includes("Edit an organization"));
    await h.slack.selectOption({
      userId: STAFF,
      viewId: h.slack.openModals(STAFF).at(-1)!.id,
      actionId: "admin_org_edit",
      selected: await orgId("Hope Academy"),
    });
    await topModal(STAFF, (v) => v.includes("Edit organization") && v.includes("hopeacademy.org"));
    for (const v of h.slack.views.values())
      if (v.callbackId === "admin_organization") expect(validateView(v.view, { expectedType: "modal" })).toEqual([]);
  });
});
