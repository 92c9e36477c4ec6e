import pino from "pino";
import { startConvene, type Convene } from "../../src/server";
import { formEncode, signSlackRequest, slashCommandFields } from "../../src/local-slack";
import { eventually } from "../helpers/eventually";
import { importCop } from "../helpers/cop-example";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";

const STAFF = "U0STAFF001";
const NOW = new Date("2021-10-01T12:00:00Z");

/**
 * Requests signed with the right secret whose only fault is where or when they come from: for
 * another workspace or app, stamped in the future, or sent a second time byte for byte. Each gets
 * 401 and changes nothing; the same request, once and for this installation, is obeyed.
 */
describe.each(providers)("signed requests for another installation, from the future, or replayed, on %s", (provider) => {
  let h: Harness;
  let programme: { id: string; slug: string };

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF });
    h.slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff", email: "sam@dcsc.org" });
    await importCop(h.t.db, NOW);
    programme = await h.t.db.programme.findFirstOrThrow({ select: { id: true, slug: true } });
  });
  afterAll(() => h.stop());

  const nowSeconds = () => Math.floor(Date.now() / 1000);
  /** Staff's `/convene proposals reopen|close`, as Slack would send it, for the given team and app. */
  const command = (text: string, over: { teamId?: string; apiAppId?: string } = {}) =>
    formEncode(
      slashCommandFields({
        actor: {
          userId: STAFF,
          userName: "sam",
          teamId: over.teamId ?? h.slack.teamId,
          teamDomain: "convene-test",
          apiAppId: over.apiAppId ?? h.slack.appId,
        },
        command: "/convene",
        text,
        channelId: "C0GENERAL1",
        channelName: "general",
        triggerId: `${Date.now()}.${Math.random()}`,
        responseUrl: `${h.slack.baseUrl}response-url/none`,
      }),
    );
  const post = (body: string, headers: object) =>
    fetch(`${h.baseUrl}/slack/events`, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    });
  const reopened = async () => (await h.t.db.programme.findUniqueOrThrow({ where: { id: programme.id } })).proposalsReopened;

  async function expectRefused(res: Response) {
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("");
    expect(await reopened()).toBe(false);
  }

  it("refuses staff's command signed for another workspace", async () => {
    const body = command(`proposals reopen ${programme.slug}`, { teamId: "T0ELSEWHERE" });
    await expectRefused(await post(body, signSlackRequest(h.slack.signingSecret, body)));
  });

  it("refuses staff's command signed for another app", async () => {
    const body = command(`proposals reopen ${programme.slug}`, { apiAppId: "A0OTHERAPP" });
    await expectRefused(await post(body, signSlackRequest(h.slack.signingSecret, body)));
  });

  it("refuses a request stamped more than 5 minutes ahead, and takes one a little ahead (clocks drift)", async () => {
    const ahead = command(`proposals reopen ${programme.slug}`);
    await expectRefused(await post(ahead, signSlackRequest(h.slack.signingSecret, ahead, nowSeconds() + 5 * 60 + 5)));
    expect(await reopened()).toBe(false);
    const drift = command("help");
    expect((await post(drift, signSlackRequest(h.slack.signingSecret, drift, nowSeconds() + 60))).status).toBe(200);
  });

  it("obeys staff's command once, and answers a byte-identical replay with 401", async () => {
    const body = command(`proposals reopen ${programme.slug}`);
    const headers = signSlackRequest(h.slack.signingSecret, body);
    const first = await post(body, headers);
    expect(first.status).toBe(200);
    await eventually(reopened);
    await h.t.db.programme.update({ where: { id: programme.id }, data: { proposalsReopened: false } });

    const replay = await post(body, headers);
    expect(replay.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await reopened()).toBe(false);
  });
});

describe("a replay sent to another replica on the same PostgreSQL database", () => {
  let a: Harness;
  let b: Convene;

  beforeAll(async () => {
    a = await startHarness("postgresql", { CONVENE_ADMINS: STAFF });
    b = await startConvene(a.config, pino({ level: "silent" }));
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  it("is refused there too: the replicas share the signatures they have served", async () => {
    const body = formEncode(
      slashCommandFields({
        actor: { userId: STAFF, userName: "sam", teamId: a.slack.teamId, teamDomain: "convene-test", apiAppId: a.slack.appId },
        command: "/convene",
        text: "help",
        channelId: "C0GENERAL1",
        channelName: "general",
        triggerId: "1.2.3",
        responseUrl: `${a.slack.baseUrl}response-url/none`,
      }),
    );
    const headers = { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(a.slack.signingSecret, body) };
    const send = (port: number) => fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", body, headers });
    expect((await send(a.convene.port)).status).toBe(200);
    expect((await send(b.port)).status).toBe(401);
  });
});
