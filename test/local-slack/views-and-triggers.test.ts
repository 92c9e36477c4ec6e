import type { WebClient } from "@slack/web-api";
import { ManualClock } from "../../src/local-slack/clock";
import { LocalSlack } from "../../src/local-slack/local-slack";
import { clientFor, slackError } from "./test-support";

const plain = (text: string) => ({ type: "plain_text" as const, text });
const modal = (title: string, extra: Record<string, unknown> = {}) => ({
  type: "modal" as const,
  title: plain(title),
  submit: plain("Save"),
  callback_id: "propose",
  blocks: [{ type: "input", block_id: "title", label: plain("Title"), element: { type: "plain_text_input", action_id: "title_input" } }],
  ...extra,
});
const home = (text: string) => ({ type: "home" as const, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] });

let clock: ManualClock;
let slack: LocalSlack;
let client: WebClient;
let alice: string;

beforeEach(async () => {
  clock = new ManualClock(Date.UTC(2025, 2, 1, 9));
  slack = await LocalSlack.start({ now: clock.now });
  client = clientFor(slack);
  alice = slack.addUser({ name: "alice" }).id;
});

afterEach(async () => {
  await slack.stop();
  expect(slack.internalErrors).toEqual([]);
});

describe("trigger ids", () => {
  it("opens a modal for the user the trigger belongs to", async () => {
    const opened = await client.views.open({ trigger_id: slack.issueTriggerId(alice), view: modal("Propose a session") });
    const id = opened.view!.id!;
    expect(opened.view).toMatchObject({
      id,
      type: "modal",
      callback_id: "propose",
      root_view_id: id,
      previous_view_id: null,
      app_id: slack.appId,
    });
    expect(slack.openModals(alice).map((v) => v.id)).toEqual([id]);
    expect(slack.views.get(id)).toMatchObject({ userId: alice, isOpen: true, openedVia: "views.open", callbackId: "propose" });
  });

  it("can be exchanged only once", async () => {
    const trigger = slack.issueTriggerId(alice);
    await client.views.open({ trigger_id: trigger, view: modal("One") });
    expect((await slackError(client.views.open({ trigger_id: trigger, view: modal("Two") }))).error).toBe("exchanged_trigger_id");
  });

  it("expires three seconds after the interaction", async () => {
    const onTime = slack.issueTriggerId(alice);
    const late = slack.issueTriggerId(alice);
    clock.advance(3000);
    await expect(client.views.open({ trigger_id: onTime, view: modal("On time") })).resolves.toMatchObject({ ok: true });
    clock.advance(1);
    expect((await slackError(client.views.open({ trigger_id: late, view: modal("Late") }))).error).toBe("expired_trigger_id");
  });

  it("rejects trigger ids it never issued", async () => {
    expect((await slackError(client.views.open({ trigger_id: "12345.98765.abcd2358fdea", view: modal("x") }))).error).toBe(
      "invalid_trigger_id",
    );
    expect(await slackError(client.apiCall("views.open", { view: modal("x") }))).toMatchObject({
      error: "invalid_arguments",
      response_metadata: { messages: ["invalid `trigger_id`"] },
    });
  });

  it("leaves the trigger usable when the view is rejected", async () => {
    const trigger = slack.issueTriggerId(alice);
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal("A title longer than 24 chars") }))).toMatchObject({
      ok: false,
      error: "invalid_arguments",
      response_metadata: {
        messages: [
          "[ERROR] failed to match all allowed schemas [json-pointer:/view]",
          "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]",
        ],
      },
    });
    await expect(client.views.open({ trigger_id: trigger, view: modal("Fixed") })).resolves.toMatchObject({ ok: true });
  });
});

describe("modal stacks and updates", () => {
  it("pushes up to three views, then refuses", async () => {
    expect(await slackError(client.views.push({ trigger_id: slack.issueTriggerId(alice), view: modal("Nothing open") }))).toMatchObject({
      error: "invalid_arguments",
    });
    const root = (await client.views.open({ trigger_id: slack.issueTriggerId(alice), view: modal("Root") })).view!.id!;
    const second = await client.views.push({ trigger_id: slack.issueTriggerId(alice), view: modal("Second") });
    expect(second.view).toMatchObject({ root_view_id: root, previous_view_id: root });
    await client.views.push({ trigger_id: slack.issueTriggerId(alice), view: modal("Third") });
    expect((await slackError(client.views.push({ trigger_id: slack.issueTriggerId(alice), view: modal("Fourth") }))).error).toBe(
      "push_limit_reached",
    );
    expect(slack.openModals(alice)).toHaveLength(3);
  });

  it("updates by view_id or external_id and guards with hash", async () => {
    const opened = await client.views.open({
      trigger_id: slack.issueTriggerId(alice),
      view: modal("Draft", { external_id: "proposal-7" }),
    });
    const { id, hash } = opened.view as { id: string; hash: string };

    const updated = await client.views.update({ view_id: id, hash, view: modal("Saving…") });
    expect(updated.view?.hash).not.toBe(hash);
    expect((await slackError(client.views.update({ view_id: id, hash, view: modal("Stale") }))).error).toBe("hash_conflict");

    await client.views.update({ external_id: "proposal-7", view: modal("By external id", { external_id: "proposal-7" }) });
    expect(slack.view(id)).toMatchObject({ view: { title: plain("By external id") } });
    expect(slack.view(id)!.versions.map((v) => (v.title as { text: string }).text)).toEqual(["Draft", "Saving…"]);

    expect((await slackError(client.views.update({ view_id: "V404", view: modal("x") }))).error).toBe("not_found");
    expect(
      (await slackError(client.views.open({ trigger_id: slack.issueTriggerId(alice), view: modal("Dup", { external_id: "proposal-7" }) })))
        .error,
    ).toBe("duplicate_external_id");
  });

  it("cannot update a modal the user closed", async () => {
    const id = (await client.views.open({ trigger_id: slack.issueTriggerId(alice), view: modal("Closing") })).view!.id!;
    await expect(slack.closeView({ viewId: id })).resolves.toBeNull(); // notify_on_close is off: nothing is sent
    expect(slack.openModals(alice)).toEqual([]);
    expect((await slackError(client.views.update({ view_id: id, view: modal("Too late") }))).error).toBe("not_found");
  });

  it("refuses views over 250 kB", async () => {
    const huge = modal("Huge", {
      private_metadata: "",
      blocks: Array.from({ length: 100 }, () => ({ type: "section", text: { type: "mrkdwn", text: "x".repeat(2900) } })),
    });
    expect((await slackError(client.views.open({ trigger_id: slack.issueTriggerId(alice), view: huge }))).error).toBe("view_too_large");
  });
});

describe("views.publish", () => {
  it("keeps the last published Home tab per user", async () => {
    const first = await client.views.publish({ user_id: alice, view: home("Welcome") });
    const second = await client.views.publish({ user_id: alice, view: home("Your sessions"), hash: first.view!.hash! });
    expect(second.view?.id).toBe(first.view?.id);
    expect(slack.homeView(alice)).toMatchObject({
      type: "home",
      view: { blocks: [expect.objectContaining({ text: { type: "mrkdwn", text: "Your sessions" } })] },
    });
    expect((await slackError(client.views.publish({ user_id: alice, view: home("Stale"), hash: first.view!.hash! }))).error).toBe(
      "hash_conflict",
    );
  });

  it("only takes home views for known users", async () => {
    expect(await slackError(client.views.publish({ user_id: alice, view: modal("Not home") }))).toMatchObject({
      error: "invalid_arguments",
      response_metadata: { messages: expect.arrayContaining(["[ERROR] must be a valid enum value [json-pointer:/view/type]"]) },
    });
    expect(await slackError(client.views.publish({ user_id: "U404", view: home("x") }))).toMatchObject({
      error: "invalid_arguments",
      response_metadata: { messages: ["invalid `user_id`"] },
    });
    expect(slack.homeView(alice)).toBeUndefined();
  });
});
