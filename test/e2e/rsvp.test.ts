import { DateTime } from "luxon";
import { RSVP_GOING, RSVP_NOT_GOING, RSVP_WHO } from "../../src/views/reminder-message";
import { RSVP_NUDGE } from "../../src/views/rsvp-responses-modal";
import { expectValidBlockKit } from "../helpers/block-kit";
import { providers } from "../helpers/databases";
import { eventually } from "../helpers/eventually";
import { startHarness, type Harness } from "../helpers/harness";
import { seedGroup, seedProgramme, seedSession, ZONE } from "../helpers/reminder-fixtures";

const STAFF = "U0STAFF01";

describe.each(providers)("Going / Can't make it on a posted reminder, on %s", (provider) => {
  let h: Harness;
  let channel: string;
  const u: Record<"ana" | "ben" | "cara" | "fran" | "gina" | "oscar", string> = {
    ana: "",
    ben: "",
    cara: "",
    fran: "",
    gina: "",
    oscar: "",
  };
  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF });
    h.slack.addUser({ id: STAFF, name: "sofia", realName: "Sofia Staff" });
    u.ana = h.slack.addUser({ name: "ana", realName: "Ana Ruiz", tz: "Europe/Paris" }).id;
    u.ben = h.slack.addUser({ name: "ben", realName: "Ben Okafor" }).id;
    u.cara = h.slack.addUser({ name: "cara", realName: "Cara Diaz" }).id;
    u.fran = h.slack.addUser({ name: "fran", realName: "Fran Facilitator" }).id;
    u.gina = h.slack.addUser({ name: "gina", realName: "Gina Guest" }).id;
    u.oscar = h.slack.addUser({ name: "oscar", realName: "Oscar Other" }).id;
  });
  beforeEach(() => {
    h.slack.reset();
    channel = h.slack.addChannel({ name: `cop-math-${Date.now()}` }).id;
  });
  afterEach(() => {
    expectValidBlockKit(h.slack, [channel, ...Object.values(u), STAFF]);
  });
  afterAll(() => h.stop());

  const db = () => h.convene.services.db;

  /**
   * Math teachers (Ana of Prospect Schools, Ben, Cara; facilitated by Fran), a session ten days
   * from now reminded by a tick at its 7-day reminder. Oscar facilitates another group of the
   * programme; Gina is a guest who takes part in nothing.
   */
  async function remindedSession(opts: { programmeWide?: boolean } = {}) {
    const programme = await seedProgramme(db(), { slug: `cop-${Date.now()}`, announcementChannelId: channel });
    const group = await seedGroup(db(), programme.id, {
      slug: `math-${Date.now()}`,
      name: "Math teachers",
      channelId: opts.programmeWide ? null : channel,
    });
    const other = await seedGroup(db(), programme.id, { slug: `sci-${Date.now()}`, name: "Science", channelId: null });
    const org = await db().organization.upsert({
      where: { nameKey: "prospect schools" },
      create: { name: "Prospect Schools", nameKey: "prospect schools" },
      update: {},
    });
    const person = (id: string, name: string, organizationId: string | null = null) =>
      db().person.upsert({ where: { slackUserId: id }, create: { slackUserId: id, name, organizationId }, update: {} });
    for (const [id, name, orgId] of [
      [u.ana, "Ana Ruiz", org.id],
      [u.ben, "Ben Okafor", null],
      [u.cara, "Cara Diaz", null],
    ] as const) {
      await db().membership.create({ data: { groupId: group.id, personId: (await person(id, name, orgId)).id, status: "ACTIVE" } });
    }
    await db().facilitator.create({
      data: {
        groupId: group.id,
        name: "Fran Facilitator",
        nameKey: "fran facilitator",
        personId: (await person(u.fran, "Fran Facilitator")).id,
      },
    });
    await db().facilitator.create({
      data: { groupId: other.id, name: "Oscar Other", nameKey: "oscar other", personId: (await person(u.oscar, "Oscar Other")).id },
    });
    await person(u.gina, "Gina Guest");
    const start = DateTime.now().setZone(ZONE).plus({ days: 10 }).startOf("hour");
    const session = await seedSession(db(), {
      programmeId: programme.id,
      groupId: opts.programmeWide ? null : group.id,
      localStart: start.toFormat("yyyy-MM-dd'T'HH:mm"),
      title: "October meeting",
    });
    await h.tick(start.minus({ days: 7 }).toJSDate());
    const posted = h.slack.messages(channel).filter((m) => JSON.stringify(m.blocks).includes(session.id));
    expect(posted).toHaveLength(1);
    return { session, ts: posted[0]!.ts };
  }
  const label = (ts: string) => JSON.stringify(h.slack.messages(channel).find((m) => m.ts === ts)!.blocks);
  // The click is acknowledged at once; the count is updated in place just after.
  const shows = (ts: string, text: string) => h.slack.waitFor(() => label(ts).includes(text), { what: text });
  const click = (user: string, actionId: string, ts: string) =>
    h.slack.clickButton({ userId: user, actionId, channelId: channel, messageTs: ts });
  const privateTo = (user: string) => h.slack.ephemerals({ userId: user });
  const modalText = (user: string) => JSON.stringify(h.slack.openModals(user).at(-1)?.view.blocks ?? []);
  const modalShows = (user: string, text: string) =>
    h.slack.waitFor(() => modalText(user).includes(text), { what: `"${text}" in ${user}'s modal` });

  it("tells the clicker privately what they answered, lets them change it there, and updates the counts", async () => {
    const { ts } = await remindedSession();
    expect(label(ts)).toContain("Going (0)");

    expect((await click(u.ana, RSVP_GOING, ts)).status).toBe(200);
    await shows(ts, "Going (1)");
    await h.slack.waitFor(() => privateTo(u.ana).length === 1, { what: "Ana's private answer" });
    const [word] = privateTo(u.ana);
    expect(word!.text).toMatch(/^You're going to October meeting, /);
    expect(JSON.stringify(word!.blocks)).toContain("Change to: can't make it");
    expect(privateTo(u.ben)).toEqual([]);

    // Changing the answer from the private message replaces that message.
    await h.slack.clickButton({ userId: u.ana, actionId: RSVP_NOT_GOING, ephemeralTs: word!.ts });
    await shows(ts, "Can't make it (1)");
    expect(label(ts)).toContain("Going (0)");
    await h.slack.waitFor(() => (privateTo(u.ana)[0]!.text ?? "").startsWith("You can't make it"), { what: "the changed answer" });
    expect(privateTo(u.ana)).toHaveLength(1);
    expect(JSON.stringify(privateTo(u.ana)[0]!.blocks)).toContain("Change to: going");

    await click(u.ben, RSVP_GOING, ts);
    await click(u.ben, RSVP_GOING, ts);
    await shows(ts, "Going (1)");
    expect(label(ts)).toContain("Can't make it (1)");
  });

  it("counts only the people the session is for: a guest and another group's facilitator are told, not counted", async () => {
    const { session, ts } = await remindedSession();
    for (const user of [u.gina, u.oscar]) {
      const res = await click(user, RSVP_GOING, ts);
      await eventually(() => h.slack.responses(res.responseUrlId!).length > 0);
      expect(h.slack.responses(res.responseUrlId!)[0]!.body).toMatchObject({
        response_type: "ephemeral",
        text: "This session is for the members and facilitators of Math teachers, so your answer was not counted. See `/convene groups` to join one.",
      });
    }
    await click(u.fran, RSVP_GOING, ts);
    await shows(ts, "Going (1)");
    expect(await db().rsvp.count({ where: { sessionId: session.id } })).toBe(1);
  });

  it("counts a double click once", async () => {
    const { session, ts } = await remindedSession();
    const clicks = await Promise.all([1, 2].map(() => click(u.cara, RSVP_GOING, ts)));
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    await shows(ts, "Going (1)");
    // Both are answered privately; the message is re-rendered once for the two.
    await eventually(() => clicks.every((c) => h.slack.responses(c.responseUrlId!).length > 0));
    expect(await db().rsvp.count({ where: { sessionId: session.id } })).toBe(1);
  });

  it("tells the person, and only them, when the session was cancelled", async () => {
    const { session, ts } = await remindedSession();
    await db().session.update({ where: { id: session.id }, data: { status: "CANCELLED" } });
    const res = await click(u.ana, RSVP_GOING, ts);
    expect(res.status).toBe(200);
    await eventually(() => h.slack.responses(res.responseUrlId!).length > 0);
    expect(h.slack.responses(res.responseUrlId!)[0]).toMatchObject({
      body: { response_type: "ephemeral", text: "This session was cancelled." },
    });
    expect(await db().rsvp.count({ where: { sessionId: session.id } })).toBe(0);
  });

  it("shows the group's facilitator who is coming by name, and nudges those who have not answered once each", async () => {
    const { ts } = await remindedSession();
    await click(u.ana, RSVP_GOING, ts);
    await shows(ts, "Going (1)");
    await click(u.ben, RSVP_NOT_GOING, ts);
    await shows(ts, "Can't make it (1)");
    await click(u.gina, RSVP_GOING, ts);

    await click(u.fran, RSVP_WHO, ts);
    await modalShows(u.fran, "Going (1)");
    const shown = modalText(u.fran);
    expect(shown).toContain("*Going (1)*\\n• Ana Ruiz (Prospect Schools)");
    expect(shown).toContain("*Can't make it (1)*\\n• Ben Okafor");
    expect(shown).toContain("*Not answered (2)*\\n• Cara Diaz\\n• Fran Facilitator");
    expect(shown).not.toContain("Gina");
    expect(shown).toContain("Nudge the 1 who have not answered");

    const viewId = h.slack.openModals(u.fran).at(-1)!.id;
    await h.slack.clickButton({ userId: u.fran, actionId: RSVP_NUDGE, viewId });
    await modalShows(u.fran, "Nudged 1 person by DM.");
    expect(modalText(u.fran)).toContain("Cara Diaz · nudged");
    expect(modalText(u.fran)).not.toContain(RSVP_NUDGE);
    await h.slack.waitFor(() => h.slack.messages(u.cara).length === 1, { what: "Cara's nudge" });
    const nudge = h.slack.messages(u.cara)[0]!;
    expect(nudge.text).toMatch(/^Are you coming to October meeting, /);
    expect(JSON.stringify(nudge.blocks)).toContain(`<@${u.fran}> would like to know`);

    // Staff nudging next reaches only Fran, who was not nudged yet: nobody gets a second DM.
    await click(STAFF, RSVP_WHO, ts);
    await modalShows(STAFF, "Cara Diaz · nudged");
    expect(modalText(STAFF)).toContain("Nudge the 1 who have not answered");
    await h.slack.clickButton({ userId: STAFF, actionId: RSVP_NUDGE, viewId: h.slack.openModals(STAFF).at(-1)!.id });
    await modalShows(STAFF, "Fran Facilitator · nudged");
    await h.slack.waitFor(() => h.slack.messages(u.fran).length === 1, { what: "Fran's nudge" });
    expect(h.slack.messages(u.cara)).toHaveLength(1);

    const audited = await db().auditLog.findMany({
      where: { action: { in: ["rsvp.view", "rsvp.nudge"] } },
      orderBy: { at: "asc" },
      select: { actor: true, action: true },
    });
    expect(audited.filter((a) => a.action === "rsvp.nudge").map((a) => a.actor)).toEqual([u.fran, STAFF]);
    expect(audited.filter((a) => a.action === "rsvp.view").map((a) => a.actor)).toEqual(expect.arrayContaining([u.fran, STAFF]));

    // Cara answers from the nudge: counted, and told privately.
    await h.slack.clickButton({ userId: u.cara, actionId: RSVP_GOING, channelId: u.cara, messageTs: nudge.ts });
    await shows(ts, "Going (2)");
    await h.slack.waitFor(() => privateTo(u.cara).length === 1, { what: "Cara's private answer" });
    expect(h.slack.messages(u.cara)).toHaveLength(1);
  });

  it("refuses a member and another group's facilitator who ask who is coming, with the reason", async () => {
    const { ts } = await remindedSession();
    for (const user of [u.ana, u.oscar]) {
      await click(user, RSVP_WHO, ts);
      await modalShows(user, "Only the facilitators of Math teachers and coalition staff can see who is coming.");
    }
  });

  it("shows staff who is coming to a programme-wide session: everyone taking part in the programme", async () => {
    const { ts } = await remindedSession({ programmeWide: true });
    await click(u.oscar, RSVP_GOING, ts);
    await shows(ts, "Going (1)");
    await click(u.gina, RSVP_GOING, ts);
    await click(u.fran, RSVP_WHO, ts);
    await modalShows(u.fran, "Only coalition staff can see who is coming.");
    await click(STAFF, RSVP_WHO, ts);
    await modalShows(STAFF, "*Going (1)*\\n• Oscar Other");
    expect(modalText(STAFF)).toContain(
      "*Not answered (4)*\\n• Ana Ruiz (Prospect Schools)\\n• Ben Okafor\\n• Cara Diaz\\n• Fran Facilitator",
    );
  });
});
