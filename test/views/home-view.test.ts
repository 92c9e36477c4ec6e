import { withSignupStatus } from "../helpers/view-fixtures";
import type { SessionItem } from "../../src/views/agenda-items";
import type { GroupCard } from "../../src/views/group-card";
import { HOME_DM_REMINDERS, HOME_OPEN_ADMIN, HOME_REMINDERS, HOME_SNOOZE, type HomeInput, homeView } from "../../src/views/home-view";
import { errorsOnly, validateView } from "../../src/local-slack";

const now = new Date("2021-10-01T12:00:00Z");

const group = (i: number, extra: Partial<GroupCard> = {}): GroupCard =>
  withSignupStatus({
    id: `g${i}`,
    name: `Group ${i} ${"with a long name ".repeat(4)}`,
    slug: `group-${i}`,
    status: "OPEN",
    programmeId: "p1",
    programmeName: "Communities of Practice 2021-2022",
    description: "x".repeat(500),
    capacity: 20,
    memberCount: 3,
    channelId: `C${i}`,
    facilitators: [{ name: "Dwight Thomas", slackUserId: "U0DWIGHT01" }],
    isMine: false,
    ...extra,
  });

const session = (i: number): SessionItem => ({
  id: `s${i}`,
  title: `Session ${i}`,
  groupName: "Group 1",
  programmeName: "Communities of Practice 2021-2022",
  startsAt: new Date(now.getTime() + (i + 1) * 86_400_000),
  endsAt: new Date(now.getTime() + (i + 1) * 86_400_000 + 3_600_000),
  status: "SCHEDULED",
  format: "VIRTUAL",
  location: null,
  meetingUrl: "https://zoom.example/j/1",
  description: "d".repeat(900),
});

const input = (extra: Partial<HomeInput> = {}): HomeInput => ({
  name: "Ariana Melton",
  zone: "America/Chicago",
  now,
  canJoin: true,
  sessions: [],
  deadlines: [],
  myGroups: [],
  openGroups: [],
  proposals: [],
  reminders: { dmReminders: false, remindersOff: false, remindersSnoozedTill: null },
  feedUrl: "https://convene.example.org/calendar/tok_person.ics",
  pending: null,
  rosters: [],
  ...extra,
});

const text = (value: unknown) => JSON.stringify(value);

describe("the Home tab", () => {
  it("stays within Slack's 100 blocks and limits however much there is", () => {
    const view = homeView(
      input({
        sessions: Array.from({ length: 40 }, (_, i) => session(i)),
        deadlines: Array.from({ length: 20 }, (_, i) => ({
          id: `d${i}`,
          title: `Deadline ${i}`,
          programmeName: "P",
          dueAt: now,
          description: null,
        })),
        myGroups: Array.from({ length: 30 }, (_, i) => group(i, { isMine: true })),
        openGroups: Array.from({ length: 60 }, (_, i) => group(100 + i)),
        proposals: Array.from({ length: 20 }, (_, i) => ({
          id: `p${i}`,
          title: `Proposal ${i}`,
          programmeName: "P",
          timezone: "America/New_York",
          status: "SUBMITTED" as const,
          mayChange: true,
          changeableUntil: null,
          decisionNote: null,
          groupChannelId: null,
        })),
        pending: { proposals: 3, submissions: 2, failedDeliveries: 1 },
      }),
    );
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(errorsOnly(validateView(view, { expectedType: "home" }))).toEqual([]);
    expect(text(view)).toContain("…and 35 more: `/convene sessions` lists them all.");
    expect(text(view)).toContain("…and 50 more: `/convene groups` lists them all.");
  });

  it("says what to do when a newcomer has nothing yet", () => {
    const view = text(homeView(input()));
    expect(view).toContain("Join a group to see its sessions here.");
    expect(view).toContain("You are not in a group yet: join one below, or propose your own.");
    expect(view).toContain("No other group is taking sign-ups right now.");
    expect(view).toContain("propose_group");
    expect(view).not.toContain(HOME_OPEN_ADMIN);
  });

  it("shows staff what waits for them, and nothing when nothing does", () => {
    expect(text(homeView(input({ pending: { proposals: 2, submissions: 0, failedDeliveries: 1 } })))).toContain(
      "*Waiting for you:* 2 proposals to review · 1 message Convene could not send",
    );
    expect(text(homeView(input({ pending: { proposals: 0, submissions: 0, failedDeliveries: 0 } })))).toContain(
      "*Nothing is waiting for you.*",
    );
  });

  it.each([
    [
      { dmReminders: false, remindersOff: false, remindersSnoozedTill: null },
      ["on", "week", "off"],
      "You can get them as direct messages too.",
    ],
    [
      { dmReminders: true, remindersOff: false, remindersSnoozedTill: new Date("2021-10-08T12:00:00Z") },
      ["off", "resume", "off"],
      "snoozed until <!date^1633694400^",
    ],
    [
      { dmReminders: true, remindersOff: false, remindersSnoozedTill: new Date("2021-09-01T12:00:00Z") },
      ["off", "week", "off"],
      "You also get them as direct messages.",
    ],
    [
      { dmReminders: true, remindersOff: true, remindersSnoozedTill: null },
      ["off", "week", "on"],
      "Your direct-message reminders are off.",
    ],
  ])("offers the reminder buttons that change %j", (reminders, values, says) => {
    const view = homeView(input({ reminders }));
    const actions = view.blocks.find((b) => b.block_id === "home_reminders") as { elements: { action_id: string; value: string }[] };
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      [HOME_DM_REMINDERS, values[0]],
      [HOME_SNOOZE, values[1]],
      [HOME_REMINDERS, values[2]],
    ]);
    expect(text(view)).toContain(says);
  });
});
