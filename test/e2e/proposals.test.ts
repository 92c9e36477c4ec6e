import { randomUUID } from "node:crypto";
import { WebClient } from "@slack/web-api";
import { DateTime } from "luxon";
import { sendFollowUps } from "../../src/outbox/follow-ups";
import { ACTIONS } from "../../src/views/actions";
import { PROPOSAL_BLOCKS as B, proposalActionOf } from "../../src/views/proposal-modal";
import { NOTE_BLOCK } from "../../src/views/proposal-note-modal";
import { PROPOSAL_ACTIONS } from "../../src/views/proposal-review-card";
import { scoreActionOf } from "../../src/views/proposal-score-modal";
import { providers } from "../helpers/databases";
import { forgeSubmission } from "../helpers/forged-submission";
import { startHarness, type Harness } from "../helpers/harness";
import { errorsOnly, validateMessageBlocks, validateView } from "../../src/local-slack";

const STAFF = "U0STAFF01";
const STAFF2 = "U0STAFF02";
const ZONE = "America/New_York";

/** What a person types into the proposal modal, as block → action → value. */
function typed(over: Partial<Record<string, unknown>> = {}) {
  const values: Record<string, unknown> = {
    [B.title]: "Restorative practices in middle school",
    [B.summary]: "Deans compare notes on restorative circles.",
    [B.problem]: "Suspensions fall hardest on students of color.",
    [B.audience]: "Deans of students",
    [B.deliverable]: "TOOLKIT",
    [B.format]: "hybrid",
    [B.capacity]: "20",
    ...over,
  };
  return Object.fromEntries(Object.entries(values).map(([block, v]) => [block, { [proposalActionOf(block)]: v }]));
}

describe.each(providers)("proposals through the local Slack on %s", (provider) => {
  let h: Harness;
  let ana: string;
  let ben: string;
  let cara: string;
  let mallory: string;
  let guest: string;
  let review: string;
  let programme: { id: string; slug: string; name: string };

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: `${STAFF},${STAFF2}` });
    h.slack.addUser({ id: STAFF, name: "sofia", realName: "Sofia Staff" });
    h.slack.addUser({ id: STAFF2, name: "tom", realName: "Tom Staff" });
    // Proposals are for members and partners: these people's emails are a member organization's.
    ana = h.slack.addUser({ name: "ana", realName: "Ana Ruiz", tz: "America/Chicago", email: "ana@prospectschools.org" }).id;
    ben = h.slack.addUser({ name: "ben", realName: "Ben Okafor", email: "ben@prospectschools.org" }).id;
    cara = h.slack.addUser({ name: "cara", realName: "Cara Diaz", email: "cara@prospectschools.org" }).id;
    mallory = h.slack.addUser({ name: "mallory", realName: "Mallory Member", email: "mallory@prospectschools.org" }).id;
    guest = h.slack.addUser({ name: "gus", realName: "Gus Guest", email: "gus@gmail.com" }).id;
    await h.t.db.organization.create({
      data: { name: "Prospect Schools", nameKey: "prospect schools", domains: { create: [{ domain: "prospectschools.org" }] } },
    });
    review = h.slack.addChannel({ name: "proposals-review", members: [STAFF, STAFF2] }).id;
  });
  afterAll(() => h.stop());

  async function seed(dueAt: Date) {
    const db = h.t.db;
    await db.delivery.deleteMany();
    await db.programme.deleteMany();
    programme = await db.programme.create({
      data: {
        slug: `cop-${randomUUID().slice(0, 6)}`,
        name: "Communities of Practice",
        kind: "COP_COHORT",
        timezone: ZONE,
        proposalsDueAt: dueAt,
        reviewChannelId: review,
        calendarToken: randomUUID(),
      },
    });
  }
  /** Slack refusals a test provokes on purpose. */
  let provoked: string[] = [];
  beforeEach(async () => {
    provoked = [];
    h.slack.reset();
    await seed(new Date(Date.now() + 30 * 24 * 3600_000));
  });
  afterEach(() => {
    // Every message and view Convene produced is one Slack accepts.
    for (const v of h.slack.views.values()) expect(errorsOnly(validateView(v.view))).toEqual([]);
    for (const where of [review, ana, ben, STAFF, STAFF2, mallory]) {
      for (const m of h.slack.messages(where)) expect(errorsOnly(validateMessageBlocks(m.blocks ?? []))).toEqual([]);
    }
    expect(
      h.slack
        .callsTo("views.open")
        .concat(h.slack.callsTo("views.update"), h.slack.callsTo("chat.postMessage"), h.slack.callsTo("chat.update"))
        .filter((c) => {
          const answer = c.response as { ok?: boolean; error?: string };
          return answer.ok !== true && !provoked.includes(answer.error ?? "");
        }),
    ).toEqual([]);
    expect(h.slack.internalErrors).toEqual([]);
  });

  const cards = () => h.slack.messages(review).filter((m) => m.text?.startsWith("Proposal:") && !m.thread_ts);
  const cardText = () => JSON.stringify(cards()[0]?.blocks ?? []);
  const proposals = () => h.t.db.proposal.findMany({ include: { facilitators: true } });
  const ephemeralTexts = () => h.slack.responseUrlMessages.map((p) => (p.body as { text?: string }).text);
  const openProposalModal = async (userId = ana) => {
    const cmd = await h.slack.sendCommand({ userId, command: "/convene", text: "propose" });
    expect(cmd.status).toBe(200);
    expect(cmd.ackProblems).toEqual([]);
    const [modal] = h.slack.openModals(userId);
    expect(modal?.callbackId).toBe("proposal");
    return modal!.id;
  };
  async function submitted(): Promise<string> {
    const viewId = await openProposalModal();
    await h.slack.submitView({ viewId, values: typed() });
    await h.slack.waitFor(() => cards().length === 1 && h.slack.messages(ana).length === 1, { what: "the review card and the receipt" });
    return (await proposals())[0]!.id;
  }

  it("takes a proposal from the modal to a review card, and on approval makes a group with its channel", async () => {
    const viewId = await openProposalModal();
    const res = await h.slack.submitView({ viewId, values: typed() });
    expect(res.responseAction).toBe("update");
    expect(res.viewProblems).toEqual([]);
    expect(JSON.stringify(h.slack.view(viewId)!.view)).toContain("is received");

    await h.slack.waitFor(() => cards().length === 1 && h.slack.messages(ana).length === 1, { what: "card and receipt" });
    expect(cardText()).toContain(`proposed by <@${ana}>`);
    expect(h.slack.messages(ana)[0]!.text).toBe(
      'Convene received your proposal "Restorative practices in middle school" for Communities of Practice.',
    );
    const [stored] = await proposals();
    expect(stored!.facilitators.map((f) => [f.name, f.slackUserId])).toEqual([["Ana Ruiz", ana]]);

    await h.slack.clickButton({ userId: STAFF, actionId: PROPOSAL_ACTIONS.approve, channelId: review });
    await h.slack.waitFor(
      () => cardText().includes("Its group meets in <#") && h.slack.messages(ana).some((m) => m.text?.includes("is approved")),
      {
        what: "the group's channel and the proposer's DM",
      },
    );
    const group = await h.t.db.group.findFirstOrThrow({ include: { facilitators: true, fromProposal: true } });
    expect(group).toMatchObject({
      name: "Restorative practices in middle school",
      status: "OPEN",
      kind: "COP",
      capacity: 20,
      programmeId: programme.id,
    });
    expect(group.fromProposal?.id).toBe(stored!.id);
    expect(group.facilitators.map((f) => f.name)).toEqual(["Ana Ruiz"]);
    const channel = h.slack.channel(group.channelId!)!;
    expect(channel.name).toBe("restorative-practices-in-middle-school");
    expect([...channel.members]).toContain(ana);
    expect(cardText()).not.toContain(PROPOSAL_ACTIONS.approve);
    // The receipt sent before the decision now says where the proposal stands, with no live Edit or Withdraw.
    const receipt = () => JSON.stringify(h.slack.messages(ana)[0]!.blocks);
    await h.slack.waitFor(() => receipt().includes("Approved."), { what: "the receipt updated" });
    expect(receipt()).not.toContain("With coalition staff");
    expect(receipt()).not.toContain("edit_proposal");
    expect(receipt()).not.toContain("withdraw_proposal");
  });

  it("when Slack refuses the review card: failed in staff's queue with the reason, staff told by DM, the proposer not told staff have it", async () => {
    provoked = ["invalid_blocks"];
    h.slack.fail("chat.postMessage", { error: "invalid_blocks" }, { times: 1 }); // the card goes first
    const viewId = await openProposalModal();
    await h.slack.submitView({ viewId, values: typed() });
    expect(JSON.stringify(h.slack.view(viewId)!.view)).not.toContain("with coalition staff");
    await h.slack.waitFor(
      () => [STAFF, STAFF2].every((s) => h.slack.messages(s).some((m) => m.text?.includes("could not post the review card"))),
      { what: "staff told" },
    );
    const told = JSON.stringify(h.slack.messages(STAFF).at(-1)!.blocks);
    expect(told).toContain("Slack refused the review card for *Restorative practices in middle school*");
    expect(told).toContain("`invalid_blocks`");
    expect(cards()).toEqual([]);
    const [proposal] = await proposals();
    const card = await h.t.db.delivery.findFirstOrThrow({
      where: { kind: "proposal_card", payload: { equals: { proposalId: proposal!.id } } },
    });
    expect(card).toMatchObject({ status: "FAILED", lastError: "invalid_blocks", channelId: review });
    // Staff's queue lists it as failed, with the reason.
    await h.slack.sendCommand({ userId: STAFF, command: "/convene", text: "reminders" });
    await h.slack.waitFor(() => JSON.stringify(h.slack.openModals(STAFF).at(-1)?.view.blocks ?? []).includes("Failed in the last"), {
      what: "the queue",
    });
    const queue = JSON.stringify(h.slack.openModals(STAFF).at(-1)!.view.blocks);
    expect(queue).toContain(`<#${review}>`);
    expect(queue).toContain("invalid_blocks");
  });

  it("refuses a guest a facilitation proposal: on the command, on Home's button, and on a forged submission", async () => {
    const cmd = await h.slack.sendCommand({ userId: guest, command: "/convene", text: "propose" });
    expect(cmd.body).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringContaining("Facilitation proposals are for people from the coalition's member and partner organizations"),
    });
    expect(h.slack.openModals(guest)).toEqual([]);

    await h.slack.sendEvent({ type: "app_home_opened", user: guest });
    await h.slack.waitFor(() => h.slack.homeView(guest) !== undefined, { what: "the guest's Home" });
    await h.slack.clickButton({ userId: guest, home: true, actionId: ACTIONS.proposeGroup });
    await h.slack.waitFor(() => JSON.stringify(h.slack.openModals(guest).at(-1)?.view ?? "").includes("member and partner organizations"), {
      what: "the refusal in the modal",
    });

    const viewId = await openProposalModal(ana);
    const values = Object.fromEntries(Object.entries(typed()).map(([block, byAction]) => [block, Object.values(byAction)[0]]));
    const forged = await forgeSubmission(h.slack, { userId: guest, viewId, values });
    expect(forged.status).toBe(200);
    expect(JSON.stringify(forged.body)).toContain("member and partner organizations");
    expect(await proposals()).toEqual([]);
  });

  it("answers `/convene propose` after the deadline with the date it passed", async () => {
    await seed(new Date("2021-10-02T03:59:00Z"));
    const cmd = await h.slack.sendCommand({ userId: ana, command: "/convene", text: "propose" });
    expect(cmd.ackProblems).toEqual([]);
    expect(cmd.body).toMatchObject({
      response_type: "ephemeral",
      text: "Proposals for Communities of Practice closed on Friday, October 1, 2021 at 11:59 PM EDT.",
    });
    expect(h.slack.openModals(ana)).toEqual([]);
  });

  it("refuses a modal submitted after the deadline passed, with the date, under the programme", async () => {
    const due = new Date(Date.now() + 1500);
    await seed(due);
    const viewId = await openProposalModal();
    await new Promise((resolve) => setTimeout(resolve, due.getTime() - Date.now() + 100));
    const res = await h.slack.submitView({ viewId, values: typed() });
    const date = DateTime.fromJSDate(due, { zone: ZONE }).setLocale("en-US").toFormat("cccc, LLLL d, yyyy 'at' h:mm a ZZZZ");
    expect(res.errors).toEqual({
      [B.programme]: `Proposals for Communities of Practice closed on ${date}. Ask coalition staff if they can reopen them.`,
    });
    expect(await proposals()).toEqual([]);
  });

  it("marks each bad field in the modal, and saves nothing", async () => {
    const viewId = await openProposalModal();
    const first = await h.slack.submitView({
      viewId,
      values: {
        ...typed({ [B.title]: "   ", [B.capacity]: "0" }),
        [B.facilitators]: { [proposalActionOf(B.facilitators)]: [ana, ben, cara] },
      },
    });
    expect(first.errors).toEqual({
      [B.title]: "Give the group a title.",
      [B.capacity]: "A group needs room for at least 2 participants.",
      [B.facilitators]: "Pick at most 2 facilitators.",
    });
    // The modal keeps what was typed; the person fixes two fields and gets the third wrong.
    const second = await h.slack.submitView({
      viewId,
      values: { ...typed({ [B.capacity]: "500" }), [B.facilitators]: { [proposalActionOf(B.facilitators)]: [ana, ben] } },
    });
    expect(second.errors).toEqual({ [B.capacity]: "A group takes at most 100 participants." });
    expect(h.slack.openModals(ana).map((m) => m.id)).toEqual([viewId]);
    expect(await proposals()).toEqual([]);
  });

  it("creates one proposal from 20 identical submissions of the same view", async () => {
    const viewId = await openProposalModal();
    const answers = await Promise.all(Array.from({ length: 20 }, () => h.slack.submitView({ viewId, values: typed() })));
    expect(answers.map((a) => a.responseAction)).toEqual(Array(20).fill("update"));
    await h.slack.waitFor(() => cards().length === 1 && h.slack.messages(ana).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await proposals()).toHaveLength(1);
    expect(cards()).toHaveLength(1);
    expect(h.slack.messages(ana)).toHaveLength(1);
  });

  it("makes one decision and one group when two staff approve at once", async () => {
    await submitted();
    await Promise.all(
      [STAFF, STAFF2].map((userId) => h.slack.clickButton({ userId, actionId: PROPOSAL_ACTIONS.approve, channelId: review })),
    );
    await h.slack.waitFor(() => ephemeralTexts().includes("This proposal is already approved."), {
      what: "the second staff member's answer",
    });
    await h.slack.waitFor(
      () => cardText().includes("Its group meets in <#") && h.slack.messages(ana).some((m) => m.text?.includes("is approved")),
    );
    expect(await h.t.db.group.count()).toBe(1);
    expect(h.slack.messages(ana).filter((m) => m.text?.includes("is approved"))).toHaveLength(1);
  });

  it("refuses an approval forged by someone who is not staff, and changes nothing", async () => {
    const id = await submitted();
    const cardBefore = cardText();
    await h.slack.clickButton({ userId: mallory, actionId: PROPOSAL_ACTIONS.approve, channelId: review });
    await h.slack.waitFor(() => ephemeralTexts().includes("Only coalition staff can approve proposals."));
    expect((await h.t.db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("SUBMITTED");
    expect(await h.t.db.group.count()).toBe(0);
    expect(cardText()).toBe(cardBefore);
  });

  it("sends a decline's note to the proposer", async () => {
    await submitted();
    await h.slack.clickButton({ userId: STAFF, actionId: PROPOSAL_ACTIONS.decline, channelId: review });
    await h.slack.waitFor(() => h.slack.openModals(STAFF)[0]?.callbackId === "proposal_decline", { what: "the note modal" });
    const note = await h.slack.submitView({
      viewId: h.slack.openModals(STAFF)[0]!.id,
      values: { [NOTE_BLOCK]: { proposal_note: "We run a group on this already: please join it!" } },
    });
    expect(note.responseAction).toBe("update");
    await h.slack.waitFor(() => h.slack.messages(ana).some((m) => JSON.stringify(m.blocks).includes("please join it!")), {
      what: "the proposer's DM",
    });
    await h.slack.waitFor(() => cardText().includes(`Declined by <@${STAFF}>`));
    // Slack renders _pretty dates as "Today", which cannot follow "on": the date reads well rendered and as fallback.
    expect(cardText()).toMatch(
      new RegExp(
        `Declined by <@${STAFF}> on <!date\\^\\d+\\^\\{date_short\\} at \\{time\\}\\|[A-Z][a-z]{2} \\d{1,2}, \\d{4} at \\d{1,2}:\\d{2} [AP]M [A-Z]+>`,
      ),
    );
  });

  it("lets staff assign a reviewer, who scores from their DM, and refuses anyone else", async () => {
    await submitted();
    await h.slack.selectOption({ userId: STAFF, actionId: PROPOSAL_ACTIONS.assignReviewers, channelId: review, selected: [ben] });
    await h.slack.waitFor(() => h.slack.messages(ben).length === 1 && cardText().includes(`<@${ben}>: not reviewed yet`), {
      what: "the reviewer's DM",
    });

    await h.slack.clickButton({ userId: mallory, actionId: PROPOSAL_ACTIONS.score, channelId: review });
    await h.slack.waitFor(() => JSON.stringify(h.slack.openModals(mallory)[0]?.view ?? {}).includes("Only the reviewers staff assigned"), {
      what: "the refusal",
    });

    await h.slack.clickButton({ userId: ben, actionId: PROPOSAL_ACTIONS.score, channelId: ben });
    await h.slack.waitFor(() => h.slack.openModals(ben)[0]?.callbackId === "proposal_score", { what: "the rubric" });
    // Scores are required, and shown so: none is labelled "(optional)", and Slack's client will not send the form without them.
    const rubric = () => h.slack.openModals(ben)[0]!;
    const scoreInputs = (rubric().view.blocks as { block_id?: string; optional?: boolean }[]).filter((b) =>
      ["need", "plan", "facilitation"].includes(String(b.block_id)),
    );
    expect(scoreInputs.map((b) => b.optional)).toEqual([false, false, false]);
    await expect(h.slack.submitView({ viewId: rubric().id })).rejects.toThrow(/required inputs left empty.*need/);
    // Abstaining takes the scores away, and unticking brings them back.
    await h.slack.selectOption({ userId: ben, actionId: "score_abstain", selected: ["conflict_of_interest"] });
    await h.slack.waitFor(() => !JSON.stringify(rubric().view.blocks).includes("score_need"), { what: "the rubric without scores" });
    expect(JSON.stringify(rubric().view.blocks)).toContain("You abstain");
    await h.slack.selectOption({ userId: ben, actionId: "score_abstain", selected: [] });
    await h.slack.waitFor(() => JSON.stringify(rubric().view.blocks).includes("score_need"), { what: "the scores back" });
    const scores = Object.fromEntries(
      [
        ["need", "4"],
        ["plan", "5"],
        ["facilitation", "3"],
      ].map(([block, value]) => [block!, { [scoreActionOf(block!)]: value }]),
    );
    const res = await h.slack.submitView({ viewId: h.slack.openModals(ben)[0]!.id, values: scores });
    expect(res.openViewIds).toEqual([]);
    await h.slack.waitFor(() => cardText().includes(`<@${ben}>: *4.0*`), { what: "the score on the card" });
  });

  it("lets staff reopen proposals after the deadline and choose the review channel with `/convene proposals`", async () => {
    await seed(new Date("2021-10-02T03:59:00Z"));
    await h.t.db.programme.update({ where: { id: programme.id }, data: { reviewChannelId: null } });
    const forged = await h.slack.sendCommand({ userId: mallory, command: "/convene", text: `proposals reopen ${programme.slug}` });
    expect(forged.body).toMatchObject({ text: "Only coalition staff can use `/convene proposals`." });
    expect((await h.t.db.programme.findUniqueOrThrow({ where: { id: programme.id } })).proposalsReopened).toBe(false);

    const reopened = await h.slack.sendCommand({ userId: STAFF, command: "/convene", text: `proposals reopen ${programme.slug}` });
    expect(reopened.ackProblems).toEqual([]);
    expect(JSON.stringify(reopened.body)).toContain("are open again");
    const viewId = await openProposalModal();
    await h.slack.submitView({ viewId, values: typed() });
    await h.slack.waitFor(() => h.slack.messages(STAFF).length === 1 && h.slack.messages(STAFF2).length === 1, {
      what: "the notices to staff",
    });
    expect(cards()).toEqual([]);

    provoked = ["not_in_channel"];
    const elsewhere = h.slack.addChannel({ name: `staff-${randomUUID().slice(0, 6)}`, members: [STAFF], botIsMember: false }).id;
    const refused = await h.slack.sendCommand({
      userId: STAFF,
      command: "/convene",
      text: `proposals review-channel ${programme.slug}`,
      channelId: elsewhere,
    });
    expect(JSON.stringify(refused.body)).toContain("Convene cannot post in this channel (not_in_channel)");
    const chosen = await h.slack.sendCommand({
      userId: STAFF,
      command: "/convene",
      text: `proposals review-channel ${programme.slug}`,
      channelId: review,
    });
    expect(JSON.stringify(chosen.body)).toContain("1 proposal waiting for a decision will be posted here");
    expect((await h.t.db.programme.findUniqueOrThrow({ where: { id: programme.id } })).reviewChannelId).toBe(review);
    // The scheduler's tick posts the waiting card.
    await sendFollowUps({ ...h.convene.services, slack: new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl }) });
    expect(cards()).toHaveLength(1);
  });

  it("opens the form from App Home's Propose button, loading first, or says why proposals are closed", async () => {
    // App Home is drawn elsewhere; its Propose button is all this listener needs.
    const home = {
      type: "home" as const,
      blocks: [
        {
          type: "actions" as const,
          elements: [
            { type: "button" as const, action_id: ACTIONS.proposeGroup, text: { type: "plain_text" as const, text: "Propose a group" } },
          ],
        },
      ],
    };
    await new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl }).views.publish({ user_id: ana, view: home });
    await h.slack.clickButton({ userId: ana, actionId: ACTIONS.proposeGroup, home: true });
    await h.slack.waitFor(() => h.slack.openModals(ana)[0]?.callbackId === "proposal", { what: "the form" });
    expect(JSON.stringify(h.slack.openModals(ana)[0]!.versions[0])).toContain("loading…");

    await seed(new Date("2021-10-02T03:59:00Z"));
    await h.slack.closeView({ viewId: h.slack.openModals(ana)[0]!.id });
    await h.slack.clickButton({ userId: ana, actionId: ACTIONS.proposeGroup, home: true });
    await h.slack.waitFor(() => JSON.stringify(h.slack.openModals(ana)[0]?.view ?? {}).includes("closed on"), { what: "the explanation" });
  });

  it("lets the proposer edit from Convene's message, and the card follows", async () => {
    await submitted();
    await h.slack.clickButton({ userId: ana, actionId: ACTIONS.editProposal, channelId: ana });
    await h.slack.waitFor(() => h.slack.openModals(ana)[0]?.callbackId === "proposal", { what: "the edit modal" });
    const edit = h.slack.openModals(ana)[0]!;
    expect(JSON.stringify(edit.view)).toContain("Restorative practices in middle school");
    const res = await h.slack.submitView({ viewId: edit.id, values: typed({ [B.title]: "Restorative circles" }) });
    expect(JSON.stringify(h.slack.view(edit.id)!.view)).toContain("is updated");
    expect(res.responseAction).toBe("update");
    await h.slack.waitFor(() => cards()[0]!.text === "Proposal: Restorative circles (Communities of Practice), submitted", {
      what: "the updated card",
    });
    expect(await proposals()).toHaveLength(1);
  });

  it("keeps staff's note in the request for changes when that DM is redrawn after the edit and the approval", async () => {
    await submitted();
    await h.slack.clickButton({ userId: STAFF, actionId: PROPOSAL_ACTIONS.requestChanges, channelId: review });
    await h.slack.waitFor(() => h.slack.openModals(STAFF)[0]?.callbackId === "proposal_request_changes", { what: "the note modal" });
    await h.slack.submitView({
      viewId: h.slack.openModals(STAFF)[0]!.id,
      values: { [NOTE_BLOCK]: { proposal_note: "Please add how you will measure *impact*." } },
    });
    const changesDm = () => h.slack.messages(ana).find((m) => m.text?.startsWith("Staff asked for changes"));
    await h.slack.waitFor(() => changesDm() !== undefined, { what: "the request for changes" });
    const ts = changesDm()!.ts;
    const note = "Please add how you will measure \u2217impact\u2217.";
    expect(JSON.stringify(changesDm()!.blocks)).toContain(note);

    // The proposer edits from that DM: it goes back to staff, and the DM still says what staff asked.
    await h.slack.clickButton({ userId: ana, actionId: ACTIONS.editProposal, channelId: ana, messageTs: ts });
    await h.slack.waitFor(() => h.slack.openModals(ana)[0]?.callbackId === "proposal", { what: "the edit modal" });
    await h.slack.submitView({
      viewId: h.slack.openModals(ana)[0]!.id,
      values: typed({ [B.summary]: "Deans compare notes; we measure suspensions." }),
    });
    const redrawn = () => JSON.stringify(h.slack.messages(ana).find((m) => m.ts === ts)!.blocks);
    await h.slack.waitFor(() => redrawn().includes("With coalition staff"), { what: "the request redrawn after the edit" });
    expect(redrawn()).toContain(note);

    await h.slack.clickButton({ userId: STAFF, actionId: PROPOSAL_ACTIONS.approve, channelId: review });
    await h.slack.waitFor(() => redrawn().includes("Approved."), { what: "the request redrawn after the approval" });
    expect(redrawn()).toContain(note);
    expect(redrawn()).not.toContain("edit_proposal");
  });
});
