/**
 * Submissions as staff review them (an event to put on the calendar, an organization applying to
 * join) with Approve and Decline buttons, and the answer the submitter receives. Pure.
 */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn, slackLink, type Message } from "./message";
import { contextLine, mrkdwnSection, plain } from "./modal-kit";
import { slackDate } from "./slack-date";

/** Each submission's buttons have their own action ids (`submission_approve:<id>`), as Slack asks of ids within a message. */
export const SUBMISSION_APPROVE = "submission_approve";
export const SUBMISSION_DECLINE = "submission_decline";
export const SUBMISSION_DECISION_PATTERN = /^submission_(approve|decline):/;

export type ReviewedSubmission =
  | (Common & {
      kind: "EVENT";
      event: {
        programmeName: string;
        description: string;
        startsAt: Date;
        timezone: string;
        durationMinutes: number;
        format: "VIRTUAL" | "IN_PERSON";
        location: string | null;
        link: string | null;
      };
    })
  | (Common & {
      kind: "MEMBERSHIP_APPLICATION";
      application: { organization: string; domains: string[]; website: string | null; about: string; peopleAtDomains: number };
    });

interface Common {
  id: string;
  title: string;
  submittedBy: string; // Slack user id
  status: "PENDING" | "APPROVED" | "DECLINED";
  decidedBy: string | null;
}

const MAX = 1500;
const clip = (s: string) => (s.length <= MAX ? s : `${s.slice(0, MAX - 1)}…`);

function details(s: ReviewedSubmission): string {
  if (s.kind === "EVENT") {
    const e = s.event;
    const where = e.format === "VIRTUAL" ? "Virtual" : `In person${e.location ? `, ${escapeMrkdwn(e.location)}` : ""}`;
    return [
      `:calendar: *Event: ${escapeMrkdwn(s.title)}* (${escapeMrkdwn(e.programmeName)})`,
      `${slackDate(e.startsAt, "{date_long_pretty} at {time}", e.timezone)}, ${e.durationMinutes} minutes · ${where}${e.link ? ` · ${slackLink(e.link, "link")}` : ""}`,
      escapeMrkdwn(clip(e.description)),
    ].join("\n");
  }
  const a = s.application;
  return [
    `:office: *Membership application: ${escapeMrkdwn(a.organization)}*`,
    `Email domains: ${a.domains.map((d) => `\`${d}\``).join(", ")}${a.website ? ` · ${slackLink(a.website, "website")}` : ""}`,
    `Approving makes everyone with an address there a member: ${peopleUsing(a)}.`,
    escapeMrkdwn(clip(a.about)),
  ].join("\n");
}

/** "7 people in this workspace use this domain", as far as Convene has met them. */
function peopleUsing(a: { domains: string[]; peopleAtDomains: number }): string {
  const n = a.peopleAtDomains;
  const people = n === 0 ? "No one" : n === 1 ? "1 person" : `${n} people`;
  return `${people} in this workspace ${n === 1 ? "uses" : "use"} ${a.domains.length === 1 ? "this domain" : "these domains"}`;
}

/** Approving an organization changes who is a member: staff read what it will do and confirm (Slack's confirm text is plain_text only). */
function approveConfirm(s: ReviewedSubmission) {
  if (s.kind !== "MEMBERSHIP_APPLICATION") return undefined;
  const a = s.application;
  return {
    title: plain("Approve this membership?", 100),
    text: plain(
      `${a.organization} becomes a member organization, and everyone with an address at ${a.domains.join(", ")} can join groups. ${peopleUsing(a)} now.`,
      300,
    ),
    confirm: plain("Approve", 30),
    deny: plain("Cancel", 30),
  };
}

function state(s: ReviewedSubmission): KnownBlock {
  if (s.status === "PENDING") {
    const confirm = approveConfirm(s);
    return {
      type: "actions",
      block_id: `review_${s.id}`,
      elements: [
        {
          type: "button",
          action_id: `${SUBMISSION_APPROVE}:${s.id}`,
          value: s.id,
          style: "primary",
          text: plain("Approve", 75),
          ...(confirm && { confirm }),
        },
        { type: "button", action_id: `${SUBMISSION_DECLINE}:${s.id}`, value: s.id, text: plain("Decline", 75) },
      ],
    };
  }
  const verb = s.status === "APPROVED" ? ":white_check_mark: Approved" : ":x: Declined";
  return contextLine(`${verb}${s.decidedBy ? ` by <@${s.decidedBy}>` : ""}`);
}

const one = (s: ReviewedSubmission): KnownBlock[] => [mrkdwnSection(`${details(s)}\nSubmitted by <@${s.submittedBy}>`), state(s)];

/** One submission, as staff get it by DM and as it reads once decided. */
export function submissionReviewMessage(s: ReviewedSubmission): Message {
  const what = s.kind === "EVENT" ? `Event submission: ${escapeMrkdwn(s.title)}` : `Membership application: ${escapeMrkdwn(s.title)}`;
  return { text: s.status === "PENDING" ? `${what}, waiting for review` : `${what}, ${s.status.toLowerCase()}`, blocks: one(s) };
}

/** What a refused review DM says about itself (`outbox/refused-posts.ts`). */
export function submissionReviewAbout(s: Pick<ReviewedSubmission, "kind" | "title">): { about: string; next: string } {
  const what = s.kind === "EVENT" ? "event submission" : "membership application";
  return {
    about: `the review message for the ${what} *${escapeMrkdwn(s.title)}*`,
    next: "The submission is saved and waits for a decision: `/convene submissions` lists it with Approve and Decline. The refused message is listed as failed in the reminder queue (`/convene reminders`).",
  };
}

/** `/convene submissions`: everything waiting for a decision. */
export function pendingSubmissionsMessage(list: readonly ReviewedSubmission[], total: number): Message {
  if (list.length === 0)
    return { text: "Nothing is waiting for review.", blocks: [mrkdwnSection(":tada: Nothing is waiting for review.")] };
  const blocks: KnownBlock[] = [{ type: "header", text: plain("Waiting for review", 150) }];
  for (const s of list) blocks.push(...one(s), { type: "divider" });
  if (total > list.length) blocks.push(contextLine(`Showing the oldest ${list.length} of ${total}.`));
  return { text: `${total} submission${total === 1 ? "" : "s"} waiting for review`, blocks };
}

/** To the submitter, once staff have decided. */
export function submissionDecisionMessage(s: ReviewedSubmission & { status: "APPROVED" | "DECLINED" }): Message {
  const name = `*${escapeMrkdwn(s.title)}*`;
  const text =
    s.kind === "EVENT"
      ? s.status === "APPROVED"
        ? `:tada: Your event ${name} was approved and is on the calendar. Members will be reminded before it starts.`
        : `Your event ${name} was not approved this time. Coalition staff are happy to talk it through.`
      : s.status === "APPROVED"
        ? `:tada: ${name} is now a member organization of the coalition. Everyone with an address at ${s.application.domains.join(", ")} can sign up for groups.`
        : `The membership application from ${name} was not approved this time. Coalition staff will be in touch.`;
  return { text: text.replace(/\*/g, ""), blocks: [mrkdwnSection(text)] };
}
