import { withSignupStatus } from "../helpers/view-fixtures";
import { sessionText, type SessionItem } from "../../src/views/agenda-items";
import { channelPurpose, channelTopic, welcomeMessage } from "../../src/views/group-channel";
import type { GroupCard } from "../../src/views/group-card";
import { groupDetailsMessage, groupNotFoundMessage } from "../../src/views/group-details";
import { groupsMessage } from "../../src/views/groups-message";
import { sessionsMessage } from "../../src/views/sessions-message";
import { errorsOnly, validateMessageBlocks } from "../../src/local-slack";

const card = (name: string, status: GroupCard["status"], extra: Partial<GroupCard> = {}): GroupCard =>
  withSignupStatus({
    id: name.toLowerCase().replace(/\W+/g, "-"),
    name,
    slug: name.toLowerCase(),
    status,
    programmeId: "p1",
    programmeName: "CoP 2021-2022",
    description: "About <this> & that",
    capacity: 20,
    memberCount: 20,
    channelId: null,
    facilitators: [],
    isMine: false,
    ...extra,
  });

const session: SessionItem = {
  id: "s1",
  title: "Virtual Group Session",
  groupName: "Got Justice?",
  programmeName: "CoP 2021-2022",
  startsAt: new Date("2021-11-10T21:00:00Z"),
  endsAt: new Date("2021-11-10T22:00:00Z"),
  status: "SCHEDULED",
  format: "VIRTUAL",
  location: null,
  meetingUrl: "https://zoom.example/j/1",
  description: "Monthly",
};

const valid = (blocks: unknown) => expect(errorsOnly(validateMessageBlocks(blocks))).toEqual([]);

describe("group lists", () => {
  it("puts groups taking sign-ups first, leaves out ended ones, and escapes what people wrote", () => {
    const m = groupsMessage({
      groups: [card("Zeta", "CLOSED"), card("Old", "ENDED"), card("Beta", "OPEN"), card("Alpha", "OPEN")],
      canJoin: true,
      isStaff: false,
    });
    valid(m.blocks);
    const titles = m.blocks.filter((b) => b.type === "section").map((b) => (b as { text: { text: string } }).text.text.split("\n")[0]);
    expect(titles).toEqual(["*Alpha*", "*Beta*", "*Zeta*"]);
    expect(JSON.stringify(m)).toContain("About &lt;this&gt; &amp; that");
    expect(JSON.stringify(m)).toContain("Full · waitlist (20 places)");
  });

  it("follows the sign-up window: opens on a date, open with places left, full with a waitlist, closed with no Join", () => {
    const window = { signupOpensAt: new Date("2021-06-01T04:00:00Z"), signupClosesAt: new Date("2021-10-02T03:59:00Z") };
    const at = (iso: string, extra: Partial<GroupCard> = {}) => {
      const { signup: _, ...plain } = card("Alpha", "OPEN", { memberCount: 0, ...extra });
      return withSignupStatus(plain, { ...window, now: new Date(iso) });
    };
    const shown = (g: GroupCard) => JSON.stringify(groupsMessage({ groups: [g], canJoin: true, isStaff: false }));
    expect(shown(at("2021-05-20T12:00:00Z"))).toContain("Sign-ups open <!date^1622520000^{date_long_pretty}|Tuesday, June 1, 2021>");
    expect(shown(at("2021-09-30T12:00:00Z"))).toContain("Open · 20 of 20 places left");
    expect(shown(at("2021-09-30T12:00:00Z"))).toContain('"action_id":"join_group"');
    expect(shown(at("2021-09-30T12:00:00Z", { memberCount: 20 }))).toContain("Full · waitlist (20 places)");
    const closed = shown(at("2021-10-02T12:00:00Z"));
    expect(closed).toContain("Sign-ups closed");
    expect(closed).toContain("0 taking sign-ups, 1 with sign-ups closed, 0 meeting now");
    expect(closed).not.toContain('"action_id":"join_group"');
  });

  it("fits Slack's 50 blocks however many groups there are", () => {
    const m = groupsMessage({ groups: Array.from({ length: 60 }, (_, i) => card(`Group ${i}`, "OPEN")), canJoin: true, isStaff: false });
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    valid(m.blocks);
    expect(JSON.stringify(m)).toContain("…and 40 more");
  });
});

describe("sessions as people read them", () => {
  it("shows the time as tokens with a fallback in the reader's zone, where it is, and calendar links", () => {
    const text = sessionText(session, "America/Los_Angeles");
    expect(text).toContain(
      "<!date^1636578000^{date_short_pretty} at {time}|Wed, Nov 10, 2021 at 1:00 PM PST> – <!date^1636581600^{time}|2:00 PM PST>",
    );
    expect(text).toContain("<https://zoom.example/j/1|Meeting link>");
    expect(text).toContain(
      "https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Got+Justice%3F+%C2%B7+Virtual+Group+Session&amp;dates=20211110T210000Z%2F20211110T220000Z",
    );
    expect(text).toContain("https://outlook.office.com/calendar/0/deeplink/compose?");
  });

  it("strikes a cancelled session through and offers no calendar link", () => {
    const text = sessionText({ ...session, status: "CANCELLED" }, "Europe/London");
    expect(text).toContain(":no_entry_sign: *Cancelled:* ~*Virtual Group Session* · Got Justice?~");
    expect(text).not.toContain("calendar.google.com");
  });

  it("says what to do when a group has nothing scheduled", () => {
    expect(sessionsMessage({ sessions: [], zone: "UTC", groupName: "Got Justice?" }).text).toBe("No upcoming sessions for Got Justice?.");
    const many = sessionsMessage({ sessions: Array.from({ length: 40 }, () => session), zone: "UTC", groupName: null });
    valid(many.blocks);
    expect(JSON.stringify(many)).toContain("Showing the next 15 of 40.");
  });

  it("shows a group in full within Slack's limits", () => {
    const m = groupDetailsMessage(
      {
        ...card("Got Justice?", "OPEN", { memberCount: 3, channelId: "C1" }),
        topics: ["discipline"],
        nextSessions: [session, session, session, session],
        feedUrl: "https://x/calendar/t.ics",
      },
      { zone: "America/Chicago", canJoin: true },
    );
    valid(m.blocks);
    expect(JSON.stringify(m)).toContain("<#C1>");
    expect(JSON.stringify(m)).toContain("join_group");
    expect(m.blocks.filter((b) => JSON.stringify(b).includes("Virtual Group Session"))).toHaveLength(3);
  });

  it("quotes a mistyped name back short, however much was pasted", () => {
    const pasted = "<x> & ".repeat(1000);
    for (const ambiguous of [false, true]) {
      const m = groupNotFoundMessage(pasted, [card("Got Justice?", "OPEN"), card("Trauma-Informed Practice", "OPEN")], ambiguous);
      valid(m.blocks);
      expect(m.text.length).toBeLessThan(200);
      expect(JSON.stringify(m.blocks)).toContain("&lt;x&gt; &amp;");
    }
    const guessed = groupDetailsMessage(
      { ...card("Got Justice?", "OPEN"), topics: [], nextSessions: [], feedUrl: "https://x/calendar/t.ics" },
      { zone: "UTC", canJoin: true, guessedFrom: "justce ".repeat(1000) },
    );
    valid(guessed.blocks);
    expect(JSON.stringify(guessed.blocks)).toContain("Closest match for “justce justce");
  });
});

describe("a group's channel", () => {
  const group = {
    name: "Got Justice?",
    description: "x".repeat(400),
    programmeName: "CoP 2021-2022",
    facilitators: [
      { name: "Dwight Thomas", slackUserId: "U1" },
      { name: "Pat", slackUserId: null },
    ],
    feedUrl: "https://x/calendar/t.ics",
    signup: { kind: "open" as const, capacity: 20, joined: 5 },
    programmeTimezone: "America/New_York",
  };

  it("keeps topic and purpose within Slack's 250 characters", () => {
    expect(channelTopic(group)).toBe("Got Justice? · CoP 2021-2022");
    expect(channelPurpose(group)).toHaveLength(250);
    expect(channelPurpose({ ...group, description: "" })).toBe("Got Justice?, a group of CoP 2021-2022.");
  });

  it("welcomes people with the facilitators and the calendar feed", () => {
    const m = welcomeMessage(group);
    valid(m.blocks);
    expect(JSON.stringify(m)).toContain("*Facilitated by* <@U1>, Pat");
    expect(JSON.stringify(m)).toContain("<https://x/calendar/t.ics|the group's calendar feed>");
  });

  it("says where sign-ups stand, as every other surface does", () => {
    expect(JSON.stringify(welcomeMessage(group))).toContain("*Status:* Open · 15 of 20 places left");
    expect(JSON.stringify(welcomeMessage({ ...group, signup: { kind: "closed", closedAt: new Date("2021-10-01T04:00:00Z") } }))).toContain(
      "*Status:* Sign-ups closed",
    );
  });
});
