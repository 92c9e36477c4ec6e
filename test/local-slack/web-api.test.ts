import type { WebClient } from "@slack/web-api";
import { ManualClock } from "../../src/local-slack/clock";
import { LocalSlack } from "../../src/local-slack/local-slack";
import { clientFor, slackError } from "./test-support";

let slack: LocalSlack;
let client: WebClient;
let alice: string;
let bob: string;
let general: string;

beforeEach(async () => {
  slack = await LocalSlack.start();
  client = clientFor(slack);
  alice = slack.addUser({ name: "alice", realName: "Alice Adams", email: "alice@example.org", tz: "Europe/London" }).id;
  bob = slack.addUser({ name: "bob" }).id;
  general = slack.addChannel({ name: "general", members: [alice, bob] }).id;
});

afterEach(async () => {
  await slack.stop();
  expect(slack.internalErrors).toEqual([]);
});

describe("messages", () => {
  it("round-trips a message with metadata through chat.postMessage and conversations.history", async () => {
    const metadata = { event_type: "session_announced", event_payload: { session_id: "s-42" } };
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Kickoff* Tuesday" } }];
    const posted = await client.chat.postMessage({ channel: general, text: "Kickoff Tuesday", blocks, metadata });

    expect(posted).toMatchObject({
      ok: true,
      channel: general,
      message: { text: "Kickoff Tuesday", bot_id: slack.botId, user: slack.botUserId },
    });
    expect(posted.message?.blocks?.[0]?.block_id).toEqual(expect.any(String));

    const plain = await client.conversations.history({ channel: general });
    expect(plain.messages).toHaveLength(1);
    expect(plain.messages?.[0]).not.toHaveProperty("metadata");

    const withMetadata = await client.conversations.history({ channel: general, include_all_metadata: true });
    expect(withMetadata.messages?.[0]).toMatchObject({ ts: posted.ts, metadata });

    expect(slack.messages(general)).toEqual([
      expect.objectContaining({ ts: posted.ts, text: "Kickoff Tuesday", metadata, via: "chat.postMessage" }),
    ]);
    expect(slack.callsTo("chat.postMessage")[0]).toMatchObject({ token: slack.botToken, args: { channel: general, blocks, metadata } });
  });

  it("keeps thread replies out of history and returns them from conversations.replies", async () => {
    const parent = await client.chat.postMessage({ channel: general, text: "Agenda" });
    await client.chat.postMessage({ channel: general, text: "Item 1", thread_ts: parent.ts! });
    slack.addMessage({ channel: general, user: alice, text: "Item 2", thread_ts: parent.ts! });

    const history = await client.conversations.history({ channel: general });
    expect(history.messages).toEqual([expect.objectContaining({ ts: parent.ts, reply_count: 2, reply_users: [slack.botUserId, alice] })]);

    const replies = await client.conversations.replies({ channel: general, ts: parent.ts! });
    expect(replies.messages?.map((m) => m.text)).toEqual(["Agenda", "Item 1", "Item 2"]);
    expect(replies.messages?.[2]).toMatchObject({ user: alice, thread_ts: parent.ts, parent_user_id: slack.botUserId });
    expect(slack.thread(general, parent.ts!).map((m) => m.text)).toEqual(["Agenda", "Item 1", "Item 2"]);
  });

  it("pages history newest first with limit, cursor and an exclusive oldest", async () => {
    const ts: string[] = [];
    for (let i = 1; i <= 5; i += 1) ts.push((await client.chat.postMessage({ channel: general, text: `m${i}` })).ts!);

    const first = await client.conversations.history({ channel: general, limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(["m5", "m4"]);
    expect(first.has_more).toBe(true);
    const second = await client.conversations.history({ channel: general, limit: 2, cursor: first.response_metadata!.next_cursor! });
    expect(second.messages?.map((m) => m.text)).toEqual(["m3", "m2"]);

    const after = await client.conversations.history({ channel: general, oldest: ts[2]! });
    expect(after.messages?.map((m) => m.text)).toEqual(["m5", "m4"]);
    const inclusive = await client.conversations.history({ channel: general, oldest: ts[2]!, latest: ts[3]!, inclusive: true });
    expect(inclusive.messages?.map((m) => m.text)).toEqual(["m4", "m3"]);

    const all: string[] = [];
    for await (const page of client.paginate("conversations.history", { channel: general, limit: 2 })) {
      all.push(...(page as unknown as { messages: Array<{ text: string }> }).messages.map((m) => m.text));
    }
    expect(all).toEqual(["m5", "m4", "m3", "m2", "m1"]);
  });

  it("records edits, deletes and permalinks", async () => {
    const blocks = [{ type: "section", block_id: "b1", text: { type: "mrkdwn", text: "v1" } }];
    const posted = await client.chat.postMessage({ channel: general, text: "v1", blocks });
    const updated = await client.chat.update({ channel: general, ts: posted.ts!, text: "v2" });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: "v2" });
    // chat.update keeps the blocks a call leaves out
    expect(updated.message?.blocks).toEqual(blocks);

    const [message] = slack.messages(general);
    expect(message).toMatchObject({ text: "v2", edited: { user: slack.botUserId }, history: [expect.objectContaining({ text: "v1" })] });

    const link = await client.chat.getPermalink({ channel: general, message_ts: posted.ts! });
    expect(link.permalink).toBe(`https://convene-test.slack.com/archives/${general}/p${posted.ts!.replace(".", "")}`);

    await client.chat.delete({ channel: general, ts: posted.ts! });
    expect(slack.messages(general)).toEqual([]);
    expect(slack.messages(general, { includeDeleted: true })).toHaveLength(1);
  });

  it("delivers to a user id as a DM and records ephemerals separately", async () => {
    const dm = await client.chat.postMessage({ channel: alice, text: "Your session was accepted" });
    expect(dm.channel).toBe(slack.dmChannelId(alice));
    expect(slack.messages(alice).map((m) => m.text)).toEqual(["Your session was accepted"]);

    const eph = await client.chat.postEphemeral({ channel: general, user: bob, text: "Only you can see this" });
    expect(eph.message_ts).toEqual(expect.any(String));
    expect(slack.ephemerals({ userId: bob })).toEqual([expect.objectContaining({ channel: general, text: "Only you can see this" })]);
    expect(slack.messages(general)).toEqual([]);
  });

  it("answers invalid blocks with Slack's invalid_blocks shape", async () => {
    const data = await slackError(
      client.chat.postMessage({
        channel: general,
        text: "x",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }],
      }),
    );
    expect(data).toEqual({
      ok: false,
      error: "invalid_blocks",
      errors: ["must be less than 3001 characters [json-pointer:/blocks/0/text/text]"],
      response_metadata: { messages: ["[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"] },
    });
    expect(slack.messages(general)).toEqual([]);
  });

  it("enforces the documented error codes", async () => {
    const secret = slack.addChannel({ name: "secret", isPrivate: true }).id;
    const unjoined = slack.addChannel({ name: "unjoined", botIsMember: false }).id;
    const archived = slack.addChannel({ name: "old", isArchived: true }).id;
    const human = slack.addMessage({ channel: general, user: alice, text: "mine" });
    const cases: Array<[string, Promise<unknown>, string]> = [
      ["no text or blocks", client.chat.postMessage({ channel: general, text: "" }), "no_text"],
      ["text over 40,000", client.chat.postMessage({ channel: general, text: "x".repeat(40_001) }), "msg_too_long"],
      ["unknown channel", client.chat.postMessage({ channel: "C404", text: "x" }), "channel_not_found"],
      ["private, bot not in it", client.chat.postMessage({ channel: secret, text: "x" }), "channel_not_found"],
      ["public, bot not in it", client.chat.postMessage({ channel: unjoined, text: "x" }), "not_in_channel"],
      ["archived", client.chat.postMessage({ channel: archived, text: "x" }), "is_archived"],
      [
        "bad metadata",
        client.apiCall("chat.postMessage", { channel: general, text: "x", metadata: { event_type: "x" } }),
        "invalid_metadata_format",
      ],
      ["someone else's message", client.chat.update({ channel: general, ts: human.ts, text: "y" }), "cant_update_message"],
      ["update of a missing message", client.chat.update({ channel: general, ts: "1.000001", text: "y" }), "message_not_found"],
      ["ephemeral to a non-member", client.chat.postEphemeral({ channel: unjoined, user: bob, text: "x" }), "not_in_channel"],
      [
        "ephemeral, user not in channel",
        client.chat.postEphemeral({ channel: slack.addChannel({ name: "few" }).id, user: bob, text: "x" }),
        "user_not_in_channel",
      ],
      ["unknown user", client.users.info({ user: "U404" }), "user_not_found"],
      ["unknown email", client.users.lookupByEmail({ email: "nobody@example.org" }), "users_not_found"],
      ["history of an unjoined channel", client.conversations.history({ channel: unjoined }), "not_in_channel"],
      ["replies of a missing thread", client.conversations.replies({ channel: general, ts: "1.000001" }), "thread_not_found"],
      ["topic over 250", client.conversations.setTopic({ channel: general, topic: "x".repeat(251) }), "too_long"],
      ["unarchive of a live channel", client.conversations.unarchive({ channel: general }), "not_archived"],
      ["archive of an archived channel", client.conversations.archive({ channel: archived }), "already_archived"],
    ];
    for (const [name, call, error] of cases) {
      await expect(slackError(call).then((d) => [name, d.error])).resolves.toEqual([name, error]);
    }
  });

  it("pins a message once", async () => {
    const posted = await client.chat.postMessage({ channel: general, text: "Charter" });
    await client.pins.add({ channel: general, timestamp: posted.ts! });
    expect(slack.pins(general)).toEqual([posted.ts]);
    expect((await slackError(client.pins.add({ channel: general, timestamp: posted.ts! }))).error).toBe("already_pinned");
    expect((await slackError(client.pins.add({ channel: general, timestamp: "1.000001" }))).error).toBe("message_not_found");
  });
});

describe("conversations", () => {
  it.each([
    ["wg-climate_2025", undefined],
    ["", "invalid_name_required"],
    ["Working Group", "invalid_name_specials"],
    ["wg.climate", "invalid_name_specials"],
    ["x".repeat(80), undefined],
    ["x".repeat(81), "invalid_name_maxlength"],
    ["---", "invalid_name_punctuation"],
    ["general", "name_taken"],
  ])("conversations.create name %j → %s", async (name, error) => {
    const call = client.conversations.create({ name });
    if (error === undefined) {
      const created = await call;
      expect(created.channel).toMatchObject({ name, is_member: true, is_private: false, creator: slack.botUserId });
    } else {
      expect((await slackError(call)).error).toBe(error);
    }
  });

  it("creates private channels the bot is in", async () => {
    const created = await client.conversations.create({ name: "steering", is_private: true });
    expect(created.channel).toMatchObject({ is_private: true, is_member: true });
    expect(slack.channel("steering")).toMatchObject({ isPrivate: true });
  });

  it("invites users and reports each problem", async () => {
    const carol = slack.addUser({ name: "carol" }).id;
    const wg = (await client.conversations.create({ name: "wg-energy" })).channel!.id!;

    const invited = await client.conversations.invite({ channel: wg, users: `${alice},${carol}` });
    expect(invited.ok).toBe(true);
    expect(slack.channel(wg)!.members).toEqual(new Set([slack.botUserId, alice, carol]));

    // (WebClient adds an empty response_metadata of its own, hence toMatchObject)
    expect(await slackError(client.conversations.invite({ channel: wg, users: `${bob},${alice},U404` }))).toMatchObject({
      ok: false,
      error: "already_in_channel",
      errors: [
        { user: alice, ok: false, error: "already_in_channel" },
        { user: "U404", ok: false, error: "user_not_found" },
      ],
    });
    expect(slack.channel(wg)!.members.has(bob)).toBe(false); // nobody is added when any invite fails
    expect((await slackError(client.conversations.invite({ channel: wg, users: slack.botUserId }))).error).toBe("cant_invite_self");

    await client.conversations.archive({ channel: wg });
    expect((await slackError(client.conversations.invite({ channel: wg, users: bob }))).error).toBe("is_archived");
    const unjoined = slack.addChannel({ name: "unjoined", botIsMember: false }).id;
    expect((await slackError(client.conversations.invite({ channel: unjoined, users: bob }))).error).toBe("not_in_channel");
  });

  it("removes a member with conversations.kick, with Slack's refusals", async () => {
    const dan = slack.addUser({ name: "dan" }).id;
    const wg = (await client.conversations.create({ name: "wg-kick" })).channel!.id!;
    await client.conversations.invite({ channel: wg, users: dan });
    expect((await client.conversations.kick({ channel: wg, user: dan })).ok).toBe(true);
    expect(slack.channel(wg)!.members.has(dan)).toBe(false);
    expect((await slackError(client.conversations.kick({ channel: wg, user: dan }))).error).toBe("not_in_channel");
    expect((await slackError(client.conversations.kick({ channel: wg, user: "U404" }))).error).toBe("user_not_found");
    expect((await slackError(client.conversations.kick({ channel: wg, user: slack.botUserId }))).error).toBe("cant_kick_self");
    expect((await slackError(client.conversations.kick({ channel: "C404", user: dan }))).error).toBe("channel_not_found");
    const general = slack.addChannel({ name: "general", members: [dan] }).id;
    expect((await slackError(client.conversations.kick({ channel: general, user: dan }))).error).toBe("cant_kick_from_general");
    await client.conversations.archive({ channel: wg });
    expect((await slackError(client.conversations.kick({ channel: wg, user: dan }))).error).toBe("is_archived");
  });

  it("lists by type, hides archived on request and paginates", async () => {
    slack.addChannel({ name: "old", isArchived: true });
    slack.addChannel({ name: "private-in", isPrivate: true, botIsMember: true });
    slack.addChannel({ name: "private-out", isPrivate: true });
    for (let i = 0; i < 3; i += 1) slack.addChannel({ name: `wg-${i}` });

    const names = async (args: Record<string, unknown>) => {
      const out: string[] = [];
      for await (const page of client.paginate("conversations.list", { limit: 2, ...args })) {
        out.push(...(page as unknown as { channels: Array<{ name: string }> }).channels.map((c) => c.name));
      }
      return out;
    };
    expect(await names({})).toEqual(["general", "old", "wg-0", "wg-1", "wg-2"]);
    expect(await names({ exclude_archived: true })).toEqual(["general", "wg-0", "wg-1", "wg-2"]);
    expect(await names({ types: "private_channel" })).toEqual(["private-in"]);
    expect((await slackError(client.conversations.list({ cursor: "bm9wZQ==" }))).error).toBe("invalid_cursor");
  });

  it("joins, renames, sets topic and purpose, archives", async () => {
    const unjoined = slack.addChannel({ name: "cop-data", botIsMember: false }).id;
    await client.conversations.join({ channel: unjoined });
    const again = await client.conversations.join({ channel: unjoined });
    expect(again).toMatchObject({ ok: true, warning: "already_in_channel", response_metadata: { warnings: ["already_in_channel"] } });

    const renamed = await client.conversations.rename({ channel: unjoined, name: "cop-data-2025" });
    expect(renamed.channel).toMatchObject({ name: "cop-data-2025", previous_names: ["cop-data"] });
    expect((await slackError(client.conversations.rename({ channel: unjoined, name: "general" }))).error).toBe("name_taken");

    await client.conversations.setTopic({ channel: unjoined, topic: "Data CoP" });
    await client.conversations.setPurpose({ channel: unjoined, purpose: "Share data practice" });
    const info = await client.conversations.info({ channel: unjoined, include_num_members: true });
    expect(info.channel).toMatchObject({ topic: { value: "Data CoP" }, purpose: { value: "Share data practice" }, num_members: 1 });

    await client.conversations.archive({ channel: unjoined });
    expect(slack.channel(unjoined)!.isArchived).toBe(true);
    await client.conversations.unarchive({ channel: unjoined });
    expect(slack.channel(unjoined)!.isArchived).toBe(false);
  });

  it("pages members", async () => {
    const first = await client.conversations.members({ channel: general, limit: 2 });
    expect(first.members).toEqual([alice, bob]);
    const rest = await client.conversations.members({ channel: general, limit: 2, cursor: first.response_metadata!.next_cursor! });
    expect(rest.members).toEqual([slack.botUserId]);
    expect(rest.response_metadata?.next_cursor).toBe("");
  });
});

describe("users and auth", () => {
  it("reports time zones for the moment asked", async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 15, 12));
    slack.clock = clock.now;
    const winter = await client.users.info({ user: alice });
    expect(winter.user).toMatchObject({
      tz: "Europe/London",
      tz_offset: 0,
      tz_label: "Greenwich Mean Time",
      profile: { email: "alice@example.org" },
    });
    expect((await client.users.info({ user: bob })).user).toMatchObject({ tz: "America/New_York", tz_offset: -18000 });
    clock.set(Date.UTC(2025, 6, 15, 12));
    expect((await client.users.info({ user: alice })).user).toMatchObject({ tz_offset: 3600, tz_label: "British Summer Time" });
    expect((await client.users.lookupByEmail({ email: "ALICE@example.org" })).user?.id).toBe(alice);
  });

  it("answers auth.test as the bot", async () => {
    expect(await client.auth.test()).toMatchObject({ ok: true, team_id: slack.teamId, user_id: slack.botUserId, bot_id: slack.botId });
  });

  it("rejects unknown methods and bad or missing tokens", async () => {
    expect(await slackError(client.apiCall("chat.postMessagee", { channel: general, text: "x" }))).toMatchObject({
      error: "unknown_method",
    });
    expect((await slackError(clientFor(slack, {}, "").auth.test())).error).toBe("not_authed");
    expect((await slackError(clientFor(slack, {}, "xoxb-wrong").auth.test())).error).toBe("invalid_auth");
  });

  it("accepts JSON bodies with a bearer token, and form bodies with a token field", async () => {
    const json = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${slack.botToken}` },
      body: JSON.stringify({ channel: general, text: "json", blocks: [{ type: "divider" }] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, message: { text: "json" } });

    // Slack ignores a token inside a JSON body; it must come in the header.
    const tokenInJson = await fetch(`${slack.apiUrl}auth.test`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: slack.botToken }),
    });
    expect(await tokenInJson.json()).toEqual({ ok: false, error: "not_authed" });

    const form = await fetch(`${slack.apiUrl}auth.test`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: slack.botToken }).toString(),
    });
    expect(await form.json()).toMatchObject({ ok: true });
  });
});
