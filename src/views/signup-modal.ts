/**
 * The sign-up modal: pick a group (unless the Join button or command named one), add colleagues
 * from your own organization, and commit to attend all sessions. Also the views it turns into:
 * the outcome, and "already signed up".
 */
import type { KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import {
  contextLine,
  input,
  messageModal,
  modal,
  mrkdwnSection,
  option,
  parseModal,
  type Parsed,
  plain,
  type StateValues,
} from "./modal-kit";
import { slackDate } from "./slack-date";

export const SIGNUP_CALLBACK = "signup";
export const SIGNUP_TITLE = "Sign up";
/** Block ids double as the field names the sign-up service reports problems against. */
export const SIGNUP_BLOCKS = { group: "group", colleagues: "colleagues", commitment: "commitment" } as const;
export const SIGNUP_ACTIONS = { group: "signup_group", colleagues: "signup_colleagues", commitment: "signup_commitment" } as const;
export const COMMITMENT_VALUE = "attend_all";
export const MAX_COLLEAGUES = 10;

export interface SignupGroupCard {
  id: string;
  name: string;
  programmeName: string;
  description: string;
  capacity: number | null;
  active: number;
  waiting: number;
  nextSession: { title: string; startsAt: Date } | null;
}

export interface SignupChoice {
  id: string;
  name: string;
  programmeName: string;
  full: boolean;
}

export interface SignupFormInput {
  /** The group named by the button or command; otherwise the person picks from `choices`. */
  group: SignupGroupCard | null;
  choices: readonly SignupChoice[];
  /** Null when Convene does not know the person's organization: colleagues cannot be checked then. */
  organizationName: string | null;
  zone: string;
}

const MAX_DESCRIPTION = 600;
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const isFull = (g: Pick<SignupGroupCard, "capacity" | "active" | "waiting">) => g.capacity !== null && g.active + g.waiting >= g.capacity;

function groupCard(g: SignupGroupCard, zone: string): KnownBlock[] {
  const seats =
    g.capacity === null
      ? `${g.active} signed up`
      : isFull(g)
        ? `:hourglass_flowing_sand: *Full*: you will join the waitlist${g.waiting ? ` (${g.waiting} waiting)` : ""} and get a message when a seat opens.`
        : `${g.capacity - g.active} of ${g.capacity} seats left`;
  const next = g.nextSession ? `Next session: ${slackDate(g.nextSession.startsAt, "{date_short_pretty} at {time}", zone)}` : null;
  return [
    mrkdwnSection(
      `*${escapeMrkdwn(g.name)}*\n${escapeMrkdwn(g.programmeName)}${g.description ? `\n${escapeMrkdwn(clip(g.description, MAX_DESCRIPTION))}` : ""}`,
    ),
    contextLine([seats, next].filter(Boolean).join("  ·  ")),
  ];
}

export function signupModal(form: SignupFormInput): ModalView {
  const blocks: KnownBlock[] = [];
  if (form.group) {
    blocks.push(...groupCard(form.group, form.zone));
  } else {
    blocks.push(
      input(SIGNUP_BLOCKS.group, "Group", {
        type: "static_select",
        action_id: SIGNUP_ACTIONS.group,
        placeholder: plain("Choose a group", 150),
        options: form.choices.slice(0, 100).map((c) => option(`${c.name}${c.full ? " (waitlist)" : ""}`, c.id)),
      }),
    );
  }
  if (form.organizationName) {
    blocks.push(
      input(
        SIGNUP_BLOCKS.colleagues,
        "Colleagues joining with you",
        {
          type: "multi_users_select",
          action_id: SIGNUP_ACTIONS.colleagues,
          max_selected_items: MAX_COLLEAGUES,
          placeholder: plain("Add colleagues", 150),
        },
        {
          optional: true,
          hint: `People from ${form.organizationName}. They are signed up too, invited to the group's channel, and told that you added them.`,
        },
      ),
    );
  } else {
    blocks.push(contextLine("To sign up colleagues with you, Convene needs to know your organization: ask coalition staff."));
  }
  blocks.push(
    input(SIGNUP_BLOCKS.commitment, "Commitment", {
      type: "checkboxes",
      action_id: SIGNUP_ACTIONS.commitment,
      options: [option("I (and the colleagues I add) will attend all sessions", COMMITMENT_VALUE)],
    }),
  );
  return modal({
    callbackId: SIGNUP_CALLBACK,
    title: SIGNUP_TITLE,
    submit: "Sign up",
    blocks,
    privateMetadata: form.group ? JSON.stringify({ groupId: form.group.id }) : undefined,
  });
}

const signupSchema = z.object({
  group: z.string({ error: "Choose the group you want to join." }).min(1, "Choose the group you want to join."),
  colleagues: z
    .array(z.string().regex(/^[UW][A-Z0-9]+$/, "Pick colleagues from the list."), { error: "Pick colleagues from the list." })
    .max(MAX_COLLEAGUES, `Add at most ${MAX_COLLEAGUES} colleagues at a time.`)
    .default([]),
  commitment: z
    .array(z.string())
    .default([])
    .refine(
      (v) => v.includes(COMMITMENT_VALUE),
      "Please confirm that you will attend all sessions: groups depend on everyone being there.",
    ),
});

export type SignupSubmission = z.infer<typeof signupSchema>;

const metadataSchema = z.object({ groupId: z.string().min(1).optional() }).catch({});

/** The submitted form: the group from the metadata when the modal was opened for one. */
export function parseSignup(values: StateValues, privateMetadata: string | undefined): Parsed<SignupSubmission> {
  let metadata: unknown = {};
  try {
    metadata = privateMetadata ? JSON.parse(privateMetadata) : {};
  } catch {
    // A tampered or truncated value: the form then asks for the group like any other field.
  }
  const { groupId } = metadataSchema.parse(metadata);
  return parseModal(signupSchema, values, groupId ? { group: groupId } : {});
}

export interface SignupOutcomePerson {
  slackUserId: string;
  status: "ACTIVE" | "WAITLISTED";
  position: number | null;
  /** False when they were already signed up before this submission. */
  isNew: boolean;
}

/** What the modal turns into once the sign-up is saved. */
export function signupDoneModal(input: {
  groupName: string;
  channelId: string | null;
  requester: SignupOutcomePerson;
  colleagues: readonly SignupOutcomePerson[];
}): ModalView {
  const { groupName, channelId, requester, colleagues } = input;
  const name = `*${escapeMrkdwn(groupName)}*`;
  const headline =
    requester.status === "ACTIVE"
      ? `:white_check_mark: You're signed up for ${name}.${channelId ? ` You'll be added to <#${channelId}>.` : ""} A confirmation with the next sessions is in your messages from Convene.`
      : `:hourglass_flowing_sand: ${name} is full, so you're on its waitlist${requester.position ? `: number ${requester.position} in line` : ""}. Convene will message you as soon as a seat opens.`;
  const describe = (p: SignupOutcomePerson) =>
    `• <@${p.slackUserId}>: ${!p.isNew ? "was already signed up" : p.status === "ACTIVE" ? "signed up" : `on the waitlist${p.position ? ` (number ${p.position})` : ""}`}`;
  const more = colleagues.length ? [mrkdwnSection(`*Colleagues*\n${colleagues.map(describe).join("\n")}`)] : [];
  return messageModal(SIGNUP_TITLE, headline, more);
}

export function alreadySignedUpModal(input: { groupName: string; status: "ACTIVE" | "WAITLISTED"; position: number | null }): ModalView {
  const name = `*${escapeMrkdwn(input.groupName)}*`;
  const text =
    input.status === "ACTIVE"
      ? `:white_check_mark: You're already signed up for ${name}.`
      : `:hourglass_flowing_sand: You're already on the waitlist for ${name}${input.position ? `: number ${input.position} in line` : ""}.`;
  return messageModal(SIGNUP_TITLE, `${text} To leave, use *Withdraw* on your confirmation message from Convene.`);
}
