/** The modal in which an organization applies to join the coalition. */
import { webLink } from "../domain/web-link";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import { input, messageModal, modal, parseModal, type Parsed, plain, type StateValues } from "./modal-kit";

export const MEMBERSHIP_CALLBACK = "membership_application";
export const MEMBERSHIP_TITLE = "Apply to join";
/** Block ids double as the field names the submission service reports problems against. */
export const MEMBERSHIP_BLOCKS = { organization: "organization", domains: "domains", website: "website", about: "about" } as const;
export const MEMBERSHIP_ACTIONS = {
  organization: "membership_organization",
  domains: "membership_domains",
  website: "membership_website",
  about: "membership_about",
} as const;
const MAX_DOMAINS = 10;

export function membershipModal(): ModalView {
  return modal({
    callbackId: MEMBERSHIP_CALLBACK,
    title: MEMBERSHIP_TITLE,
    submit: "Apply",
    blocks: [
      input(MEMBERSHIP_BLOCKS.organization, "Organization", {
        type: "plain_text_input",
        action_id: MEMBERSHIP_ACTIONS.organization,
        max_length: 150,
      }),
      input(
        MEMBERSHIP_BLOCKS.domains,
        "Email domains",
        { type: "plain_text_input", action_id: MEMBERSHIP_ACTIONS.domains, placeholder: plain("e.g. prospectschools.org", 150) },
        {
          hint: "The part after @ in your staff's email addresses, separated by commas. Once approved, everyone with such an address can sign up.",
        },
      ),
      input(MEMBERSHIP_BLOCKS.website, "Website", { type: "url_text_input", action_id: MEMBERSHIP_ACTIONS.website }, { optional: true }),
      input(MEMBERSHIP_BLOCKS.about, "Why would your organization like to join?", {
        type: "plain_text_input",
        action_id: MEMBERSHIP_ACTIONS.about,
        multiline: true,
        max_length: 2000,
      }),
    ],
  });
}

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/;

const membershipSchema = z.object({
  organization: z.string({ error: "Name your organization." }).max(150, "Keep the name under 150 characters."),
  domains: z
    .string({ error: "List at least one email domain, such as prospectschools.org." })
    .transform((text) => [
      ...new Set(
        text
          .split(/[\s,;]+/)
          .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().regex(DOMAIN, "Write each domain like prospectschools.org (no https://, no @)."))
        .min(1, "List at least one email domain, such as prospectschools.org.")
        .max(MAX_DOMAINS, `List at most ${MAX_DOMAINS} domains.`),
    ),
  website: webLink("The website").optional(),
  about: z.string({ error: "Tell staff a little about your organization." }).max(2000, "Keep this under 2,000 characters."),
});

export type MembershipSubmission = z.infer<typeof membershipSchema>;

export const parseMembership = (values: StateValues): Parsed<MembershipSubmission> => parseModal(membershipSchema, values);

export const membershipSubmittedModal = (organization: string) =>
  messageModal(
    MEMBERSHIP_TITLE,
    `:raised_hands: Thanks! The application from *${escapeMrkdwn(organization)}* is with coalition staff, and Convene will message you when they have decided.`,
  );
