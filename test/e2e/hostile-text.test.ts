/**
 * Text people type is hostile (issue #13, findings 1 and 2; #12, defect 6). A proposal title with a
 * broadcast and mrkdwn markers travels to the review card, the proposer's DMs, the new group's
 * channel (welcome, topic, purpose), Home and `/convene groups`: nobody is notified and it shows as
 * typed. Links that would break out of `<url|label>` are refused on their field. The harness's markup
 * guard checks everything else these tests make Slack show.
 */
import { PROPOSAL_BLOCKS as B, proposalActionOf } from "../../src/views/proposal-modal";
import { PROPOSAL_ACTIONS } from "../../src/views/proposal-review-card";
import { SESSION_MODAL_CALLBACK } from "../../src/views/session-modal";
import { COP_FACILITATORS, importCop } from "../helpers/cop-example";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";

const NOW = new Date("2021-04-01T15:00:00Z");
const STAFF = "U0STAFF001";
const TITLE = "<!channel> *Grid* _storage_ ~now~ `x` & <@U0STAFF001>";
/** How the title reads in Slack: as typed, with no mention, broadcast or formatting. */
const SHOWN = "&lt;!channel&gt; \u2217Grid\u2217 \u02CDstorage\u02CD \u223Cnow\u223C \u02CBx\u02CB &amp; &lt;@U0STAFF001&gt;";
const HOSTILE_LINK = "https://evil.example/|Official-Zoom><!channel><https://evil.example/login|Join";
const text = (value: unknown) => JSON.stringify(value);

describe.each(providers)("hostile text through the local Slack on %s", (provider) => {
  let h: Harness;
  let ana: string;
  let review: string;

  const command = async (userId: string, words: string, channelId?: string) => {
    const res = await h.slack.sendCommand({ userId, command: "/convene", text: words, ...(channelId && { channelId }) });
    expect(res.status).toBe(200);
    return res;
  };
  const loaded = async (userId: string, callbackId: string) => {
    await h.slack.waitFor(() => h.slack.openModals(userId).at(-1)?.callbackId === callbackId, { what: `the ${callbackId} modal` });
    return h.slack.openModals(userId).at(-1)!;
  };

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF, CONVENE_PUBLIC_URL: "https://convene.example.org" });
    h.convene.services.now = () => NOW;
    h.slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff", email: "sam@dcsc.org" });
    ana = h.slack.addUser({ name: "ana", realName: "Ana *Ruiz*", email: "ana@prospectschools.org", tz: "America/Chicago" }).id;
    for (const [name, id] of Object.entries(COP_FACILITATORS)) h.slack.addUser({ id, name: id.toLowerCase(), realName: name });
    review = h.slack.addChannel({ name: "proposals-review", members: [STAFF] }).id;
    await importCop(h.t.db, NOW);
    await command(STAFF, "proposals review-channel cop-2021-2022", review);
  });
  afterAll(() => h.stop());

  it("takes a proposal titled with <!channel> and *markers* to staff, the proposer, and its new group's channel, notifying nobody and showing it as typed", async () => {
    await command(ana, "propose");
    const modal = await loaded(ana, "proposal");
    const values = {
      [B.title]: TITLE,
      [B.summary]: "Batteries <!here> for *schools*.",
      [B.problem]: "Outages close schools.",
      [B.audience]: "Facilities leads <!subteam^S0STAFF|@staff>",
      [B.deliverable]: "TOOLKIT",
      [B.format]: "hybrid",
      [B.capacity]: "20",
    };
    const res = await h.slack.submitView({
      viewId: modal.id,
      values: Object.fromEntries(Object.entries(values).map(([block, v]) => [block, { [proposalActionOf(block)]: v }])),
    });
    expect(res.responseAction).toBe("update");

    const card = () => h.slack.messages(review).find((m) => m.text?.startsWith("Proposal:"))!;
    await h.slack.waitFor(() => card() !== undefined && h.slack.messages(ana).length === 1, { what: "the review card and the receipt" });
    // The notification text (what phones show) and the card itself.
    expect(card().text).toBe(`Proposal: ${SHOWN} (Communities of Practice 2021-2022), submitted`);
    // The title stands in plain_text (header, confirm dialog), which Slack shows as typed and never parses.
    expect(card().blocks![0]).toMatchObject({ type: "header", text: { type: "plain_text", text: `Proposal: ${TITLE}` } });
    expect(text(card().blocks)).toContain(`"type":"plain_text","text":"Convene creates the group \\"${TITLE}\\"`);
    expect(text(card().blocks)).toContain("Batteries &lt;!here&gt; for \u2217schools\u2217.");
    expect(h.slack.messages(ana)[0]!.text).toBe(`Convene received your proposal "${SHOWN}" for Communities of Practice 2021-2022.`);

    await h.slack.clickButton({ userId: STAFF, actionId: PROPOSAL_ACTIONS.approve, channelId: review });
    await h.slack.waitFor(() => h.slack.messages(ana).some((m) => m.text?.includes("is approved")), {
      what: "the proposer's DM",
    });
    const group = await h.t.db.group.findFirstOrThrow({ where: { name: TITLE } });
    await h.slack.waitFor(() => h.slack.messages(group.channelId!).length > 0, { what: "the welcome" });
    const channel = h.slack.channel(group.channelId!)!;
    const welcome = h.slack.messages(channel.id)[0]!;
    expect(welcome.text).toContain(`Welcome to ${SHOWN}!`);
    expect(text(welcome.blocks)).toContain(`*Welcome to ${SHOWN}!*`);
    // Topics and purposes take no formatting: typed angle brackets become ‹ ›.
    expect(channel.topic.value).toBe(
      "\u2039!channel\u203A *Grid* _storage_ ~now~ `x` & \u2039@U0STAFF001\u203A · Communities of Practice 2021-2022",
    );
    expect(channel.purpose.value).toBe("Batteries \u2039!here\u203A for *schools*.");

    const groups = await command(ana, "groups");
    expect(text(groups.body)).toContain(SHOWN);
    await h.slack.sendEvent({ type: "app_home_opened", user: ana });
    await h.slack.waitFor(() => text(h.slack.homeView(ana)?.view ?? null).includes(SHOWN), { what: "the title on Home" });
  });

  it("refuses a meeting link that would break out of Slack's link syntax, on its field, and saves nothing", async () => {
    await command(STAFF, "admin session new got justice");
    const modal = await loaded(STAFF, SESSION_MODAL_CALLBACK);
    const base = {
      session_title: { title: "Lab" },
      session_date: { date: "2021-11-17" },
      session_time: { time: "18:00" },
      session_duration: { duration: "60" },
    };
    for (const [link, error] of [
      [HOSTILE_LINK, "The meeting link must not contain |, < or >."],
      ["https://zoom.example/j/1 <!channel>", "The meeting link must not contain spaces or line breaks."],
      ["javascript:alert(1)", "The meeting link must start with https:// (or http://)."],
    ] as const) {
      const res = await h.slack.submitView({ viewId: modal.id, values: { ...base, session_meeting_url: { meeting_url: link } } });
      expect(res.responseAction).toBe("errors");
      expect(res.errors).toEqual({ session_meeting_url: error });
    }
    expect(await h.t.db.session.count({ where: { title: "Lab" } })).toBe(0);
    const ok = await h.slack.submitView({
      viewId: modal.id,
      values: { ...base, session_meeting_url: { meeting_url: "https://zoom.example/j/123?pwd=a&b=c" } },
    });
    expect(ok.responseAction).toBe("clear");
    expect(await h.t.db.session.findFirstOrThrow({ where: { title: "Lab" } })).toMatchObject({
      meetingUrl: "https://zoom.example/j/123?pwd=a&b=c",
    });
  });

  it("refuses a hostile link on a member's event, and keeps nothing of it", async () => {
    await command(ana, "submit event");
    const event = await loaded(ana, "event_submission");
    const date = "2021-05-20";
    const res = await h.slack.submitView({
      viewId: event.id,
      values: {
        title: { event_title: "Night" },
        description: { event_description: "x" },
        date: { event_date: date },
        time: { event_time: "18:30" },
        link: { event_link: HOSTILE_LINK },
      },
    });
    expect(res.errors).toEqual({ link: "The link must not contain |, < or >." });
    expect(await h.t.db.submission.count()).toBe(0);
  });
});
