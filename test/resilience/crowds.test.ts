import { DateTime } from "luxon";
import pino from "pino";
import { blockActionsPayload, interactionBody, signSlackRequest } from "../../src/local-slack";
import { startConvene, type Convene } from "../../src/server";
import { afterAck } from "../../src/slack/after-ack";
import { membershipModal } from "../../src/views/membership-modal";
import { RSVP_GOING, RSVP_NOT_GOING } from "../../src/views/reminder-message";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";
import { seedGroup, seedProgramme, seedSession, ZONE } from "../helpers/reminder-fixtures";
import { answerText, stateOf, submit } from "./support/submissions";
import { waitUntil } from "./support/wait";

const CLICKERS = 60;

/**
 * A crowd at once: clicks on one reminder, whose re-renders are coalesced, and forms acked early
 * ("Saving…") while saves queue. Nothing a person did may be lost or shown wrong.
 */
describe.each(providers)("a crowd at once, on %s", (provider) => {
  let h: Harness;
  /** A second replica on the same database, where replicas can share one (PostgreSQL). */
  let second: Convene | undefined;
  beforeAll(async () => {
    h = await startHarness(provider);
    if (provider === "postgresql") second = await startConvene(h.config, pino({ level: "silent" }));
  });
  afterAll(async () => {
    await second?.stop();
    await h.stop();
  });
  const db = () => h.convene.services.db;

  it("counts every click on one reminder exactly once, and the message ends showing the counts stored, with far fewer updates than clicks", async () => {
    const channel = h.slack.addChannel({ name: "cop-crowd" }).id;
    const programme = await seedProgramme(db(), { announcementChannelId: channel });
    const group = await seedGroup(db(), programme.id, { slug: "crowd", name: "Crowd", channelId: channel });
    const users = Array.from({ length: CLICKERS }, (_, i) => h.slack.addUser({ name: `crowd${i}`, realName: `Crowd Member ${i}` }).id);
    for (const [i, slackUserId] of users.entries()) {
      const person = await db().person.create({ data: { slackUserId, name: `Crowd Member ${i}` } });
      await db().membership.create({ data: { groupId: group.id, personId: person.id, status: "ACTIVE" } });
    }
    const start = DateTime.now().setZone(ZONE).plus({ days: 10 }).startOf("hour");
    const session = await seedSession(db(), {
      programmeId: programme.id,
      groupId: group.id,
      localStart: start.toFormat("yyyy-MM-dd'T'HH:mm"),
      title: "Crowded meeting",
    });
    await h.tick(start.minus({ days: 7 }).toJSDate());
    const ts = h.slack.messages(channel).find((m) => JSON.stringify(m.blocks).includes(session.id))!.ts;
    const updatesBefore = h.slack.callsTo("chat.update").length;

    // Everyone clicks Going; a third change their mind at once. On PostgreSQL the clicks are split
    // between two replicas, each coalescing its own re-renders.
    const replicas = [h.baseUrl, ...(second ? [`http://127.0.0.1:${second.port}`] : [])];
    const answered: string[] = [];
    const clickOf = (userId: string, i: number, actionId: string) => {
      const { url, id } = h.slack.issueResponseUrl({ channelId: channel, userId, messageTs: ts });
      answered.push(id);
      const body = interactionBody(
        blockActionsPayload({
          actor: { userId, userName: `crowd${i}`, teamId: h.slack.teamId, teamDomain: h.slack.teamDomain, apiAppId: h.slack.appId },
          triggerId: h.slack.issueTriggerId(userId),
          actions: [
            {
              type: "button",
              action_id: actionId,
              block_id: "rsvp",
              value: session.id,
              action_ts: String(Date.now() / 1000),
              text: { type: "plain_text", text: "x" },
            },
          ],
          message: {
            message: { type: "message", ts, text: "Reminder", user: h.slack.botUserId, bot_id: h.slack.botId },
            channelId: channel,
            channelName: "cop-crowd",
          },
          responseUrl: url,
        }),
      );
      return fetch(`${replicas[i % replicas.length]}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(h.slack.signingSecret, body) },
        body,
      });
    };
    const clicks = [
      ...users.map((u, i) => clickOf(u, i, RSVP_GOING)),
      ...users.filter((_, i) => i % 3 === 0).map((u, i) => clickOf(u, i * 3 + 1, RSVP_NOT_GOING)),
    ];
    expect((await Promise.all(clicks)).map((r) => r.status)).toEqual(clicks.map(() => 200));

    const stored = async () => ({
      going: await db().rsvp.count({ where: { sessionId: session.id, response: "GOING" } }),
      notGoing: await db().rsvp.count({ where: { sessionId: session.id, response: "NOT_GOING" } }),
    });
    const shown = () => JSON.stringify(h.slack.messages(channel).find((m) => m.ts === ts)!.blocks);
    // A click is answered privately once saved: when all are, the stored counts are final.
    await waitUntil(() => answered.every((id) => h.slack.responses(id).length === 1), "every click answered privately", 20_000);
    const final = await stored();
    await waitUntil(
      () => shown().includes(`Going (${final.going})`) && shown().includes(`Can't make it (${final.notGoing})`),
      "the message showing the stored counts",
      20_000,
    );
    expect(await db().rsvp.count({ where: { sessionId: session.id } })).toBe(CLICKERS);
    // Shown once more, after a pause: no late re-render with older counts came after.
    await new Promise((r) => setTimeout(r, 2500));
    expect(shown()).toContain(`Going (${final.going})`);
    expect(shown()).toContain(`Can't make it (${final.notGoing})`);
    const updates = h.slack.callsTo("chat.update").length - updatesBefore;
    expect(updates).toBeGreaterThan(0);
    expect(updates).toBeLessThan(clicks.length / 4);
  });

  it("still marks the fields of a wrong form acked early: in the ack when parsing finds them, else in the form brought back", async () => {
    const taken = await db().organization.create({
      data: { name: "Taken Schools", nameKey: "taken schools", domains: { create: [{ domain: "taken.org" }] } },
    });
    expect(taken.id).toBeTruthy();
    const people = Array.from(
      { length: 30 },
      (_, i) => h.slack.addUser({ name: `applicant${i}`, email: `applicant${i}@example${i}.org` }).id,
    );
    const form = membershipModal();
    const apply = (userId: string, i: number, values: Record<string, string>) =>
      submit(h.slack, { userId, view: { ...form, id: `VCROWDAPP${provider}${i}` }, state: stateOf(form, values) });
    const good = (i: number) => ({ organization: `Crowd Academy ${i}`, domains: `crowd-academy-${i}.org`, about: "Schools." });
    // The after-ack queue held busy (as by a crowd's clicks), so saves are acked early: the path under test.
    const held = Array.from({ length: 6 }, () => afterAck(() => new Promise((resolve) => setTimeout(resolve, 1500))));
    // 24 good applications, 3 that zod refuses (a malformed domain), 3 that only the database can refuse (a domain another organization holds).
    const answers = await Promise.all(
      people.map((u, i) =>
        apply(
          u,
          i,
          i % 10 === 3 ? { ...good(i), domains: "https://not a domain" } : i % 10 === 7 ? { ...good(i), domains: "taken.org" } : good(i),
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    for (const [i, answer] of answers.entries()) {
      if (i % 10 === 3) {
        // Checked before any ack: the field is marked in it.
        expect(answer.body).toMatchObject({
          response_action: "errors",
          errors: { domains: expect.stringContaining("Write each domain like") },
        });
      } else if (i % 10 === 7) {
        {
          expect(answerText(answer)).toContain("Saving…");
          const broughtBack = () =>
            h.slack
              .callsTo("views.update")
              .find(
                (c) =>
                  JSON.stringify(c.args).includes(`VCROWDAPP${provider}${i}`) &&
                  JSON.stringify(c.args).includes("taken.org already belongs to Taken Schools"),
              );
          await waitUntil(() => broughtBack() !== undefined, `applicant ${i}'s form back with its problem`, 20_000);
          // The form comes back as filled in, the problem under the field.
          const view = (
            broughtBack()!.args as {
              view: { blocks: { block_id?: string; hint?: { text: string }; element?: { initial_value?: string } }[] };
            }
          ).view;
          const domains = view.blocks.find((b) => b.block_id === "domains")!;
          expect(domains.hint!.text).toContain("taken.org already belongs to Taken Schools");
          expect(domains.element!.initial_value).toBe("taken.org");
        }
      }
    }
    // Each good application saved exactly once, whether its answer came in the ack or after it.
    await waitUntil(
      async () =>
        (await db().submission.count({ where: { kind: "MEMBERSHIP_APPLICATION", title: { startsWith: "Crowd Academy" } } })) === 24,
      "the 24 good applications",
      20_000,
    );
    const goodAnswers = answers.filter((_, i) => i % 10 !== 3 && i % 10 !== 7).map(answerText);
    expect(goodAnswers.filter((a) => a.includes("Saving…"))).toHaveLength(24);
    await Promise.all(held);
  });
});
