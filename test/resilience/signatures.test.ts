import http from "node:http";
import fc from "fast-check";
import { membershipModal } from "../../src/views/membership-modal";
import { openTestDb, type TestDb } from "../helpers/databases";
import {
  appHomeOpenedEvent,
  eventCallbackEnvelope,
  formEncode,
  interactionBody,
  signSlackRequest,
  slashCommandFields,
  viewSubmissionPayload,
} from "../../src/local-slack";
import { type LoggedConvene, startLoggedConvene } from "./support/logged-convene";
import { stateOf } from "./support/submissions";

type ContentType = "application/x-www-form-urlencoded" | "application/json";

// Signatures are checked before anything touches the database, so one provider is enough.
describe("requests that Slack did not sign, or signed for another moment", () => {
  let t: TestDb;
  let h: LoggedConvene;
  let member: string;

  beforeAll(async () => {
    t = await openTestDb("sqlite");
    h = await startLoggedConvene(t.url);
    member = h.slack.addUser({ name: "ariana", email: "ariana@prospectschools.org" }).id;
  });
  afterAll(async () => {
    await h.stop();
    await t.close();
  });

  /** One of each kind of request Slack sends, as Slack would sign it. */
  const requests = (): { kind: string; body: string; contentType: ContentType }[] => {
    const actor = { userId: member, userName: "ariana", teamId: h.slack.teamId, teamDomain: h.slack.teamDomain, apiAppId: h.slack.appId };
    const form = membershipModal();
    const view = {
      ...form,
      id: "VSIGNED01",
      team_id: h.slack.teamId,
      hash: "1.x",
      private_metadata: "",
      state: { values: stateOf(form, { organization: "Forged Org", domains: "forged.org", about: "x" }) },
    };
    return [
      {
        kind: "slash command",
        contentType: "application/x-www-form-urlencoded",
        body: formEncode(
          slashCommandFields({
            actor,
            command: "/convene",
            text: "groups",
            channelId: "C0SIGNED1",
            channelName: "general",
            triggerId: "1.2.3",
            responseUrl: `${h.slack.baseUrl}response-url/x`,
          }),
        ),
      },
      {
        kind: "view submission",
        contentType: "application/x-www-form-urlencoded",
        body: interactionBody(viewSubmissionPayload({ actor, view, triggerId: "1.2.4" })),
      },
      {
        kind: "event",
        contentType: "application/json",
        body: JSON.stringify(
          eventCallbackEnvelope(appHomeOpenedEvent({ user: member, channel: "D0SIGNED1", eventTs: "1.000" }), {
            teamId: h.slack.teamId,
            apiAppId: h.slack.appId,
            botUserId: h.slack.botUserId,
            eventId: "Ev0SIGNED01",
            eventTime: 1,
          }),
        ),
      },
    ];
  };

  const post = (body: string, contentType: ContentType, headers: Record<string, string>) =>
    fetch(`${h.baseUrl}/slack/events`, { method: "POST", body, headers: { "content-type": contentType, ...headers } });

  /** What a refused request must leave as it was: Slack not called, nothing stored, nothing said. */
  async function expectRefused(res: Response) {
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("");
  }
  const footprint = async () => ({
    slackCalls: h.slack.calls.length,
    people: await t.db.person.count(),
    submissions: await t.db.submission.count(),
  });

  const now = () => Math.floor(Date.now() / 1000);
  const cases: [string, (body: string) => { body: string; headers: Record<string, string> }][] = [
    [
      "tampered after signing",
      (body) => ({ body: body.split(member).join("U0MALLORY1"), headers: { ...signSlackRequest(h.slack.signingSecret, body) } }),
    ],
    ["signed with another secret", (body) => ({ body, headers: { ...signSlackRequest("someone-elses-signing-secret", body) } })],
    [
      "replayed more than 5 minutes after it was signed",
      (body) => ({ body, headers: { ...signSlackRequest(h.slack.signingSecret, body, now() - 5 * 60 - 1) } }),
    ],
    [
      "signed for one moment, sent with another",
      (body) => ({
        body,
        headers: { ...signSlackRequest(h.slack.signingSecret, body, now() - 60), "x-slack-request-timestamp": String(now()) },
      }),
    ],
    ["without a signature", (body) => ({ body, headers: { "x-slack-request-timestamp": String(now()) } })],
    [
      "without a timestamp",
      (body) => ({ body, headers: { "x-slack-signature": signSlackRequest(h.slack.signingSecret, body)["x-slack-signature"] } }),
    ],
    ["without either header", (body) => ({ body, headers: {} })],
    [
      "with a signature of another version",
      (body) => ({
        body,
        headers: {
          ...signSlackRequest(h.slack.signingSecret, body),
          "x-slack-signature": signSlackRequest(h.slack.signingSecret, body)["x-slack-signature"].replace("v0=", "v1="),
        },
      }),
    ],
    [
      "with a timestamp that is not a number",
      (body) => ({ body, headers: { ...signSlackRequest(h.slack.signingSecret, body), "x-slack-request-timestamp": "yesterday" } }),
    ],
  ];

  describe.each(cases)("%s: 401, and nothing done", (_label, forge) => {
    it.each(["slash command", "view submission", "event"])("%s", async (kind) => {
      const request = requests().find((r) => r.kind === kind)!;
      const forged = forge(request.body);
      const before = await footprint();
      await expectRefused(await post(forged.body, request.contentType, forged.headers));
      expect(await footprint()).toEqual(before);
    });
  });

  it("any change to a signed body is refused", async () => {
    const requestsNow = requests();
    const before = await footprint();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: requestsNow.length - 1 }),
        fc.nat(),
        fc.integer({ min: 1, max: 0x7e }),
        async (which, at, code) => {
          const { body, contentType } = requestsNow[which]!;
          const i = at % body.length;
          fc.pre(body.charCodeAt(i) !== code);
          const changed = body.slice(0, i) + String.fromCharCode(code) + body.slice(i + 1);
          const res = await post(changed, contentType, { ...signSlackRequest(h.slack.signingSecret, body) });
          expect(res.status).toBe(401);
          await res.text();
        },
      ),
      { numRuns: 60 },
    );
    expect(await footprint()).toEqual(before);
    expect(h.logs.filter((l) => l.msg === "unhandled error in a Slack listener")).toEqual([]);
  });

  it("Slack's unsigned certificate check gets its 200, and a payload smuggled into it reaches nothing", async () => {
    const smuggled = requests().find((r) => r.kind === "view submission")!.body;
    const before = await footprint();
    for (const body of ["ssl_check=1&token=legacy-verification-token", `ssl_check=1&${smuggled}`]) {
      const res = await post(body, "application/x-www-form-urlencoded", {});
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("");
    }
    expect(await footprint()).toEqual(before);
    // Not a blanket pass: without ssl_check the same unsigned payload is refused.
    await expectRefused(await post(smuggled, "application/x-www-form-urlencoded", {}));
  });

  // Bolt reads the path as a URL would: each of these reaches its events endpoint, so each must meet the check too.
  it.each(["/slack/./events", "/other/../slack/events", "/slack/events?x=1", "http://convene.example/slack/events"])(
    "an unsigned request to %s, a path Bolt reads as its endpoint, is refused",
    async (target) => {
      const { body, contentType } = requests().find((r) => r.kind === "slash command")!;
      const before = await footprint();
      const { port } = new URL(h.baseUrl);
      const status = await new Promise<number | undefined>((resolve, reject) => {
        // node:http sends the path as written; fetch would tidy it first.
        const req = http.request(
          { host: "127.0.0.1", port, method: "POST", path: target, headers: { "content-type": contentType } },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
      expect(status).toBe(401);
      expect(await footprint()).toEqual(before);
    },
  );

  // Last: what these start after their ack must not land in the footprints above.
  it("the same requests, signed as Slack signs them, are served (the refusals are not blanket)", async () => {
    for (const request of requests()) {
      const res = await post(request.body, request.contentType, { ...signSlackRequest(h.slack.signingSecret, request.body) });
      expect(res.status).toBe(200);
    }
  });
});
