import { ACTIONS } from "../../src/views/actions";
import { HOME_DM_REMINDERS, HOME_OPEN_ADMIN, HOME_REMINDERS, HOME_SNOOZE } from "../../src/views/home-view";
import { errorsOnly, validateView } from "../../src/local-slack";
import { importCop } from "../helpers/cop-example";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";

const NOW = new Date("2021-10-01T12:00:00Z");
const STAFF = "U0STAFF001";
const text = (value: unknown) => JSON.stringify(value);
const NOV_10_JUSTICE = 1636578000; // 2021-11-10 16:00 America/New_York

describe.each(providers)("the Home tab on %s", (provider) => {
  let h: Harness;
  let member: string, guest: string;

  /** Opens (or reopens) the Home tab and returns what Convene published. */
  const open = async (userId: string) => {
    const before = h.slack.homeView(userId)?.versions.length ?? -1;
    const res = await h.slack.sendEvent({ type: "app_home_opened", user: userId });
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => (h.slack.homeView(userId)?.versions.length ?? -1) > before, { what: "the Home tab" });
    return home(userId);
  };
  const home = (userId: string) => {
    const view = h.slack.homeView(userId)!.view;
    expect(errorsOnly(validateView(view, { expectedType: "home" }))).toEqual([]);
    return view;
  };
  /** Clicks a Home button and waits for the tab to be published again. */
  const click = async (userId: string, actionId: string) => {
    const versions = h.slack.homeView(userId)!.versions.length;
    await h.slack.clickButton({ userId, home: true, actionId });
    await h.slack.waitFor(() => h.slack.homeView(userId)!.versions.length > versions, { what: "the Home tab again" });
    return home(userId);
  };
  const person = (slackUserId: string) => h.t.db.person.findUniqueOrThrow({ where: { slackUserId } });

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF, CONVENE_PUBLIC_URL: "https://convene.example.org" });
    h.convene.services.now = () => NOW;
    h.slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff", email: "sam@dcsc.org" });
    member = h.slack.addUser({ name: "ariana", realName: "Ariana Melton", email: "ariana@prospectschools.org", tz: "America/Chicago" }).id;
    guest = h.slack.addUser({ name: "gus", realName: "Gus Guest", email: "gus@example.com", tz: "Europe/London" }).id;
    await importCop(h.t.db, NOW);
  });
  afterAll(() => h.stop());

  it("shows a member their next sessions in their zone, their group, groups to join, proposing, and reminder settings", async () => {
    await open(member); // Convene meets her
    const justice = await h.t.db.group.findFirstOrThrow({ where: { slug: "got-justice" } });
    await h.t.db.membership.create({ data: { groupId: justice.id, personId: (await person(member)).id, status: "ACTIVE" } });
    const view = text(await open(member));
    expect(view).toContain("Hello, Ariana Melton.");
    expect(view).toContain(`<!date^${NOV_10_JUSTICE}^{date_short_pretty} at {time}|Wed, Nov 10, 2021 at 3:00 PM CST>`);
    expect(view).toContain("*Participant Sign-up Deadline*");
    expect(view).toContain("Your groups");
    expect(view).toContain(`group_card_${justice.id}`);
    const open_ = (await h.t.db.group.findMany({ where: { status: "OPEN", NOT: { id: justice.id } } })).map((g) => g.id);
    for (const id of open_)
      expect(view).toContain(
        `{"type":"button","text":{"type":"plain_text","text":"Join","emoji":true},"action_id":"${ACTIONS.joinGroup}","value":"${id}"`,
      );
    expect(view).toContain(ACTIONS.proposeGroup);
    expect(view).toContain("You can get them as direct messages too.");
    // Her own feed, not her group's or the programme's, which carry no meeting links.
    const feed = `https://convene.example.org/calendar/${(await person(member)).calendarToken}.ics`;
    expect(view).toContain(`<${feed}|${feed}>`);
    expect(view).not.toContain(justice.calendarToken);
    expect(view).not.toContain("For coalition staff");
  });

  it("shows a member their proposals and where each stands", async () => {
    const programme = await h.t.db.programme.findFirstOrThrow();
    await h.t.db.proposal.create({
      data: {
        idempotencyKey: "home-test-proposal",
        programmeId: programme.id,
        proposerId: (await person(member)).id,
        title: "Bilingual Family Engagement",
        summary: "s",
        problem: "p",
        audience: "a",
        deliverableKind: "TOOLKIT",
        format: "virtual",
        capacity: 15,
      },
    });
    const view = text(await open(member));
    expect(view).toContain("*Bilingual Family Engagement* · Communities of Practice 2021-2022");
    expect(view).toContain("With coalition staff for review.");
  });

  it("changes only her own reminder settings from its buttons, and shows them at once", async () => {
    let view = text(await click(member, HOME_DM_REMINDERS));
    expect(await person(member)).toMatchObject({ dmReminders: true });
    expect(view).toContain("You also get them as direct messages.");

    view = text(await click(member, HOME_SNOOZE));
    expect((await person(member)).remindersSnoozedTill).toEqual(new Date("2021-10-08T12:00:00Z"));
    expect(view).toContain(`Your direct-message reminders are snoozed until <!date^${Date.parse("2021-10-08T12:00:00Z") / 1000}^`);
    await click(member, HOME_SNOOZE);
    expect((await person(member)).remindersSnoozedTill).toBeNull();

    view = text(await click(member, HOME_REMINDERS));
    expect(await person(member)).toMatchObject({ remindersOff: true });
    expect(view).toContain("Your direct-message reminders are off.");
    await click(member, HOME_REMINDERS);
    expect(await person(member)).toMatchObject({ remindersOff: false, dmReminders: true });
  });

  it("shows a guest the groups without Join, and why", async () => {
    const view = text(await open(guest));
    expect(view).not.toContain(ACTIONS.joinGroup);
    expect(view).toContain("Joining is for people from member organizations.");
    // Someone in no group still sees the sessions for everyone, here the kick-off in London time.
    expect(view).toContain("Sessions for everyone. Join a group to see its own sessions here too.");
    expect(view).toContain("<!date^1634151600^{date_short_pretty} at {time}|Wed, Oct 13, 2021 at 8:00 PM GMT+1>");
  });

  it("shows staff the work waiting for them, and opens the admin menu from there", async () => {
    const staffPerson = await h.t.db.person.upsert({
      where: { slackUserId: STAFF },
      create: { slackUserId: STAFF, name: "Sam Staff" },
      update: {},
    });
    await h.t.db.submission.create({
      data: { idempotencyKey: "home-test-submission", kind: "EVENT", title: "Open house", data: {}, submittedById: staffPerson.id },
    });
    await h.t.db.delivery.create({
      data: { dedupeKey: "home-test-failed", kind: "dm", payload: {}, dueAt: NOW, status: "FAILED", lastError: "user_not_found" },
    });
    const view = text(await open(STAFF));
    expect(view).toContain("*Waiting for you:* 1 proposal to review · 1 submission to decide · 1 message Convene could not send");
    await h.slack.clickButton({ userId: STAFF, home: true, actionId: HOME_OPEN_ADMIN });
    await h.slack.waitFor(() => h.slack.openModals(STAFF).at(-1)?.callbackId === "admin_menu", { what: "the admin menu" });
    expect(h.slack.internalErrors).toEqual([]);
  });
});
