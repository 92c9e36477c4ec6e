import fc from "fast-check";
import { stateValueFor } from "../../src/local-slack";
import { BLOCK_KIT_CSS, renderBlocks, renderView, type RenderContext } from "../../src/sandbox/block-kit-html";
import { parseAttendanceModal, attendanceModal } from "../../src/views/attendance-modal";
import type { SessionItem } from "../../src/views/agenda-items";
import type { GroupCard } from "../../src/views/group-card";
import { HOME_DM_REMINDERS, HOME_OPEN_ADMIN, HOME_REMINDERS, HOME_SNOOZE, type HomeInput, homeView } from "../../src/views/home-view";
import type { StateValues } from "../../src/views/modal-kit";
import { parseProposal, PROPOSAL_BLOCKS, proposalModal, type ProposalFields } from "../../src/views/proposal-modal";
import { PROPOSAL_ACTIONS, type ProposalCardData, proposalReviewCard } from "../../src/views/proposal-review-card";
import {
  REMINDER_ADD_TO_CALENDAR,
  REMINDER_ADD_TO_OUTLOOK,
  REMINDER_JOIN_MEETING,
  RSVP_GOING,
  RSVP_NOT_GOING,
  RSVP_WHO,
  reminderMessage,
} from "../../src/views/reminder-message";
import { parseSessionModal, SESSION_BLOCKS, sessionModal } from "../../src/views/session-modal";
import { parseProgrammeSettings, PROGRAMME_SETTINGS_BLOCKS, programmeSettingsModal } from "../../src/views/programme-settings-modal";
import { COMMITMENT_VALUE, SIGNUP_ACTIONS, signupModal } from "../../src/views/signup-modal";
import { type El, block, hasClass, one, parse, query, submittedValues, text } from "./block-kit-html-probe";
import { sampleProposalCard, sampleSession, withSignupStatus } from "../helpers/view-fixtures";

const PEOPLE: Record<string, string> = { U0ANA: "Ana Ruiz", U0SAM: "Sam Lee", U0DWIGHT01: "Dwight Thomas", U0STAFF: "Ariana Melton" };
const CHANNELS: Record<string, string> = { C0WG: "wg-restorative", C1: "cop-math-teachers" };

const ctx = (tz = "America/Chicago", now = new Date("2021-10-01T12:00:00Z")): RenderContext => ({
  tz,
  now,
  userName: (id) => PEOPLE[id],
  channelName: (id) => CHANNELS[id],
  users: Object.entries(PEOPLE).map(([id, name]) => ({ id, name })),
});

/** The Block Kit values of a `<select>`'s options, and which are selected. */
const optionsOf = (select: El) =>
  parse(select.inner)
    .filter((o) => o.tag === "option")
    .map((o) => ({ value: o.attrs.value, text: text(o.inner), selected: "selected" in o.attrs }));
/** The state Slack would submit for the values the page collects (the local Slack's shorthand). */
function asState(view: { blocks: unknown[] }, values: ReturnType<typeof submittedValues>): StateValues {
  const state: StateValues = {};
  for (const b of view.blocks as { type: string; block_id: string; element: Record<string, unknown> }[]) {
    if (b.type !== "input") continue;
    const actionId = String(b.element.action_id);
    state[b.block_id] = { [actionId]: stateValueFor(b.element, values[b.block_id]?.[actionId]) as StateValues[string][string] };
  }
  return state;
}

// --- fixtures: Convene's real views with realistic data -----------------------------------------

const session = (i: number, extra: Partial<SessionItem> = {}): SessionItem => ({
  id: `sess_${i}`,
  title: `Assessment for learning, part ${i}`,
  groupName: "Math teachers",
  programmeName: "Communities of Practice 2021-2022",
  startsAt: new Date(Date.UTC(2021, 9, 12 + i * 7, 20, 0)), // Tuesdays 3:00 PM in Chicago
  endsAt: new Date(Date.UTC(2021, 9, 12 + i * 7, 21, 30)),
  status: "SCHEDULED",
  format: "VIRTUAL",
  location: null,
  meetingUrl: "https://zoom.example/j/123",
  description: "Bring a student work sample.",
  ...extra,
});

const group = (id: string, extra: Partial<GroupCard> = {}): GroupCard =>
  withSignupStatus({
    id,
    name: "Restorative practices",
    slug: "restorative",
    status: "OPEN",
    programmeId: "prog_cop",
    programmeName: "Communities of Practice 2021-2022",
    description: "Deans compare notes on restorative circles.",
    capacity: 20,
    memberCount: 12,
    channelId: "C0WG",
    facilitators: [{ name: "Dwight Thomas", slackUserId: "U0DWIGHT01" }],
    isMine: false,
    ...extra,
  });

const home = (extra: Partial<HomeInput> = {}): HomeInput => ({
  name: "Ariana Melton",
  zone: "America/Chicago",
  now: new Date("2021-10-01T12:00:00Z"),
  canJoin: true,
  sessions: [session(0), session(1, { status: "CANCELLED" })],
  deadlines: [
    {
      id: "d1",
      title: "Deliverables due",
      programmeName: "Communities of Practice 2021-2022",
      dueAt: new Date("2021-12-01T05:59:00Z"),
      description: null,
    },
  ],
  myGroups: [group("grp_math", { name: "Math teachers", isMine: true, channelId: "C1" })],
  openGroups: [group("grp_restorative"), group("grp_full", { name: "Disrupt Bias", memberCount: 20 })],
  proposals: [],
  reminders: { dmReminders: false, remindersOff: false, remindersSnoozedTill: null },
  feedUrl: "https://convene.example.org/calendar/tok_1.ics",
  pending: null,
  rosters: [],
  ...extra,
});

const reminder = sampleSession;

const cop = {
  id: "prog_cop",
  name: "Communities of Practice 2021-2022",
  dueAt: new Date("2021-10-02T03:59:00Z"),
  timezone: "America/New_York",
};
const wg = { id: "prog_wg", name: "Working groups", dueAt: null, timezone: "America/Chicago" };
const fields: ProposalFields = {
  programmeId: cop.id,
  title: "Restorative practices in middle school",
  summary: "Deans compare notes on restorative circles\nand what changes in a year.",
  problem: "Suspensions fall hardest on students of color.",
  audience: "Deans of students and school leaders",
  slackFacilitators: ["U0ANA", "U0SAM"],
  otherFacilitator: null,
  deliverableKind: "PODCAST",
  format: "virtual",
  capacity: 12,
};

const card: ProposalCardData = {
  ...sampleProposalCard,
  reviews: [{ reviewerSlackId: "U0STAFF", scores: null, abstained: false, comment: null, submittedAt: null }],
};

// --- the surfaces ------------------------------------------------------------------------------

describe("the Home tab, as a member sees it", () => {
  const html = renderView({ id: "VHOME1", ...homeView(home()) }, ctx());

  it("is a Home container with the view id, its sections in order", () => {
    const root = parse(html)[0]!;
    expect([root.tag, root.attrs.class, root.attrs["data-view-id"]]).toEqual(["div", "bk-home", "VHOME1"]);
    expect(query(html, "h3").map((h) => text(h.inner))).toEqual([
      "Coming up",
      "Your groups",
      "Open groups to join",
      "Propose a group",
      "Reminders",
      "Your calendar",
    ]);
    expect(text(html)).toContain("👋 Hello, Ariana Melton.");
  });

  it("shows sessions in the reader's zone, with links to join and add to calendar", () => {
    const chicago = text(html);
    expect(chicago).toContain(
      "Assessment for learning, part 0 · Math teachers\n📆 Oct 12, 2021 at 3:00 PM – 4:30 PM\n💻 Online · Meeting link\n🗓️ Add to calendar: Google · Outlook",
    );
    const london = text(renderView(homeView(home()), ctx("Europe/London")));
    expect(london).toContain("📆 Oct 12, 2021 at 9:00 PM – 10:30 PM");
    expect(query(html, "a").map((a) => text(a.inner))).toEqual(expect.arrayContaining(["Meeting link", "Google", "Outlook"]));
    expect(query(html, "s").map((s) => text(s.inner))).toContain("Assessment for learning, part 1 · Math teachers");
  });

  it("shows what is due, and each group with its seats, channel and facilitator", () => {
    expect(text(html)).toContain("⏳ Deliverables due · due Nov 30, 2021 at 11:59 PM\nCommunities of Practice 2021-2022");
    expect(text(html)).toContain("Math teachers  ✅ You're in this group");
    expect(text(html)).toContain("Full · waitlist (20 places)");
    expect(text(html)).toContain("Facilitated by @Dwight Thomas");
  });

  it("offers Join (primary) on open groups the member is not in, and Details on every group", () => {
    const joins = query(html, "button", { "data-action-id": "join_group" });
    expect(joins.map((b) => [b.attrs["data-value"], b.attrs["data-block-id"], b.attrs.class, text(b.inner)])).toEqual([
      ["grp_restorative", "group_card_grp_restorative", "bk-button bk-primary", "Join"],
      ["grp_full", "group_card_grp_full", "bk-button bk-primary", "Join"],
    ]);
    expect(query(html, "button", { "data-action-id": "group_details" }).map((b) => b.attrs["data-value"])).toEqual([
      "grp_math",
      "grp_restorative",
      "grp_full",
    ]);
  });

  it("offers the reminder settings, asking before turning reminders off", () => {
    const buttons = query(block(html, "home_reminders").inner, "button");
    expect(buttons.map((b) => [b.attrs["data-action-id"], b.attrs["data-value"], b.attrs["data-element-type"], text(b.inner)])).toEqual([
      [HOME_DM_REMINDERS, "on", "button", "Send me direct messages"],
      [HOME_SNOOZE, "week", "button", "Snooze for a week"],
      [HOME_REMINDERS, "off", "button", "Turn reminders off"],
    ]);
    const off = buttons[2]!;
    expect(hasClass(off, "bk-danger")).toBe(true);
    expect(JSON.parse(off.attrs["data-confirm"]!)).toEqual({
      title: "Turn reminders off?",
      text: "You will get no direct messages before sessions or deadlines. Your groups' channels still get theirs.",
      confirm: "Turn off",
      deny: "Keep them",
    });
    expect(buttons.slice(0, 2).every((b) => !("data-confirm" in b.attrs))).toBe(true);
  });

  it("links the person's own calendar feed, with a button to reset it", () => {
    const feed = query(html, "div", { class: "bk-block bk-section" }).find((c) => text(c.inner).includes("Your own feed"))!;
    expect(text(feed.inner)).toContain("Reset my calendar link");
    expect(one(feed.inner, "a").attrs.href).toBe("https://convene.example.org/calendar/tok_1.ics");
  });

  it("shows staff what waits for them, with Open admin", () => {
    const staff = renderView(homeView(home({ pending: { proposals: 2, submissions: 0, failedDeliveries: 1 } })), ctx());
    expect(text(staff)).toContain("Waiting for you: 2 proposals to review · 1 message Convene could not send");
    expect(one(staff, "button", { "data-action-id": HOME_OPEN_ADMIN }).attrs["data-value"]).toBe("open");
    expect(query(html, "button", { "data-action-id": HOME_OPEN_ADMIN })).toEqual([]);
  });

  it("says when reminders are snoozed, in the reader's zone", () => {
    const snoozed = homeView(
      home({ reminders: { dmReminders: true, remindersOff: false, remindersSnoozedTill: new Date("2021-10-08T12:00:00Z") } }),
    );
    expect(text(renderView(snoozed, ctx()))).toContain("💤 Your direct-message reminders are snoozed until Oct 8, 2021 at 7:00 AM.");
    expect(text(renderView(snoozed, ctx("Asia/Kolkata")))).toContain("snoozed until Oct 8, 2021 at 5:30 PM.");
  });
});

describe("a session reminder in a channel", () => {
  const message = reminderMessage(reminder, { counts: { going: 4, notGoing: 1 }, late: true });
  const chicago = renderBlocks(message.blocks, ctx("America/Chicago", new Date("2022-03-01T12:00:00Z")));

  it("says what, when, where and who, with the agenda as written", () => {
    expect(text(chicago)).toContain("Reminder: Assessment for learning\nMath teachers · CoP 2021-2022");
    expect(text(chicago)).toContain("📆 Monday, March 14th, 2022 at 3:00 PM – 4:30 PM\n💻 Online\nFacilitated by @Ana Ruiz, Sam Lee");
    expect(text(chicago)).toContain("Agenda\n1. Check-in\n2. Protocol <tuning>\n3. Next steps");
    expect(query(chicago, "b").map((b) => b.inner)).toEqual(["Reminder: Assessment for learning", "Agenda"]);
  });

  it("shows each reader their own time", () => {
    const paris = text(renderBlocks(message.blocks, ctx("Europe/Paris", new Date("2022-03-01T12:00:00Z"))));
    expect(paris).toContain("📆 Monday, March 14th, 2022 at 9:00 PM – 10:30 PM");
    const tokyo = text(renderBlocks(message.blocks, ctx("Asia/Tokyo", new Date("2022-03-14T14:30:00Z"))));
    expect(tokyo).toContain("📆 Tomorrow at 5:00 AM – 6:30 AM");
  });

  it("has Going and Can't make it with their counts, and links to the meeting and a calendar", () => {
    const buttons = query(chicago, "button");
    expect(
      buttons.map((b) => [b.attrs["data-action-id"], b.attrs["data-block-id"], b.attrs["data-value"], text(b.inner), b.attrs.class]),
    ).toEqual([
      [RSVP_GOING, "reminder_actions", "sess_1", "Going (4)", "bk-button bk-primary"],
      [RSVP_NOT_GOING, "reminder_actions", "sess_1", "Can't make it (1)", "bk-button"],
      [REMINDER_JOIN_MEETING, "reminder_actions", "sess_1", "Join meeting", "bk-button"],
      [REMINDER_ADD_TO_CALENDAR, "reminder_actions", "sess_1", "Add to Google Calendar", "bk-button"],
      [REMINDER_ADD_TO_OUTLOOK, "reminder_actions", "sess_1", "Add to Outlook", "bk-button"],
      [RSVP_WHO, "reminder_actions", "sess_1", "Who's coming", "bk-button"],
    ]);
    expect(buttons[2]!.attrs["data-url"]).toBe("https://zoom.example/j/123");
    expect(new URL(buttons[3]!.attrs["data-url"]!).searchParams.get("dates")).toBe("20220314T200000Z/20220314T213000Z");
    expect(buttons.slice(0, 2).every((b) => !("data-url" in b.attrs))).toBe(true);
  });

  it("says it was sent late, as grey context", () => {
    const late = query(chicago, "div").filter((d) => hasClass(d, "bk-context"));
    expect(late.map((d) => text(d.inner))).toEqual(["⌛ Sent late: Convene could not send this reminder on time."]);
  });
});

describe("a proposal's review card", () => {
  const html = renderBlocks(proposalReviewCard(card).blocks, ctx("America/New_York"));

  it("shows the proposal with its details as a two-column grid of fields", () => {
    expect(text(one(html, "h3").inner)).toBe("Proposal: Restorative practices");
    expect(text(html)).toContain("CoP 2021-2022 · proposed by @Ana Ruiz");
    const grid = one(html, "div", { class: "bk-fields" });
    expect(query(grid.inner, "div", { class: "bk-field" }).map((f) => text(f.inner))).toEqual([
      "Facilitators\n@Ana Ruiz (Prospect Schools)\nSam Lee",
      "Audience\nDeans of students",
      "Deliverable\nToolkit",
      "Format and capacity\nHybrid, up to 20 participants",
    ]);
    expect(text(html)).toContain("Summary\nDeans compare notes on <restorative> circles.");
    expect(text(html)).toContain("📥 Waiting for a decision. Submitted Sep 20, 2021 at 10:00 AM.");
  });

  it("lets staff assign reviewers from a people picker beside the reviews", () => {
    const picker = one(html, "select", { "data-action-id": PROPOSAL_ACTIONS.assignReviewers });
    expect(picker.attrs).toMatchObject({
      "data-block-id": "proposal_reviewers:prop_1",
      "data-element-type": "multi_users_select",
      "data-multi": "true",
      multiple: "",
    });
    expect(picker.attrs.name).toBeUndefined(); // not a form control: a change is an action
    expect(
      optionsOf(picker)
        .filter((o) => o.selected)
        .map((o) => o.text),
    ).toEqual(["Ariana Melton"]);
    expect(optionsOf(picker).map((o) => o.value)).toEqual(["U0ANA", "U0SAM", "U0DWIGHT01", "U0STAFF"]);
    expect(text(block(html, "proposal_reviewers:prop_1").inner)).toContain("@Ariana Melton: not reviewed yet");
  });

  it("offers the decisions, confirming an approval in plain words", () => {
    const buttons = query(block(html, "proposal_decision").inner, "button");
    expect(buttons.map((b) => [b.attrs["data-action-id"], b.attrs["data-value"], b.attrs.class])).toEqual([
      [PROPOSAL_ACTIONS.score, "prop_1", "bk-button"],
      [PROPOSAL_ACTIONS.approve, "prop_1", "bk-button bk-primary"],
      [PROPOSAL_ACTIONS.requestChanges, "prop_1", "bk-button"],
      [PROPOSAL_ACTIONS.decline, "prop_1", "bk-button bk-danger"],
    ]);
    expect(JSON.parse(buttons[1]!.attrs["data-confirm"]!)).toEqual({
      title: "Approve this proposal?",
      text: 'Convene creates the group "Restorative practices" with its channel and tells the proposer.',
      confirm: "Approve",
      deny: "Not yet",
    });
  });

  it("renders a divider as a rule", () => {
    expect(query(html, "hr").map((hr) => hr.attrs.class)).toEqual(["bk-block bk-divider"]);
  });
});

describe("the proposal modal", () => {
  const view = proposalModal({ programmes: [cop, wg], proposerSlackId: "U0ANA" });
  const html = renderView({ id: "V0PROPOSE", ...view }, ctx());

  it("is a form with the title, the close and submit buttons, and the view's ids", () => {
    const form = parse(html)[0]!;
    expect([form.tag, form.attrs.class, form.attrs["data-view-id"], form.attrs["data-callback-id"]]).toEqual([
      "form",
      "bk-modal",
      "V0PROPOSE",
      "proposal",
    ]);
    expect(text(one(html, "h2").inner)).toBe("Propose a group");
    expect(one(html, "button", { "data-role": "close" }).attrs.type).toBe("button");
    expect(text(one(html, "button", { "data-role": "close" }).inner)).toBe("Cancel");
    expect(one(html, "button", { "data-role": "submit" }).attrs).toMatchObject({ type: "submit", class: "bk-button bk-primary" });
    expect(text(one(html, "button", { "data-role": "submit" }).inner)).toBe("Submit proposal");
  });

  it("has one labelled control per input, named by its block id, required unless optional", () => {
    const controls = query(html, "*", { "data-input": "true" });
    expect(controls.map((c) => [c.attrs.name, c.attrs["data-action-id"], c.attrs["data-element-type"], "required" in c.attrs])).toEqual([
      ["programme", "proposal_programme", "static_select", true],
      ["title", "proposal_title", "plain_text_input", true],
      ["summary", "proposal_summary", "plain_text_input", true],
      ["problem", "proposal_problem", "plain_text_input", true],
      ["audience", "proposal_audience", "plain_text_input", true],
      ["facilitators", "proposal_facilitators", "multi_users_select", false],
      ["other_facilitator", "proposal_other_facilitator", "plain_text_input", false],
      ["other_organization", "proposal_other_organization", "plain_text_input", false],
      ["deliverable", "proposal_deliverable", "static_select", true],
      ["format", "proposal_format", "static_select", true],
      ["capacity", "proposal_capacity", "number_input", true],
    ]);
    for (const c of controls) expect(one(html, "label", { for: c.attrs.id! })).toBeDefined();
    expect(text(one(block(html, "facilitators").inner, "label").inner)).toBe("Facilitators in this Slack (optional)");
    expect(text(one(block(html, "title").inner, "label").inner)).toBe("Group title");
  });

  it("uses the right control for each element, with limits and hints", () => {
    expect(one(html, "textarea", { name: "summary" }).attrs.maxlength).toBe("1000");
    expect(one(html, "input", { name: "title" }).attrs).toMatchObject({
      type: "text",
      maxlength: "100",
      placeholder: "e.g. Restorative practices in middle school",
    });
    expect(one(html, "input", { name: "capacity" }).attrs).toMatchObject({ type: "number", min: "2", max: "100", step: "1" });
    expect(text(one(block(html, "capacity").inner, "div", { class: "bk-hint" }).inner)).toBe("How many participants, from 2 to 100.");
    expect(one(html, "select", { name: "facilitators" }).attrs).toMatchObject({ multiple: "", "data-multi": "true" });
  });

  it("offers each programme with its deadline, after a placeholder, none chosen when there are several", () => {
    expect(optionsOf(one(html, "select", { name: "programme" }))).toEqual([
      { value: "", text: "Choose a programme", selected: true },
      { value: "prog_cop", text: "Communities of Practice 2021-2022", selected: false },
      { value: "prog_wg", text: "Working groups", selected: false },
    ]);
    expect(query(one(html, "select", { name: "programme" }).inner, "option", { value: "prog_cop" })[0]!.attrs.title).toBe(
      "Due Oct 1, 2021 at 11:59 PM EDT",
    );
  });

  it("starts with the proposer picked as facilitator, from the workspace's people", () => {
    expect(optionsOf(one(html, "select", { name: "facilitators" })).filter((o) => o.selected)).toEqual([
      { value: "U0ANA", text: "Ana Ruiz", selected: true },
    ]);
  });

  it("shows each problem under its field, and one for no field at the top", () => {
    const withErrors = renderView({ id: "V0PROPOSE", ...view }, ctx(), {
      errors: {
        title: "Give the group a title.",
        capacity: "A group needs room for at least 2 participants.",
        stray: "Something <went> wrong",
      },
    });
    expect(query(withErrors, "div", { class: "bk-error" }).map((e) => [e.attrs["data-error-for"], text(e.inner)])).toEqual([
      ["stray", "stray: Something <went> wrong"],
      ["title", "Give the group a title."],
      ["capacity", "A group needs room for at least 2 participants."],
    ]);
    expect(hasClass(block(withErrors, "title"), "bk-has-error")).toBe(true);
    expect(one(withErrors, "input", { name: "title" }).attrs["aria-invalid"]).toBe("true");
    expect(hasClass(block(withErrors, "summary"), "bk-has-error")).toBe(false);
    expect(query(html, "div", { class: "bk-error" })).toEqual([]);
  });

  it("editing: shows every saved answer, and submitting it unchanged gives back the same proposal", () => {
    const editing = proposalModal({ programmes: [cop], proposerSlackId: "U0ANA", editing: { proposalId: "p1", fields } });
    const edited = renderView({ id: "V0EDIT", ...editing }, ctx());
    expect(one(edited, "textarea", { name: "summary" }).inner).toBe(
      "\nDeans compare notes on restorative circles\nand what changes in a year.",
    );
    expect(optionsOf(one(edited, "select", { name: "deliverable" })).find((o) => o.selected)).toEqual({
      value: "PODCAST",
      text: "Podcast",
      selected: true,
    });
    expect(
      optionsOf(one(edited, "select", { name: "facilitators" }))
        .filter((o) => o.selected)
        .map((o) => o.value),
    ).toEqual(["U0ANA", "U0SAM"]);
    const values = submittedValues(edited);
    expect(values[PROPOSAL_BLOCKS.capacity]).toEqual({ proposal_capacity: "12" });
    expect(values[PROPOSAL_BLOCKS.otherName]).toEqual({ proposal_other_facilitator: "" });
    expect(parseProposal(asState(editing, values))).toEqual({ ok: true, value: fields });
  });
});

describe("the session modal", () => {
  const editing = {
    id: "sess_9",
    title: "Assessment for learning",
    scopeLabel: "Math teachers",
    localStart: "2022-03-14T15:00",
    timezone: "America/Chicago",
    durationMinutes: 90,
    format: "IN_PERSON" as const,
    location: "Room 204, Lincoln HS",
    meetingUrl: null,
    description: "Bring a sample.",
  };
  const scopes = [
    { value: "programme:prog_cop", label: "Everyone in Communities of Practice 2021-2022" },
    { value: "group:grp_math", label: "Math teachers" },
  ];

  it("editing: date and time pickers, zone, format and place start from the session", () => {
    const view = sessionModal({ session: editing, scopes, zones: ["America/New_York"], defaultZone: "America/New_York" });
    const html = renderView(view, ctx());
    expect(one(html, "input", { name: SESSION_BLOCKS.date }).attrs).toMatchObject({
      type: "date",
      value: "2022-03-14",
      "data-element-type": "datepicker",
      "data-action-id": "date",
    });
    expect(one(html, "input", { name: SESSION_BLOCKS.time }).attrs).toMatchObject({
      type: "time",
      value: "15:00",
      "data-element-type": "timepicker",
    });
    expect(optionsOf(one(html, "select", { name: SESSION_BLOCKS.timezone })).find((o) => o.selected)?.value).toBe("America/Chicago");
    const radios = query(html, "input", { type: "radio" });
    expect(radios.map((r) => [r.attrs.name, r.attrs.value, "checked" in r.attrs, "required" in r.attrs])).toEqual([
      [SESSION_BLOCKS.format, "VIRTUAL", false, true],
      [SESSION_BLOCKS.format, "IN_PERSON", true, true],
    ]);
    expect(query(block(html, SESSION_BLOCKS.format).inner, "span", { class: "bk-option-text" }).map((s) => text(s.inner))).toEqual([
      "Online",
      "In person",
    ]);
    expect(one(html, "input", { name: SESSION_BLOCKS.meetingUrl }).attrs).toMatchObject({ type: "url" });
    expect(parseSessionModal(asState(view, submittedValues(html)), { creating: false })).toEqual({
      ok: true,
      value: {
        scope: null,
        title: editing.title,
        localStart: editing.localStart,
        durationMinutes: 90,
        timezone: "America/Chicago",
        format: "IN_PERSON",
        location: editing.location,
        meetingUrl: null,
        description: editing.description,
      },
    });
  });

  it("new: empty pickers the browser requires, a scope to choose, and nothing chosen sent as null", () => {
    const view = sessionModal({ scopes, scope: "group:grp_math", zones: [], defaultZone: "America/Chicago" });
    const html = renderView(view, ctx());
    expect(one(html, "input", { name: SESSION_BLOCKS.date }).attrs.value).toBeUndefined();
    expect("required" in one(html, "input", { name: SESSION_BLOCKS.date }).attrs).toBe(true);
    expect(optionsOf(one(html, "select", { name: SESSION_BLOCKS.scope })).find((o) => o.selected)?.text).toBe("Math teachers");
    const values = submittedValues(html);
    expect(values[SESSION_BLOCKS.date]).toEqual({ date: null });
    expect(values[SESSION_BLOCKS.title]).toEqual({ title: "" });
    const parsed = parseSessionModal(asState(view, values), { creating: true });
    expect(parsed.ok ? [] : Object.keys(parsed.errors).sort()).toEqual(
      [SESSION_BLOCKS.date, SESSION_BLOCKS.time, SESSION_BLOCKS.title].sort(),
    );
  });
});

describe("the attendance and sign-up modals", () => {
  it("attendance: a checkbox per member, checked when they said they were going", () => {
    const view = attendanceModal({
      session: {
        id: "sess_1",
        title: "Assessment for learning",
        groupName: "Math teachers",
        startsAt: new Date("2022-03-14T20:00:00Z"),
        zone: "America/Chicago",
      },
      roster: [
        { personId: "per_ana", name: "Ana Ruiz", rsvp: "GOING", attended: null },
        { personId: "per_sam", name: "Sam Lee", rsvp: "NOT_GOING", attended: null },
        { personId: "per_kim", name: "Kim <Park>", rsvp: null, attended: null },
      ],
      recorded: null,
    });
    const html = renderView(view, ctx("America/Chicago", new Date("2022-03-14T22:00:00Z")));
    expect(text(html)).toContain("Assessment for learning · Math teachers\nToday at 3:00 PM");
    const boxes = query(html, "input", { type: "checkbox" });
    expect(boxes.map((b) => [b.attrs.name, b.attrs.value, "checked" in b.attrs, b.attrs["data-multi"], "required" in b.attrs])).toEqual([
      ["attendance_members_0", "per_ana", true, "true", false],
      ["attendance_members_0", "per_sam", false, "true", false],
      ["attendance_members_0", "per_kim", false, "true", false],
    ]);
    expect(query(html, "label", { class: "bk-option" }).map((l) => text(l.inner))).toEqual([
      "Ana RuizSaid they were going",
      "Sam LeeSaid they could not make it",
      "Kim <Park>",
    ]);
    expect(parseAttendanceModal(asState(view, submittedValues(html)))).toEqual({ ok: true, value: { attended: ["per_ana"] } });
  });

  it("sign-up: the commitment is a required checkbox group, colleagues an optional people picker", () => {
    const view = signupModal({
      group: null,
      choices: [
        { id: "grp_1", name: "Trauma-Informed Practices", programmeName: "CoP", full: false },
        { id: "grp_2", name: "Disrupt Bias", programmeName: "CoP", full: true },
      ],
      organizationName: "Prospect Schools",
      zone: "America/Chicago",
    });
    const html = renderView(view, ctx());
    const commitment = block(html, "commitment");
    expect(one(commitment.inner, "div", { class: "bk-checkboxes" }).attrs["data-required"]).toBe("true");
    expect(one(commitment.inner, "input").attrs).toMatchObject({
      type: "checkbox",
      value: COMMITMENT_VALUE,
      "data-action-id": SIGNUP_ACTIONS.commitment,
    });
    expect("required" in one(commitment.inner, "input").attrs).toBe(false);
    const colleagues = one(html, "select", { name: "colleagues" });
    expect([colleagues.attrs["data-placeholder"], optionsOf(colleagues).some((o) => o.selected), "required" in colleagues.attrs]).toEqual([
      "Add colleagues",
      false,
      false,
    ]);
    expect(optionsOf(one(html, "select", { name: "group" })).map((o) => o.text)).toEqual([
      "Choose a group",
      "Trauma-Informed Practices",
      "Disrupt Bias (waitlist)",
    ]);
    expect(text(block(html, "colleagues").inner)).toContain("People from Prospect Schools.");
    expect(submittedValues(html)).toEqual({
      group: { signup_group: null },
      colleagues: { signup_colleagues: [] },
      commitment: { signup_commitment: [] },
    });
  });
});

// --- Block Kit beyond what Convene sends today ------------------------------------------------------

const opt = (text: string, value: string, extra: Record<string, unknown> = {}) => ({ text: { type: "plain_text", text }, value, ...extra });

describe("the programme settings modal", () => {
  it("offers the workspace's channels to pick, the current one chosen, and submits what Convene parses", () => {
    const view = programmeSettingsModal({ slug: "cop", name: "CoP", announcementChannelId: "C1", announcementChannelName: null });
    const html = renderView(view, { ...ctx(), channels: Object.entries(CHANNELS).map(([id, name]) => ({ id, name })) });
    const select = one(html, "select", { name: PROGRAMME_SETTINGS_BLOCKS.link });
    expect(select.attrs["data-element-type"]).toBe("conversations_select");
    expect(optionsOf(select)).toEqual([
      { value: "", text: "Pick a channel…", selected: false },
      { value: "C0WG", text: "# wg-restorative", selected: false },
      { value: "C1", text: "# cop-math-teachers", selected: true },
    ]);
    const values = submittedValues(html);
    expect(parseProgrammeSettings(asState(view, values))).toEqual({ ok: true, value: { link: "C1" } });
  });
});

describe("other blocks and elements", () => {
  it("gives a block without a block_id its index, on the block and on its elements", () => {
    const html = renderBlocks(
      [{ type: "divider" }, { type: "actions", elements: [{ type: "button", action_id: "go", text: { type: "plain_text", text: "Go" } }] }],
      ctx(),
    );
    expect(query(html, "*", { "data-block-id": "0" }).map((el) => el.tag)).toEqual(["hr"]);
    expect(one(html, "button").attrs["data-block-id"]).toBe("1");
    expect(one(html, "button").attrs["data-value"]).toBeUndefined();
  });

  it("renders every interactive element outside inputs with its three data attributes", () => {
    const html = renderBlocks(
      [
        {
          type: "actions",
          block_id: "controls",
          elements: [
            {
              type: "static_select",
              action_id: "pick",
              placeholder: { type: "plain_text", text: "Pick one" },
              option_groups: [
                { label: { type: "plain_text", text: "Fall" }, options: [opt("October", "oct")] },
                { label: { type: "plain_text", text: "Winter" }, options: [opt("December", "dec"), opt("January", "jan")] },
              ],
              initial_option: opt("December", "dec"),
            },
            { type: "users_select", action_id: "who", initial_user: "U0GONE" },
            { type: "multi_users_select", action_id: "whom" },
            {
              type: "overflow",
              action_id: "more",
              options: [
                opt("Edit", "edit"),
                opt("Open docs", "docs", { url: "https://docs.example.org" }),
                opt("Bad", "bad", { url: "javascript:alert(1)" }),
              ],
            },
            { type: "datepicker", action_id: "day", initial_date: "2021-10-12" },
            { type: "timepicker", action_id: "at", initial_time: "not a time" },
            { type: "checkboxes", action_id: "ticks", options: [opt("A", "a"), opt("B", "b")], initial_options: [opt("B", "b")] },
            { type: "radio_buttons", action_id: "one", options: [opt("X", "x"), opt("Y", "y")] },
          ],
        },
      ],
      ctx(),
    );
    const interactive = query(html, "*", { "data-action-id": true });
    expect(interactive.map((el) => [el.tag, el.attrs["data-action-id"], el.attrs["data-element-type"], el.attrs["data-block-id"]])).toEqual(
      [
        ["select", "pick", "static_select", "controls"],
        ["select", "who", "users_select", "controls"],
        ["select", "whom", "multi_users_select", "controls"],
        ["select", "more", "overflow", "controls"],
        ["input", "day", "datepicker", "controls"],
        ["input", "at", "timepicker", "controls"],
        ["input", "ticks", "checkboxes", "controls"],
        ["input", "ticks", "checkboxes", "controls"],
        ["input", "one", "radio_buttons", "controls"],
        ["input", "one", "radio_buttons", "controls"],
      ],
    );
    expect(interactive.some((el) => "name" in el.attrs && el.attrs["data-element-type"] !== "radio_buttons")).toBe(false);
    const pick = one(html, "select", { "data-action-id": "pick" });
    expect(query(pick.inner, "optgroup").map((g) => g.attrs.label)).toEqual(["Fall", "Winter"]);
    expect(optionsOf(pick)).toEqual([
      { value: "", text: "Pick one", selected: false },
      { value: "oct", text: "October", selected: false },
      { value: "dec", text: "December", selected: true },
      { value: "jan", text: "January", selected: false },
    ]);
    expect("disabled" in query(pick.inner, "option", { value: "" })[0]!.attrs).toBe(true);
    expect(optionsOf(one(html, "select", { "data-action-id": "who" })).find((o) => o.selected)).toEqual({
      value: "U0GONE",
      text: "U0GONE",
      selected: true,
    });
    expect(
      query(one(html, "select", { "data-action-id": "more" }).inner, "option").map((o) => [o.attrs.value, o.attrs["data-url"]]),
    ).toEqual([
      ["", undefined],
      ["edit", undefined],
      ["docs", "https://docs.example.org"],
      ["bad", undefined],
    ]);
    expect(one(html, "input", { "data-action-id": "day" }).attrs.value).toBe("2021-10-12");
    expect(one(html, "input", { "data-action-id": "at" }).attrs.value).toBeUndefined();
    expect(query(html, "input", { type: "checkbox" }).map((c) => "checked" in c.attrs)).toEqual([false, true]);
    expect(new Set(query(html, "input", { type: "radio" }).map((r) => r.attrs.name)).size).toBe(1);
  });

  it("links a button only to a web address", () => {
    const html = renderBlocks(
      [
        {
          type: "actions",
          block_id: "b",
          elements: [
            { type: "button", action_id: "web", text: { type: "plain_text", text: "Docs" }, url: "https://docs.example.org/a?b=1&c=2" },
            { type: "button", action_id: "js", text: { type: "plain_text", text: "Evil" }, url: "javascript:alert(1)" },
          ],
        },
      ],
      ctx(),
    );
    expect(query(html, "button").map((b) => b.attrs["data-url"])).toEqual(["https://docs.example.org/a?b=1&c=2", undefined]);
  });

  it("inputs: dispatch_action, option groups, email, url, dates and users, and their initial values", () => {
    const view = {
      type: "modal",
      id: "V1",
      title: { type: "plain_text", text: "Everything" },
      close: { type: "plain_text", text: "Close :x:" },
      blocks: [
        {
          type: "input",
          block_id: "month",
          dispatch_action: true,
          label: { type: "plain_text", text: "Month" },
          element: {
            type: "static_select",
            action_id: "m",
            option_groups: [{ label: { type: "plain_text", text: "Fall" }, options: [opt("October", "oct")] }],
            initial_option: opt("October", "oct"),
          },
        },
        {
          type: "input",
          block_id: "mail",
          label: { type: "plain_text", text: "Email" },
          element: { type: "email_text_input", action_id: "e", initial_value: "ana@example.org" },
        },
        {
          type: "input",
          block_id: "site",
          optional: true,
          label: { type: "plain_text", text: "Site" },
          element: { type: "url_text_input", action_id: "u" },
        },
        {
          type: "input",
          block_id: "lead",
          label: { type: "plain_text", text: "Lead" },
          element: { type: "users_select", action_id: "l", initial_user: "U0SAM" },
        },
        {
          type: "input",
          block_id: "day",
          label: { type: "plain_text", text: "Day" },
          element: { type: "datepicker", action_id: "d", initial_date: "2021-11-10" },
        },
        {
          type: "input",
          block_id: "when",
          label: { type: "plain_text", text: "When" },
          element: { type: "timepicker", action_id: "t", initial_time: "09:30" },
        },
        {
          type: "input",
          block_id: "ticks",
          label: { type: "plain_text", text: "Ticks" },
          element: {
            type: "checkboxes",
            action_id: "c",
            options: [opt("A", "a"), opt("B", "b")],
            initial_options: [opt("A", "a"), opt("B", "b")],
          },
        },
        {
          type: "input",
          block_id: "why",
          label: { type: "plain_text", text: "Why" },
          element: { type: "plain_text_input", action_id: "w", min_length: 10 },
        },
      ],
    };
    const html = renderView(view, ctx());
    expect(block(html, "month").attrs["data-dispatch"]).toBe("true");
    expect(block(html, "mail").attrs["data-dispatch"]).toBeUndefined();
    expect(one(html, "input", { name: "mail" }).attrs).toMatchObject({ type: "email", value: "ana@example.org" });
    expect(one(html, "input", { name: "why" }).attrs.minlength).toBe("10");
    expect(query(html, "button", { "data-role": "submit" })).toEqual([]);
    expect(text(one(html, "button", { "data-role": "close" }).inner)).toBe("Close ❌");
    expect(submittedValues(html)).toEqual({
      month: { m: "oct" },
      mail: { e: "ana@example.org" },
      site: { u: "" },
      lead: { l: "U0SAM" },
      day: { d: "2021-11-10" },
      when: { t: "09:30" },
      ticks: { c: ["a", "b"] },
      why: { w: "" },
    });
  });

  it("sections with an image accessory, context images, image blocks and unsafe images", () => {
    const html = renderBlocks(
      [
        {
          type: "section",
          text: { type: "mrkdwn", text: "*Grid storage*" },
          accessory: { type: "image", image_url: "https://img.example/grid.png", alt_text: "a battery" },
        },
        {
          type: "context",
          elements: [
            { type: "image", image_url: "https://img.example/ana.png", alt_text: "Ana" },
            { type: "mrkdwn", text: "Posted by <@U0ANA>" },
            { type: "plain_text", text: "3 replies" },
          ],
        },
        {
          type: "image",
          image_url: "https://img.example/map.png",
          alt_text: "Map of the venue",
          title: { type: "plain_text", text: "Venue" },
        },
        { type: "image", image_url: "javascript:alert(1)", alt_text: "not shown" },
      ],
      ctx(),
    );
    expect(query(html, "img").map((i) => [i.attrs.class, i.attrs.src, i.attrs.alt])).toEqual([
      ["bk-accessory-image", "https://img.example/grid.png", "a battery"],
      ["bk-context-image", "https://img.example/ana.png", "Ana"],
      ["bk-image-img", "https://img.example/map.png", "Map of the venue"],
    ]);
    expect(query(html, "span", { class: "bk-context-text" }).map((s) => text(s.inner))).toEqual(["Posted by @Ana Ruiz", "3 replies"]);
    expect(text(one(html, "figcaption").inner)).toBe("Venue");
    expect(text(html)).toContain("[not shown]");
  });

  it("renders rich text: styles, links, mentions, emoji, lists, code and quotes", () => {
    const html = renderBlocks(
      [
        {
          type: "rich_text",
          block_id: "rt",
          elements: [
            {
              type: "rich_text_section",
              elements: [
                { type: "text", text: "Hi " },
                { type: "user", user_id: "U0ANA" },
                { type: "text", text: ", see " },
                { type: "link", url: "https://example.org", text: "the notes", style: { bold: true } },
                { type: "emoji", name: "wave", unicode: "1f44b" },
                { type: "emoji", name: "tada" },
                { type: "text", text: " in " },
                { type: "channel", channel_id: "C0WG" },
                { type: "date", timestamp: 1647288000, format: "{date_short} at {time}", fallback: "Mar 14" },
              ],
            },
            {
              type: "rich_text_list",
              style: "ordered",
              elements: [
                { type: "rich_text_section", elements: [{ type: "text", text: "One", style: { italic: true } }] },
                { type: "rich_text_section", elements: [{ type: "text", text: "Two" }] },
              ],
            },
            { type: "rich_text_preformatted", elements: [{ type: "text", text: "npm start <x>" }] },
            { type: "rich_text_quote", elements: [{ type: "text", text: "Quoted", style: { strike: true } }] },
            { type: "rich_text_mystery", elements: [{ type: "text", text: "still shown" }] },
          ],
        },
      ],
      ctx(),
    );
    expect(text(html)).toBe(
      "Hi @Ana Ruiz, see the notes👋🎉 in #wg-restorativeMar 14, 2022 at 3:00 PMOneTwonpm start <x>Quotedstill shown",
    );
    expect(one(html, "a").attrs.href).toBe("https://example.org");
    expect(query(html, "b").map((b) => text(b.inner))).toEqual(["the notes"]);
    expect(query(one(html, "ol").inner, "li").map((li) => text(li.inner))).toEqual(["One", "Two"]);
    expect(text(one(html, "pre").inner)).toBe("npm start <x>");
    expect(one(html, "time").attrs.datetime).toBe("2022-03-14T15:00:00-05:00");
  });

  it("shows what it cannot render instead of dropping it", () => {
    const html = renderBlocks(
      [
        { type: "video", block_id: "v", title: { type: "plain_text", text: "Clip" } },
        { type: "actions", block_id: "a", elements: [{ type: "workflow_button", action_id: "wf" }, null] },
        "not a block",
      ],
      ctx(),
    );
    expect(query(html, "span", { class: "bk-unsupported" }).map((s) => text(s.inner))).toEqual([
      "[unsupported block: video]",
      "[unsupported element: workflow_button]",
      "[unsupported element: unknown]",
      "[unsupported block: unknown]",
    ]);
    expect(text(renderView({ type: "workflow_step", blocks: [] }, ctx()))).toBe("[unsupported view: workflow_step]");
  });

  it("never throws on malformed input", () => {
    for (const junk of [
      undefined,
      null,
      42,
      "x",
      [],
      {},
      { type: "modal" },
      { type: "modal", blocks: "nope", title: 5 },
      { type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text: 7 } }] },
    ]) {
      expect(() => parse(renderView(junk, ctx()))).not.toThrow();
    }
    expect(() => parse(renderBlocks("nope" as unknown as unknown[], ctx()))).not.toThrow();
  });
});

describe("hostile text in blocks", () => {
  const evil = `"><script>alert(1)</script><img src=x onerror=alert(1)>'&amp;`;
  const ALLOWED_TAGS = new Set([
    "div",
    "span",
    "h2",
    "h3",
    "hr",
    "figure",
    "figcaption",
    "img",
    "button",
    "select",
    "option",
    "optgroup",
    "input",
    "textarea",
    "label",
    "a",
    "b",
    "i",
    "s",
    "code",
    "pre",
    "blockquote",
    "time",
    "br",
    "ul",
    "ol",
    "li",
    "form",
    "header",
    "footer",
  ]);
  const safe = (html: string) => {
    const tags = parse(html); // throws on a raw < or > in text, or an unbalanced tag
    expect(tags.map((t) => t.tag).filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
    expect(tags.flatMap((t) => Object.keys(t.attrs)).filter((a) => a.startsWith("on"))).toEqual([]);
    for (const t of tags) {
      if (t.attrs.href !== undefined) expect(t.attrs.href).toMatch(/^(https?:\/\/|mailto:)/);
      if (t.attrs.src !== undefined) expect(t.attrs.src).toMatch(/^https?:\/\//);
    }
    return tags;
  };

  const view = {
    type: "modal",
    id: evil,
    callback_id: evil,
    title: { type: "plain_text", text: evil },
    submit: { type: "plain_text", text: evil },
    close: { type: "plain_text", text: evil },
    blocks: [
      { type: "header", block_id: evil, text: { type: "plain_text", text: evil } },
      {
        type: "section",
        text: { type: "mrkdwn", text: evil },
        fields: [{ type: "plain_text", text: evil }],
        accessory: {
          type: "button",
          action_id: evil,
          value: evil,
          url: `https://x.example/${evil}`,
          text: { type: "plain_text", text: evil },
          confirm: {
            title: { type: "plain_text", text: evil },
            text: { type: "mrkdwn", text: evil },
            confirm: { type: "plain_text", text: evil },
            deny: { type: "plain_text", text: evil },
          },
        },
      },
      {
        type: "context",
        elements: [
          { type: "image", image_url: `https://img.example/${evil}`, alt_text: evil },
          { type: "mrkdwn", text: evil },
        ],
      },
      {
        type: "actions",
        block_id: "acts",
        elements: [
          {
            type: "static_select",
            action_id: "s",
            placeholder: { type: "plain_text", text: evil },
            options: [opt(evil, evil, { description: { type: "plain_text", text: evil } })],
          },
          { type: "overflow", action_id: "o", options: [opt(evil, evil)] },
        ],
      },
      {
        type: "input",
        block_id: "field",
        label: { type: "plain_text", text: evil },
        hint: { type: "plain_text", text: evil },
        element: {
          type: "plain_text_input",
          action_id: evil,
          multiline: true,
          initial_value: `</textarea>${evil}`,
          placeholder: { type: "plain_text", text: evil },
        },
      },
      {
        type: "input",
        block_id: "line",
        label: { type: "plain_text", text: evil },
        element: { type: "plain_text_input", action_id: "l", initial_value: evil },
      },
      {
        type: "input",
        block_id: "choice",
        label: { type: "plain_text", text: evil },
        element: { type: "radio_buttons", action_id: "r", options: [opt(evil, evil)], initial_option: opt(evil, evil) },
      },
      { type: evil },
    ],
  };

  it("adds no markup, attribute or link from any text, id or value", () => {
    const html = renderView(view, { ...ctx(), users: [{ id: evil, name: evil }] }, { errors: { field: evil, [evil]: evil } });
    safe(html);
    expect(parse(html)[0]!.attrs["data-view-id"]).toBe(evil);
    expect(one(html, "button", { "data-action-id": evil }).attrs["data-value"]).toBe(evil);
    expect(JSON.parse(one(html, "button", { "data-action-id": evil }).attrs["data-confirm"]!).deny).toBe(evil);
    expect(one(html, "input", { name: "line" }).attrs.value).toBe(evil);
    expect(one(html, "textarea").inner).toBe(
      `\n&lt;/textarea&gt;${evil.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")}`,
    );
    expect(one(html, "input", { type: "radio" }).attrs.value).toBe(evil);
    expect(text(one(html, "h2").inner)).toBe(evil);
    expect(query(html, "div", { "data-error-for": "field" }).map((e) => text(e.inner))).toEqual([evil]);
    expect(text(html)).toContain(`[unsupported block: ${evil}]`);
  });

  it("holds for any JSON put where blocks go (property)", () => {
    const textObject = fc.record({ type: fc.constantFrom("plain_text", "mrkdwn"), text: fc.string() });
    const element = fc.record(
      {
        type: fc.constantFrom(
          "button",
          "static_select",
          "users_select",
          "multi_users_select",
          "overflow",
          "datepicker",
          "timepicker",
          "checkboxes",
          "radio_buttons",
          "plain_text_input",
          "image",
          "weird",
        ),
        action_id: fc.string(),
        value: fc.string(),
        url: fc.string(),
        image_url: fc.string(),
        text: textObject,
        options: fc.array(fc.record({ text: textObject, value: fc.string() }), { maxLength: 3 }),
        initial_option: fc.record({ text: textObject, value: fc.string() }),
        initial_value: fc.string(),
      },
      { requiredKeys: ["type"] },
    );
    const blockArb = fc.oneof(
      fc.record(
        {
          type: fc.constantFrom("section", "header", "context", "actions", "input", "image", "divider", "rich_text", "x"),
          block_id: fc.string(),
          text: textObject,
          label: textObject,
          element,
          accessory: element,
          elements: fc.array(fc.oneof(element, textObject), { maxLength: 3 }),
          fields: fc.array(textObject, { maxLength: 2 }),
        },
        { requiredKeys: ["type"] },
      ),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 6 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), (blocks, errors) => {
        safe(renderBlocks(blocks, ctx(), { errors }));
        safe(renderView({ type: "modal", title: { type: "plain_text", text: "t" }, blocks }, ctx(), { errors }));
      }),
      { numRuns: 300 },
    );
  });
});

describe("the stylesheet", () => {
  it("styles the classes the HTML uses, scoped to bk- classes, down to a phone's width", () => {
    for (const cls of [
      "bk-modal",
      "bk-home",
      "bk-button",
      "bk-primary",
      "bk-danger",
      "bk-context",
      "bk-fields",
      "bk-error",
      "bk-input",
      "bk-select",
      "bk-mention",
      "bk-pre",
      "bk-quote",
      "bk-unsupported",
    ]) {
      expect(BLOCK_KIT_CSS).toContain(`.${cls}`);
    }
    expect(BLOCK_KIT_CSS).toContain("#007a5a"); // Slack's primary green
    expect(BLOCK_KIT_CSS).toContain("#e01e5a"); // and danger red
    expect(BLOCK_KIT_CSS).toMatch(/@media \(max-width: 4\d\dpx\)/);
    const selectors: string[] = BLOCK_KIT_CSS.replace(/@media[^{]+\{/g, "")
      .match(/(^|})\s*([^{}@]+)\{/g)!
      .map((s) => s.replace(/[{}]/g, "").trim());
    expect(selectors.length).toBeGreaterThan(50);
    expect(
      selectors
        .flatMap((s) => s.split(","))
        .map((s) => s.trim())
        .filter((s) => s && !/^(div|textarea)?\.bk-/.test(s)),
    ).toEqual([]);
  });
});
