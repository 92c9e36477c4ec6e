import type { App } from "@slack/bolt";
import fc from "fast-check";
import { attendanceForm, notesForm } from "../../src/services/attendance-service";
import type { Services } from "../../src/services/context";
import { assignReviewers, noteForm, reviewForm } from "../../src/services/proposal-review-service";
import { manageMembersForm } from "../../src/services/membership-admin-service";
import { groupToMessage } from "../../src/services/roster-service";
import type { ReminderRefresher } from "../../src/services/reminder-refresh";
import { registerListeners } from "../../src/slack/listeners";
import { attendanceModal } from "../../src/views/attendance-modal";
import { groupMessageModal } from "../../src/views/group-message-modal";
import { manageMembersModal } from "../../src/views/manage-members-modal";
import { noteModal } from "../../src/views/proposal-note-modal";
import { PROPOSAL_BLOCKS } from "../../src/views/proposal-modal";
import { scoreModal } from "../../src/views/proposal-score-modal";
import { previewRolloverFor, rolloverForm } from "../../src/services/rollover-service";
import { rolloverModal } from "../../src/views/rollover-modal";
import { rolloverPlanModal } from "../../src/views/rollover-plan-modal";
import { sessionNotesModal } from "../../src/views/session-notes-modal";
import { providers } from "../helpers/databases";
import { expectSpecificAnswer, stateFor } from "./support/fuzz";
import { stateOf, submit } from "./support/submissions";
import { startWorld, type World } from "./support/world";

type Json = Record<string, unknown>;
type Who = keyof World["users"];

/** Every modal Convene takes submissions from: how a person gets it, and who. */
interface ModalSpec {
  callbackId: string;
  as: Who;
  open(w: World): Promise<Json>;
}

async function byCommand(w: World, who: Who, text: string): Promise<Json> {
  const snapshot = await w.openByCommand(w.users[who], text);
  if (!snapshot?.callbackId) throw new Error(`/convene ${text} opened no form: ${JSON.stringify(snapshot?.view ?? null).slice(0, 300)}`);
  return snapshot.view;
}

const services = (w: World): Services => w.h.convene.services;
const client = (w: World) => w.h.convene.slack.app.client;

/** A proposal on the review card, with the staff member assigned to review it. */
async function proposalUnderReview(w: World): Promise<string> {
  const form = await byCommand(w, "ariana", "propose");
  const res = await submit(w.h.slack, {
    userId: w.users.ariana,
    view: form,
    state: stateOf(form, {
      [PROPOSAL_BLOCKS.programme]: w.c.programmeId,
      [PROPOSAL_BLOCKS.title]: "Restorative practices",
      [PROPOSAL_BLOCKS.summary]: "Deans compare notes.",
      [PROPOSAL_BLOCKS.problem]: "Suspensions.",
      [PROPOSAL_BLOCKS.audience]: "Deans",
      [PROPOSAL_BLOCKS.facilitators]: [w.users.ariana],
      [PROPOSAL_BLOCKS.deliverable]: "TOOLKIT",
      [PROPOSAL_BLOCKS.format]: "hybrid",
      [PROPOSAL_BLOCKS.capacity]: "20",
    }),
  });
  if ((res.body as { response_action?: string }).response_action !== "update")
    throw new Error(`the proposal was not saved: ${JSON.stringify(res.body)}`);
  const proposal = await w.t.db.proposal.findFirstOrThrow({ orderBy: { createdAt: "desc" }, select: { id: true } });
  await assignReviewers(services(w), client(w), {
    proposalId: proposal.id,
    actorSlackId: w.users.staff,
    reviewerSlackIds: [w.users.staff],
  });
  return proposal.id;
}

const specs: ModalSpec[] = [
  { callbackId: "proposal", as: "ariana", open: (w) => byCommand(w, "ariana", "propose") },
  { callbackId: "signup", as: "ariana", open: (w) => byCommand(w, "ariana", "join got-justice") },
  { callbackId: "topic_suggestion", as: "ariana", open: (w) => byCommand(w, "ariana", "submit topic") },
  { callbackId: "membership_application", as: "outsider", open: (w) => byCommand(w, "outsider", "submit membership") },
  { callbackId: "event_submission", as: "ariana", open: (w) => byCommand(w, "ariana", "submit event") },
  { callbackId: "deliverable_submission", as: "dwight", open: (w) => byCommand(w, "dwight", "submit deliverable") },
  { callbackId: "admin_group", as: "staff", open: (w) => byCommand(w, "staff", "admin group new") },
  { callbackId: "admin_session", as: "staff", open: (w) => byCommand(w, "staff", "admin session new") },
  { callbackId: "admin_staff_grant", as: "staff", open: (w) => byCommand(w, "staff", "admin staff") },
  { callbackId: "admin_organization", as: "staff", open: (w) => byCommand(w, "staff", "admin org new") },
  { callbackId: "admin_programme_settings", as: "staff", open: (w) => byCommand(w, "staff", `admin announcements ${w.programmeSlug}`) },
  { callbackId: "admin_person", as: "staff", open: (w) => byCommand(w, "staff", `admin person <@${w.users.bea}>`) },
  {
    callbackId: "group_message",
    as: "staff",
    open: async (w) => {
      const group = await w.t.db.group.findFirstOrThrow({ where: { slug: "got-justice" }, select: { id: true } });
      return groupMessageModal(await groupToMessage(services(w), w.users.staff, group.id)) as unknown as Json;
    },
  },
  {
    callbackId: "admin_session_cancel_confirm",
    as: "staff",
    open: async (w) => {
      const s = await w.t.db.session.findUniqueOrThrow({ where: { id: w.upcomingSessionId } });
      return byCommand(w, "staff", `admin session cancel got justice ${s.localStart.slice(0, 10)}`);
    },
  },
  { callbackId: "reminder_rules", as: "staff", open: (w) => byCommand(w, "staff", `reminders rules ${w.programmeSlug}`) },
  {
    callbackId: "proposal_score",
    as: "staff",
    open: async (w) =>
      scoreModal(
        await reviewForm(services(w), { proposalId: await proposalUnderReview(w), actorSlackId: w.users.staff }),
      ) as unknown as Json,
  },
  ...(["DECLINED", "CHANGES_REQUESTED"] as const).map(
    (decision): ModalSpec => ({
      callbackId: decision === "DECLINED" ? "proposal_decline" : "proposal_request_changes",
      as: "staff",
      open: async (w) =>
        noteModal(
          await noteForm(services(w), { proposalId: await proposalUnderReview(w), actorSlackId: w.users.staff, decision }),
        ) as unknown as Json,
    }),
  ),
  {
    callbackId: "attendance_record",
    as: "dwight",
    open: async (w) => attendanceModal(await attendanceForm(services(w), client(w), w.users.dwight, w.pastSessionId)) as unknown as Json,
  },
  {
    callbackId: "session_notes",
    as: "dwight",
    open: async (w) => sessionNotesModal(await notesForm(services(w), w.users.dwight, w.pastSessionId)) as unknown as Json,
  },
  {
    // Dwight facilitates Got Justice: people added, moved, taken out and promoted at random. After the
    // forms that need its members (attendance, notes), which a random removal of all of them would empty.
    callbackId: "manage_members",
    as: "dwight",
    open: async (w) => {
      const group = await w.t.db.group.findFirstOrThrow({ where: { slug: "got-justice" }, select: { id: true } });
      return manageMembersModal(await manageMembersForm(services(w), w.users.dwight, group.id)) as unknown as Json;
    },
  },
  // Last: confirming the plan starts a second programme, which the forms above must not see.
  {
    callbackId: "admin_rollover",
    as: "staff",
    open: async (w) => rolloverModal(await rolloverForm(services(w), w.users.staff, w.programmeSlug)) as unknown as Json,
  },
  {
    callbackId: "admin_rollover_plan",
    as: "staff",
    open: async (w) => {
      const preview = await previewRolloverFor(services(w), w.users.staff, w.programmeSlug, "fuzz-next-year");
      return rolloverPlanModal({
        from: w.programmeSlug,
        to: "fuzz-next-year",
        lines: preview.planLines,
        summary: preview.importLines.at(-1) ?? null,
      }) as unknown as Json;
    },
  },
];

/** The callback ids Convene registers a view handler for, read from the one place listeners are registered. */
function registeredViewCallbacks(): string[] {
  const ids: string[] = [];
  const app = new Proxy({}, { get: (_t, method) => (constraint: unknown) => void (method === "view" && ids.push(String(constraint))) });
  registerListeners(app as App, {} as Services, { refresher: {} as ReminderRefresher });
  return ids;
}

it("every modal Convene takes submissions from is fuzzed below", () => {
  expect(specs.map((s) => s.callbackId).sort()).toEqual([...new Set(registeredViewCallbacks())].sort());
});

describe.each(providers)("every modal's submission, fuzzed through signed requests, on %s", (provider) => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(provider);
  });
  afterAll(() => w.close());

  it.each(specs.map((s) => [s.callbackId, s] as const))(
    "%s: any values get a specific answer, never an error",
    async (_id, spec) => {
      const view = await spec.open(w);
      expect(view.callback_id).toBe(spec.callbackId);
      const ctx = { users: Object.values(w.users), channels: Object.values(w.channels) };
      const errorsBefore = w.h.errors().length;
      await fc.assert(
        fc.asyncProperty(stateFor(view, ctx), fc.boolean(), async (state, sameView) => {
          const before = w.h.errors().length;
          // A fresh modal each time, or the same one submitted again.
          const res = await submit(w.h.slack, { userId: w.users[spec.as], view, viewId: sameView ? String(view.id) : undefined, state });
          expectSpecificAnswer(res, view);
          expect(w.h.errors().slice(before)).toEqual([]);
        }),
        { numRuns: 40 },
      );
      // What a submission sends after its ack (DMs, invites, cards) fails nowhere either.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(w.h.errors().slice(errorsBefore)).toEqual([]);
    },
    60_000,
  );
});
