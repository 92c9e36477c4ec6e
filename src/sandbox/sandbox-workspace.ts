/**
 * The sandbox's Slack workspace: people the page lets you be, and the channels they start in.
 * Email domains decide membership, as in a real workspace: the members' match organizations in
 * examples/cop-2021-2022.yaml, the guest's matches none; one member joins through Slack Connect
 * from their school network's own workspace, with no email, as Slack shows such people. Zones
 * differ so dates visibly differ.
 */
import type { LocalSlack } from "../local-slack";

export interface SandboxPerson {
  id: string;
  name: string;
  /** Who they are, as the person picker shows it. */
  title: string;
  /** Absent for someone from another workspace (Slack Connect): Slack shows no email. */
  email?: string;
  /** Their own workspace's team, for someone from another workspace. */
  teamId?: string;
  tz: string;
}

export const STAFF_ID = "U0SOFIA001";

/** Members first: the page starts as the first person. */
export const SANDBOX_PEOPLE: readonly SandboxPerson[] = [
  {
    id: "U0ARIANA01",
    name: "Ariana Melton",
    title: "Member · Prospect Schools",
    email: "ariana@prospectschools.org",
    tz: "America/Denver",
  },
  { id: "U0BEA00001", name: "Bea Okafor", title: "Member · Prospect Schools", email: "bea@prospectschools.org", tz: "America/New_York" },
  {
    id: "U0CARL0001",
    name: "Carl Wu",
    title: "Member · City Language Immersion Charter",
    email: "carl@clicharter.org",
    tz: "America/Los_Angeles",
  },
  // Prospect Schools' own workspace is mapped to it in examples/cop-2021-2022.yaml (slack_teams).
  {
    id: "U0LEE00001",
    name: "Lee Okafor",
    title: "Member · Prospect Schools, via Slack Connect",
    teamId: "T0PROSPECT1",
    tz: "America/Chicago",
  },
  {
    id: "U0MAYA0001",
    name: "Maya Patel",
    title: "Member · Lycée Français, wants to facilitate",
    email: "maya@lfno.org",
    tz: "America/Chicago",
  },
  // The example file names these two as facilitators; the import links them by these ids.
  {
    id: "U0DWIGHT01",
    name: "Dwight Thomas",
    title: "Facilitator · Got Justice?",
    email: "dwight@prospectschools.org",
    tz: "America/Chicago",
  },
  {
    id: "U0AQUA0001",
    name: "Aqua Stovall",
    title: "Facilitator (partner) · Trauma-Informed Practices",
    email: "aqua@selfellowship.org",
    tz: "America/Los_Angeles",
  },
  { id: STAFF_ID, name: "Sofia Reyes", title: "Coalition staff", email: "sofia@diversecharters.org", tz: "America/New_York" },
  { id: "U0GUS00001", name: "Gus Harper", title: "Guest · not from a member organization", email: "gus@example.com", tz: "Europe/London" },
];

/** Where staff review proposals; the sandbox points Convene at it when it starts. */
export const REVIEW_CHANNEL = "proposals-review";

/** The workspace's announcements channel, everyone in it; the programme links it. */
export const ANNOUNCEMENTS_CHANNEL = "announcements";

/** Adds the people and the channels that exist before Convene does anything. */
export function seedWorkspace(slack: LocalSlack): { reviewChannelId: string; announcementsChannelId: string } {
  for (const p of SANDBOX_PEOPLE) {
    slack.addUser({
      id: p.id,
      name: p.name.split(" ")[0]!.toLowerCase(),
      realName: p.name,
      tz: p.tz,
      email: p.email,
      teamId: p.teamId,
      isAdmin: p.id === STAFF_ID,
    });
  }
  slack.addChannel({ name: "general", members: SANDBOX_PEOPLE.map((p) => p.id), topic: "Everyone in the coalition's Slack" });
  const review = slack.addChannel({ name: REVIEW_CHANNEL, members: [STAFF_ID], purpose: "Staff review facilitation proposals here" });
  const announcements = slack.addChannel({ name: ANNOUNCEMENTS_CHANNEL, members: SANDBOX_PEOPLE.map((p) => p.id) });
  return { reviewChannelId: review.id, announcementsChannelId: announcements.id };
}
