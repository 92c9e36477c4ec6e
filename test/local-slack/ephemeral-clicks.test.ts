import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, type BlockAction, type ButtonAction } from "@slack/bolt";
import { LocalSlack } from "../../src/local-slack/local-slack";
import { quietLogger } from "./test-support";

// Buttons in ephemeral messages (a command's private reply) are clickable, as in Slack: the app
// gets block_actions naming the ephemeral container, and its response_url acts on that message.

let slack: LocalSlack;
let app: App;
let clicks: BlockAction<ButtonAction>[];
let alice: string;
let general: string;

const picker = {
  text: "Pick a colour",
  blocks: [
    { type: "section", text: { type: "mrkdwn", text: "Which one?" } },
    {
      type: "actions",
      block_id: "colours",
      elements: [
        { type: "button", action_id: "pick", value: "red", text: { type: "plain_text", text: "Red" } },
        { type: "button", action_id: "dismiss", value: "x", text: { type: "plain_text", text: "Dismiss" } },
      ],
    },
  ],
};

beforeEach(async () => {
  slack = await LocalSlack.start({ signingSecret: "ephemeral-test-secret" });
  clicks = [];
  const receiver = new HTTPReceiver({ signingSecret: slack.signingSecret, logger: quietLogger });
  app = new App({
    token: slack.botToken,
    receiver,
    logger: quietLogger,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  app.command("/colours", async ({ ack }) => ack(picker));
  app.action<BlockAction<ButtonAction>>("pick", async ({ ack, body, respond }) => {
    await ack();
    clicks.push(body);
    await respond({ replace_original: true, text: `You picked ${body.actions[0]!.value}` });
  });
  app.action("dismiss", async ({ ack, respond }) => {
    await ack();
    await respond({ delete_original: true });
  });
  await slack.waitFor(() => slack.callsTo("auth.test").some((c) => c.response !== undefined), { what: "Bolt's auth.test" });
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  slack.appRequestUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  alice = slack.addUser({ name: "alice" }).id;
  general = slack.addChannel({ name: "general", members: [alice] }).id;
});

afterEach(async () => {
  await app.stop();
  await slack.stop();
  expect(slack.internalErrors).toEqual([]);
});

it("sends block_actions for a button in an ephemeral message, and replace_original replaces that message", async () => {
  await slack.sendCommand({ userId: alice, command: "/colours", channelId: general });
  const [shown] = slack.ephemerals({ userId: alice });

  const result = await slack.clickButton({ userId: alice, actionId: "pick", ephemeralTs: shown!.ts });

  expect(result.status).toBe(200);
  expect(clicks[0]).toMatchObject({
    container: { type: "message", message_ts: shown!.ts, channel_id: general, is_ephemeral: true },
    channel: { id: general },
  });
  expect(clicks[0]!.message).toBeUndefined();
  await slack.waitFor(() => slack.responses(result.responseUrlId!).length > 0);
  expect(slack.ephemerals({ userId: alice }).map((e) => [e.ts, e.text, e.blocks])).toEqual([[shown!.ts, "You picked red", undefined]]);
  expect(slack.messages(general)).toEqual([]);
});

it("gives blocks of ephemeral messages the block ids Slack generates, keeping the app's own", async () => {
  await slack.sendCommand({ userId: alice, command: "/colours", channelId: general });
  const [shown] = slack.ephemerals({ userId: alice });
  expect((shown!.blocks as { block_id: string }[]).map((b) => b.block_id)).toEqual([expect.stringMatching(/^\S+$/), "colours"]);
});

it("removes the ephemeral message on delete_original", async () => {
  await slack.sendCommand({ userId: alice, command: "/colours", channelId: general });
  const [shown] = slack.ephemerals({ userId: alice });
  const result = await slack.clickButton({ userId: alice, actionId: "dismiss", ephemeralTs: shown!.ts });
  await slack.waitFor(() => slack.responses(result.responseUrlId!).length > 0);
  expect(slack.ephemerals({ userId: alice })).toEqual([]);
});

it("refuses a click on someone else's ephemeral message", async () => {
  const bob = slack.addUser({ name: "bob" }).id;
  await slack.sendCommand({ userId: alice, command: "/colours", channelId: general });
  const [shown] = slack.ephemerals({ userId: alice });
  await expect(slack.clickButton({ userId: bob, actionId: "pick", ephemeralTs: shown!.ts })).rejects.toThrow("no ephemeral message");
});

it("lists the channels a person is in, without DMs", () => {
  const random = slack.addChannel({ name: "random" }).id;
  slack.dmChannelId(alice);
  expect(slack.channels({ member: alice }).map((c) => c.name)).toEqual(["general"]);
  expect(slack.channels().map((c) => c.id)).toEqual([general, random]);
});
