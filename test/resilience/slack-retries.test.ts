import { RSVP_GOING } from "../../src/views/reminder-message";
import { COMMITMENT_VALUE } from "../../src/views/signup-modal";
import { PROPOSAL_BLOCKS } from "../../src/views/proposal-modal";
import { TOPIC_UPVOTE } from "../../src/views/topics-message";
import { providers } from "../helpers/databases";
import { type AppResponse, blockActionsPayload, interactionBody } from "../../src/local-slack";
import { APOLOGY } from "./support/fuzz";
import { filledState, submit } from "./support/submissions";
import { startWorld, type World } from "./support/world";

type Json = Record<string, unknown>;

/**
 * Slack sends a request again when the first answer was slow or lost, and a double click sends
 * it twice: copies may arrive together or after the first was answered. Each is answered as the
 * first was, and nothing is recorded twice.
 */
describe.each(providers)("Slack's retries of events and interactions, on %s", (provider) => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(provider);
  });
  afterAll(() => w.close());
  let errorsBefore = 0;
  beforeEach(() => {
    errorsBefore = w.h.errors().length;
  });
  afterEach(() => {
    expect(w.h.errors().slice(errorsBefore)).toEqual([]);
    expect(w.h.slack.internalErrors).toEqual([]);
  });

  const retry = (n: number) => ({ "x-slack-retry-num": String(n), "x-slack-retry-reason": "http_timeout" });

  /** The original and its first retry together, then a second retry after both were answered. */
  async function thrice(send: (headers: Record<string, string>) => Promise<AppResponse>): Promise<AppResponse[]> {
    const together = await Promise.all([send({}), send(retry(1))]);
    return [...together, await send(retry(2))];
  }

  function expectAnswered(answers: AppResponse[]) {
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(JSON.stringify(a.body ?? "")).not.toMatch(APOLOGY);
    }
  }

  it("an app_home_opened event for someone new makes one person, and their Home tab", async () => {
    const newcomer = w.h.slack.addUser({ name: "Nina New", email: "nina@prospectschools.org" }).id;
    const eventId = "Ev0RETRY0001";
    expectAnswered(
      await thrice((headers) =>
        w.h.slack.sendEvent(
          { type: "app_home_opened", user: newcomer },
          {
            eventId,
            ...(headers["x-slack-retry-num"] ? { retryNum: Number(headers["x-slack-retry-num"]), retryReason: "http_timeout" } : {}),
          },
        ),
      ),
    );
    await w.h.slack.waitFor(() => w.h.slack.homeView(newcomer) !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await w.t.db.person.count({ where: { slackUserId: newcomer } })).toBe(1);
  });

  /** A form a person filled in, sent three times; `count` is what it records. */
  async function submitThrice(who: keyof World["users"], command: string, values: Record<string, unknown>, count: () => Promise<number>) {
    const snapshot = await w.openByCommand(w.users[who], command);
    expect(snapshot?.callbackId).toBeTruthy();
    const view = snapshot!.view as Json;
    const state = filledState(view, values);
    const before = await count();
    const answers = await thrice((headers) => submit(w.h.slack, { userId: w.users[who], view, state, headers }));
    expectAnswered(answers);
    for (const a of answers) expect(a.body).toMatchObject({ response_action: expect.stringMatching(/^(update|clear)$/) });
    expect(await count()).toBe(before + 1);
    return answers;
  }

  it("a sign-up sent three times is one membership and one confirmation", async () => {
    await submitThrice("ariana", "join trauma-informed", { commitment: [COMMITMENT_VALUE] }, () =>
      w.t.db.membership.count({ where: { groupId: w.c.groups.trauma } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(w.h.slack.messages(w.users.ariana).filter((m) => /signed up for/i.test(m.text ?? ""))).toHaveLength(1);
  });

  it("a membership application sent three times is one application", async () => {
    await submitThrice(
      "outsider",
      "submit membership",
      { organization: "Elsewhere Academy", domains: "elsewhere.example", about: "Four schools." },
      () => w.t.db.submission.count({ where: { kind: "MEMBERSHIP_APPLICATION" } }),
    );
  });

  it("a topic suggestion sent three times is one topic, and an upvote clicked three times is one vote", async () => {
    await submitThrice("ariana", "submit topic", { title: "Teacher retention" }, () =>
      w.t.db.submission.count({ where: { kind: "TOPIC_SUGGESTION" } }),
    );
    const topic = await w.t.db.submission.findFirstOrThrow({ where: { kind: "TOPIC_SUGGESTION" }, select: { id: true } });
    await w.h.slack.sendCommand({ userId: w.users.bea, command: "/convene", text: "topics" });
    const votes = () => w.t.db.topicVote.count({ where: { submissionId: topic.id } });
    const before = await votes();
    expectAnswered(await thrice((headers) => click(w.users.bea, `${TOPIC_UPVOTE}:${topic.id}`, topic.id, headers)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await votes()).toBe(before + 1);
  });

  it("a proposal sent three times is one proposal and one review card", async () => {
    await submitThrice(
      "ariana",
      "propose",
      {
        [PROPOSAL_BLOCKS.programme]: w.c.programmeId,
        [PROPOSAL_BLOCKS.title]: "Restorative practices",
        [PROPOSAL_BLOCKS.summary]: "Deans compare notes.",
        [PROPOSAL_BLOCKS.problem]: "Suspensions.",
        [PROPOSAL_BLOCKS.audience]: "Deans",
        [PROPOSAL_BLOCKS.facilitators]: [w.users.ariana],
        [PROPOSAL_BLOCKS.deliverable]: "TOOLKIT",
        [PROPOSAL_BLOCKS.format]: "hybrid",
        [PROPOSAL_BLOCKS.capacity]: "20",
      },
      () => w.t.db.proposal.count(),
    );
    await w.h.slack.waitFor(() => w.h.slack.messages(w.channels.review).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(w.h.slack.messages(w.channels.review).filter((m) => (m.text ?? "").includes("Restorative practices"))).toHaveLength(1);
  });

  it("a session scheduled three times is one session", async () => {
    await submitThrice(
      "staff",
      "admin session new got justice",
      { session_title: "Extra session", session_date: "2030-03-05", session_time: "15:00" },
      () => w.t.db.session.count({ where: { title: "Extra session" } }),
    );
  });

  it("a member-hosted event sent three times is one submission", async () => {
    await submitThrice(
      "ariana",
      "submit event",
      { programme: w.c.programmeId, title: "Open house", description: "Visit our school.", date: "2030-04-02", time: "16:00" },
      () => w.t.db.submission.count({ where: { kind: "EVENT" } }),
    );
  });

  it("a group created three times is one group", async () => {
    await submitThrice("staff", "admin group new", { group_programme: w.c.programmeId, group_name: "Family engagement" }, () =>
      w.t.db.group.count({ where: { name: "Family engagement" } }),
    );
  });

  it("a deliverable shared three times is one deliverable", async () => {
    await submitThrice(
      "dwight",
      "submit deliverable",
      { group: w.c.groups.justice, title: "Equity toolkit", kind: "TOOLKIT", link: "https://example.org/toolkit" },
      () => w.t.db.deliverable.count(),
    );
  });

  /** A button in a message, clicked by `userId`, as Slack posts it. */
  function click(userId: string, actionId: string, value: string, headers: Record<string, string>, responseUrl?: string) {
    const actor = {
      userId,
      userName: w.h.slack.user(userId)!.name,
      teamId: w.h.slack.teamId,
      teamDomain: w.h.slack.teamDomain,
      apiAppId: w.h.slack.appId,
    };
    const payload = blockActionsPayload({
      actor,
      triggerId: w.h.slack.issueTriggerId(userId),
      actions: [
        {
          type: "button",
          action_id: actionId,
          block_id: "b",
          value,
          action_ts: String(Date.now() / 1000),
          text: { type: "plain_text", text: "x" },
        },
      ],
      message: { message: { type: "message", ts: "1.000001", text: "x" }, channelId: w.channels.justice, channelName: "cop-got-justice" },
      ...(responseUrl ? { responseUrl } : {}),
    });
    return w.h.slack.postToApp(interactionBody(payload), { contentType: "application/x-www-form-urlencoded", headers });
  }

  it("Going clicked three times is one answer", async () => {
    const answers = () => w.t.db.rsvp.count({ where: { sessionId: w.upcomingSessionId } });
    const before = await answers();
    // Slack sends a response_url with every message click: Convene answers the clicker through it.
    const { url } = w.h.slack.issueResponseUrl({ channelId: w.channels.justice, userId: w.users.bea });
    expectAnswered(await thrice((headers) => click(w.users.bea, RSVP_GOING, w.upcomingSessionId, headers, url)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await answers()).toBe(before + 1);
  });
});
