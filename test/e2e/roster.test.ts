import { parse } from "csv-parse/sync";
import { DateTime } from "luxon";
import { GROUP_MESSAGE_BLOCK, GROUP_MESSAGE_CALLBACK } from "../../src/views/group-message-modal";
import { HOME_ROSTER } from "../../src/views/home-view";
import { ATTENDANCE_CSV_HEADER, ROSTER_CSV_HEADER } from "../../src/views/roster-csv";
import { ROSTER_EXPORT_CSV, ROSTER_MESSAGE_GROUP } from "../../src/views/roster-modal";
import { expectValidBlockKit } from "../helpers/block-kit";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";
import { seedGroup, seedProgramme, seedSession, ZONE } from "../helpers/reminder-fixtures";

const STAFF = "U0STAFF01";

describe.each(providers)("rosters for staff and a group's facilitators, on %s", (provider) => {
  let h: Harness;
  const u = { ana: "", ben: "", cara: "", dana: "", fran: "", oscar: "" };
  let groupId = "";

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF });
    h.slack.addUser({ id: STAFF, name: "sofia", realName: "Sofia Staff" });
    for (const [key, realName] of [
      ["ana", "Ana Ruiz"],
      ["ben", "Ben Okafor"],
      ["cara", "Cara Diaz"],
      ["dana", "Dana Lee"],
      ["fran", "Fran Facilitator"],
      ["oscar", "Oscar Other"],
    ] as const) {
      u[key] = h.slack.addUser({ name: key, realName, tz: "America/Chicago" }).id;
    }
    const db = h.convene.services.db;
    const programme = await seedProgramme(db, { announcementChannelId: null });
    const group = await seedGroup(db, programme.id, { slug: "math", name: "Math teachers", channelId: null });
    await db.group.update({ where: { id: group.id }, data: { capacity: 2 } });
    const other = await seedGroup(db, programme.id, { slug: "science", name: "Science leads", channelId: null });
    // Not taking sign-ups, so no Home lists two group cards (the local Slack warns of their shared action ids).
    await db.group.update({ where: { id: other.id }, data: { status: "CLOSED" } });
    groupId = group.id;
    const org = await db.organization.create({ data: { name: "Lycée Français", nameKey: "lycee francais" } });
    const person = (id: string, name: string, organizationId: string | null = null) =>
      db.person.create({ data: { slackUserId: id, name, organizationId } });
    const ana = await person(u.ana, "Ana Ruiz", org.id);
    const ben = await person(u.ben, "Ben <Okafor>");
    const cara = await person(u.cara, "Cara Diaz");
    const dana = await person(u.dana, "Dana Lee");
    const signedUp = new Date("2021-09-20T15:00:00Z");
    await db.membership.create({ data: { groupId, personId: ana.id, status: "ACTIVE", signedUpById: ana.id, createdAt: signedUp } });
    await db.membership.create({ data: { groupId, personId: ben.id, status: "ACTIVE", signedUpById: ana.id, createdAt: signedUp } });
    // Dana waited first, though her name sorts later.
    await db.membership.create({
      data: {
        groupId,
        personId: dana.id,
        status: "WAITLISTED",
        waitlistedAt: new Date("2021-09-21T10:00:00Z"),
        createdAt: new Date("2021-09-21T10:00:00Z"),
      },
    });
    await db.membership.create({
      data: {
        groupId,
        personId: cara.id,
        status: "WAITLISTED",
        waitlistedAt: new Date("2021-09-22T10:00:00Z"),
        createdAt: new Date("2021-09-22T10:00:00Z"),
      },
    });
    await db.facilitator.create({
      data: { groupId, name: "Fran Facilitator", nameKey: "fran facilitator", personId: (await person(u.fran, "Fran Facilitator")).id },
    });
    await db.facilitator.create({
      data: { groupId: other.id, name: "Oscar Other", nameKey: "oscar other", personId: (await person(u.oscar, "Oscar Other")).id },
    });
    // Two sessions held; attendance recorded for one (Ana came, Ben did not); one still to come.
    const at = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).startOf("hour").toFormat("yyyy-MM-dd'T'HH:mm");
    const recorded = await seedSession(db, { programmeId: programme.id, groupId, localStart: at(-14), title: "September" });
    await seedSession(db, { programmeId: programme.id, groupId, localStart: at(-7), title: "October" });
    await seedSession(db, { programmeId: programme.id, groupId, localStart: at(7), title: "November" });
    await db.rsvp.create({ data: { sessionId: recorded.id, personId: ana.id, response: "GOING" } });
    for (const [p, attended] of [
      [ana, true],
      [ben, false],
    ] as const) {
      await db.attendance.create({ data: { sessionId: recorded.id, personId: p.id, attended, recordedById: ana.id } });
    }
  });
  beforeEach(() => h.slack.reset());
  afterEach(() => expectValidBlockKit(h.slack, Object.values(u)));
  afterAll(() => h.stop());

  const say = (userId: string, text: string) => h.slack.sendCommand({ userId, command: "/convene", text });
  const modalText = (user: string) => JSON.stringify(h.slack.openModals(user).at(-1)?.view.blocks ?? []);
  const modalShows = (user: string, text: string) =>
    h.slack.waitFor(() => modalText(user).includes(text), { what: `"${text}" in ${user}'s modal` });

  it("shows the group's facilitator members with organization, who signed them up, attendance, and the waitlist in order", async () => {
    await say(u.fran, "roster math");
    await modalShows(u.fran, "Members (2)");
    const shown = modalText(u.fran);
    expect(shown).toContain("2 of 2 places taken · 2 waitlisted · attendance recorded for 1 session");
    expect(shown).toMatch(/• \*Ana Ruiz\* · Lycée Français · signed up <!date\^\d+\^\{date_short\}\|Sep 20, 2021> · attended 1 of 1/);
    expect(shown).toContain(`• *Ben &lt;Okafor&gt;* · signed up`);
    expect(shown).toContain(`by <@${u.ana}> · attended 0 of 1`);
    expect(shown).toMatch(/1\. \*Dana Lee\* · waiting since .*\\n2\. \*Cara Diaz\*/);
    expect(shown).toContain("Export CSV");
    expect(shown).toContain("Message the group");
    expect(await h.convene.services.db.auditLog.count({ where: { action: "roster.view", actor: u.fran, entityId: groupId } })).toBe(1);
  });

  it("shows staff any group's roster", async () => {
    await say(STAFF, "roster math teachers");
    await modalShows(STAFF, "Members (2)");
  });

  it("refuses another group's facilitator and a member, with the reason, and opens nothing", async () => {
    for (const user of [u.oscar, u.ana]) {
      const res = await say(user, "roster math");
      expect(JSON.stringify(res.body)).toContain("Only the facilitators of Math teachers and coalition staff can see its roster.");
      expect(h.slack.openModals(user)).toEqual([]);
    }
    expect(await h.convene.services.db.auditLog.count({ where: { action: "roster.view", actor: u.oscar } })).toBe(0);
  });

  it("says which group is meant when the name matches none", async () => {
    const res = await say(u.fran, "roster astronomy");
    expect(JSON.stringify(res.body)).toContain('No group is called \\"astronomy\\"');
  });

  it("shows a facilitator's groups in short on their Home, each opening its roster", async () => {
    await h.slack.sendEvent({ type: "app_home_opened", user: u.fran, tab: "home" });
    await h.slack.waitFor(() => JSON.stringify(h.slack.homeView(u.fran)?.view.blocks ?? []).includes("Groups you facilitate"), {
      what: "Fran's Home",
    });
    expect(JSON.stringify(h.slack.homeView(u.fran)!.view.blocks)).toContain("*Math teachers*\\n2 of 2 places taken · 2 waitlisted");
    await h.slack.clickButton({ userId: u.fran, actionId: HOME_ROSTER, home: true });
    await modalShows(u.fran, "Members (2)");

    await h.slack.sendEvent({ type: "app_home_opened", user: u.ana, tab: "home" });
    await h.slack.waitFor(() => h.slack.homeView(u.ana) !== undefined, { what: "Ana's Home" });
    expect(JSON.stringify(h.slack.homeView(u.ana)!.view.blocks)).not.toContain("Groups you facilitate");
  });

  it("messages every member by DM once, however often the form is submitted", async () => {
    await say(u.fran, "roster math");
    await modalShows(u.fran, "Members (2)");
    await h.slack.clickButton({ userId: u.fran, actionId: ROSTER_MESSAGE_GROUP, viewId: h.slack.openModals(u.fran).at(-1)!.id });
    await h.slack.waitFor(() => h.slack.openModals(u.fran).at(-1)?.callbackId === GROUP_MESSAGE_CALLBACK, { what: "the message form" });
    const form = h.slack.openModals(u.fran).at(-1)!;
    expect(JSON.stringify(form.view.blocks)).toContain("Each of the 2 members of *Math teachers*");

    const empty = await h.slack.submitView({
      viewId: form.id,
      values: { [GROUP_MESSAGE_BLOCK]: { text: "   " } },
      allowMissingRequired: true,
    });
    expect(JSON.stringify(empty.body)).toContain("Write a message.");

    const text = "Bring *one* <sample> of student work";
    const sends = await Promise.all([1, 2].map(() => h.slack.submitView({ viewId: form.id, values: { [GROUP_MESSAGE_BLOCK]: { text } } })));
    expect(sends.map((s) => s.status)).toEqual([200, 200]);
    for (const member of [u.ana, u.ben]) {
      await h.slack.waitFor(() => h.slack.messages(member).length === 1, { what: `the DM to ${member}` });
      const dm = JSON.stringify(h.slack.messages(member)[0]!.blocks);
      expect(dm).toContain(`<@${u.fran}> wrote to the members of *Math teachers*:`);
      expect(dm).toContain("Bring \u2217one\u2217 &lt;sample&gt; of student work");
    }
    expect(h.slack.messages(u.cara)).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.slack.messages(u.ana)).toHaveLength(1);
  });

  it("exports the roster and its attendance as CSV files in the requester's DM that parse back into the database's rows", async () => {
    await say(u.fran, "roster math");
    await modalShows(u.fran, "Members (2)");
    await h.slack.clickButton({ userId: u.fran, actionId: ROSTER_EXPORT_CSV, viewId: h.slack.openModals(u.fran).at(-1)!.id });
    await modalShows(u.fran, "The roster's CSV is in your DM with Convene.");

    const [shared] = h.slack.messages(u.fran);
    expect(shared!.text).toBe("Math teachers: its roster (2 members, 2 waitlisted) and attendance so far.");
    expect(shared!.files!.map((f) => f.title)).toEqual(["Math teachers: roster", "Math teachers: attendance"]);
    const files = h.slack.sharedFiles();
    const bytes = (name: string) => h.slack.fileContent(files.find((f) => f.name.endsWith(name))!.id)!;
    const rows = (name: string) => {
      const content = bytes(name);
      expect([...content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for UTF-8
      expect(content.toString("utf8")).toContain("\r\n");
      return parse(content, { bom: true }) as string[][];
    };

    const db = h.convene.services.db;
    const memberships = await db.membership.findMany({
      where: { groupId, status: { in: ["ACTIVE", "WAITLISTED"] } },
      include: { person: { include: { organization: true } }, signedUpBy: true },
    });
    const byName = (a: { person: { name: string } }, b: { person: { name: string } }) => a.person.name.localeCompare(b.person.name);
    const members = memberships.filter((m) => m.status === "ACTIVE").sort(byName);
    const waitlist = memberships
      .filter((m) => m.status === "WAITLISTED")
      .sort((a, b) => a.waitlistedAt!.getTime() - b.waitlistedAt!.getTime());
    const attendance = await db.attendance.findMany({
      where: { session: { groupId } },
      include: { session: true, person: { include: { organization: true } } },
    });
    const attended = (personId: string) => attendance.filter((a) => a.personId === personId && a.attended).length;
    const recorded = (personId: string) => attendance.filter((a) => a.personId === personId).length;
    const expected = [
      ...members.map((m) => [m, "member", ""] as const),
      ...waitlist.map((m, i) => [m, "waitlisted", String(i + 1)] as const),
    ].map(([m, status, position]) => [
      m.person.name,
      m.person.email ?? "",
      m.person.organization?.name ?? "",
      status,
      position,
      m.createdAt.toISOString(),
      m.signedUpBy && m.signedUpById !== m.personId ? m.signedUpBy.name : "",
      String(attended(m.personId)),
      String(recorded(m.personId)),
      m.person.slackUserId,
    ]);
    expect(rows("-roster.csv")).toEqual([[...ROSTER_CSV_HEADER], ...expected]);
    expect(rows("-roster.csv")[1]![2]).toBe("Lycée Français");

    const rsvps = await db.rsvp.findMany({ where: { session: { groupId } } });
    const rsvp = (a: (typeof attendance)[number]) => {
      const r = rsvps.find((v) => v.sessionId === a.sessionId && v.personId === a.personId)?.response;
      return r === "GOING" ? "going" : r === "NOT_GOING" ? "can't make it" : "";
    };
    expect(rows("-attendance.csv")).toEqual([
      [...ATTENDANCE_CSV_HEADER],
      ...attendance
        .sort((a, b) => a.person.name.localeCompare(b.person.name))
        .map((a) => [
          a.session.title,
          a.session.startsAt.toISOString(),
          a.person.name,
          a.person.organization?.name ?? "",
          a.attended ? "yes" : "no",
          rsvp(a),
        ]),
    ]);
    expect(await db.auditLog.count({ where: { action: "roster.export", actor: u.fran, entityId: groupId } })).toBe(1);
  });

  it("refuses an export to someone who may not see the roster, and sends no file", async () => {
    await say(u.fran, "roster math");
    await modalShows(u.fran, "Members (2)");
    const viewId = h.slack.openModals(u.fran).at(-1)!.id;
    // A forged click by Oscar on Fran's modal: the server checks, whatever was shown.
    const res = await h.slack.clickButton({ userId: u.oscar, actionId: ROSTER_EXPORT_CSV, viewId });
    expect(res.status).toBe(200);
    await h.slack.waitFor(
      () => JSON.stringify(h.slack.view(viewId)?.view.blocks ?? []).includes("Only the facilitators of Math teachers"),
      { what: "the refusal" },
    );
    expect(h.slack.sharedFiles()).toEqual([]);
  });

  it("shows a member their own attendance in /convene my, and nobody else's", async () => {
    const ana = JSON.stringify((await say(u.ana, "my")).body);
    expect(ana).toContain("*Math teachers*: you attended 1 of 1 session with attendance recorded");
    expect(ana).not.toContain("Okafor");
    expect(JSON.stringify((await say(u.ben, "my")).body)).toContain(
      "*Math teachers*: you attended 0 of 1 session with attendance recorded",
    );
    expect(JSON.stringify((await say(u.cara, "my")).body)).not.toContain("Your attendance");
  });
});
