import { validateMessageBlocks, validateView } from "../../src/local-slack";
import { manageMembersModal, parseManageMembers } from "../../src/views/manage-members-modal";
import { membershipChangeDoneText, membershipChangeMessage } from "../../src/views/membership-change-messages";
import { organizationChecklistMessage, organizationWelcomeMessage } from "../../src/views/organization-welcome-messages";
import { mrkdwnProblems } from "../helpers/block-kit";

const hostile = "Math <!channel> *bold* `x` <https://evil.example|click>";
const from = { id: "grp_a", name: hostile, programmeName: "CoP <!here>", channelId: "C0A" };
const to = { id: "grp_b", name: "Science", programmeName: "CoP", channelId: "C0B" };
const text = (v: unknown) => JSON.stringify(v);
/** Every mrkdwn string of a message (plain text, e.g. a button's confirm, is never formatted by Slack). */
const mrkdwnOf = (m: { text: string; blocks: unknown[] }): string[] => {
  const found = [m.text];
  JSON.stringify(m.blocks, (_k, v: { type?: string; text?: unknown }) => {
    if (v && v.type === "mrkdwn" && typeof v.text === "string") found.push(v.text);
    return v;
  });
  return found;
};
const problems = (m: { text: string; blocks: unknown[] }) => mrkdwnOf(m).flatMap(mrkdwnProblems);

describe("membership changes by hand", () => {
  it.each(["add", "move", "remove", "promote"] as const)(
    "tells the person of a %s, escaping the group's names, in valid Block Kit",
    (action) => {
      const m = membershipChangeMessage({
        action,
        by: "U0STAFF",
        group: from,
        to: action === "move" ? to : null,
        status: action === "remove" ? null : "ACTIVE",
        position: null,
        sessions: [],
        zone: "UTC",
      });
      expect(text(m)).toContain("<@U0STAFF>");
      expect(problems(m)).toEqual([]);
      expect(validateMessageBlocks(m.blocks)).toEqual([]);
    },
  );

  it("says where a move lands on a waitlist, and offers no Withdraw for a seat they do not have", () => {
    const m = membershipChangeMessage({
      action: "move",
      by: "U0STAFF",
      group: to,
      to: { ...to, id: "grp_c", name: "Art" },
      status: "WAITLISTED",
      position: 3,
      sessions: [],
      zone: "UTC",
    });
    expect(text(m)).toContain("It is full, so you're on its waitlist, number 3 in line.");
    expect(text(m)).toContain("You are no longer in <#C0B>.");
    expect(text(m)).not.toContain("withdraw_membership");
  });

  it("reads back what was done, and a promotion past the capacity", () => {
    expect(
      membershipChangeDoneText({
        action: "promote",
        person: "U0CARL",
        group: { name: "Art" },
        to: null,
        status: "ACTIVE",
        position: null,
        overCapacity: true,
      }),
    ).toBe(
      ":white_check_mark: <@U0CARL> has a seat in *Art*. The group now has more members than its capacity. They got a DM, and the channel follows.",
    );
  });

  it("offers a move only when the reader manages another group, and requires the group to move to", () => {
    const alone = manageMembersModal({ group: { id: "g1", name: hostile }, targets: [] });
    expect(text(alone)).not.toContain('"move"');
    expect(validateView(alone, { expectedType: "modal" })).toEqual([]);
    const both = manageMembersModal({ group: { id: "g1", name: "Art" }, targets: [{ id: "g2", name: "Science" }] });
    expect(validateView(both, { expectedType: "modal" })).toEqual([]);
    const state = (action: string, target?: string) => ({
      manage_person: { person: { selected_user: "U0CARL" } },
      manage_action: { action: { selected_option: { value: action } } },
      ...(target && { manage_target: { target: { selected_option: { value: target } } } }),
      manage_waitlist: { waitlist: { selected_options: [{ value: "waitlist" }] } },
    });
    expect(parseManageMembers(state("move"), "g1")).toEqual({ ok: false, errors: { manage_target: "Choose the group to move them to." } });
    expect(parseManageMembers(state("move", "g2"), "g1")).toEqual({
      ok: true,
      value: { groupId: "g1", slackUserId: "U0CARL", action: "move", toGroupId: "g2", waitlistIfFull: true },
    });
    expect(parseManageMembers(state("remove", "g2"), "g1")).toMatchObject({ ok: true, value: { action: "remove", toGroupId: null } });
  });
});

describe("an admitted organization's welcome", () => {
  const groups = Array.from({ length: 12 }, (_, i) => ({
    id: `g${i}`,
    name: i === 0 ? hostile : `Group ${i}`,
    programmeName: "CoP",
    full: i === 1,
  }));

  it("lists the groups open to them with one menu to join, the rest on Home, all escaped", () => {
    const m = organizationWelcomeMessage({ organization: "Hope <!everyone> Academy", groups });
    expect(text(m)).toContain("*Open to you now* (12)");
    expect(text(m)).toContain("Group 1* · CoP · full: joining puts you on its waitlist");
    expect(text(m)).toContain("…and 2 more.");
    expect(problems(m)).toEqual([]);
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
  });

  it("says when nothing takes sign-ups, and gives staff a checklist naming the domains", () => {
    expect(text(organizationWelcomeMessage({ organization: "Hope", groups: [] }))).toContain("No group is taking sign-ups right now.");
    const checklist = organizationChecklistMessage({ organization: "Hope <!channel>", domains: ["hope.org"], welcomed: 0, openGroups: 2 });
    expect(text(checklist)).toContain("Convene knows none of its people yet");
    expect(text(checklist)).toContain("`hope.org`");
    expect(problems(checklist)).toEqual([]);
    expect(validateMessageBlocks(checklist.blocks)).toEqual([]);
  });
});
