import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli } from "../../src/cli/main";
import type { CommandResult } from "../../src/local-slack";
import { ATTENDANCE_CALLBACK, attendanceActionId, attendanceBlockId } from "../../src/views/attendance-modal";
import { ATTENDANCE_RECORD, RSVP_GOING } from "../../src/views/reminder-message";
import { SESSION_BLOCKS as S, SESSION_MODAL_CALLBACK } from "../../src/views/session-modal";
import { ADMIN_PROGRAMME_SETTINGS } from "../../src/views/admin-menu-modal";
import { PROGRAMME_SETTINGS_BLOCKS as P, PROGRAMME_SETTINGS_CALLBACK } from "../../src/views/programme-settings-modal";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";

const dir = mkdtempSync(path.join(tmpdir(), "convene-announcements-"));
const STAFF = "U0STAFF011";
const FAY = "U0FAY00011";

/** A programme of our own: one group, a sign-up deadline, a kickoff for everyone, an orientation only for facilitators, a showcase where the group presents. */
const FILE = `slug: spring-cohort
name: Spring Cohort
kind: cop_cohort
timezone: America/Chicago
announcements: { create: spring-news }
groups:
  - slug: readers
    name: Readers Circle
    channel: { create: spring-readers }
    facilitators:
      - { name: Fay Lee, slack: ${FAY} }
deadlines:
  - { key: signups-close, kind: signups_close, title: Spring sign-ups close, due: 2031-03-03 }
sessions:
  - { key: orientation, title: Facilitator Orientation, audience: facilitators, time: 13:00-14:00, date: 2031-03-05 }
  - { key: kickoff, title: Spring Kickoff, time: 15:00-16:30, date: 2031-03-12 }
  - { key: showcase, title: Spring Showcase, time: 15:00-16:00, date: 2031-03-26, featured_groups: [readers] }
reminders:
  - { for: session, before: 1d, to: group_channel }
  - { for: deadline, before: 1d, to: announcements }
`;

/** A Chicago wall-clock time (CST in March before the 9th, CDT after) as an instant. */
const chicago = (local: string, offset = "-06:00") => new Date(`${local}:00${offset}`);

describe.each(providers)("the programme's announcements channel, end to end on %s", (provider) => {
  let h: Harness;
  let news: string;
  let readers: string;
  let file: string;

  async function cli(...argv: string[]) {
    const lines: string[] = [];
    const env = { DATABASE_URL: h.t.url, LOG_LEVEL: "silent", SLACK_BOT_TOKEN: h.slack.botToken, SLACK_API_URL: h.slack.apiUrl };
    const code = await runCli(argv, env, (line) => lines.push(line));
    return { code, output: lines.join("\n") };
  }
  const say = async (userId: string, words: string): Promise<CommandResult> => {
    const res = await h.slack.sendCommand({ userId, command: "/convene", text: words });
    expect(res.status).toBe(200);
    return res;
  };
  /** Every message Convene posted in any channel (not DMs), as text and blocks. */
  const everythingPublic = () =>
    h.slack
      .channels()
      .filter((c) => !c.isIm)
      .flatMap((c) => h.slack.messages(c.id).map((m) => JSON.stringify([m.text, m.blocks])));
  const reminders = (channel: string, what: string) => h.slack.messages(channel).filter((m) => (m.text ?? "").includes(what));

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF });
    h.slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff", tz: "America/New_York" });
    h.slack.addUser({ id: FAY, name: "fay", realName: "Fay Lee", tz: "America/Los_Angeles" });
    file = path.join(dir, `spring-${provider}.yaml`);
  });
  afterAll(() => h.stop());

  it("warns, in the dry run and the import, when reminder rules post to announcements and the programme has no channel", async () => {
    writeFileSync(file, FILE.replace("announcements: { create: spring-news }\n", ""));
    const dry = await cli("import", file, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.output).toContain(
      "Warning: 2 reminder rules post to announcements, but the programme has no announcements channel: add `announcements:` (e.g. announcements: { create: spring-cohort-announcements }).",
    );
    expect(dry.output).toContain("Dry run: nothing was written.");
  });

  it("lists, in staff's reminder queue, the reminders blocked for want of an announcements channel, with the reason", async () => {
    expect((await cli("import", file)).code).toBe(0);
    h.convene.services.now = () => chicago("2031-02-27T09:00");
    await say(STAFF, "reminders");
    await h.slack.waitFor(() => JSON.stringify(h.slack.openModals(STAFF).at(-1)?.view.blocks ?? []).includes("Blocked"), {
      what: "the queue's blocked reminders",
    });
    const queue = JSON.stringify(h.slack.openModals(STAFF).at(-1)!.view.blocks);
    expect(queue).toContain("Spring sign-ups close");
    expect(queue).toContain(
      "Blocked: Spring Cohort has no announcements channel: add \u02CBannouncements:\u02CB to its file, or set one with \u02CB/convene admin announcements\u02CB",
    );
    await h.slack.closeView({ viewId: h.slack.openModals(STAFF).at(-1)!.id, userId: STAFF });
  });

  it("creates the channel once, joined, with its topic, purpose and one pinned welcome saying what is posted there", async () => {
    writeFileSync(file, FILE);
    const first = await cli("import", file);
    expect(first.output).not.toContain("Warning:");
    expect(first.output).toContain("#spring-news (Announcements): created #spring-news; topic set; purpose set; welcome posted and pinned");
    expect(first.code).toBe(0);
    const again = await cli("import", file);
    expect(again.output).toContain("#spring-news (Announcements): already up to date");

    const programme = await h.t.db.programme.findUniqueOrThrow({ where: { slug: "spring-cohort" } });
    news = programme.announcementChannelId!;
    readers = (await h.t.db.group.findFirstOrThrow({ where: { slug: "readers" } })).channelId!;
    const channel = h.slack.channel(news)!;
    expect(channel.name).toBe("spring-news");
    expect(channel.members.has(h.slack.botUserId)).toBe(true);
    expect(channel.topic.value).toBe("Announcements · Spring Cohort");
    expect(channel.purpose.value).toBe("Deadlines and sessions for everyone in Spring Cohort, posted by Convene.");
    expect(h.slack.pins(news)).toHaveLength(1);
    const welcome = h.slack.messages(news);
    expect(welcome).toHaveLength(1);
    expect(JSON.stringify(welcome[0]!.blocks)).toContain("a reminder before each deadline of the programme");
    expect(h.slack.callsTo("conversations.create").filter((c) => c.args.name === "spring-news")).toHaveLength(1);

    // The export gives the channel back as the file said it.
    const exported = await cli("export", "spring-cohort");
    expect(exported.output).toContain("announcements: {create: spring-news}");
    expect(exported.output).toContain("audience: facilitators");
  });

  it("names the real channel in /convene deadlines", async () => {
    h.convene.services.now = () => chicago("2031-02-20T09:00");
    // Staff are known to Convene once they have used it: from then on they take attendance at sessions for everyone.
    await say(STAFF, "help");
    const res = await say(STAFF, "deadlines");
    expect(JSON.stringify(res.body)).toContain(`Convene posts a reminder before each one in <#${news}>.`);
  });

  it("lists the facilitators-only session only to the programme's facilitators and staff, and keeps it out of the feeds", async () => {
    const member = h.slack.addUser({ name: "mel", realName: "Mel Member" }).id;
    const listed = async (userId: string) => JSON.stringify((await say(userId, "sessions")).body);
    expect(await listed(member)).toContain("Spring Kickoff");
    expect(await listed(member)).not.toContain("Facilitator Orientation");
    expect(await listed(FAY)).toContain("Facilitator Orientation");
    expect(await listed(STAFF)).toContain("Facilitator Orientation");
    const programme = await h.t.db.programme.findUniqueOrThrow({ where: { slug: "spring-cohort" } });
    const feed = await (await fetch(`${h.baseUrl}/calendar/${programme.calendarToken}.ics`)).text();
    expect(feed).toContain("Spring Kickoff");
    expect(feed).not.toContain("Facilitator Orientation");
  });

  it("posts the eve-of-deadline reminder to the announcements channel exactly once", async () => {
    const eve = chicago("2031-03-02T23:59");
    await h.tick(new Date(eve.getTime() + 30_000));
    await h.tick(new Date(eve.getTime() + 90_000));
    const posted = reminders(news, "Spring sign-ups close is due");
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]!.blocks)).toContain("<!date^"); // each reader sees their own zone
    expect(reminders(readers, "Spring sign-ups close")).toHaveLength(0);
  });

  it("reminds the programme's facilitators of a facilitators-only session by DM and never posts it publicly", async () => {
    await h.tick(chicago("2031-03-04T13:00"));
    await h.tick(chicago("2031-03-04T13:01"));
    const dm = reminders(h.slack.dmChannelId(FAY), "Reminder: Facilitator Orientation");
    expect(dm).toHaveLength(1);
    expect(JSON.stringify(dm[0]!.blocks)).toContain("For facilitators · Spring Cohort");
    expect(everythingPublic().filter((m) => m.includes("Facilitator Orientation"))).toEqual([]);
  });

  it("posts the eve-of-session reminder for everyone to the announcements channel once, with Going / Can't make it", async () => {
    const eve = chicago("2031-03-11T15:00", "-05:00");
    await h.tick(new Date(eve.getTime() + 30_000));
    await h.tick(new Date(eve.getTime() + 90_000));
    const posted = reminders(news, "Reminder: Spring Kickoff");
    expect(posted).toHaveLength(1);
    expect(reminders(readers, "Spring Kickoff")).toHaveLength(0);
    const blocks = JSON.stringify(posted[0]!.blocks);
    expect(blocks).toContain("Going (0)");
    expect(blocks).toContain("Can't make it (0)");

    const click = await h.slack.clickButton({ userId: FAY, actionId: RSVP_GOING, channelId: news, messageTs: posted[0]!.ts });
    expect(click.status).toBe(200);
    await h.slack.waitFor(() => JSON.stringify(h.slack.messages(news).find((m) => m.ts === posted[0]!.ts)!.blocks).includes("Going (1)"));
  });

  it("sends staff the attendance prompt owed during three days of downtime, marked late", async () => {
    // The kickoff ends at 16:30 on the 12th: its prompt was due at 17:30; Convene was down until the 15th.
    await h.tick(chicago("2031-03-15T17:35", "-05:00"));
    const prompt = h.slack.messages(h.slack.dmChannelId(STAFF)).filter((m) => (m.text ?? "").includes("How did Spring Kickoff go?"));
    expect(prompt).toHaveLength(1);
    expect(JSON.stringify(prompt[0]!.blocks)).toContain("Sent late: Convene could not ask on time");
    await h.tick(chicago("2031-03-15T17:36", "-05:00"));
    expect(h.slack.messages(h.slack.dmChannelId(STAFF)).filter((m) => (m.text ?? "").includes("How did Spring Kickoff go?"))).toHaveLength(
      1,
    );
    // The group's facilitator is not asked about a session for everyone.
    expect(reminders(h.slack.dmChannelId(FAY), "How did Spring Kickoff go?")).toHaveLength(0);
  });

  it("lets staff record who came to the facilitators-only orientation, from its prompt", async () => {
    h.convene.services.now = () => chicago("2031-03-15T18:00", "-05:00");
    const staffDm = h.slack.dmChannelId(STAFF);
    const prompt = reminders(staffDm, "How did Facilitator Orientation go?");
    expect(prompt).toHaveLength(1);
    await h.slack.clickButton({ userId: STAFF, channelId: staffDm, messageTs: prompt[0]!.ts, actionId: ATTENDANCE_RECORD });
    await h.slack.waitFor(() => h.slack.openModals(STAFF).at(-1)?.callbackId === ATTENDANCE_CALLBACK, { what: "the attendance modal" });
    const modal = h.slack.openModals(STAFF).at(-1)!;
    expect(JSON.stringify(modal.view.blocks)).toContain("the facilitators of Spring Cohort");
    expect(JSON.stringify(modal.view.blocks)).toContain("Fay Lee");
    const fay = await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: FAY } });
    const saved = await h.slack.submitView({ viewId: modal.id, values: { [attendanceBlockId(0)]: { [attendanceActionId(0)]: [fay.id] } } });
    expect(saved.responseAction).toBe("update");
    const orientation = await h.t.db.session.findFirstOrThrow({ where: { key: "orientation" } });
    expect(await h.t.db.attendance.findMany({ where: { sessionId: orientation.id }, select: { personId: true, attended: true } })).toEqual([
      { personId: fay.id, attended: true },
    ]);
  });

  it("lets staff move the announcements to another channel from /convene admin, and refuses anyone else", async () => {
    const other = h.slack.addChannel({ name: "coalition-news" }).id;
    const refused = await say(FAY, `admin announcements spring-cohort <#${other}|coalition-news>`);
    expect(JSON.stringify(refused.body)).toContain("Only coalition staff");
    await say(STAFF, `admin announcements spring-cohort <#${other}|coalition-news>`);
    await h.slack.waitFor(() => h.slack.pins(other).length === 1, { what: "the welcome pinned in #coalition-news" });
    expect((await h.t.db.programme.findUniqueOrThrow({ where: { slug: "spring-cohort" } })).announcementChannelId).toBe(other);
    expect(h.slack.channel(other)!.members.has(h.slack.botUserId)).toBe(true);
    expect(h.slack.channel(other)!.topic.value).toBe("Announcements · Spring Cohort");
    const exported = await cli("export", "spring-cohort");
    expect(exported.output).toContain(`announcements: {link: ${other}}`);
  });

  it("schedules a facilitators-only session from the session form: listed and reminded to facilitators only", async () => {
    const programme = await h.t.db.programme.findUniqueOrThrow({ where: { slug: "spring-cohort" } });
    h.convene.services.now = () => chicago("2031-03-16T09:00", "-05:00");
    await say(STAFF, "admin session new");
    await h.slack.waitFor(() => h.slack.openModals(STAFF).at(-1)?.callbackId === SESSION_MODAL_CALLBACK, { what: "the session form" });
    const form = h.slack.openModals(STAFF).at(-1)!;
    // The form offers the programme's facilitators as an audience of their own.
    expect(JSON.stringify(form.view.blocks)).toContain("Only the facilitators of Spring Cohort");
    const saved = await h.slack.submitView({
      viewId: form.id,
      values: {
        [S.scope]: { scope: `facilitators:${programme.id}` },
        [S.title]: { title: "Facilitator Check-in" },
        [S.date]: { date: "2031-03-20" },
        [S.time]: { time: "13:00" },
        [S.duration]: { duration: "45" },
        [S.timezone]: { timezone: "America/Chicago" },
      },
    });
    expect(saved.responseAction).toBe("clear");
    expect(await h.t.db.session.findFirstOrThrow({ where: { title: "Facilitator Check-in" } })).toMatchObject({
      audience: "FACILITATORS",
      groupId: null,
      programmeId: programme.id,
    });

    const member = h.slack.addUser({ name: "mo", realName: "Mo Member" }).id;
    expect(JSON.stringify((await say(member, "sessions")).body)).not.toContain("Facilitator Check-in");
    expect(JSON.stringify((await say(FAY, "sessions")).body)).toContain("Facilitator Check-in");
    await h.tick(chicago("2031-03-19T13:00", "-05:00"));
    await h.tick(chicago("2031-03-19T13:01", "-05:00"));
    expect(reminders(h.slack.dmChannelId(FAY), "Reminder: Facilitator Check-in")).toHaveLength(1);
    expect(everythingPublic().filter((m) => m.includes("Facilitator Check-in"))).toEqual([]);
  });

  it("tells a group its presentation is coming in its own channel, once, beside the reminder for everyone", async () => {
    const programme = await h.t.db.programme.findUniqueOrThrow({ where: { slug: "spring-cohort" } });
    const eve = chicago("2031-03-25T15:00", "-05:00");
    await h.tick(new Date(eve.getTime() + 30_000));
    await h.tick(new Date(eve.getTime() + 90_000));
    expect(reminders(programme.announcementChannelId!, "Reminder: Spring Showcase")).toHaveLength(1);
    const note = reminders(readers, "Your group presents on");
    expect(note).toHaveLength(1);
    expect(note[0]!.text).toBe("Your group presents on Wednesday, March 26, 2031, at Spring Showcase.");
    expect(JSON.stringify(note[0]!.blocks)).toContain("*Your group presents on <!date^");
    // Members answer there as anywhere; every copy of the reminder shows the count.
    await h.slack.clickButton({ userId: FAY, actionId: RSVP_GOING, channelId: readers, messageTs: note[0]!.ts });
    await h.slack.waitFor(
      () =>
        JSON.stringify(
          h.slack.messages(programme.announcementChannelId!).find((m) => (m.text ?? "").includes("Reminder: Spring Showcase"))!.blocks,
        ).includes("Going (1)"),
      { what: "the count in the announcements" },
    );
    expect(JSON.stringify(h.slack.messages(readers).find((m) => m.ts === note[0]!.ts)!.blocks)).toContain("Your group presents on");
  });

  it("lets staff set the announcements channel in the programme settings form, from the admin menu or the command", async () => {
    const top = () => h.slack.openModals(STAFF).at(-1);
    await say(STAFF, "admin");
    await h.slack.waitFor(() => top()?.callbackId === "admin_menu", { what: "the admin menu" });
    const before = (await h.t.db.programme.findUniqueOrThrow({ where: { slug: "spring-cohort" } })).announcementChannelId!;
    expect(JSON.stringify(top()!.view.blocks)).toContain(`Announcements: <#${before}>`);
    await h.slack.clickButton({
      userId: STAFF,
      viewId: top()!.id,
      actionId: ADMIN_PROGRAMME_SETTINGS,
      blockId: "admin_programme_actions_spring-cohort",
    });
    await h.slack.waitFor(() => top()?.callbackId === PROGRAMME_SETTINGS_CALLBACK, { what: "the programme settings form" });
    const form = top()!;
    expect(JSON.stringify(form.view.blocks)).toContain(`Announcements go to <#${before}>.`);

    // Neither or both: said on the field.
    const neither = await h.slack.submitView({ viewId: form.id, values: { [P.link]: { channel: null } } });
    expect(neither.errors).toEqual({ [P.link]: "Pick a channel, or name one below for Convene to create." });
    const both = await h.slack.submitView({
      viewId: form.id,
      values: { [P.link]: { channel: before }, [P.create]: { name: "spring-updates" } },
    });
    expect(both.errors).toEqual({ [P.create]: "Pick a channel or name a new one, not both." });

    const dms = h.slack.messages(h.slack.dmChannelId(STAFF)).length;
    const saved = await h.slack.submitView({
      viewId: form.id,
      values: { [P.link]: { channel: null }, [P.create]: { name: "spring-updates" } },
    });
    expect(saved.responseAction).toBe("clear");
    await h.slack.waitFor(() => h.slack.messages(h.slack.dmChannelId(STAFF)).length > dms, { what: "the outcome by DM" });
    const created = h.slack.channel("spring-updates")!;
    expect((await h.t.db.programme.findUniqueOrThrow({ where: { slug: "spring-cohort" } })).announcementChannelId).toBe(created.id);
    expect(h.slack.pins(created.id)).toHaveLength(1);
    expect(JSON.stringify(h.slack.messages(h.slack.dmChannelId(STAFF)).at(-1)!.blocks)).toContain("created #spring-updates");

    // The command opens the same form for one programme, and only for staff.
    expect(JSON.stringify((await say(FAY, "admin announcements spring-cohort")).body)).toContain("Only coalition staff");
    await say(STAFF, "admin announcements spring-cohort");
    await h.slack.waitFor(() => top()?.callbackId === PROGRAMME_SETTINGS_CALLBACK && JSON.stringify(top()!.view).includes(created.id), {
      what: "the form from the command",
    });
    await h.slack.closeView({ viewId: top()!.id, userId: STAFF });
  });
});
