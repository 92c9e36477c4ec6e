import { DateTime } from "luxon";
import { ATTENDANCE_CALLBACK, attendanceActionId, attendanceBlockId } from "../../src/views/attendance-modal";
import { ATTENDANCE_RECORD, ATTENDANCE_SHARE_NOTES } from "../../src/views/reminder-message";
import { NOTES_ACTIONS, NOTES_BLOCKS, NOTES_CALLBACK } from "../../src/views/session-notes-modal";
import { providers } from "../helpers/databases";
import { forgeSubmission } from "../helpers/forged-submission";
import { expectValidBlockKit } from "../helpers/block-kit";
import { startHarness, type Harness } from "../helpers/harness";
import { seedGroup, seedProgramme, seedSession, ZONE } from "../helpers/reminder-fixtures";
import { interactionBody } from "../../src/local-slack";

const STAFF = "U0STAFF01";

describe.each(providers)("attendance and notes after a session, through the local Slack on %s", (provider) => {
  let h: Harness;
  let fac: string;
  let ana: string;
  let ben: string;
  let cara: string;
  let mallory: string;
  let channel: string;

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF });
    h.slack.addUser({ id: STAFF, name: "sofia", realName: "Sofia Staff" });
    fac = h.slack.addUser({ name: "fran", realName: "Fran Facilitator", tz: "America/Chicago" }).id;
    ana = h.slack.addUser({ name: "ana", realName: "Ana Ruiz" }).id;
    ben = h.slack.addUser({ name: "ben", realName: "Ben Okafor" }).id;
    cara = h.slack.addUser({ name: "cara", realName: "Cara Diaz" }).id;
    mallory = h.slack.addUser({ name: "mallory", realName: "Mallory Member" }).id;
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.slack.reset();
    channel = h.slack.addChannel({ name: `cop-math-${Date.now()}` }).id;
  });
  afterEach(() => {
    expectValidBlockKit(h.slack, [channel, fac, mallory, STAFF]);
    expect(h.slack.calls.filter((c) => (c.response as { ok?: boolean } | undefined)?.ok === false)).toEqual([]);
  });

  const db = () => h.convene.services.db;
  const run = (at: Date) => h.tick(at);

  /**
   * A session of Math teachers that ended two hours ago: its 1-day reminder went out in the
   * group's channel, and the facilitator got the attendance prompt an hour after it ended.
   */
  async function endedSession() {
    const programme = await seedProgramme(db(), { announcementChannelId: null });
    const group = await seedGroup(db(), programme.id, { slug: `math-${Date.now()}`, name: "Math teachers", channelId: channel });
    const person = (slackUserId: string, name: string) =>
      db().person.upsert({ where: { slackUserId }, create: { slackUserId, name }, update: {} });
    const facilitator = await person(fac, "Fran Facilitator");
    await db().facilitator.create({
      data: { groupId: group.id, name: "Fran Facilitator", nameKey: "fran facilitator", personId: facilitator.id },
    });
    const members: Record<string, string> = {};
    for (const [id, name] of [
      [ana, "Ana Ruiz"],
      [ben, "Ben Okafor"],
      [cara, "Cara Diaz"],
      [mallory, "Mallory Member"],
    ] as const) {
      members[id] = (await person(id, name)).id;
      await db().membership.create({ data: { groupId: group.id, personId: members[id]!, status: "ACTIVE" } });
    }
    const start = DateTime.now().setZone(ZONE).minus({ hours: 3 }).startOf("minute");
    const session = await seedSession(db(), {
      programmeId: programme.id,
      groupId: group.id,
      localStart: start.toFormat("yyyy-MM-dd'T'HH:mm"),
      title: "October meeting",
    });
    for (const [id, response] of [
      [ana, "GOING"],
      [ben, "GOING"],
      [cara, "NOT_GOING"],
    ] as const) {
      await db().rsvp.create({ data: { sessionId: session.id, personId: members[id]!, response } });
    }
    await run(start.minus({ days: 1 }).toJSDate());
    await run(new Date());
    const reminder = h.slack.messages(channel).find((m) => m.text?.startsWith("Reminder: October meeting"));
    expect(reminder).toBeDefined();
    expect(h.slack.messages(fac).map((m) => m.text)).toEqual(["How did October meeting go? Record attendance and share your notes."]);
    return { session, members, facilitator, start, reminderTs: reminder!.ts };
  }

  const modalOf = async (userId: string, callbackId: string) => {
    await h.slack.waitFor(() => h.slack.openModals(userId).at(-1)?.callbackId === callbackId, { what: `the ${callbackId} modal` });
    return h.slack.openModals(userId).at(-1)!;
  };
  const refusalShownTo = (userId: string, text: string) =>
    h.slack.waitFor(() => JSON.stringify(h.slack.openModals(userId).at(-1)?.view.blocks ?? []).includes(text), {
      what: `the refusal shown to ${userId}`,
    });
  const attendance = async (sessionId: string) =>
    Object.fromEntries((await db().attendance.findMany({ where: { sessionId } })).map((a) => [a.personId, a.attended]));
  const ticks = (ids: string[]) => ({ [attendanceBlockId(0)]: { [attendanceActionId(0)]: ids } });

  it("lets the facilitator record who attended from the prompt, one row per member, and correct it", async () => {
    const { session, members, facilitator } = await endedSession();
    await h.slack.clickButton({ userId: fac, channelId: fac, actionId: ATTENDANCE_RECORD });
    const modal = await modalOf(fac, ATTENDANCE_CALLBACK);
    // Checked to begin with: those who said they were going.
    const initial = (modal.view.blocks as { element?: { initial_options?: { value: string }[] } }[]).flatMap(
      (b) => b.element?.initial_options?.map((o) => o.value) ?? [],
    );
    expect(initial.sort()).toEqual([members[ana], members[ben]].sort());

    const saved = await h.slack.submitView({ viewId: modal.id, values: ticks([members[ana]!, members[cara]!]) });
    expect(saved.responseAction).toBe("update");
    expect(JSON.stringify(h.slack.view(modal.id)!.view.blocks)).toContain("2 of 4 members attended");
    expect(await attendance(session.id)).toEqual({
      [members[ana]!]: true,
      [members[ben]!]: false,
      [members[cara]!]: true,
      [members[mallory]!]: false,
    });
    expect(await db().attendance.count({ where: { sessionId: session.id, recordedById: facilitator.id } })).toBe(4);
    // The prompt itself now says it is done, and by whom.
    await h.slack.waitFor(() => h.slack.messages(fac).at(-1)?.text === "Attendance for October meeting is recorded: 2 of 4 attended.", {
      what: "the prompt updated",
    });
    expect(JSON.stringify(h.slack.messages(fac).at(-1)!.blocks)).toContain(`Attendance recorded by <@${fac}>: 2 of 4 members attended.`);
    expect(h.slack.messages(fac)).toHaveLength(1);

    await h.slack.clickButton({ userId: fac, channelId: fac, actionId: ATTENDANCE_RECORD });
    await h.slack.waitFor(() => JSON.stringify(h.slack.openModals(fac).at(-1)?.view.blocks ?? []).includes("by Fran Facilitator"), {
      what: "the recorded attendance",
    });
    const again = h.slack.openModals(fac).at(-1)!;
    await h.slack.submitView({ viewId: again.id, values: ticks([members[ben]!]) });
    expect(await attendance(session.id)).toEqual({
      [members[ana]!]: false,
      [members[ben]!]: true,
      [members[cara]!]: false,
      [members[mallory]!]: false,
    });
    await h.slack.waitFor(() => h.slack.messages(fac).at(-1)?.text === "Attendance for October meeting is recorded: 1 of 4 attended.", {
      what: "the prompt corrected",
    });
  });

  it("refuses a member who is not a facilitator, on the button and on a forged submission, and lets staff record", async () => {
    const { session, members } = await endedSession();
    await h.slack.clickButton({ userId: mallory, channelId: fac, actionId: ATTENDANCE_RECORD });
    await refusalShownTo(mallory, "Only the facilitators of Math teachers and coalition staff can record attendance.");
    await h.slack.clickButton({ userId: mallory, channelId: fac, actionId: ATTENDANCE_SHARE_NOTES });
    await refusalShownTo(mallory, "Only the facilitators of Math teachers and coalition staff can share notes.");

    await h.slack.clickButton({ userId: fac, channelId: fac, actionId: ATTENDANCE_RECORD });
    const modal = await modalOf(fac, ATTENDANCE_CALLBACK);
    const forged = await forgeSubmission(h.slack, {
      userId: mallory,
      viewId: modal.id,
      values: { [attendanceBlockId(0)]: [members[mallory]!] },
    });
    expect(forged.status).toBe(200);
    expect(forged.body).toMatchObject({ response_action: "update" });
    expect(JSON.stringify(forged.body)).toContain("Only the facilitators of Math teachers and coalition staff can record attendance.");
    expect(await db().attendance.count({ where: { sessionId: session.id } })).toBe(0);

    await h.slack.clickButton({ userId: STAFF, channelId: fac, actionId: ATTENDANCE_RECORD });
    const staffModal = await modalOf(STAFF, ATTENDANCE_CALLBACK);
    await h.slack.submitView({ viewId: staffModal.id });
    const staffPerson = await db().person.findUniqueOrThrow({ where: { slackUserId: STAFF } });
    expect(await db().attendance.count({ where: { sessionId: session.id, recordedById: staffPerson.id } })).toBe(4);
    await h.slack.waitFor(
      () => JSON.stringify(h.slack.messages(fac).at(-1)?.blocks).includes(`Attendance recorded by <@${STAFF}>: 2 of 4`),
      { what: "the prompt updated" },
    );
  });

  it("posts the facilitator's notes in the thread of the session's reminder, once", async () => {
    const { reminderTs, start } = await endedSession();
    await h.slack.clickButton({ userId: fac, channelId: fac, actionId: ATTENDANCE_SHARE_NOTES });
    const modal = await modalOf(fac, NOTES_CALLBACK);
    expect(JSON.stringify(modal.view.blocks)).toContain(`in the thread of its reminder in <#${channel}>`);

    const badLink = await h.slack.submitView({
      viewId: modal.id,
      values: {
        [NOTES_BLOCKS.notes]: { [NOTES_ACTIONS.notes]: "We read chapter 3." },
        [NOTES_BLOCKS.link]: { [NOTES_ACTIONS.link]: "ftp://files" },
      },
    });
    expect(badLink.errors).toEqual({ [NOTES_BLOCKS.link]: "The link must start with https:// (or http://)." });
    // Share double-clicked: both clicks reach Convene with the same form, and both are told it is shared.
    const notes = {
      viewId: modal.id,
      values: {
        [NOTES_BLOCKS.notes]: { [NOTES_ACTIONS.notes]: "We read chapter 3. Next: bring a lesson plan." },
        [NOTES_BLOCKS.link]: { [NOTES_ACTIONS.link]: "https://docs.example/oct" },
      },
    };
    const [shared, second] = await Promise.all([h.slack.submitView(notes), h.slack.submitView(notes)]);
    expect(shared.responseAction).toBe("update");
    expect(second.body).toEqual(shared.body);
    expect(JSON.stringify(h.slack.view(modal.id)!.view.blocks)).toContain(`Shared in <#${channel}>`);

    const replies = h.slack.thread(channel, reminderTs).filter((m) => m.ts !== reminderTs);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBe(`Notes from October meeting (${start.toFormat("LLL d, yyyy")})`);
    const blocks = JSON.stringify(replies[0]!.blocks);
    expect(blocks).toContain(`Shared by <@${fac}>`);
    expect(blocks).toContain("We read chapter 3. Next: bring a lesson plan.");
    expect(blocks).toContain("<https://docs.example/oct|");
    // The same submission again (a retry, a double click) posts nothing more.
    const replay = await h.slack.postToApp(interactionBody(shared.payload), { contentType: "application/x-www-form-urlencoded" });
    expect(replay.body).toEqual(shared.body);
    expect(h.slack.thread(channel, reminderTs)).toHaveLength(2);
    // Nothing else was posted in the channel itself.
    expect(h.slack.messages(channel).filter((m) => !m.thread_ts || m.thread_ts === m.ts)).toHaveLength(1);
  });
});
