import { WebClient } from "@slack/web-api";
import { syncProgrammeChannels } from "../../src/services/channel-service";
import { ADMIN_ROLLOVER } from "../../src/views/admin-menu-modal";
import { ROLLOVER_MODAL_CALLBACK } from "../../src/views/rollover-modal";
import { ROLLOVER_PLAN_CALLBACK } from "../../src/views/rollover-plan-modal";
import { errorsOnly, interactionBody, validateView, viewSubmissionPayload, type ViewSnapshot } from "../../src/local-slack";
import { COP_FACILITATORS, importCop } from "../helpers/cop-example";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";

const NOW = new Date("2022-06-20T12:00:00Z");
const STAFF = "U0STAFF001";
const text = (value: unknown) => JSON.stringify(value) ?? "";

describe.each(providers)("staff start next year from this one in Slack, on %s", (provider) => {
  let h: Harness;
  let member: string;
  const top = (userId: string) => h.slack.openModals(userId).at(-1)!;
  const loaded = async (userId: string, callbackId: string): Promise<ViewSnapshot> => {
    await h.slack.waitFor(() => h.slack.openModals(userId).at(-1)?.callbackId === callbackId, { what: `the ${callbackId} modal` });
    const modal = top(userId);
    expect(errorsOnly(validateView(modal.view, { expectedType: "modal" }))).toEqual([]);
    return modal;
  };
  const lastYearChannels = async () =>
    (await h.t.db.group.findMany({ where: { programme: { slug: "cop-2021-2022" } }, orderBy: { slug: "asc" } })).map((g) => [
      g.slug,
      g.channelId,
      g.channelName,
    ]);

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF });
    h.convene.services.now = () => NOW;
    h.slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff", email: "sam@dcsc.org", tz: "America/New_York" });
    member = h.slack.addUser({ name: "ariana", realName: "Ariana Melton", email: "ariana@prospectschools.org", tz: "America/Chicago" }).id;
    for (const [name, id] of Object.entries(COP_FACILITATORS)) h.slack.addUser({ id, name: id.toLowerCase(), realName: name });
    await importCop(h.t.db, NOW);
    await syncProgrammeChannels(h.convene.services, new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl }), "cop-2021-2022");
  });
  afterAll(() => h.stop());

  it("shows the plan with next year's dates, writes nothing until confirmed, then starts it with new channels", async () => {
    const before = await lastYearChannels();
    expect(before.every(([, id]) => id)).toBe(true);
    await h.slack.sendCommand({ userId: STAFF, command: "/convene", text: "admin" });
    const menu = await loaded(STAFF, "admin_menu");
    expect(text(menu.view)).toContain("Start next year from this one");
    await h.slack.clickButton({ userId: STAFF, viewId: menu.id, actionId: ADMIN_ROLLOVER });
    const form = await loaded(STAFF, ROLLOVER_MODAL_CALLBACK);
    expect(text(form.view)).toContain('"initial_value":"cop-2022-2023"');

    const bad = await h.slack.submitView({ viewId: form.id, values: { rollover_slug: { slug: "Next Year" } } });
    expect(bad.errors).toEqual({ rollover_slug: "Use lowercase letters and digits joined by dashes, e.g. cop-2022-2023." });
    const taken = await h.slack.submitView({ viewId: form.id, values: { rollover_slug: { slug: "cop-2021-2022" } } });
    expect(taken.errors).toEqual({ rollover_slug: '"cop-2021-2022" exists already.' });

    const planned = await h.slack.submitView({ viewId: form.id, values: { rollover_slug: { slug: "cop-2022-2023" } } });
    expect(planned.responseAction).toBe("update");
    expect(planned.viewProblems).toEqual([]);
    const plan = await loaded(STAFF, ROLLOVER_PLAN_CALLBACK);
    const shown = text(plan.view);
    expect(shown).toContain("kickoff (CoP Year 3 Kickoff): Wed 2021-10-13 -&gt; Wed 2022-10-12");
    expect(shown).toContain("Every date moves 52 weeks (364 days) later, to the same weekday, into the 2022-2023 school year.");
    expect(shown).toContain("#cop-got-justice-2022-23");
    expect(shown).toContain("Programme cop-2022-2023: 37 to create, 0 to update, 0 to delete.");
    expect(await h.t.db.programme.count()).toBe(1);

    const started = await h.slack.submitView({ viewId: plan.id, values: {} });
    expect(started.responseAction).toBe("update");
    await h.slack.waitFor(() => text(h.slack.view(plan.id)?.view).includes("Started"), { what: "the outcome" });
    expect(text(h.slack.view(plan.id)!.view)).toContain("Started *Communities of Practice 2022-2023* (`cop-2022-2023`)");
    await h.slack.waitFor(() => text(h.slack.messages(STAFF).at(-1)).includes("Communities of Practice 2022-2023"), {
      what: "the channel notice",
    });

    const next = await h.t.db.group.findMany({
      where: { programme: { slug: "cop-2022-2023" } },
      include: { facilitators: true },
      orderBy: { slug: "asc" },
    });
    expect(next.map((g) => [g.slug, g.channelName, g.facilitators.map((f) => f.name)])).toEqual([
      ["got-justice", "cop-got-justice-2022-23", ["Dwight Thomas"]],
      ["roots-connected", "cop-roots-connected-2022-23", ["Sahba Rohani"]],
    ]);
    for (const g of next) {
      expect(g.channelId).toBeTruthy();
      expect(h.slack.channel(g.channelId!)!.name).toBe(g.channelName);
      expect(h.slack.channel(g.channelId!)!.members.has(COP_FACILITATORS[g.facilitators[0]!.name as keyof typeof COP_FACILITATORS])).toBe(
        true,
      );
    }
    const kickoff = await h.t.db.session.findFirstOrThrow({ where: { key: "kickoff", programme: { slug: "cop-2022-2023" } } });
    expect(kickoff.startsAt.toISOString()).toBe("2022-10-12T19:00:00.000Z");
    // Last year's groups keep their channels, untouched.
    expect(await lastYearChannels()).toEqual(before);
    for (const [, id, name] of before) expect(h.slack.channel(id as string)).toMatchObject({ name, isArchived: false });
  });

  it("refuses a forged confirmation from someone who is not staff", async () => {
    const form = "application/x-www-form-urlencoded" as const;
    const actor = { userId: member, userName: "ariana", teamId: h.slack.teamId, teamDomain: h.slack.teamDomain, apiAppId: h.slack.appId };
    const view = {
      id: "V0FORGED",
      type: "modal",
      callback_id: ROLLOVER_PLAN_CALLBACK,
      private_metadata: JSON.stringify({ from: "cop-2021-2022", to: "cop-hijacked" }),
      blocks: [],
      state: { values: {} },
    };
    const res = await h.slack.postToApp(
      interactionBody(viewSubmissionPayload({ actor, view, triggerId: h.slack.issueTriggerId(member) })),
      { contentType: form },
    );
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsTo("views.update").some((c) => text(c).includes("Only coalition staff can start next year")), {
      what: "the refusal",
    });
    expect(await h.t.db.programme.findUnique({ where: { slug: "cop-hijacked" } })).toBeNull();
  });
});
