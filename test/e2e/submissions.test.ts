import { eventSessionKey } from "../../src/domain/session-keys";
import { blockActionsPayload, interactionBody } from "../../src/local-slack";
import { providers } from "../helpers/databases";
import { eventually } from "../helpers/eventually";
import { expectValidBlockKit } from "../helpers/block-kit";
import { startHarness, type Harness } from "../helpers/harness";
import { addFacilitator, addPerson, type Coalition, seedCoalition } from "../helpers/signup-fixtures";

const STAFF = "U0STAFF01";
const text = (value: unknown) => JSON.stringify(value);

describe.each(providers)("submissions on %s, driven by the local Slack", (provider) => {
  let h: Harness;
  let c: Coalition;
  let ana: string, lee: string, zed: string, dwight: string;

  const modalOf = (user: string) => h.slack.openModals(user).at(-1)!;
  const open = async (user: string, command: string) => {
    const res = await h.slack.sendCommand({ userId: user, command: "/convene", text: command });
    expect(res.status).toBe(200);
    expect(res.durationMs).toBeLessThan(3000);
    return modalOf(user);
  };
  const dmTexts = (user: string) => h.slack.messages(user).map((m) => `${m.text} ${text(m.blocks)}`);
  /** A click Slack never sent: built and signed by hand, as a forger with the signing secret's help could. */
  const click = (user: string, actionId: string, value: string) =>
    h.slack.postToApp(
      interactionBody(
        blockActionsPayload({
          actor: {
            userId: user,
            userName: h.slack.user(user)!.name,
            teamId: h.slack.teamId,
            teamDomain: h.slack.teamDomain,
            apiAppId: h.slack.appId,
          },
          actions: [{ type: "button", action_id: actionId, block_id: "b", value, action_ts: "1.2" }],
          triggerId: h.slack.issueTriggerId(user),
          message: {
            message: { type: "message", ts: "1.1", text: "x", blocks: [] },
            channelId: h.slack.dmChannelId(user),
            channelName: "directmessage",
          },
        }),
      ),
      { contentType: "application/x-www-form-urlencoded" },
    );

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF, CONVENE_TICK: "off" });
    c = await seedCoalition(h.t.db, new Date());
    h.slack.addUser({ id: STAFF, name: "sofia", realName: "Sofia Staff" });
    ana = h.slack.addUser({ name: "ana", realName: "Ana Ruiz", email: "ana@prospectschools.org", tz: "America/Chicago" }).id;
    lee = h.slack.addUser({ name: "lee", realName: "Lee Park", email: "lee@clicharter.org" }).id;
    zed = h.slack.addUser({ name: "zed", realName: "Zed Ortiz", email: "zed@kippkc.org" }).id;
    dwight = h.slack.addUser({ name: "dwight", realName: "Dwight Thomas", email: "dwight@prospectschools.org" }).id;
    await addFacilitator(
      h.t.db,
      c.groups.justice,
      await addPerson(h.t.db, { slackUserId: dwight, name: "Dwight Thomas", organizationId: c.orgs.prospect }),
    );
  });
  afterAll(() => h.stop());

  it("takes a member's event, sends it to staff, and puts it on the calendar when staff approve it in their DM", async () => {
    const modal = await open(ana, "submit event");
    expect(text(modal.versions[0])).toContain("loading");
    expect(text(modal.view)).toContain("In your time zone, America/Chicago.");
    const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const res = await h.slack.submitView({
      viewId: modal.id,
      values: {
        title: { event_title: "Family Literacy Night" },
        description: { event_description: "Stories and snacks." },
        date: { event_date: date },
        time: { event_time: "18:30" },
      },
    });
    expect(res.responseAction).toBe("update");
    expect(text(h.slack.view(modal.id)!.view)).toContain("is with coalition staff");

    await h.slack.waitFor(() => dmTexts(STAFF).some((t) => t.includes("Family Literacy Night")));
    const submission = await h.t.db.submission.findFirstOrThrow({ where: { kind: "EVENT" } });
    await h.slack.clickButton({ userId: STAFF, channelId: h.slack.dmChannelId(STAFF), actionId: `submission_approve:${submission.id}` });
    await h.slack.waitFor(() => dmTexts(ana).some((t) => t.includes("was approved and is on the calendar")));
    expect(dmTexts(STAFF).join()).toContain(`Approved by <@${STAFF}>`);
    const session = await h.t.db.session.findFirstOrThrow({ where: { key: eventSessionKey(submission.id) } });
    expect(session).toMatchObject({
      groupId: null,
      localStart: `${date}T18:30`,
      timezone: "America/Chicago",
      title: "Family Literacy Night",
    });
    expectValidBlockKit(h.slack, [ana, STAFF]);
  });

  it("when Slack refuses the review message to staff: failed with the reason, and staff told by a DM of its own", async () => {
    h.slack.fail("chat.postMessage", { error: "invalid_blocks" }, { times: 1 }); // the review message goes first
    const modal = await open(ana, "submit event");
    const date = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await h.slack.submitView({
      viewId: modal.id,
      values: {
        title: { event_title: "Book *Swap*" },
        description: { event_description: "Bring one, take one." },
        date: { event_date: date },
        time: { event_time: "17:00" },
      },
    });
    await h.slack.waitFor(() => dmTexts(STAFF).some((t) => t.includes("could not post the review message")), { what: "staff told" });
    const told = dmTexts(STAFF).find((t) => t.includes("could not post the review message"))!;
    expect(told).toContain("Slack refused the review message for the event submission *Book \u2217Swap\u2217*");
    expect(told).toContain("`invalid_blocks`");
    expect(told).toContain("`/convene submissions` lists it");
    const submission = await h.t.db.submission.findFirstOrThrow({ where: { title: "Book *Swap*" } });
    expect(await h.t.db.delivery.findFirstOrThrow({ where: { dedupeKey: `submission:${submission.id}:review:${STAFF}` } })).toMatchObject({
      status: "FAILED",
      lastError: "invalid_blocks",
    });
    // Still waiting for staff, where they look; the refused message is failed in the queue with its reason.
    expect(text((await h.slack.sendCommand({ userId: STAFF, command: "/convene", text: "submissions" })).body)).toContain(
      "Book \u2217Swap\u2217",
    );
    await h.slack.sendCommand({ userId: STAFF, command: "/convene", text: "reminders" });
    await h.slack.waitFor(() => text(h.slack.openModals(STAFF).at(-1)?.view.blocks ?? []).includes("Failed in the last"), {
      what: "the queue",
    });
    expect(text(h.slack.openModals(STAFF).at(-1)!.view.blocks)).toContain("invalid_blocks");
    await h.slack.closeView({ viewId: h.slack.openModals(STAFF).at(-1)!.id, userId: STAFF });
  });

  it("refuses a forged decision from someone who is not staff, and changes nothing", async () => {
    const modal = await open(ana, "submit event");
    const date = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await h.slack.submitView({
      viewId: modal.id,
      values: {
        title: { event_title: "Book swap" },
        description: { event_description: "Bring one." },
        date: { event_date: date },
        time: { event_time: "10:00" },
      },
    });
    const submission = await h.t.db.submission.findFirstOrThrow({ where: { title: "Book swap" } });
    const res = await click(ana, `submission_decline:${submission.id}`, submission.id);
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => dmTexts(ana).some((t) => t.includes("Only coalition staff can approve or decline submissions.")));
    expect(await h.t.db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
      status: "PENDING",
      decidedBySlack: null,
    });

    const list = await h.slack.sendCommand({ userId: ana, command: "/convene", text: "submissions" });
    expect(text(list.body)).toContain("Only coalition staff can use `/convene submissions`.");
    const staffList = await h.slack.sendCommand({ userId: STAFF, command: "/convene", text: "submissions" });
    expect(text(staffList.body)).toContain("Book swap");
    expect(staffList.ackProblems).toEqual([]);
  });

  it("makes one topic of 20 identical submissions sent at once, and counts a double-clicked upvote once", async () => {
    const modal = await open(ana, "submit topic");
    const results = await Promise.all(
      Array.from({ length: 20 }, () => h.slack.submitView({ viewId: modal.id, values: { title: { topic_title: "Teacher retention" } } })),
    );
    expect(results.every((r) => r.status === 200 && r.responseAction === "update")).toBe(true);
    expect(await h.t.db.submission.count({ where: { kind: "TOPIC_SUGGESTION" } })).toBe(1);
    const topic = await h.t.db.submission.findFirstOrThrow({ where: { kind: "TOPIC_SUGGESTION" } });

    const listed = await h.slack.sendCommand({ userId: lee, command: "/convene", text: "topics" });
    expect(text(listed.body)).toContain(`topic_upvote:${topic.id}`);
    expect(listed.ackProblems).toEqual([]);
    await Promise.all([click(lee, `topic_upvote:${topic.id}`, topic.id), click(lee, `topic_upvote:${topic.id}`, topic.id)]);
    // The listener acks first, then counts: wait until both clicks are handled.
    await eventually(async () => (await h.t.db.topicVote.count({ where: { submissionId: topic.id } })) > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await h.t.db.topicVote.count({ where: { submissionId: topic.id } })).toBe(1);
    const after = await h.slack.sendCommand({ userId: lee, command: "/convene", text: "topics" });
    expect(text(after.body)).toContain("1 upvote");
    expect(text(after.body)).toContain("Upvoted ✓");
  });

  it("marks an applied domain that a member already holds on its field", async () => {
    const modal = await open(zed, "submit membership");
    const res = await h.slack.submitView({
      viewId: modal.id,
      values: {
        organization: { membership_organization: "KIPP Kansas City" },
        domains: { membership_domains: "kippkc.org, prospectschools.org" },
        about: { membership_about: "Three schools." },
      },
    });
    expect(res.responseAction).toBe("errors");
    expect(res.errors).toEqual({ domains: expect.stringContaining("prospectschools.org already belongs to Prospect Schools.") });
    const fixed = await h.slack.submitView({ viewId: modal.id, values: { domains: { membership_domains: "kippkc.org" } } });
    expect(fixed.responseAction).toBe("update");
    await h.slack.waitFor(() => dmTexts(STAFF).some((t) => t.includes("Membership application: KIPP Kansas City")));
  });

  it("refuses a free-mail or disposable domain on its field, and staff confirm an approval knowing how many people it makes members", async () => {
    const gus = h.slack.addUser({ name: "gus", realName: "Gus Hill", email: "gus@gmail.com" }).id;
    const modal = await open(gus, "submit membership");
    const values = (domains: string) => ({
      organization: { membership_organization: "Hill Academy" },
      domains: { membership_domains: domains },
      about: { membership_about: "One school." },
    });
    const gmail = await h.slack.submitView({ viewId: modal.id, values: values("gmail.com") });
    expect(gmail.responseAction).toBe("errors");
    expect(gmail.errors).toEqual({
      domains:
        "gmail.com is a public email service: anyone can get an address there, so it cannot make people members. List your organization's own domains.",
    });
    const disposable = await h.slack.submitView({ viewId: modal.id, values: values("hillacademy.org mailinator.com") });
    expect(disposable.errors).toEqual({ domains: expect.stringContaining("mailinator.com is a public email service") });
    expect(await h.t.db.submission.count({ where: { title: "Hill Academy" } })).toBe(0);
    await h.slack.closeView({ viewId: modal.id });

    // The KIPP application above: zed is the one person Convene knows at kippkc.org.
    const review = h.slack.messages(STAFF).find((m) => m.text?.startsWith("Membership application: KIPP Kansas City"))!;
    expect(text(review.blocks)).toContain("1 person in this workspace uses this domain");
    const approve = (
      review.blocks as { type: string; elements?: { action_id: string; confirm?: { text: { type: string; text: string } } }[] }[]
    )
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id.startsWith("submission_approve:"))!;
    expect(approve.confirm?.text).toEqual({
      type: "plain_text",
      emoji: true,
      text: expect.stringContaining(
        "everyone with an address at kippkc.org can join groups. 1 person in this workspace uses this domain now.",
      ),
    });
    await h.slack.clickButton({ userId: STAFF, channelId: h.slack.dmChannelId(STAFF), messageTs: review.ts, actionId: approve.action_id });
    await eventually(
      async () => (await h.t.db.organization.findUnique({ where: { nameKey: "kipp kansas city" } }))?.memberStatus === "MEMBER",
    );
    expect(
      (await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: zed }, include: { organization: true } })).organization?.name,
    ).toBe("KIPP Kansas City");
  });

  it("lets a facilitator share a deliverable into the library, and tells anyone else why not", async () => {
    const refused = await open(ana, "submit deliverable");
    expect(text(refused.view)).toContain("shared by their group's facilitators");
    const modal = await open(dwight, "submit deliverable");
    const res = await h.slack.submitView({
      viewId: modal.id,
      values: {
        title: { deliverable_title: "Restorative circles toolkit" },
        kind: { deliverable_kind: "TOOLKIT" },
        link: { deliverable_link: "https://example.org/toolkit" },
      },
    });
    expect(res.responseAction).toBe("update");
    const library = await h.slack.sendCommand({ userId: lee, command: "/convene", text: "resources" });
    expect(text(library.body)).toContain("<https://example.org/toolkit|Restorative circles toolkit>  _Toolkit_ · Got Justice?");
    expect(library.ackProblems).toEqual([]);
  });

  it("suggests the form meant by a mistyped kind", async () => {
    const res = await h.slack.sendCommand({ userId: ana, command: "/convene", text: "submit evnt" });
    expect(text(res.body)).toContain("Did you mean `/convene submit event`?");
    expectValidBlockKit(h.slack, [ana, lee, zed, dwight, STAFF]);
  });
});
