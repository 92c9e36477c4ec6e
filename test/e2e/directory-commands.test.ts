import { WebClient } from "@slack/web-api";
import { syncProgrammeChannels } from "../../src/services/channel-service";
import { ACTIONS } from "../../src/views/actions";
import { blockActionsPayload, type CommandResult, errorsOnly, interactionBody, validateView } from "../../src/local-slack";
import { COP_FACILITATORS, importCop } from "../helpers/cop-example";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";

/** Before the 2021-2022 sessions start: the US clocks change on Nov 7, the UK's on Oct 31. */
const NOW = new Date("2021-10-01T12:00:00Z");
const text = (value: unknown) => JSON.stringify(value);
const KICKOFF = 1634151600; // 2021-10-13 15:00 America/New_York (EDT)
const NOV_10 = 1636578000; // 2021-11-10 16:00 America/New_York (EST)

describe.each(providers)("/convene groups, group, sessions, deadlines and my on %s", (provider) => {
  let h: Harness;
  let member: string, newcomer: string, london: string, angeleno: string, guest: string, staff: string;
  const say = async (userId: string, words: string): Promise<CommandResult> => {
    const res = await h.slack.sendCommand({ userId, command: "/convene", text: words });
    expect(res.status).toBe(200);
    expect(res.durationMs).toBeLessThan(3000);
    expect(res.ackProblems).toEqual([]);
    expect(res.body).toMatchObject({ response_type: "ephemeral" });
    return res;
  };
  const seen = (res: CommandResult) => text(res.body);

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: "U0STAFF001", CONVENE_PUBLIC_URL: "https://convene.example.org" });
    // Time is an argument: every listener reads it from services.now.
    h.convene.services.now = () => NOW;
    member = h.slack.addUser({ name: "ariana", realName: "Ariana Melton", email: "ariana@prospectschools.org", tz: "America/Chicago" }).id;
    newcomer = h.slack.addUser({ name: "nia", realName: "Nia Early", email: "nia@prospectschools.org" }).id;
    london = h.slack.addUser({ name: "lola", realName: "Lola Reyes", email: "lola@lfno.org", tz: "Europe/London" }).id;
    angeleno = h.slack.addUser({ name: "abe", realName: "Abe Kim", email: "abe@clicharter.org", tz: "America/Los_Angeles" }).id;
    guest = h.slack.addUser({ name: "gus", realName: "Gus Guest", email: "gus@example.com", tz: "America/New_York" }).id;
    staff = h.slack.addUser({ id: "U0STAFF001", name: "sam", realName: "Sam Staff", email: "sam@dcsc.org" }).id;
    for (const [name, id] of Object.entries(COP_FACILITATORS)) h.slack.addUser({ id, name: id.toLowerCase(), realName: name });
  });
  afterAll(() => h.stop());

  it("says what to do next when there is nothing yet, for members and for staff", async () => {
    expect(seen(await say(newcomer, "groups"))).toContain(
      "There are no groups running right now. Propose one with the *Propose a group* button",
    );
    expect(seen(await say(staff, "groups"))).toContain(
      "Import a programme file with `npm run convene -- import FILE`, or create a group with `/convene admin group new`.",
    );
    expect(seen(await say(newcomer, "sessions"))).toContain("No upcoming sessions. `/convene groups` lists the groups you can join");
    expect(seen(await say(newcomer, "deadlines"))).toContain("Nothing is due right now.");
    const my = seen(await say(newcomer, "my"));
    expect(my).toContain("You are not in a group yet. `/convene groups` lists the groups taking sign-ups.");
    expect(my).toContain("You have not proposed a group.");
  });

  describe("with the CoP programme imported and its channels set up", () => {
    beforeAll(async () => {
      await importCop(h.t.db, NOW);
      await syncProgrammeChannels(h.convene.services, new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl }), "cop-2021-2022");
      // Ariana is in Got Justice?; Lola and Abe in Trauma-Informed Practices.
      for (const [user, slug] of [
        [member, "got-justice"],
        [london, "trauma-informed"],
        [angeleno, "trauma-informed"],
      ] as const) {
        await say(user, "my"); // Convene meets them (users.info) on their first command
        const person = await h.t.db.person.findUniqueOrThrow({ where: { slackUserId: user } });
        const group = await h.t.db.group.findFirstOrThrow({ where: { slug } });
        await h.t.db.membership.create({ data: { groupId: group.id, personId: person.id, status: "ACTIVE" } });
      }
    });

    it("lists groups taking sign-ups first, with Join for members and Details for everyone", async () => {
      const res = await say(member, "groups");
      const blocks = (
        res.body as { blocks: { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] }[] }
      ).blocks;
      const names = blocks.filter((b) => b.type === "section").map((b) => b.text!.text.split("\n")[0]);
      expect(names).toEqual([
        "*Disrupt Bias in Educator Talent Decisions*",
        "*Got Justice? Creating and Sustaining Equitable School Culture*  :white_check_mark: _You're in this group_",
        "*Trauma-Informed Practices to Support ALL Students*",
        "*Roots ConnectED Anti-Bias and Social Justice Institute Follow-up Coaching*",
      ]);
      const buttons = blocks.filter((b) => b.type === "actions").map((b) => b.elements!.map((e) => e.action_id));
      // Not Join for her own group, nor for the one that is not taking sign-ups.
      expect(buttons).toEqual([
        [ACTIONS.joinGroup, ACTIONS.groupDetails],
        [ACTIONS.groupDetails],
        [ACTIONS.joinGroup, ACTIONS.groupDetails],
        [ACTIONS.groupDetails],
      ]);
      expect(seen(res)).toContain("3 taking sign-ups, 1 meeting now.");
    });

    it("shows a guest the groups without Join, and says why", async () => {
      const res = await say(guest, "groups");
      expect(seen(res)).not.toContain(ACTIONS.joinGroup);
      expect(seen(res)).toContain("Joining is for people from member organizations.");
    });

    it("shows one group in full from a few words, typos forgiven, with its channel, facilitators, feed and next sessions", async () => {
      const group = await h.t.db.group.findFirstOrThrow({ where: { slug: "disrupt-bias" } });
      const res = await say(guest, "group disrpt bias");
      const body = seen(res);
      expect(body).toContain("Closest match for “disrpt bias”.");
      expect(body).toContain("Disrupt Bias in Educator Talent Decisions");
      expect(body).toContain(`<#${group.channelId}>`);
      expect(body).toContain(`<@${COP_FACILITATORS["Kevin Bryant"]}>, <@${COP_FACILITATORS["Ron Rapatalo"]}>`);
      expect(body).toContain(`https://convene.example.org/calendar/${group.calendarToken}.ics`);
      expect(body).toContain(`<!date^${KICKOFF}^{date_short_pretty} at {time}|Wed, Oct 13, 2021 at 3:00 PM EDT>`);
      expect(body).toContain("https://calendar.google.com/calendar/render?");
      expect(body).not.toContain(ACTIONS.joinGroup); // a guest

      expect(seen(await say(member, "group bias"))).toContain("matches more than one group");
      expect(seen(await say(member, "group astronomy"))).toContain("No group matches “astronomy”.");
      expect(seen(await say(member, "group"))).toContain("Which group? Type a few words of its name");
    });

    it("shows each reader the same sessions in their own zone, across the clock changes", async () => {
      const fromLondon = seen(await say(london, "sessions trauma"));
      const fromLA = seen(await say(angeleno, "sessions trauma"));
      // Kick-off: before the UK's change (BST) and the US's (PDT).
      expect(fromLondon).toContain(`<!date^${KICKOFF}^{date_short_pretty} at {time}|Wed, Oct 13, 2021 at 8:00 PM GMT+1>`);
      expect(fromLA).toContain(`<!date^${KICKOFF}^{date_short_pretty} at {time}|Wed, Oct 13, 2021 at 12:00 PM PDT>`);
      // Nov 10, 15:00 in New York: after both changes, one hour later in UTC than in October.
      const trauma = 1636574400; // 2021-11-10 15:00 EST
      expect(trauma - KICKOFF).toBe(28 * 24 * 3600 + 3600);
      expect(fromLondon).toContain(`<!date^${trauma}^{date_short_pretty} at {time}|Wed, Nov 10, 2021 at 8:00 PM GMT>`);
      expect(fromLA).toContain(`<!date^${trauma}^{date_short_pretty} at {time}|Wed, Nov 10, 2021 at 12:00 PM PST>`);
      // Every session offers add-to-calendar links, in UTC.
      expect(fromLA).toContain("dates=20211110T200000Z%2F20211110T210000Z");
    });

    it("lists every group's next sessions and the coming deadline", async () => {
      const all = seen(await say(member, "sessions"));
      expect(all).toContain(`<!date^${NOV_10}^`);
      expect(all).toContain("Showing the next 15 of");
      const deadlines = seen(await say(member, "deadlines"));
      // Due at the end of Oct 1 in New York, which reads 10:59 PM in Ariana's Chicago.
      expect(deadlines).toContain(
        "*Participant Sign-up Deadline* · due <!date^1633147140^{date_short_pretty} at {time}|Fri, Oct 1, 2021 at 10:59 PM CDT>",
      );
      expect(deadlines).not.toContain("Deadline to submit a proposal"); // April: past
    });

    it("shows a member their group and its sessions under `my`", async () => {
      const my = seen(await say(member, "my"));
      expect(my).toContain("Got Justice? Creating and Sustaining Equitable School Culture");
      expect(my).not.toContain("Trauma-Informed Practices");
      expect(my).toContain(`<!date^${NOV_10}^{date_short_pretty} at {time}|Wed, Nov 10, 2021 at 3:00 PM CST>`);
    });

    it("answers Details beside the reply clicked, and in a modal from the Home tab", async () => {
      const justice = await h.t.db.group.findFirstOrThrow({ where: { slug: "got-justice" } });
      const res = await say(member, "groups");
      // The reply is ephemeral, so Slack sends the click with that reply's response_url.
      const payload = blockActionsPayload({
        actor: { userId: member, userName: "ariana", teamId: h.slack.teamId, teamDomain: h.slack.teamDomain, apiAppId: h.slack.appId },
        actions: [
          { type: "button", action_id: ACTIONS.groupDetails, block_id: `group_card_${justice.id}`, value: justice.id, action_ts: "1.2" },
        ],
        triggerId: h.slack.issueTriggerId(member),
        message: {
          message: { ts: "1.1", ...(res.body as object) },
          channelId: res.payload.channel_id,
          channelName: "directmessage",
          isEphemeral: true,
        },
        responseUrl: res.responseUrl,
      });
      expect((await h.slack.postToApp(interactionBody(payload), { contentType: "application/x-www-form-urlencoded" })).status).toBe(200);
      await h.slack.waitFor(() => h.slack.responses(res.responseUrlId).length > 0);
      const [reply] = h.slack.responses(res.responseUrlId);
      expect(reply!.status).toBe(200);
      expect(reply!.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
      expect(text(reply!.body)).toContain("Got Justice? Creating and Sustaining Equitable School Culture");
      expect(text(reply!.body)).toContain(":white_check_mark: You're in this group");

      await h.slack.sendEvent({ type: "app_home_opened", user: guest });
      await h.slack.waitFor(() => h.slack.homeView(guest) !== undefined);
      const bias = await h.t.db.group.findFirstOrThrow({ where: { slug: "disrupt-bias" } });
      await h.slack.clickButton({ userId: guest, home: true, actionId: ACTIONS.groupDetails, blockId: `group_card_${bias.id}` });
      await h.slack.waitFor(() => h.slack.openModals(guest).length > 0);
      const modal = h.slack.openModals(guest)[0]!;
      expect(errorsOnly(validateView(modal.view, { expectedType: "modal" }))).toEqual([]);
      expect(text(modal.view)).toContain("Disrupt Bias in Educator Talent Decisions");
      expect(text(modal.view)).not.toContain(ACTIONS.joinGroup);
      expect(h.slack.internalErrors).toEqual([]);
    });
  });
});
