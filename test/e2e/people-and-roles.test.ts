import { COP_FACILITATORS, importCop } from "../helpers/cop-example";
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
  let ariana: string, zed: string;

  const command = async (userId: string, words: string) => {
    const res = await h.slack.sendCommand({ userId, command: "/convene", text: words });
    expect(res.status).toBe(200);
    expect(res.ackProblems).toEqual([]);
    return res;
  };
  const topModal = async (userId: string, what: (view: string) => boolean) => {
    await h.slack.waitFor(() => what(text(h.slack.openModals(userId).at(-1)?.view ?? "")), { what: `a modal for ${userId}` });
    return h.slack.openModals(userId).at(-1)!;
  };
  const membership = (slug: string, slackUserId: string) => h.t.db.membership.findFirst({ where: { group: { slug }, person: { slackUserId } } });

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF });
    h.convene.services.now = () => NOW;
    h.slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff", email: "sam@dcsc.org" });
    ariana = h.slack.addUser({ name: "ariana", realName: "Ariana Melton", email: "ariana@prospectschools.org" }).id;
    zed = h.slack.addUser({ name: "zed", realName: "Zed Former", email: "zed@prospectschools.org", deleted: true }).id;
    // The file names facilitators by Slack id only: Convene first knows them without an email.
    h.slack.addUser({ id: DWIGHT, name: "dwight", realName: "Dwight Thomas", email: "dwight@prospectschools.org" });
    h.slack.addUser({ id: KEVIN, name: "kevin", realName: "Kevin Bryant", email: "kevin@edgilityconsulting.com" });
    await importCop(h.t.db, NOW);
  });
  afterAll(() => h.stop());

  it("completes an imported facilitator from Slack the first time it matters: Dwight can join, and a colleague can add him", async () => {
    expect(await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: DWIGHT } })).toMatchObject({ email: null, organizationId: null });
    await command(DWIGHT, "join trauma-informed");
    const modal = await topModal(DWIGHT, (v) => v.includes("Trauma-Informed"));
    expect(text(modal.view)).toContain("People from Prospect Schools");
    expect(text(modal.view)).not.toContain("member organizations");
    expect(await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: DWIGHT } })).toMatchObject({ email: "dwight@prospectschools.org", organizationId: expect.any(String) });
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
    expect(res.errors).toEqual({ colleagues: "Zed Former has a deactivated Slack account, so Convene cannot add them. Pick someone else." });
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
});
