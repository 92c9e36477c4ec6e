import type { Provider } from "../../../src/db/client";
import { openTestDb, type TestDb } from "../../helpers/databases";
import { addFacilitator, addPerson, type Coalition, seedCoalition } from "../../helpers/signup-fixtures";
import type { ViewSnapshot } from "../../../src/local-slack";
import { type LoggedConvene, startLoggedConvene } from "./logged-convene";

const DAY = 24 * 60 * 60_000;
export const STAFF = "U0STAFF0001";

/**
 * A running coalition for the resilience tests: Convene (logging every line) over a programme
 * taking sign-ups and proposals, with a staff member, members of a member organization, a
 * facilitator with a session behind and sessions ahead, and an outsider.
 */
export interface World {
  t: TestDb;
  h: LoggedConvene;
  c: Coalition;
  programmeSlug: string;
  users: { staff: string; ariana: string; bea: string; dwight: string; outsider: string };
  channels: { justice: string; review: string };
  /** A session of Got Justice? that took place yesterday, facilitated by dwight. */
  pastSessionId: string;
  upcomingSessionId: string;
  close(): Promise<void>;
  /** Runs `/convene <text>` as `userId` and returns the modal it left on screen, if any. */
  openByCommand(userId: string, text: string): Promise<ViewSnapshot | undefined>;
}

export async function startWorld(provider: Provider): Promise<World> {
  const t = await openTestDb(provider);
  const h = await startLoggedConvene(t.url, { CONVENE_ADMINS: STAFF });
  const now = new Date();
  const db = t.db;
  const c = await seedCoalition(db, now);
  const review = h.slack.addChannel({ name: "proposals-review", members: [STAFF] }).id;
  const justice = h.slack.addChannel({ name: "cop-got-justice" }).id;
  const programme = await db.programme.update({
    where: { id: c.programmeId },
    data: { proposalsDueAt: new Date(now.getTime() + 30 * DAY), reviewChannelId: review },
    select: { slug: true },
  });
  await db.group.update({ where: { id: c.groups.justice }, data: { channelId: justice } });

  const user = (name: string, email: string, id?: string) => h.slack.addUser({ id, name, realName: name, email, tz: "America/Chicago" }).id;
  const users = {
    staff: user("Sofia Staff", "sofia@prospectschools.org", STAFF),
    ariana: user("Ariana Melton", "ariana@prospectschools.org"),
    bea: user("Bea Okafor", "bea@prospectschools.org"),
    dwight: user("Dwight Thomas", "dwight@prospectschools.org"),
    outsider: user("Olga Outsider", "olga@elsewhere.example"),
  };
  const dwight = await addPerson(db, { slackUserId: users.dwight, name: "Dwight Thomas", organizationId: c.orgs.prospect });
  await addFacilitator(db, c.groups.justice, dwight);
  const bea = await addPerson(db, { slackUserId: users.bea, name: "Bea Okafor", organizationId: c.orgs.prospect });
  await db.membership.create({ data: { groupId: c.groups.justice, personId: bea.id, status: "ACTIVE" } });

  const session = (key: string, startsAt: Date) =>
    db.session.create({
      data: {
        programmeId: c.programmeId,
        groupId: c.groups.justice,
        key,
        title: "Virtual Group Session",
        format: "VIRTUAL",
        localStart: startsAt.toISOString().slice(0, 16),
        timezone: "America/New_York",
        durationMinutes: 60,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60 * 60_000),
        meetingUrl: "https://zoom.example/j/1",
      },
      select: { id: true },
    });
  const past = await session("yesterday", new Date(now.getTime() - DAY));
  const upcoming = await db.session.findFirstOrThrow({
    where: { groupId: c.groups.justice, startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: { id: true },
  });

  return {
    t,
    h,
    c,
    programmeSlug: programme.slug,
    users,
    channels: { justice, review },
    pastSessionId: past.id,
    upcomingSessionId: upcoming.id,
    async close() {
      await h.stop();
      await t.close();
    },
    async openByCommand(userId, text) {
      for (let top = h.slack.openModals(userId).at(-1); top; top = h.slack.openModals(userId).at(-1))
        await h.slack.closeView({ viewId: top.id });
      const res = await h.slack.sendCommand({ userId, command: "/convene", text });
      if (res.status !== 200) throw new Error(`/convene ${text} answered ${res.status}`);
      return h.slack.openModals(userId).at(-1);
    },
  };
}
