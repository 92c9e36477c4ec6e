import fc from "fast-check";
import { subcommands } from "../../src/slack/commands";
import { providers } from "../helpers/databases";
import { errorsOnly, validateView } from "../../src/local-slack";
import { expectSpecificReply, typedText } from "./support/fuzz";
import { startWorld, type World } from "./support/world";

describe.each(providers)("`/convene <anything>`, fuzzed through signed requests, on %s", (provider) => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(provider);
  });
  afterAll(() => w.close());

  /** Words people type after a subcommand: the ones Convene knows, names, mentions, dates, and anything else. */
  const args = () => {
    const known = fc.constantFrom(
      "new",
      "edit",
      "cancel",
      "rules",
      "reopen",
      "close",
      "review-channel",
      "group",
      "session",
      "staff",
      "programmes",
      "topic",
      "event",
      "membership",
      "deliverable",
      w.programmeSlug,
      "got-justice",
      "got justice",
      "trauma",
      "2026-12-01",
      "2021-02-30",
      "2021-2022",
      `<@${w.users.ariana}>`,
      `<@${w.users.bea}|bea>`,
      "<#C0123|general>",
    );
    return fc
      .array(fc.oneof({ weight: 3, arbitrary: known }, { weight: 2, arbitrary: typedText(60) }), { maxLength: 5 })
      .map((ws) => ws.join(" "));
  };
  const who = () => fc.constantFrom<keyof World["users"]>("staff", "ariana", "outsider", "dwight");

  async function expectAnswered(userId: string, text: string) {
    const errors = w.h.errors().length;
    const views = w.h.slack.views.size;
    const res = await w.h.slack.sendCommand({ userId, command: "/convene", text });
    expectSpecificReply(res);
    expect(w.h.errors().slice(errors)).toEqual([]);
    // A modal it opened is one Slack shows.
    for (const v of [...w.h.slack.views.values()].slice(views))
      expect(errorsOnly(validateView(v.view, { expectedType: v.type }))).toEqual([]);
  }

  /**
   * Always tried besides the random runs: a pasted paragraph, alone and after a known word; markup
   * that escaping lengthens; a NUL, which PostgreSQL text cannot hold.
   */
  const always = (): [keyof World["users"], string, string][] => [
    ["staff", "x".repeat(3001), " "],
    ["ariana", `${w.programmeSlug} ${"x".repeat(3001)}`, " "],
    ["staff", `got justice ${"<&>".repeat(800)}`, " "],
    ["ariana", "\u0000", " "],
    ["staff", `got\u0000justice ${w.programmeSlug}\u0000`, " "],
  ];

  it.each(subcommands.map((s) => [s.name]))(
    "%s <anything>: a specific answer, never an error",
    async (name) => {
      await fc.assert(
        fc.asyncProperty(who(), args(), fc.constantFrom(" ", "  ", "\t"), async (user, rest, sep) => {
          await expectAnswered(w.users[user], `${name}${sep}${rest}`);
        }),
        { numRuns: 20, examples: always() },
      );
    },
    60_000,
  );

  it("<anything at all>: a specific answer, never an error", async () => {
    await fc.assert(
      fc.asyncProperty(who(), typedText(200), async (user, text) => {
        await expectAnswered(w.users[user], text);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it("every answer went out without an error, even after the ack", async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(w.h.errors()).toEqual([]);
  });
});
