/**
 * Staff look a person up: their role and why (domain, confirmation, partner, guest), and change
 * it: confirm them as a member of an organization or revoke that, make them staff or remove
 * that. Pure.
 */
import type { ModalView, PlainTextOption } from "@slack/types";
import { z } from "zod";
import type { Role, RoleReason } from "../domain/eligibility";
import { codeSpan, escapeMrkdwn } from "./message";
import { contextLine, input, modal, mrkdwnSection, option, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const PERSON_MODAL_CALLBACK = "admin_person";
export const PERSON_BLOCKS = { confirmedIn: "person_confirmed_in", staff: "person_staff" } as const;
export const PERSON_ACTIONS = { confirmedIn: "confirmed_in", staff: "staff" } as const;
/** The option that leaves the person to their email domain (no confirmation). */
export const NOT_CONFIRMED = "none";
const STAFF_VALUE = "staff";
const MAX_ORGS = 99;

export interface PersonModalInput {
  slackUserId: string;
  name: string;
  email: string | null;
  role: Role;
  reason: RoleReason;
  /** The organization staff confirmed them in, if any. */
  confirmedIn: string | null;
  isStaff: boolean;
  organizations: readonly { id: string; name: string }[];
}

const STATUS = {
  MEMBER: "a member organization",
  PARTNER: "a partner organization",
  APPLICANT: "applying to join",
  FORMER: "a former member",
} as const;
const ROLE = { staff: "Staff", member: "Member", partner: "Partner", guest: "Guest" } as const;

/** Why someone is or is not a member, in a sentence (mrkdwn, escaped). */
export function roleReasonText(reason: RoleReason): string {
  const org = (name: string) => `*${escapeMrkdwn(name)}*`;
  switch (reason.code) {
    case "deactivated":
      return "Slack reports this account deactivated, so they hold no seat and no role.";
    case "staff_setting":
      return "Named in the CONVENE_ADMINS setting.";
    case "staff_granted":
      return "Made coalition staff in Convene.";
    case "confirmed":
      return `Coalition staff confirmed them as a member${reason.organization ? ` of ${org(reason.organization)}` : ""}.`;
    case "organization":
      if (reason.slackTeam)
        return `They join from the Slack workspace ${codeSpan(reason.slackTeam)}, which staff mapped to ${org(reason.organization)}, ${STATUS[reason.status]}.`;
      return `${reason.domain ? `Their email domain \`${escapeMrkdwn(reason.domain)}\` is ${org(reason.organization)}'s` : `Their organization is ${org(reason.organization)}`}, ${STATUS[reason.status]}.`;
    case "no_organization":
      return reason.domain
        ? `No organization has the email domain \`${escapeMrkdwn(reason.domain)}\`.`
        : "Slack shows no email for them, so no organization matches.";
  }
}

export function personModal(p: PersonModalInput): ModalView {
  const orgOptions: PlainTextOption[] = [
    option("Not confirmed: by email domain or Slack team", NOT_CONFIRMED),
    ...p.organizations.slice(0, MAX_ORGS).map((o) => option(o.name, o.id)),
  ];
  const initial = orgOptions.find((o) => o.value === (p.confirmedIn ?? NOT_CONFIRMED));
  const staffOption = option("Coalition staff", STAFF_VALUE);
  return modal({
    callbackId: PERSON_MODAL_CALLBACK,
    title: "Person",
    submit: "Save",
    privateMetadata: p.slackUserId,
    blocks: [
      mrkdwnSection(`<@${p.slackUserId}>${p.email ? ` · ${escapeMrkdwn(p.email)}` : ""}\n*${ROLE[p.role]}.* ${roleReasonText(p.reason)}`),
      input(
        PERSON_BLOCKS.confirmedIn,
        "Confirmed as a member of",
        { type: "static_select", action_id: PERSON_ACTIONS.confirmedIn, options: orgOptions, ...(initial && { initial_option: initial }) },
        {
          hint: "Confirm someone whose email domain is not their organization's. Choose “Not confirmed” to revoke.",
        },
      ),
      input(
        PERSON_BLOCKS.staff,
        "Role",
        {
          type: "checkboxes",
          action_id: PERSON_ACTIONS.staff,
          options: [staffOption],
          ...(p.isStaff && { initial_options: [staffOption] }),
        },
        { optional: true },
      ),
      ...(p.organizations.length > MAX_ORGS ? [contextLine(`Showing the first ${MAX_ORGS} organizations.`)] : []),
    ],
  });
}

export interface PersonChange {
  confirmedIn: string | null;
  staff: boolean;
}

const schema = z.object({
  [PERSON_BLOCKS.confirmedIn]: z.string({ error: "Choose an organization, or “Not confirmed”." }),
  [PERSON_BLOCKS.staff]: z.array(z.string()).optional(),
});

export function parsePersonModal(values: StateValues): Parsed<PersonChange> {
  const parsed = parseModal(schema, values);
  if (!parsed.ok) return parsed;
  const confirmedIn = parsed.value[PERSON_BLOCKS.confirmedIn];
  return {
    ok: true,
    value: {
      confirmedIn: confirmedIn === NOT_CONFIRMED ? null : confirmedIn,
      staff: (parsed.value[PERSON_BLOCKS.staff] ?? []).includes(STAFF_VALUE),
    },
  };
}
