/**
 * Each person's Home tab: built from what they belong to and published with views.publish when
 * they open it, and again after anything they change from it (or elsewhere, by calling
 * `publishHome`).
 */
import { takesSignups } from "../domain/group-status";
import { facilitatorSessionsSeenIn } from "../domain/session-audience";
import type { WebClient } from "@slack/web-api";
import { groupCards, pendingWork, programmes, scopeOf } from "../db/directory-repository";
import { facilitatedRosters } from "../db/roster-repository";
import { setReminderPreferences } from "../db/person-repository";
import { upcomingDeadlines, upcomingSessions } from "../db/schedule-repository";
import type { Person } from "../db/person-repository";
import { type HomeInput, homeView } from "../views/home-view";
import type { Services } from "./context";
import { myProposals } from "./directory-service";
import { personalFeedUrl } from "./calendar-service";
import { withIcsLinks } from "./feed-url";
import { ensurePerson, type Role, roleOf } from "./people-service";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** What the Home tab shows one person. */
export async function homeInput(services: Services, person: Person, role: Role): Promise<HomeInput> {
  const { db, config } = services;
  const now = services.now();
  const [scope, active, cards, proposals, pending, rosters] = await Promise.all([
    scopeOf(db, person.id),
    programmes(db, { activeOnly: true }),
    groupCards(db, person.id, now),
    myProposals(services, person.id),
    role === "staff" ? pendingWork(db) : Promise.resolve(null),
    facilitatedRosters(db, person.slackUserId),
  ]);
  // Someone in no group yet still sees what is for everyone (kick-offs, presentations).
  const sessionScope = scope.groupIds.length ? scope : { groupIds: [], programmeIds: active.map((p) => p.id) };
  const [sessions, deadlines, feed] = await Promise.all([
    upcomingSessions(db, {
      from: now,
      scope: sessionScope,
      limit: 10,
      facilitatorSessions: facilitatorSessionsSeenIn({ ...scope, isStaff: role === "staff" }),
    }),
    upcomingDeadlines(db, { from: now, programmeIds: "all", limit: 5 }),
    personalFeedUrl(services, person.id),
  ]);
  return {
    name: person.name,
    zone: person.timezone ?? config.CONVENE_TIMEZONE,
    now,
    canJoin: role !== "guest",
    sessions: withIcsLinks(config, sessions),
    deadlines,
    myGroups: cards.filter((g) => g.isMine),
    // Groups taking sign-ups, and those whose sign-ups open later; none once the window has closed.
    openGroups: cards.filter((g) => !g.isMine && (takesSignups(g.signup) || g.signup.kind === "not_open_yet")),
    signupsClosed: cards.some((g) => g.signup.kind === "closed"),
    proposals,
    reminders: { dmReminders: person.dmReminders, remindersOff: person.remindersOff, remindersSnoozedTill: person.remindersSnoozedTill },
    // One's own feed only: a programme's or group's feed is for passing around, without meeting links.
    feedUrl: feed,
    pending,
    rosters,
  };
}

/** Builds and publishes a person's Home tab. */
export async function publishHome(services: Services, client: WebClient, slackUserId: string): Promise<void> {
  const person = await ensurePerson(services, client, slackUserId);
  const input = await homeInput(services, person, await roleOf(services, person));
  await client.views.publish({ user_id: slackUserId, view: homeView(input) });
}

export type ReminderChoice = "dm_on" | "dm_off" | "snooze_week" | "resume" | "off" | "on";

/** A person's own reminder settings, changed from their Home tab. */
export async function setReminderChoice(services: Services, personId: string, choice: ReminderChoice): Promise<void> {
  const now = services.now();
  const change = {
    dm_on: { dmReminders: true },
    dm_off: { dmReminders: false },
    snooze_week: { remindersSnoozedTill: new Date(now.getTime() + WEEK_MS) },
    resume: { remindersSnoozedTill: null },
    off: { remindersOff: true },
    on: { remindersOff: false },
  }[choice];
  await setReminderPreferences(services.db, personId, change);
}
