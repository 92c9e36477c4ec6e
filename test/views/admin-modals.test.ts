import { adminMenuModal } from "../../src/views/admin-menu-modal";
import { groupModal, parseGroupModal } from "../../src/views/group-modal";
import { parseSessionModal, sessionModal } from "../../src/views/session-modal";
import { errorsOnly, validateView } from "../../src/local-slack";
import { submittedState } from "../helpers/modal-state";

const programmes = [{ id: "p1", name: "Communities of Practice 2021-2022" }];

describe("the group form", () => {
  const creating = groupModal({ programmes });

  it("is valid Block Kit, new and filled in for an edit", () => {
    const editing = groupModal({
      programmes,
      group: {
        id: "g1",
        name: "Got Justice?",
        description: "d",
        topics: ["discipline", "justice"],
        capacity: 20,
        allowsPartners: true,
        continuing: true,
        status: "CLOSED",
        channelName: "cop-got-justice",
        facilitators: [
          { name: "Dwight Thomas", slackUserId: "U0DWIGHT01" },
          { name: "Pat Paper", slackUserId: null },
        ],
      },
    });
    for (const view of [creating, editing]) expect(errorsOnly(validateView(view, { expectedType: "modal" }))).toEqual([]);
    expect(JSON.stringify(editing)).toContain("Also facilitating, without a Slack account linked: Pat Paper.");
    expect(JSON.stringify(editing)).not.toContain("group_programme");
  });

  it("reads a filled-in form", () => {
    const parsed = parseGroupModal(
      submittedState(creating, {
        group_name: "  Equity in Enrollment ",
        group_topics: "lotteries, outreach,, ",
        group_capacity: "12",
        group_facilitators: ["U0DWIGHT01"],
        group_partners: ["partners"],
        group_continuing: ["continuing"],
      }),
      { creating: true },
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        programmeId: "p1",
        name: "Equity in Enrollment",
        description: "",
        topics: ["lotteries", "outreach"],
        capacity: 12,
        allowsPartners: true,
        continuing: true,
        status: "OPEN",
        channelName: null,
        facilitatorSlackIds: ["U0DWIGHT01"],
      },
    });
  });

  it("marks each bad field under its own input", () => {
    const parsed = parseGroupModal(submittedState(creating, { group_name: "ab", group_capacity: "0", group_channel: "Equity Group" }), {
      creating: true,
    });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        group_name: "Use at least 3 characters.",
        group_capacity: "Between 1 and 1000 places.",
        group_channel: "Use lowercase letters, digits, - and _ (up to 80), starting with a letter or digit.",
      },
    });
  });
});

describe("the session form", () => {
  const view = sessionModal({
    scopes: [
      { value: "programme:p1", label: "Everyone in Communities of Practice 2021-2022" },
      { value: "group:g1", label: "Got Justice?" },
    ],
    scope: "group:g1",
    zones: ["America/New_York"],
    defaultZone: "America/New_York",
  });

  it("is valid Block Kit, with the chosen group and the programme's zone preselected", () => {
    expect(errorsOnly(validateView(view, { expectedType: "modal" }))).toEqual([]);
    expect(
      parseSessionModal(submittedState(view, { session_title: "Lab", session_date: "2021-11-17", session_time: "18:00" }), {
        creating: true,
      }),
    ).toEqual({
      ok: true,
      value: {
        scope: "group:g1",
        title: "Lab",
        localStart: "2021-11-17T18:00",
        durationMinutes: 60,
        timezone: "America/New_York",
        format: "VIRTUAL",
        location: null,
        meetingUrl: null,
        description: null,
      },
    });
  });

  it("asks where an in-person session is, and for a real link and length", () => {
    const parsed = parseSessionModal(
      submittedState(view, {
        session_title: "Lab",
        session_date: "2021-11-17",
        session_time: "18:00",
        session_format: "IN_PERSON",
        session_meeting_url: "zoom",
        session_duration: "900",
      }),
      { creating: true },
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        session_duration: "Between 5 and 720 minutes.",
        session_meeting_url: "The meeting link must start with https:// (or http://).",
        session_location: "Say where an in-person session takes place.",
      },
    });
  });
});

describe("the admin menu", () => {
  it("offers at most 100 sessions and stays valid with many programmes, groups and sessions", () => {
    const at = new Date("2021-11-10T21:00:00Z");
    const view = adminMenuModal({
      programmes: Array.from({ length: 15 }, (_, i) => ({
        slug: `p-${i}`,
        name: `Programme ${i}`,
        status: "ACTIVE" as const,
        groupCount: 4,
        feedUrl: `https://x/calendar/${i}.ics`,
        announcementChannelId: i % 2 ? "C0NEWS" : null,
      })),
      groups: Array.from({ length: 150 }, (_, i) => ({ id: `g${i}`, name: `Group ${i} ${"long ".repeat(20)}` })),
      organizations: Array.from({ length: 120 }, (_, i) => ({ id: `o${i}`, name: `Organization ${i}` })),
      sessions: Array.from({ length: 150 }, (_, i) => ({
        id: `s${i}`,
        title: "Virtual Group Session",
        groupName: `Group ${i}`,
        startsAt: at,
      })),
      zone: "America/Chicago",
    });
    expect(errorsOnly(validateView(view, { expectedType: "modal" }))).toEqual([]);
    expect(JSON.stringify(view)).toContain("Nov 10, 2021 3:00 PM CST · Virtual Group Session · Group 0");
    expect(JSON.stringify(view)).toContain("Showing the next 100 sessions.");
  });
});
