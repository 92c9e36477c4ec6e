/**
 * Submissions other than proposals: events members host (staff approve them onto the calendar),
 * membership applications (approved: the organization becomes a member), and topic suggestions
 * that members upvote. Each submission is keyed by its modal, so a resubmitted view, a retry or a
 * double click finds the first record instead of making a second.
 */
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { Db, Tx } from "../db/client";
import {
  activeProgrammes,
  addVote,
  admitOrganization,
  audit,
  createSubmission,
  decideSubmission as decide,
  domainOwners,
  findSubmission,
  organizationByName,
  pendingReviews,
  programmeName,
  type SubmissionKind,
  type SubmissionRecord,
  peopleAtDomains,
  staffSlackIds,
  topics,
} from "../db/submission-repository";
import { insertSession } from "../db/schedule-repository";
import { mayAct } from "../domain/eligibility";
import { isSkippedByClockChange, isZone, localInstant } from "../domain/occurrences";
import { publicDomainsProblem } from "../domain/public-email-domains";
import { eventSessionKey } from "../domain/session-keys";
import { fieldErrors, forbidden, notFound, UserError } from "../errors";
import type { Person } from "../db/person-repository";
import type { EventFormInput, EventSubmission } from "../views/event-modal";
import type { MembershipSubmission } from "../views/membership-modal";
import { escapeMrkdwn } from "../views/message";
import {
  type ReviewedSubmission,
  submissionDecisionMessage,
  submissionReviewAbout,
  submissionReviewMessage,
} from "../views/submission-review";
import type { TopicLine } from "../views/topics-message";
import type { TopicSubmission } from "../views/topic-modal";
import type { Services } from "./context";
import { ensurePerson, isStaff, requireRole, roleOf } from "./people-service";
import { enqueue, type FollowUp } from "../outbox/enqueue";

const TRANSACTION = { maxWait: 15_000, timeout: 20_000 };
const REVIEW_LIST_LIMIT = 10;
const TOPICS_SHOWN = 20;

/** What is stored in Submission.data for each kind; read back through the same schema. */
const eventData = z.object({
  programmeId: z.string(),
  description: z.string(),
  localStart: z.string(),
  timezone: z.string(),
  durationMinutes: z.number().int(),
  format: z.enum(["VIRTUAL", "IN_PERSON"]),
  location: z.string().nullable(),
  link: z.string().nullable(),
});
const applicationData = z.object({
  organization: z.string(),
  domains: z.array(z.string()),
  website: z.string().nullable(),
  about: z.string(),
});
const topicData = z.object({ details: z.string().nullable() });

export interface Submitted {
  submission: SubmissionRecord;
  /** Delivery ids to send now; empty when the submission already existed. */
  followUps: string[];
}

// ---------------------------------------------------------------- events

export async function prepareEventForm(services: Services, client: WebClient, slackUserId: string): Promise<EventFormInput> {
  const person = await requireRole(services, client, slackUserId, "submit_event", "Member-hosted events");
  const programmes = await activeProgrammes(services.db);
  if (programmes.length === 0)
    throw new UserError("No programme is running right now, so there is no calendar to add an event to.", "unavailable");
  return { programmes, zone: person.timezone ?? services.config.CONVENE_TIMEZONE };
}

export async function submitEvent(
  services: Services,
  client: WebClient,
  input: { slackUserId: string; idempotencyKey: string; event: EventSubmission },
): Promise<Submitted> {
  const { event } = input;
  const person = await requireRole(services, client, input.slackUserId, "submit_event", "Member-hosted events");
  const programme = (await activeProgrammes(services.db)).find((p) => p.id === event.programme);
  if (!programme) throw fieldErrors({ programme: "That programme is no longer running: choose another." });
  const zone = isZone(event.zone) ? event.zone : programme.timezone;
  const localStart = `${event.date}T${event.time}`;
  if (isSkippedByClockChange(localStart, zone))
    throw fieldErrors({ time: `${event.time} does not happen on ${event.date} in ${zone}: the clocks change then. Pick another time.` });
  if (localInstant(localStart, zone) <= services.now()) throw fieldErrors({ date: "Pick a date and time in the future." });
  const data: z.infer<typeof eventData> = {
    programmeId: programme.id,
    description: event.description,
    localStart,
    timezone: zone,
    durationMinutes: event.duration,
    format: event.format,
    location: event.location ?? null,
    link: event.link ?? null,
  };
  return submitOnce(services, { idempotencyKey: input.idempotencyKey, kind: "EVENT", title: event.title, data, person });
}

// ---------------------------------------------------------------- membership applications

export async function submitMembershipApplication(
  services: Services,
  client: WebClient,
  input: { slackUserId: string; idempotencyKey: string; application: MembershipSubmission },
): Promise<Submitted> {
  const { application } = input;
  const person = await ensurePerson(services, client, input.slackUserId);
  await checkNotMemberAlready(services.db, application);
  const data: z.infer<typeof applicationData> = { ...application, website: application.website ?? null };
  return submitOnce(services, {
    idempotencyKey: input.idempotencyKey,
    kind: "MEMBERSHIP_APPLICATION",
    title: application.organization,
    data,
    person,
  });
}

async function checkNotMemberAlready(db: Db, application: { organization: string; domains: readonly string[] }): Promise<void> {
  const publicDomains = publicDomainsProblem(application.domains);
  if (publicDomains) throw fieldErrors({ domains: publicDomains });
  const { org, taken } = await domainsHeldElsewhere(db, application);
  if (org?.memberStatus === "MEMBER") throw fieldErrors({ organization: `${org.name} is already a member organization of the coalition.` });
  if (taken.length) {
    throw fieldErrors({
      domains: `${taken.map((d) => `${d.domain} already belongs to ${d.name}.`).join(" ")} Ask coalition staff if that is out of date.`,
    });
  }
}

/** The organization by the applied name, if known, and the applied domains another organization holds. */
async function domainsHeldElsewhere(db: Db | Tx, application: { organization: string; domains: readonly string[] }) {
  const org = await organizationByName(db, application.organization);
  const taken = (await domainOwners(db, application.domains)).filter((d) => d.organizationId !== org?.id);
  return { org, taken };
}

// ---------------------------------------------------------------- topics

export async function prepareTopicForm(services: Services, client: WebClient, slackUserId: string): Promise<void> {
  await requireRole(services, client, slackUserId, "suggest_topic", "Topic suggestions");
}

export async function suggestTopic(
  services: Services,
  client: WebClient,
  input: { slackUserId: string; idempotencyKey: string; topic: TopicSubmission },
): Promise<Submitted> {
  const person = await requireRole(services, client, input.slackUserId, "suggest_topic", "Topic suggestions");
  const data: z.infer<typeof topicData> = { details: input.topic.details ?? null };
  return submitOnce(services, { idempotencyKey: input.idempotencyKey, kind: "TOPIC_SUGGESTION", title: input.topic.title, data, person });
}

export async function listTopics(
  services: Services,
  client: WebClient,
  slackUserId: string,
): Promise<{ topics: TopicLine[]; total: number; canVote: boolean }> {
  const person = await ensurePerson(services, client, slackUserId);
  const canVote = mayAct(await roleOf(services, person), "upvote_topic");
  const found = await topics(services.db, person.id, TOPICS_SHOWN);
  return {
    topics: found.topics.map((t) => ({ id: t.id, title: t.title, details: topicData.parse(t.data).details, votes: t.votes, mine: t.mine })),
    total: found.total,
    canVote,
  };
}

/** An upvote counts once per person, however often it is clicked. */
export async function upvoteTopic(
  services: Services,
  client: WebClient,
  input: { slackUserId: string; submissionId: string },
): Promise<{ counted: boolean }> {
  const person = await requireRole(services, client, input.slackUserId, "upvote_topic", "Upvotes");
  const topic = await findSubmission(services.db, { id: input.submissionId });
  if (topic?.kind !== "TOPIC_SUGGESTION" || topic.status === "DECLINED") throw notFound("That topic is no longer on the list.");
  return { counted: await addVote(services.db, topic.id, person.id) };
}

// ---------------------------------------------------------------- writing once, and staff review

async function submitOnce(
  services: Services,
  input: { idempotencyKey: string; kind: SubmissionKind; title: string; data: object; person: Person },
): Promise<Submitted> {
  const { db } = services;
  const now = services.now();
  const existing = await findSubmission(db, { idempotencyKey: input.idempotencyKey });
  if (existing) return { submission: existing, followUps: [] };
  try {
    return await db.$transaction(async (tx) => {
      const submission = await createSubmission(tx, {
        idempotencyKey: input.idempotencyKey,
        kind: input.kind,
        title: input.title,
        data: input.data,
        submittedById: input.person.id,
      });
      const followUps: FollowUp[] = [];
      if (submission.kind !== "TOPIC_SUGGESTION") {
        const review = await reviewed(tx, submission);
        const message = submissionReviewMessage(review);
        const staff = await staffSlackIds(tx, services.config.CONVENE_ADMINS);
        const staffPost = { subject: `submission:${submission.id}`, tell: staff, ...submissionReviewAbout(review) };
        for (const to of staff)
          followUps.push({ kind: "dm", dedupeKey: `submission:${submission.id}:review:${to}`, to, message, staffPost });
      }
      services.logger.info({ submissionId: submission.id, kind: submission.kind }, "submission received");
      return { submission, followUps: await enqueue(tx, followUps, now) };
    }, TRANSACTION);
  } catch (err) {
    // The same view submitted in parallel: the unique key let one in, and this is another (the
    // driver adapters report the violation as P2002 or as a closed transaction).
    const winner = await findSubmission(db, { idempotencyKey: input.idempotencyKey });
    if (!winner) throw err;
    return { submission: winner, followUps: [] };
  }
}

/** A submission as staff read it. */
async function reviewed(db: Db | Tx, s: SubmissionRecord): Promise<ReviewedSubmission> {
  const common = { id: s.id, title: s.title, submittedBy: s.submitterSlackId, status: s.status, decidedBy: s.decidedBySlack };
  if (s.kind === "EVENT") {
    const e = eventData.parse(s.data);
    const startsAt = localInstant(e.localStart, e.timezone);
    return {
      ...common,
      kind: "EVENT",
      event: { ...e, programmeName: (await programmeName(db, e.programmeId)) ?? "(programme removed)", startsAt },
    };
  }
  if (s.kind === "MEMBERSHIP_APPLICATION") {
    const application = applicationData.parse(s.data);
    return {
      ...common,
      kind: "MEMBERSHIP_APPLICATION",
      application: { ...application, peopleAtDomains: await peopleAtDomains(db, application.domains) },
    };
  }
  throw new UserError("Topic suggestions are not reviewed by staff: members upvote them.", "invalid");
}

export async function pendingSubmissions(
  services: Services,
  staffSlackId: string,
): Promise<{ submissions: ReviewedSubmission[]; total: number }> {
  if (!(await isStaff(services, staffSlackId))) throw forbidden("review submissions");
  const { submissions, total } = await pendingReviews(services.db, REVIEW_LIST_LIMIT);
  return { submissions: await Promise.all(submissions.map((s) => reviewed(services.db, s))), total };
}

/**
 * Approves or declines an event or membership application. Staff is checked here, whatever the
 * button's sender claims. Two staff deciding at once: the conditional update lets one through and
 * the other hears who decided. Approval writes what it creates in the same transaction.
 */
export async function decideSubmission(
  services: Services,
  input: { staffSlackId: string; submissionId: string; decision: "APPROVED" | "DECLINED" },
): Promise<{ submission: ReviewedSubmission; followUps: string[] }> {
  if (!(await isStaff(services, input.staffSlackId))) throw forbidden("approve or decline submissions");
  const { db } = services;
  const now = services.now();
  const result = await db.$transaction(async (tx) => {
    const s = await findSubmission(tx, { id: input.submissionId });
    if (!s) throw notFound("That submission no longer exists.");
    if (!(await decide(tx, { id: s.id, status: input.decision, by: input.staffSlackId, at: now }))) {
      const current = (await findSubmission(tx, { id: s.id }))!;
      throw new UserError(
        `${escapeMrkdwn(s.title)} was already ${current.status.toLowerCase()}${current.decidedBySlack ? ` by <@${current.decidedBySlack}>` : ""}.`,
        "conflict",
      );
    }
    const decided = await reviewed(tx, { ...s, status: input.decision, decidedBySlack: input.staffSlackId });
    if (input.decision === "APPROVED" && decided.kind === "EVENT") {
      const e = eventData.parse(s.data);
      // Programme-wide (no group): on every member's calendar.
      await insertSession(tx, {
        programmeId: e.programmeId,
        groupId: null,
        key: eventSessionKey(s.id),
        title: s.title,
        description: e.description,
        format: e.format,
        localStart: e.localStart,
        timezone: e.timezone,
        durationMinutes: e.durationMinutes,
        startsAt: decided.event.startsAt,
        endsAt: new Date(decided.event.startsAt.getTime() + e.durationMinutes * 60_000),
        location: e.location,
        meetingUrl: e.link,
      });
    }
    if (input.decision === "APPROVED" && decided.kind === "MEMBERSHIP_APPLICATION") {
      // The domains may have gone to another organization since the application.
      const { taken } = await domainsHeldElsewhere(tx, decided.application);
      const publicDomains = publicDomainsProblem(decided.application.domains);
      if (publicDomains) throw new UserError(`Cannot approve: ${publicDomains}`, "conflict");
      if (taken.length) {
        throw new UserError(
          `Cannot approve yet: ${taken.map((d) => `${d.domain} belongs to ${escapeMrkdwn(d.name)}`).join(", ")}. Settle that with the applicant first.`,
          "conflict",
        );
      }
      await admitOrganization(tx, { name: decided.application.organization, domains: decided.application.domains });
    }
    await audit(tx, {
      actor: input.staffSlackId,
      action: `submission.${input.decision.toLowerCase()}`,
      entityType: "Submission",
      entityId: s.id,
      detail: { kind: s.kind },
      at: now,
    });
    const message = submissionDecisionMessage({ ...decided, status: input.decision });
    const followUps = await enqueue(tx, [{ kind: "dm", dedupeKey: `submission:${s.id}:decision`, to: s.submitterSlackId, message }], now);
    return { submission: decided, followUps };
  }, TRANSACTION);
  services.logger.info({ submissionId: input.submissionId, decision: input.decision, by: input.staffSlackId }, "submission decided");
  return result;
}
