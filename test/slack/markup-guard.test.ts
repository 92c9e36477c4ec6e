/**
 * The guard every end-to-end suite runs (test/helpers/block-kit.ts, installed by the harness): it
 * must fail on a message, view, topic or purpose that carries unescaped markup, and pass Convene's own.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { LocalSlack } from "../../src/local-slack";
import { escapeMrkdwn, plainSlackText, slackLink } from "../../src/views/message";
import { markupProblems, mrkdwnProblems, unwatchMarkup, watchMarkup } from "../helpers/block-kit";
import { clientFor } from "../local-slack/test-support";

const HOSTILE = "https://evil.example/|Official-Zoom><!channel><https://evil.example/login|Join";

describe("the markup guard", () => {
  it.each([
    ["<!channel> meeting moved", "a broadcast <!channel>"],
    ["hi <!here>", "a broadcast <!here>"],
    ["<!everyone>", "a broadcast <!everyone>"],
    ["ping <!subteam^S123|@staff>", "a broadcast <!subteam^S123|@staff>"],
    ["<b>bold</b>", "markup <b>"],
    ["a < b", "an unescaped <"],
    [`<${HOSTILE}|Meeting link>`, "a link whose target breaks out: <https://evil.example/login|Join|Meeting link>"],
    ["<https://ok.example/a b|x>", "a link whose target breaks out: <https://ok.example/a b|x>"],
  ])("finds the problem in %j", (text, problem) => {
    expect(mrkdwnProblems(text)).toContain(problem);
  });

  it.each([
    "Hello <@U0123ABC>, see <#C0123ABC> on <!date^1700000000^{date_short}|Nov 14>",
    `Typed: ${escapeMrkdwn("<!channel> & <b>*stars*</b>")}`,
    `Join: ${slackLink(HOSTILE, "Meeting link")}`,
    plainSlackText("Topic <!channel>"),
  ])("passes what Convene writes: %j", (text) => {
    expect(mrkdwnProblems(text)).toEqual([]);
  });

  it("fails on a bad message, ephemeral, view, topic and purpose sent to the local Slack, and not on good ones", async () => {
    const slack = await LocalSlack.start();
    try {
      const client = clientFor(slack);
      const user = slack.addUser({ name: "ana" }).id;
      const channel = slack.addChannel({ name: "wg", members: [user] }).id;
      await client.chat.postMessage({
        channel,
        text: "fine",
        blocks: [{ type: "section", text: { type: "plain_text", text: "<!channel> as typed, in plain_text" } }],
      });
      expect(markupProblems(slack)).toEqual([]);

      watchMarkup(slack);
      await client.chat.postMessage({
        channel,
        text: "New proposal: <!channel>",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "fine" } }],
      });
      await client.chat.postEphemeral({
        channel,
        user,
        text: "ok",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: `<${HOSTILE}|Meeting link>` } }],
      });
      await client.views.publish({
        user_id: user,
        view: { type: "home", blocks: [{ type: "context", elements: [{ type: "mrkdwn", text: "<!here>" }] }] },
      });
      await client.conversations.setTopic({ channel, topic: "<!everyone>" });
      await client.conversations.setPurpose({ channel, purpose: "<https://x.example/|y>" });
      const problems = markupProblems(slack);
      expect(problems).toEqual([
        expect.stringMatching(/^chat\.postMessage: a broadcast <!channel>/),
        expect.stringMatching(/^chat\.postEphemeral: .*a link whose target breaks out/),
        expect.stringMatching(/^views\.publish: a broadcast <!here>/),
        expect.stringMatching(/^conversations\.setTopic: a broadcast <!everyone>/),
        expect.stringMatching(/^conversations\.setPurpose: an unescaped <https:/),
        expect.stringMatching(/^home view: a broadcast <!here>/),
      ]);
      // A suite that resets its Slack between tests is still checked, and fails when it stops.
      slack.reset();
      expect(() => unwatchMarkup(slack)).toThrow(/a broadcast <!channel>/);
    } finally {
      await slack.stop();
    }
  });

  it("runs over every end-to-end suite: each starts its Slack through the harness or watches it itself", () => {
    const dir = path.join(__dirname, "..", "e2e");
    const unguarded = readdirSync(dir)
      .filter((f) => f.endsWith(".test.ts"))
      .filter((f) => {
        const source = readFileSync(path.join(dir, f), "utf8");
        return source.includes("LocalSlack.start(") && !source.includes("watchMarkup(");
      });
    expect(unguarded).toEqual([]);
    expect(readFileSync(path.join(__dirname, "..", "helpers", "harness.ts"), "utf8")).toContain("watchMarkup(slack)");
  });
});
