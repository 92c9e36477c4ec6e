import { DateTime } from "luxon";
import { providers } from "../helpers/databases";
import { eventually } from "../helpers/eventually";
import { startHarness, type Harness } from "../helpers/harness";
import { seedGroup, seedProgramme, seedSession, ZONE } from "../helpers/reminder-fixtures";

/** The running process's own cron scheduler (every second here) sends what is owed, with no test calling tick. */
describe.each(providers)("the scheduler inside Convene on %s", (provider) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_TICK: "* * * * * *" });
  });
  afterAll(() => h.stop());

  it("retries a follow-up DM that could not be sent right after its change", async () => {
    const ana = h.slack.addUser({ name: "ana" }).id;
    await h.t.db.delivery.create({
      data: {
        dedupeKey: "signup:test:dm",
        kind: "dm",
        channelId: ana,
        dueAt: new Date(),
        payload: { text: "You're in: Got Justice?", blocks: [] },
      },
    });
    await eventually(() => h.slack.messages(ana).some((m) => m.text === "You're in: Got Justice?"), 5000);
    await eventually(
      async () => (await h.t.db.delivery.findUniqueOrThrow({ where: { dedupeKey: "signup:test:dm" } })).status === "SENT",
      5000,
    );
    expect(h.slack.messages(ana).filter((m) => m.text === "You're in: Got Justice?")).toHaveLength(1);
  });

  it("posts what is due for a session in its group's channel, once", async () => {
    const channel = h.slack.addChannel({ name: "cop-got-justice" }).id;
    const programme = await seedProgramme(h.t.db, { announcementChannelId: null });
    const group = await seedGroup(h.t.db, programme.id, { slug: "got-justice", channelId: channel });
    // One hour and a few seconds away, virtual: its 1-hour reminder falls due within seconds.
    const start = DateTime.now().setZone(ZONE).plus({ hours: 1, minutes: 1 }).startOf("minute");
    await seedSession(h.t.db, {
      programmeId: programme.id,
      groupId: group.id,
      localStart: start.toFormat("yyyy-MM-dd'T'HH:mm"),
      format: "VIRTUAL",
      title: "Restorative circles",
    });
    await eventually(() => h.slack.messages(channel).some((m) => (m.text ?? "").includes("Restorative circles")), 70000);
    expect(h.slack.messages(channel)).toHaveLength(1);
  }, 90000);
});
