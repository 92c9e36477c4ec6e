import { validateView } from "../../src/local-slack";
import { exportProgramme, importProgramme } from "../../src/services/programme-service";
import { importCop } from "../helpers/cop-example";
import { conveneCommand, personModalOf, topModalWhen } from "../helpers/convene-driver";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";

const NOW = new Date("2021-07-15T16:00:00Z"); // sign-ups for the example's groups are open
const STAFF = "U0STAFF001";
const CHARTER_TEAM = "T0CLICHART1";
const commit = { commitment: { signup_commitment: ["attend_all"] } };
const text = (value: unknown) => JSON.stringify(value) ?? "";

describe.each(providers)("people from other workspaces (Slack Connect) on %s", (provider) => {
  let h: Harness;
  let lee: string, kim: string;
  const command = (userId: string, words: string) => conveneCommand(h, userId, words);
  const topModal = (userId: string, what: (view: string) => boolean) => topModalWhen(h, userId, what);
  const personModal = (of: string) => personModalOf(h, STAFF, of);
  const membership = (slug: string, slackUserId: string) =>
    h.t.db.membership.findFirst({ where: { group: { slug }, person: { slackUserId } } });

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF });
    h.convene.services.now = () => NOW;
    h.slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff", email: "sam@dcsc.org" });
    // As Slack shows people of another workspace in a shared channel: their own team, no email.
    lee = h.slack.addUser({ name: "lee", realName: "Lee Okafor", teamId: CHARTER_TEAM }).id;
    kim = h.slack.addUser({ name: "kim", realName: "Kim Ode", teamId: "T0UNMAPPED1", isStranger: true }).id;
    await importCop(h.t.db, NOW);
  });
  afterAll(() => h.stop());

  it("the local Slack reports them as Slack does: their team, no email", async () => {
    const res = await fetch(`${h.slack.apiUrl}users.info?user=${kim}`, { headers: { Authorization: `Bearer ${h.slack.botToken}` } });
    const { user } = (await res.json()) as { user: Record<string, unknown> & { profile: Record<string, unknown> } };
    expect(user).toMatchObject({ id: kim, team_id: "T0UNMAPPED1", is_stranger: true, profile: { team: "T0UNMAPPED1" } });
    expect(user.profile.email).toBeUndefined();
  });

  it("someone from a team staff mapped to a member organization can join a member group; an unmapped team stays guest", async () => {
    await command(lee, "join got-justice");
    expect(text((await topModal(lee, (v) => v.includes("Sign up"))).view)).toContain("member organizations");
    expect(text((await personModal(lee)).view)).toContain("*Guest.* Slack shows no email for them, so no organization matches.");

    await command(STAFF, "admin org city language immersion charter");
    const edit = await topModal(STAFF, (v) => v.includes("Edit organization"));
    expect(validateView(edit.view, { expectedType: "modal" })).toEqual([]);
    const bad = await h.slack.submitView({ viewId: edit.id, values: { org_slack_teams: { slack_teams: "prospect.slack.com" } } });
    expect(bad.errors).toEqual({ org_slack_teams: expect.stringContaining("Write each team ID like T012AB3CD") });
    expect(
      (await h.slack.submitView({ viewId: edit.id, values: { org_slack_teams: { slack_teams: CHARTER_TEAM.toLowerCase() } } }))
        .responseAction,
    ).toBe("update");

    expect(text((await personModal(lee)).view)).toContain(
      `*Member.* They join from the Slack workspace \`${CHARTER_TEAM}\`, which staff mapped to *City Language Immersion Charter*, a member organization.`,
    );
    await command(lee, "join got-justice");
    const signup = await topModal(lee, (v) => v.includes("Got Justice") && v.includes("signup_commitment"));
    expect((await h.slack.submitView({ viewId: signup.id, values: commit })).responseAction).toBe("update");
    expect((await membership("got-justice", lee))?.status).toBe("ACTIVE");

    await command(kim, "join got-justice");
    expect(text((await topModal(kim, (v) => v.includes("Sign up"))).view)).toContain("member organizations");
    expect(await membership("got-justice", kim)).toBeNull();
  });

  it("refuses a team another organization holds, and the programme file round-trips the mapping", async () => {
    await command(STAFF, "admin org edgility consulting");
    const edit = await topModal(STAFF, (v) => v.includes("Edit organization") && v.includes("edgilityconsulting.com"));
    const taken = await h.slack.submitView({ viewId: edit.id, values: { org_slack_teams: { slack_teams: CHARTER_TEAM } } });
    expect(taken.errors).toEqual({ org_slack_teams: `${CHARTER_TEAM} already belongs to City Language Immersion Charter.` });

    const exported = await exportProgramme(h.t.db, "cop-2021-2022");
    expect(exported).toContain(
      `  - name: City Language Immersion Charter\n    kind: school\n    domains: [clicharter.org]\n    slack_teams: [${CHARTER_TEAM}]\n`,
    );
    // The example's own mapping, as the file gave it.
    expect(exported).toContain(
      "  - name: Prospect Schools\n    kind: network\n    domains: [prospectschools.org]\n    slack_teams: [T0PROSPECT1]\n",
    );
    const again = await importProgramme(h.t.db, exported, { now: NOW, dryRun: true });
    expect(again.ok && again.lines).toEqual(["No changes: programme cop-2021-2022 already matches the file."]);
    // The file maps a team too: Kim's workspace, given to a partner organization, makes Kim a partner.
    const mapped = exported.replace(
      "    domains: [edgilityconsulting.com]\n",
      "    domains: [edgilityconsulting.com]\n    slack_teams: [T0UNMAPPED1]\n",
    );
    expect((await importProgramme(h.t.db, mapped, { now: NOW })).ok).toBe(true);
    expect(text((await personModal(kim)).view)).toContain(
      "*Partner.* They join from the Slack workspace `T0UNMAPPED1`, which staff mapped to *Edgility Consulting*, a partner organization.",
    );
  });
});
