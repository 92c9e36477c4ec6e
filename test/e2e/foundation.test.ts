import { formEncode, signSlackRequest } from "../../src/local-slack";
import { providers } from "../helpers/databases";
import { eventually } from "../helpers/eventually";
import { startHarness, type Harness } from "../helpers/harness";

describe.each(providers)("Convene on %s, driven by the local Slack", (provider) => {
  let h: Harness;
  let member: string;
  beforeAll(async () => {
    h = await startHarness(provider);
    member = h.slack.addUser({ name: "ariana", realName: "Ariana Melton", tz: "America/Chicago" }).id;
  });
  afterAll(() => h.stop());

  it("answers /healthz with the database's state, without naming the database", async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers a signed `/convene help` within Slack's 3 seconds, to the caller only", async () => {
    const res = await h.slack.sendCommand({ userId: member, command: "/convene", text: "help" });
    expect(res.status).toBe(200);
    expect(res.durationMs).toBeLessThan(3000);
    expect(res.ackProblems).toEqual([]);
    expect(res.body).toMatchObject({ response_type: "ephemeral", text: "Commands you can use with /convene" });
    expect(JSON.stringify(res.body)).toContain("`/convene help`");
  });

  it("treats a bare `/convene` as help", async () => {
    const res = await h.slack.sendCommand({ userId: member, command: "/convene", text: "" });
    expect(res.body).toMatchObject({ text: "Commands you can use with /convene" });
  });

  it("suggests the closest command for a typo and shows the help", async () => {
    const res = await h.slack.sendCommand({ userId: member, command: "/convene", text: "hepl me" });
    expect(res.body).toMatchObject({ response_type: "ephemeral", text: '/convene has no "hepl" command. Did you mean /convene help?' });
    expect(JSON.stringify(res.body)).toContain("Convene commands");
  });

  it("acknowledges within Slack's 3 seconds when a subcommand is slow, then replies through response_url", async () => {
    const newcomer = h.slack.addUser({ name: "slow-profile" }).id;
    h.slack.fail("users.info", { delayMs: 3200 });
    const res = await h.slack.sendCommand({ userId: newcomer, command: "/convene", text: "my" });
    expect(res.status).toBe(200);
    expect(res.durationMs).toBeLessThan(3000);
    expect(res.body).toBeFalsy();
    await eventually(() => h.slack.responses(res.responseUrlId).length > 0, 5000);
    expect(h.slack.responses(res.responseUrlId)[0]).toMatchObject({ body: { response_type: "ephemeral" } });
  });

  describe("requests Slack did not sign are refused with 401 and change nothing", () => {
    const body = () =>
      formEncode({ command: "/convene", text: "help", user_id: member, channel_id: "C1", trigger_id: "1.2.3", team_id: h.slack.teamId });
    const send = (raw: string, headers: Record<string, string>) =>
      fetch(`${h.baseUrl}/slack/events`, {
        method: "POST",
        body: raw,
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      });

    it.each([
      ["unsigned", () => ({})],
      ["signed with the wrong secret", (raw: string) => signSlackRequest("not-the-secret", raw)],
      ["signed 6 minutes ago", (raw: string) => signSlackRequest(h.slack.signingSecret, raw, Math.floor(Date.now() / 1000) - 360)],
      ["tampered after signing", (raw: string) => ({ ...signSlackRequest(h.slack.signingSecret, raw), tamper: "yes" })],
    ])("%s", async (_label, sign) => {
      const raw = body();
      const headers = sign(raw) as Record<string, string>;
      const sent = headers.tamper ? raw.replace("help", "groups") : raw;
      delete headers.tamper;
      const callsBefore = h.slack.calls.length;
      const peopleBefore = await h.t.db.person.count();
      const res = await send(sent, headers);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain("Convene commands");
      expect(h.slack.calls.length).toBe(callsBefore);
      expect(await h.t.db.person.count()).toBe(peopleBefore);
    });
  });
});
