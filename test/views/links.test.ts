/**
 * Every view that writes a link writes it with the one link helper: a stored address that would break
 * out of `<url|label>` (saved before links were checked where they come in) stays one link to
 * itself, with no broadcast or second link. Text people typed shows as typed (#12, defect 6).
 */
import { reminderMessage } from "../../src/views/reminder-message";
import { resourcesMessage } from "../../src/views/resources-message";
import { sessionNotesMessage } from "../../src/views/session-notes-message";
import { sessionsMessage } from "../../src/views/sessions-message";
import { submissionReviewMessage } from "../../src/views/submission-review";
import { escapeMrkdwn, slackLink } from "../../src/views/message";
import { mrkdwnProblems } from "../helpers/block-kit";
import { sampleSession } from "../helpers/view-fixtures";

const HOSTILE = "https://evil.example/|Official-Zoom><!channel><https://evil.example/login|Join";
const ENCODED = "https://evil.example/%7COfficial-Zoom%3E%3C!channel%3E%3Chttps://evil.example/login%7CJoin";

/** Every mrkdwn string of a message: its fallback text and its blocks' mrkdwn. */
const mrkdwnOf = (m: { text: string; blocks: unknown[] }) => [
  m.text,
  ...[...JSON.stringify(m.blocks).matchAll(/"type":"mrkdwn","text":("(?:[^"\\]|\\.)*")/g)].map((x) => JSON.parse(x[1]!) as string),
];

describe("links Convene writes", () => {
  it("encode the target and escape the label", () => {
    expect(slackLink(HOSTILE, "Join <now> | *here*")).toBe(`<${ENCODED}|Join &lt;now&gt; ¦ \u2217here\u2217>`);
    expect(slackLink("https://zoom.example/j/1?pwd=a&b=c", "Meeting link")).toBe("<https://zoom.example/j/1?pwd=a&amp;b=c|Meeting link>");
    // Shown as its own label, an address stays as it is: a feed's is copied into calendar apps.
    expect(slackLink("https://convene.example.org/calendar/a_b-c.ics")).toBe(
      "<https://convene.example.org/calendar/a_b-c.ics|https://convene.example.org/calendar/a_b-c.ics>",
    );
  });

  it.each([
    ["a reminder", () => reminderMessage({ ...sampleSession, meetingUrl: HOSTILE }, { counts: { going: 0, notGoing: 0 }, late: false })],
    [
      "/convene sessions",
      () => sessionsMessage({ sessions: [{ ...sampleSession, status: "SCHEDULED", meetingUrl: HOSTILE }], zone: "UTC", groupName: null }),
    ],
    [
      "/convene resources",
      () =>
        resourcesMessage([{ title: "Kit", kind: "TOOLKIT", url: HOSTILE, summary: "", groupName: null, year: "2021-2022" }], { total: 1 }),
    ],
    [
      "session notes",
      () => sessionNotesMessage({ title: "Lab", startsAt: new Date(), timezone: "UTC", authorSlackId: "U0ANA", notes: "n", link: HOSTILE }),
    ],
    [
      "a submission for review",
      () =>
        submissionReviewMessage({
          id: "s1",
          title: "Night",
          submittedBy: "U0ANA",
          status: "PENDING",
          decidedBy: null,
          kind: "EVENT",
          event: {
            programmeName: "CoP",
            description: "d",
            startsAt: new Date(),
            timezone: "UTC",
            durationMinutes: 60,
            format: "VIRTUAL",
            location: null,
            link: HOSTILE,
          },
        }),
    ],
  ])("in %s stay one link to the address as stored", (_, render) => {
    const m = render();
    expect(mrkdwnOf(m).flatMap(mrkdwnProblems)).toEqual([]);
    expect(JSON.stringify(m.blocks)).toContain(ENCODED);
  });
});

describe("text people typed", () => {
  it.each([
    ["*stars*", "\u2217stars\u2217"],
    ["_under_", "\u02CDunder\u02CD"],
    ["~strike~", "\u223Cstrike\u223C"],
    ["`code` and ```block```", "\u02CBcode\u02CB and \u02CB\u02CB\u02CBblock\u02CB\u02CB\u02CB"],
    ["<!channel> & <@U0ANA>", "&lt;!channel&gt; &amp; &lt;@U0ANA&gt;"],
    ["snake_case :white_check_mark:", "snake\u02CDcase :white_check_mark:"],
  ])("%j shows as typed, with no formatting, mention or broadcast", (typed, mrkdwn) => {
    expect(escapeMrkdwn(typed)).toBe(mrkdwn);
  });
});
