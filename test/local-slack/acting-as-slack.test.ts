import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, type SlashCommand } from "@slack/bolt";
import { LocalSlack } from "../../src/local-slack/local-slack";
import { formEncode } from "../../src/local-slack/payloads";
import { signSlackRequest } from "../../src/local-slack/signing";
import { clientFor, quietLogger } from "./test-support";

// A real Bolt app (HTTPReceiver) whose WebClient talks to the emulator, driven by the emulator
// acting as Slack: signed commands, interactions and events.

const plain = (text: string) => ({ type: "plain_text" as const, text });
const proposalModal = {
  type: "modal" as const,
  callback_id: "propose",
  notify_on_close: true,
  title: plain("Propose a session"),
  submit: plain("Submit"),
  blocks: [
    { type: "input", block_id: "title", label: plain("Title"), element: { type: "plain_text_input", action_id: "title_input" } },
    {
      type: "input",
      block_id: "group",
      label: plain("Working group"),
      element: {
        type: "static_select",
        action_id: "group_select",
        options: [
          { text: plain("Energy"), value: "wg-energy" },
          { text: plain("Water"), value: "wg-water" },
        ],
      },
    },
    {
      type: "input",
      block_id: "notes",
      optional: true,
      label: plain("Notes"),
      element: { type: "plain_text_input", action_id: "notes_input", multiline: true },
    },
    {
      type: "actions",
      block_id: "extras",
      elements: [{ type: "users_select", action_id: "cofacilitator", placeholder: plain("Co-facilitator") }],
    },
  ],
};

let slack: LocalSlack;
let app: App;
let seen: Record<string, unknown[]>;

beforeEach(async () => {
  slack = await LocalSlack.start({ signingSecret: "convene-test-secret" });
  seen = { commands: [], submissions: [], closed: [], actions: [], events: [] };
  const receiver = new HTTPReceiver({ signingSecret: slack.signingSecret, logger: quietLogger });
  app = new App({
    token: slack.botToken,
    receiver,
    logger: quietLogger,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });

  app.command("/convene", async ({ command, ack, client }) => {
    seen.commands!.push(command);
    if (command.text === "propose") {
      await ack();
      await client.views.open({ trigger_id: command.trigger_id, view: proposalModal });
    } else {
      await ack(`You said: ${command.text}`);
    }
  });
  app.view("propose", async ({ ack, view }) => {
    seen.submissions!.push(view.state.values);
    const title = view.state.values.title?.title_input?.value ?? "";
    if (title.length < 5) await ack({ response_action: "errors", errors: { title: "Give the session a longer title" } });
    else await ack();
  });
  app.view({ type: "view_closed", callback_id: "propose" }, async ({ ack, body }) => {
    seen.closed!.push(body);
    await ack();
  });
  app.action("rsvp", async ({ ack, action, body, respond }) => {
    await ack();
    seen.actions!.push({ action, body });
    await respond({ replace_original: true, text: `RSVP recorded for ${(action as { value: string }).value}` });
  });
  app.action("cofacilitator", async ({ ack, action }) => {
    await ack();
    seen.actions!.push({ action });
  });
  app.event("app_home_opened", async ({ event, client, context }) => {
    seen.events!.push({ event, retryNum: context.retryNum, retryReason: context.retryReason });
    await client.views.publish({
      user_id: event.user,
      view: { type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text: "Your sessions" } }] },
    });
  });

  // Bolt verifies its token with auth.test as soon as the App is built; let that finish first.
  await slack.waitFor(() => slack.callsTo("auth.test").some((c) => c.response !== undefined), { what: "Bolt's auth.test" });
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  slack.appRequestUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterEach(async () => {
  await app.stop();
  await slack.stop();
  expect(slack.internalErrors).toEqual([]);
});

describe("slash commands", () => {
  it("delivers a signed command the way Slack sends it and records the immediate reply", async () => {
    const alice = slack.addUser({ name: "alice" }).id;
    const general = slack.addChannel({ name: "general", members: [alice] }).id;

    const result = await slack.sendCommand({ userId: alice, command: "/convene", text: "hello", channelId: general });

    expect(result.status).toBe(200);
    expect(result.body).toBe("You said: hello"); // Bolt acks a string as a plain-text body
    const received = seen.commands![0] as SlashCommand;
    expect(received).toMatchObject({
      command: "/convene",
      text: "hello",
      user_id: alice,
      user_name: "alice",
      channel_id: general,
      channel_name: "general",
      team_id: slack.teamId,
      api_app_id: slack.appId,
    });
    expect(received.trigger_id).toBe(result.triggerId);
    expect(received.response_url).toBe(result.responseUrl);
    const fields: SlashCommand = result.payload; // the builder's shape is Bolt's SlashCommand
    expect(fields.trigger_id).toBe(result.triggerId);
    expect(slack.ephemerals({ userId: alice })).toEqual([
      expect.objectContaining({ channel: general, text: "You said: hello", via: "command_ack" }),
    ]);
  });

  it("sends a command with known @people and #channels escaped to ids, as Slack does with should_escape on, and anything else as typed", async () => {
    const alice = slack.addUser({ name: "alice" }).id;
    const bob = slack.addUser({ name: "bob" }).id;
    const general = slack.addChannel({ name: "general", members: [alice] }).id;

    await slack.sendCommand({
      userId: alice,
      command: "/convene",
      text: "add @Bob to #general, not @nobody #nowhere or a@b.org",
      channelId: general,
    });

    expect((seen.commands![0] as SlashCommand).text).toBe(`add <@${bob}|Bob> to <#${general}|general>, not @nobody #nowhere or a@b.org`);
  });

  it("serves the response_url: ephemeral by default, in_channel into history, bad blocks refused, 5 uses", async () => {
    const alice = slack.addUser({ name: "alice" }).id;
    const general = slack.addChannel({ name: "general", members: [alice] }).id;
    const { responseUrl, responseUrlId } = await slack.sendCommand({ userId: alice, command: "/convene", text: "hi", channelId: general });
    const post = async (body: unknown) => {
      const res = await fetch(responseUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return [res.status, await res.json()];
    };

    expect(await post({ text: "Just for you" })).toEqual([200, { ok: true }]);
    expect(await post({ response_type: "in_channel", text: "For everyone" })).toEqual([200, { ok: true }]);
    expect(await post({ blocks: [{ type: "header", text: { type: "mrkdwn", text: "x" } }] })).toEqual([
      400,
      {
        ok: false,
        error: "invalid_blocks",
        response_metadata: { messages: ["[ERROR] must be a valid enum value [json-pointer:/blocks/0/text/type]"] },
      },
    ]);
    expect(slack.messages(general).map((m) => m.text)).toEqual(["For everyone"]);
    expect(slack.ephemerals({ userId: alice }).map((e) => e.text)).toEqual(["You said: hi", "Just for you"]);

    await post({ text: "4" });
    await post({ text: "5" });
    await post({ text: "6" });
    expect(await post({ text: "7" })).toEqual([404, { ok: false, error: "used_url" }]);
    expect(slack.responses(responseUrlId).map((r) => r.status)).toEqual([200, 200, 400, 200, 200, 200, 404]);
  });

  it("leaves unsigned, tampered and stale requests to the app, which answers 401", async () => {
    const body = formEncode({ command: "/convene", text: "sneaky", user_id: "U1", trigger_id: "t" });
    const unsigned = await slack.postToApp(body, { contentType: "application/x-www-form-urlencoded", sign: false });
    const tampered = await slack.postToApp(body, {
      contentType: "application/x-www-form-urlencoded",
      headers: { "x-slack-signature": signSlackRequest("wrong-secret", body)["x-slack-signature"] },
    });
    const stale = await slack.postToApp(body, {
      contentType: "application/x-www-form-urlencoded",
      timestampSeconds: Math.floor(Date.now() / 1000) - 600,
    });
    expect([unsigned.status, tampered.status, stale.status]).toEqual([401, 401, 401]);
    expect(seen.commands).toEqual([]);
  });
});

describe("modals", () => {
  it("opens from a command trigger, shows validation errors, then closes on a clean submission", async () => {
    const alice = slack.addUser({ name: "alice" }).id;
    await slack.sendCommand({ userId: alice, command: "/convene", text: "propose" });
    await slack.waitFor(() => slack.openModals(alice).length === 1, { what: "the modal" });
    const viewId = slack.openModals(alice)[0]!.id;
    expect(slack.callsTo("views.open")[0]!.response).toMatchObject({ ok: true });

    const rejected = await slack.submitView({ viewId, values: { title: { title_input: "Hi" }, group: { group_select: "wg-energy" } } });
    expect(rejected).toMatchObject({
      status: 200,
      responseAction: "errors",
      errors: { title: "Give the session a longer title" },
      openViewIds: [viewId],
    });

    const accepted = await slack.submitView({
      viewId,
      values: { title: { title_input: "Grid storage 101" }, group: { group_select: "wg-water" } },
    });
    expect(accepted).toMatchObject({ status: 200, body: "", openViewIds: [] });
    expect(seen.submissions![1]).toEqual({
      title: { title_input: { type: "plain_text_input", value: "Grid storage 101" } },
      group: { group_select: { type: "static_select", selected_option: { text: plain("Water"), value: "wg-water" } } },
      notes: { notes_input: { type: "plain_text_input", value: null } },
    });
    expect(slack.view(viewId)).toMatchObject({ isOpen: false });
  });

  it("refuses to submit a modal with a required input empty, as the client would", async () => {
    const alice = slack.addUser({ name: "alice" }).id;
    await slack.sendCommand({ userId: alice, command: "/convene", text: "propose" });
    await slack.waitFor(() => slack.openModals(alice).length === 1);
    const viewId = slack.openModals(alice)[0]!.id;
    await expect(slack.submitView({ viewId, values: { title: { title_input: "Only a title" } } })).rejects.toThrow(/group\/group_select/);
    await expect(slack.submitView({ viewId, values: { title: { nope: "x" } } })).rejects.toThrow(/no element with action_id "nope"/);
    expect(seen.submissions).toEqual([]);
  });

  it("sends block_actions from inside a modal and view_closed when it is dismissed", async () => {
    const alice = slack.addUser({ name: "alice" }).id;
    const bob = slack.addUser({ name: "bob" }).id;
    await slack.sendCommand({ userId: alice, command: "/convene", text: "propose" });
    await slack.waitFor(() => slack.openModals(alice).length === 1);
    const viewId = slack.openModals(alice)[0]!.id;

    const picked = await slack.selectOption({ userId: alice, actionId: "cofacilitator", selected: bob });
    expect(picked?.status).toBe(200);
    expect(seen.actions![0]).toMatchObject({
      action: { type: "users_select", action_id: "cofacilitator", block_id: "extras", selected_user: bob },
    });
    expect(picked?.payload).toMatchObject({
      type: "block_actions",
      container: { type: "view", view_id: viewId },
      view: { id: viewId, state: { values: { extras: { cofacilitator: { selected_user: bob } } } } },
    });

    // An input-block select without dispatch_action only changes state; Slack sends nothing.
    await expect(slack.selectOption({ userId: alice, actionId: "group_select", selected: "wg-energy" })).resolves.toBeNull();

    const closed = await slack.closeView({ viewId });
    expect(closed?.status).toBe(200);
    expect(seen.closed![0]).toMatchObject({ type: "view_closed", view: { id: viewId, callback_id: "propose" }, is_cleared: false });
    expect(slack.openModals(alice)).toEqual([]);
  });
});

describe("message interactions", () => {
  it("clicks a button in a message and applies respond({ replace_original })", async () => {
    const alice = slack.addUser({ name: "alice" }).id;
    const general = slack.addChannel({ name: "general", members: [alice] }).id;
    const posted = await clientFor(slack).chat.postMessage({
      channel: general,
      text: "Kickoff on Tuesday",
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: "*Kickoff* on Tuesday" } },
        {
          type: "actions",
          block_id: "rsvp_block",
          elements: [{ type: "button", action_id: "rsvp", text: plain("RSVP"), value: "session-1" }],
        },
      ],
    });

    const click = await slack.clickButton({ userId: alice, actionId: "rsvp", channelId: general });
    expect(click.status).toBe(200);
    const { action, body } = seen.actions![0] as { action: Record<string, unknown>; body: Record<string, unknown> };
    expect(action).toMatchObject({ type: "button", action_id: "rsvp", block_id: "rsvp_block", value: "session-1" });
    expect(body).toMatchObject({
      type: "block_actions",
      user: { id: alice },
      container: { type: "message", message_ts: posted.ts, channel_id: general },
      channel: { id: general, name: "general" },
      message: { ts: posted.ts },
      trigger_id: click.triggerId,
      response_url: click.responseUrl,
    });

    await slack.waitFor(() => slack.responses(click.responseUrlId!).length === 1, { what: "respond()" });
    expect(slack.responses(click.responseUrlId!)[0]).toMatchObject({ status: 200, body: { replace_original: true } });
    const [message] = slack.messages(general);
    expect(message).toMatchObject({
      ts: posted.ts,
      text: "RSVP recorded for session-1",
      history: [expect.objectContaining({ text: "Kickoff on Tuesday" })],
    });
  });

  it("explains what it can click when the action is not there", async () => {
    const alice = slack.addUser({ name: "alice" }).id;
    await expect(slack.clickButton({ userId: alice, actionId: "rsvp" })).rejects.toThrow(/no Home tab published/);
  });
});

describe("events", () => {
  it("sends app_home_opened in an Events API envelope and passes retry headers through", async () => {
    const alice = slack.addUser({ name: "alice" }).id;
    const first = await slack.sendEvent({ type: "app_home_opened", user: alice });
    expect(first.status).toBe(200);
    expect(first.payload).toMatchObject({
      type: "event_callback",
      team_id: slack.teamId,
      api_app_id: slack.appId,
      event_id: first.eventId,
      event_time: expect.any(Number),
      authorizations: [{ user_id: slack.botUserId, is_bot: true, team_id: slack.teamId }],
      event: { type: "app_home_opened", user: alice, tab: "home", channel: slack.dmChannelId(alice), event_ts: expect.any(String) },
    });
    await slack.waitFor(() => slack.homeView(alice) !== undefined, { what: "views.publish" });
    expect(slack.homeView(alice)!.view.blocks).toEqual([expect.objectContaining({ text: { type: "mrkdwn", text: "Your sessions" } })]);

    const retry = await slack.sendEvent(
      { type: "app_home_opened", user: alice },
      { eventId: first.eventId, retryNum: 1, retryReason: "http_timeout" },
    );
    expect(retry.eventId).toBe(first.eventId);
    await slack.waitFor(() => seen.events!.length === 2);
    expect(seen.events!.map((e) => (e as { retryNum?: number }).retryNum)).toEqual([undefined, 1]);
    expect(seen.events![1]).toMatchObject({ retryReason: "http_timeout", event: { view: { type: "home" } } });
  });

  it("applies membership changes that member_joined_channel reports", async () => {
    const alice = slack.addUser({ name: "alice" }).id;
    const wg = slack.addChannel({ name: "wg-energy" }).id;
    const result = await slack.sendEvent({ type: "member_joined_channel", user: alice, channel: wg });
    expect(result.payload).toMatchObject({ event: { channel_type: "C", team: slack.teamId } });
    expect(slack.channel(wg)!.members.has(alice)).toBe(true);
  });
});
