import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli } from "../../src/cli/main";
import { channelNameError, LocalSlack } from "../../src/local-slack";
import { COP_FACILITATORS, copWithSlackIds } from "../helpers/cop-example";
import { unwatchMarkup, watchMarkup } from "../helpers/block-kit";
import { clientFor } from "../local-slack/test-support";
import { openTestDb, providers, type TestDb } from "../helpers/databases";

const dir = mkdtempSync(path.join(tmpdir(), "convene-channels-"));

describe.each(providers)("importing a programme sets up its groups' channels in Slack, on %s", (provider) => {
  let slack: LocalSlack;
  let t: TestDb;
  let file: string;
  const channelOf = async (slug: string) => (await t.db.group.findFirstOrThrow({ where: { slug } })).channelId!;

  beforeAll(async () => {
    slack = await LocalSlack.start();
    watchMarkup(slack);
    t = await openTestDb(provider);
    for (const [name, id] of Object.entries(COP_FACILITATORS))
      slack.addUser({ id, name: name.toLowerCase().replace(/\W+/g, "."), realName: name });
    // Someone already has the name the file asks for one group: that group gets the next one.
    slack.addChannel({ name: "cop-disrupt-bias", members: [slack.addUser({ name: "someone" }).id] });
    file = path.join(dir, `cop-${provider}.yaml`);
    writeFileSync(file, copWithSlackIds());
  });
  afterAll(async () => {
    await t.close();
    await slack.stop();
    unwatchMarkup(slack);
  });

  async function cli(...argv: string[]) {
    const lines: string[] = [];
    const env = {
      DATABASE_URL: t.url,
      LOG_LEVEL: "silent",
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.apiUrl,
      CONVENE_PUBLIC_URL: "https://convene.example.org",
    };
    const code = await runCli(argv, env, (line) => lines.push(line));
    return { code, output: lines.join("\n") };
  }

  it("creates each group's channel once, named, described, with its facilitators and one pinned welcome, across two imports", async () => {
    const first = await cli("import", file);
    expect(first.code).toBe(0);
    expect(first.output).toContain("Channels:");
    expect(first.output).toContain(
      "#cop-got-justice (Got Justice? Creating and Sustaining Equitable School Culture): created #cop-got-justice; topic set; purpose set; invited 1; welcome posted and pinned",
    );
    expect(first.output).toContain("#cop-disrupt-bias-2 (Disrupt Bias in Educator Talent Decisions): created #cop-disrupt-bias-2");

    const second = await cli("import", file);
    expect(second).toEqual({
      code: 0,
      output: expect.stringMatching(
        /^No changes: programme cop-2021-2022 already matches the file\.\nChannels:\n( {2}#[a-z0-9-]+ \(.+\): already up to date\n?){5}$/,
      ),
    });

    // Four groups' channels and the programme's announcements channel.
    expect(slack.callsTo("conversations.create").filter((c) => (c.response as { ok: boolean }).ok)).toHaveLength(5);
    const groups = await t.db.group.findMany({ include: { facilitators: { include: { person: true } } }, orderBy: { slug: "asc" } });
    expect(groups.map((g) => slack.channel(g.channelId!)!.name)).toEqual([
      "cop-disrupt-bias-2",
      "cop-got-justice",
      "cop-roots-connected",
      "cop-trauma-informed",
    ]);
    for (const g of groups) {
      const channel = slack.channel(g.channelId!)!;
      expect(channelNameError(channel.name)).toBeUndefined();
      expect(channel.topic.value).toBe(`${g.name} · Communities of Practice 2021-2022`);
      expect(channel.purpose.value).toBe(g.description.length <= 250 ? g.description : `${g.description.slice(0, 249)}…`);
      for (const f of g.facilitators) expect(channel.members).toContain(f.person!.slackUserId);
      const pins = slack.pins(channel.id);
      expect(pins).toHaveLength(1);
      const welcome = slack.messages(channel.id).filter((m) => m.user === slack.botUserId);
      expect(welcome.map((m) => m.ts)).toEqual(pins);
      expect(welcome[0]!.text).toContain(`Welcome to ${g.name}!`);
      expect(JSON.stringify(welcome[0]!.blocks)).toContain(`https://convene.example.org/calendar/${g.calendarToken}.ics`);
      // Sign-ups closed on 1 October 2021, as the group's status says everywhere; staff closed one group earlier.
      expect(JSON.stringify(welcome[0]!.blocks)).toContain(
        g.status === "CLOSED" ? "*Status:* Meeting now, not taking sign-ups" : "*Status:* Sign-ups closed",
      );
    }
    // Every timeline item exists once.
    expect(await t.db.session.count()).toBe(38);
    expect(await t.db.deadline.count()).toBe(3);
  });

  it("redraws the pinned welcome's status when the calendar changes and the channels are synced", async () => {
    writeFileSync(file, copWithSlackIds().replace("due: 2021-10-01", "due: 2099-10-01"));
    expect((await cli("import", file)).code).toBe(0);
    const channel = await channelOf("got-justice");
    const welcome = slack.messages(channel).filter((m) => m.user === slack.botUserId);
    expect(welcome).toHaveLength(1);
    expect(JSON.stringify(welcome[0]!.blocks)).toContain("*Status:* Open · 20 of 20 places left");
    writeFileSync(file, copWithSlackIds());
    await cli("import", file);
    expect(JSON.stringify(slack.messages(channel).filter((m) => m.user === slack.botUserId)[0]!.blocks)).toContain(
      "*Status:* Sign-ups closed",
    );
  });

  it("renames a channel it created when the file renames it, and archives it when the group ends", async () => {
    const channel = await channelOf("got-justice");
    const renamed = copWithSlackIds().replace("channel: { create: cop-got-justice }", "channel: { create: cop-got-justice-2021 }");
    writeFileSync(file, renamed);
    expect((await cli("import", file)).output).toContain(
      "#cop-got-justice-2021 (Got Justice? Creating and Sustaining Equitable School Culture): renamed to #cop-got-justice-2021",
    );
    expect(slack.channel(channel)).toMatchObject({ name: "cop-got-justice-2021", previousNames: ["cop-got-justice"] });

    const ended = renamed.replace(
      "    capacity: 20\n    channel: { create: cop-got-justice-2021 }",
      "    capacity: 20\n    signups: ended\n    channel: { create: cop-got-justice-2021 }",
    );
    writeFileSync(file, ended);
    const out = await cli("import", file);
    expect(out.output).toContain(
      "#cop-got-justice-2021 (Got Justice? Creating and Sustaining Equitable School Culture): archived (the group has ended)",
    );
    expect(slack.channel(channel)!.isArchived).toBe(true);
    expect((await cli("import", file)).output).toContain(
      "#cop-got-justice-2021 (Got Justice? Creating and Sustaining Equitable School Culture): already up to date",
    );
  });

  it("reports a linked channel it cannot reach (private without Convene, archived) and carries on with the others", async () => {
    const hidden = slack.addChannel({ name: "leaders-private", isPrivate: true }).id;
    const archived = slack.addChannel({ name: "old-equity", isArchived: true }).id;
    const linked = copWithSlackIds()
      .replace("channel: { create: cop-trauma-informed }", `channel: { link: ${hidden} }`)
      .replace("channel: { create: cop-roots-connected }", `channel: { link: ${archived} }`);
    writeFileSync(file, linked);
    const before = slack.callsTo("conversations.invite").length;
    const out = await cli("import", file);
    expect(out.code).toBe(1);
    expect(out.output).toContain(
      `Trauma-Informed Practices to Support ALL Students: Convene cannot see ${hidden}: it was deleted, or it is private and Convene is not in it. Add Convene to the channel (or link another one), then sync again.`,
    );
    expect(out.output).toContain(
      "#old-equity (Roots ConnectED Anti-Bias and Social Justice Institute Follow-up Coaching): #old-equity is archived. Unarchive it in Slack (or link another channel), then sync again.",
    );
    expect(out.output).toContain("#cop-disrupt-bias-2 (Disrupt Bias in Educator Talent Decisions): already up to date");
    // This file reopens the group that ended above: its archived channel needs attention too.
    expect(out.output).toContain(
      "#cop-got-justice-2021 (Got Justice? Creating and Sustaining Equitable School Culture): #cop-got-justice-2021 is archived.",
    );
    expect(out.output).toMatch(/3 channels need attention: fix them in Slack, then run the import again\.$/);
    // Nothing was attempted in the channels Convene cannot use.
    expect(
      slack
        .callsTo("conversations.invite")
        .slice(before)
        .map((c) => c.args.channel),
    ).not.toContain(hidden);
    expect(slack.messages(archived)).toEqual([]);
  });

  it("welcomes the group in a channel it is moved to", async () => {
    writeFileSync(file, copWithSlackIds());
    await cli("import", file);
    expect((await t.db.group.findFirstOrThrow({ where: { slug: "disrupt-bias" } })).welcomeTs).not.toBeNull();
    const moved = slack.addChannel({ name: "equity-talent", members: [slack.addUser({ name: "talent.lead" }).id] }).id;
    writeFileSync(file, copWithSlackIds().replace("channel: { create: cop-disrupt-bias }", `channel: { link: ${moved} }`));
    const out = await cli("import", file);
    expect(out.output).toContain(
      "#equity-talent (Disrupt Bias in Educator Talent Decisions): topic set; purpose set; invited 2; welcome posted and pinned",
    );
    const welcome = slack.messages(moved).filter((m) => m.user === slack.botUserId);
    expect(welcome.map((m) => m.text)).toEqual([expect.stringContaining("Welcome to Disrupt Bias in Educator Talent Decisions!")]);
    expect(slack.pins(moved)).toEqual([welcome[0]!.ts]);
  });

  it("adopts the channel it created when the link to it was never saved, instead of making a -2", async () => {
    // As if the process died between Slack creating the channel and the database saving the link.
    const orphan =
      slack.channel("cop-trauma-informed")?.id ??
      (await clientFor(slack).conversations.create({ name: "cop-trauma-informed" })).channel!.id!;
    await t.db.group.updateMany({ where: { slug: "trauma-informed" }, data: { channelId: null } });
    writeFileSync(file, copWithSlackIds());

    const out = await cli("import", file);
    expect(out.output).toContain(
      "#cop-trauma-informed (Trauma-Informed Practices to Support ALL Students): linked #cop-trauma-informed, which Convene created before",
    );
    expect(await channelOf("trauma-informed")).toBe(orphan);
    expect(slack.channel("cop-trauma-informed-2")).toBeUndefined();
  });

  it("starts next year from the command line: its channels created under new names, last year's left as they were", async () => {
    const lastYear = async () =>
      (await t.db.group.findMany({ where: { programme: { slug: "cop-2021-2022" } }, orderBy: { slug: "asc" } })).map((g) => [
        g.slug,
        g.channelId,
        g.channelName,
      ]);
    const before = await lastYear();
    const inSlack = (ids: unknown[]) =>
      ids
        .flatMap((id) => (id ? [slack.channel(id as string)] : []))
        .map((c) => c && { name: c.name, archived: c.isArchived, topic: c.topic.value, members: [...c.members].sort() });
    const slackBefore = inSlack(before.map(([, id]) => id));
    const out = await cli("rollover", "cop-2021-2022", "--to", "cop-2022-2023");
    expect(out.code).toBe(0);
    expect(out.output).toContain(
      "#cop-roots-connected-2022-23 (Roots ConnectED Anti-Bias and Social Justice Institute Follow-up Coaching): created #cop-roots-connected-2022-23; topic set; purpose set; invited 1; welcome posted and pinned",
    );
    expect(out.output).toMatch(
      /#cop-got-justice-[0-9-]+ \(Got Justice\? Creating and Sustaining Equitable School Culture\): created #cop-got-justice-/,
    );
    expect(out.output).toContain("#cop-announcements-2022-23 (Announcements): created #cop-announcements-2022-23");
    const next = await t.db.group.findMany({ where: { programme: { slug: "cop-2022-2023" } } });
    expect(next.map((g) => g.channelId).filter((id) => before.some(([, old]) => old === id))).toEqual([]);
    expect(await lastYear()).toEqual(before);
    expect(inSlack(before.map(([, id]) => id))).toEqual(slackBefore);
  });
});
