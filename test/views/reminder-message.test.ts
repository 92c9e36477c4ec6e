import type { ActionsBlock, Button, KnownBlock, SectionBlock } from "@slack/types";
import {
  ATTENDANCE_RECORD,
  ATTENDANCE_SHARE_NOTES,
  REMINDER_ADD_TO_CALENDAR,
  REMINDER_ADD_TO_OUTLOOK,
  REMINDER_JOIN_MEETING,
  RSVP_GOING,
  RSVP_NOT_GOING,
  attendancePromptMessage,
  cancellationMessage,
  changeNoticeMessage,
  deadlineReminderMessage,
  reminderMessage,
} from "../../src/views/reminder-message";
import { errorsOnly, validateMessageBlocks } from "../../src/local-slack";
import { sampleSession } from "../helpers/view-fixtures";

const session = sampleSession;

const texts = (blocks: KnownBlock[]) =>
  blocks
    .flatMap((b) =>
      b.type === "section"
        ? [(b as SectionBlock).text?.text ?? ""]
        : b.type === "context"
          ? b.elements.map((e) => ("text" in e ? e.text : ""))
          : [],
    )
    .join("\n");
const buttons = (blocks: KnownBlock[]) =>
  blocks.filter((b): b is ActionsBlock => b.type === "actions").flatMap((b) => b.elements as Button[]);
const valid = (blocks: KnownBlock[]) => expect(errorsOnly(validateMessageBlocks(blocks))).toEqual([]);

describe("the reminder before a session", () => {
  const message = reminderMessage(session, { counts: { going: 4, notGoing: 1 }, late: false });

  it("says what and when, with a date token each reader sees in their own zone", () => {
    const body = texts(message.blocks);
    expect(body).toContain("*Reminder: Assessment for learning*");
    expect(body).toContain("Math teachers · CoP 2021-2022");
    expect(body).toContain(
      `<!date^${Date.parse("2022-03-14T20:00:00Z") / 1000}^{date_long_pretty} at {time}|Monday, March 14, 2022 at 3:00 PM CDT>`,
    );
    expect(message.text).toBe("Reminder: Assessment for learning, Monday, March 14, 2022 at 3:00 PM CDT");
  });

  it("names the facilitators (a mention for those in Slack) and escapes the agenda", () => {
    const body = texts(message.blocks);
    expect(body).toContain("Facilitated by <@U0ANA>, Sam Lee");
    expect(body).toContain("*Agenda*\n1. Check-in\n2. Protocol &lt;tuning&gt;\n3. Next steps");
  });

  it("has Going and Can't make it buttons with their counts, carrying the session id", () => {
    const [going, notGoing] = buttons(message.blocks);
    expect(going).toMatchObject({ action_id: RSVP_GOING, value: "sess_1", text: { text: "Going (4)" } });
    expect(notGoing).toMatchObject({ action_id: RSVP_NOT_GOING, value: "sess_1", text: { text: "Can't make it (1)" } });
  });

  it("links the meeting and an add-to-calendar page for the session's time", () => {
    const byAction = new Map(buttons(message.blocks).map((b) => [b.action_id, b]));
    expect(byAction.get(REMINDER_JOIN_MEETING)?.url).toBe("https://zoom.example/j/123");
    const calendar = new URL(byAction.get(REMINDER_ADD_TO_CALENDAR)!.url!);
    expect(calendar.searchParams.get("text")).toBe("Math teachers · Assessment for learning");
    const outlook = new URL(byAction.get(REMINDER_ADD_TO_OUTLOOK)!.url!);
    expect(outlook.searchParams.get("subject")).toBe("Math teachers · Assessment for learning");
    expect(calendar.searchParams.get("dates")).toBe("20220314T200000Z/20220314T213000Z");
  });

  it("shows the place of an in-person session instead of a meeting link", () => {
    const inPerson = reminderMessage(
      { ...session, format: "IN_PERSON", location: "Room 204, Lincoln HS", meetingUrl: null },
      { counts: { going: 0, notGoing: 0 }, late: false },
    );
    expect(texts(inPerson.blocks)).toContain(":round_pushpin: Room 204, Lincoln HS");
    expect(buttons(inPerson.blocks).map((b) => b.action_id)).not.toContain(REMINDER_JOIN_MEETING);
  });

  it("says when it was sent late", () => {
    expect(texts(message.blocks)).not.toContain("Sent late");
    expect(texts(reminderMessage(session, { counts: { going: 0, notGoing: 0 }, late: true }).blocks)).toContain("Sent late");
  });

  it("writes the fallback time in the reader's zone for a DM", () => {
    const dm = reminderMessage({ ...session, timezone: "Europe/Paris" }, { counts: { going: 0, notGoing: 0 }, late: false });
    expect(dm.text).toContain("Monday, March 14, 2022 at 9:00 PM");
  });

  it("stays within Block Kit's limits, even with a very long agenda", () => {
    valid(message.blocks);
    valid(reminderMessage({ ...session, agenda: "x".repeat(10_000) }, { counts: { going: 0, notGoing: 0 }, late: true }).blocks);
  });
});

describe("notices about a session that changed", () => {
  it("a change notice gives the new time and strikes out the old one", () => {
    const moved = changeNoticeMessage(session, { previousStartsAt: new Date("2022-03-10T20:00:00Z") });
    expect(moved.text).toBe(
      "Rescheduled: Assessment for learning is now Monday, March 14, 2022 at 3:00 PM CDT (was Thursday, March 10, 2022 at 2:00 PM CST)",
    );
    expect(texts(moved.blocks)).toMatch(/~<!date\^1646942400\^.*\|Thursday, March 10, 2022 at 2:00 PM CST>~/);
    valid(moved.blocks);
  });

  it("a cancellation says the session will not take place, and why for a blackout", () => {
    expect(cancellationMessage(session, { reason: "cancelled" }).text).toBe(
      "Cancelled: Assessment for learning on Monday, March 14, 2022 at 3:00 PM CDT will not take place.",
    );
    expect(cancellationMessage(session, { reason: "blackout" }).text).toContain("holiday or blackout date");
    valid(cancellationMessage(session, { reason: "cancelled" }).blocks);
  });
});

describe("other messages", () => {
  it("a deadline reminder says what is due and when", () => {
    const m = deadlineReminderMessage(
      {
        id: "dl",
        title: "Proposals due",
        programmeName: "CoP 2021-2022",
        description: null,
        dueAt: new Date("2021-10-01T04:59:00Z"),
        timezone: "America/Chicago",
      },
      { late: false },
    );
    expect(m.text).toBe("Proposals due is due Thursday, September 30, 2021 at 11:59 PM CDT");
    valid(m.blocks);
  });

  it("the attendance prompt offers to record attendance and share notes", () => {
    const m = attendancePromptMessage(session);
    expect(buttons(m.blocks).map((b) => [b.action_id, b.value])).toEqual([
      [ATTENDANCE_RECORD, "sess_1"],
      [ATTENDANCE_SHARE_NOTES, "sess_1"],
    ]);
    valid(m.blocks);
  });
});
