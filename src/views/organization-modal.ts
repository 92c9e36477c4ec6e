/** Staff create or edit an organization: name, kind, standing, email domains, Slack Connect teams, network. Pure. */
import type { ModalView, PlainTextOption } from "@slack/types";
import { z } from "zod";
import { SLACK_TEAM } from "../domain/programme-file";
import { input, modal, option, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const ORGANIZATION_MODAL_CALLBACK = "admin_organization";
export const ORGANIZATION_BLOCKS = {
  name: "org_name",
  kind: "org_kind",
  status: "org_status",
  domains: "org_domains",
  slackTeams: "org_slack_teams",
  network: "org_network",
} as const;
const B = ORGANIZATION_BLOCKS;
const NO_NETWORK = "none";
const MAX_DOMAINS = 20;
const MAX_TEAMS = 20;

const KINDS = [
  option("School", "SCHOOL"),
  option("Network", "NETWORK"),
  option("National organization", "NATIONAL_ORGANIZATION"),
  option("Research center", "RESEARCH_CENTER"),
  option("Other", "OTHER"),
];
const STATUSES = [
  option("Member", "MEMBER"),
  option("Partner", "PARTNER"),
  option("Former member", "FORMER"),
  option("Applying", "APPLICANT"),
];

export interface OrganizationModalInput {
  organization?: {
    id: string;
    name: string;
    kind: string;
    status: string;
    domains: string[];
    slackTeams: string[];
    networkId: string | null;
  };
  /** Organizations that may be this one's network. */
  networks: readonly { id: string; name: string }[];
}

const pick = (options: PlainTextOption[], value: string | undefined) => options.find((o) => o.value === value);

export function organizationModal({ organization: o, networks }: OrganizationModalInput): ModalView {
  const networkOptions = [
    option("None", NO_NETWORK),
    ...networks
      .filter((n) => n.id !== o?.id)
      .slice(0, 99)
      .map((n) => option(n.name, n.id)),
  ];
  const select = (actionId: string, options: PlainTextOption[], initial: PlainTextOption | undefined) => ({
    type: "static_select" as const,
    action_id: actionId,
    options,
    ...(initial && { initial_option: initial }),
  });
  return modal({
    callbackId: ORGANIZATION_MODAL_CALLBACK,
    title: o ? "Edit organization" : "New organization",
    submit: "Save",
    privateMetadata: JSON.stringify(o ? { organizationId: o.id } : {}),
    blocks: [
      input(B.name, "Name", { type: "plain_text_input", action_id: "name", max_length: 150, ...(o && { initial_value: o.name }) }),
      input(B.kind, "Kind", select("kind", KINDS, pick(KINDS, o?.kind ?? "SCHOOL"))),
      input(B.status, "Standing", select("status", STATUSES, pick(STATUSES, o?.status ?? "MEMBER")), {
        hint: "Members' people may join groups; partners' people facilitate, submit events and join groups that allow partners.",
      }),
      input(
        B.domains,
        "Email domains",
        { type: "plain_text_input", action_id: "domains", ...(o?.domains.length && { initial_value: o.domains.join(", ") }) },
        {
          optional: true,
          hint: "Everyone with an address at these domains belongs to this organization. Separated by commas.",
        },
      ),
      input(
        B.slackTeams,
        "Slack Connect team IDs",
        { type: "plain_text_input", action_id: "slack_teams", ...(o?.slackTeams.length && { initial_value: o.slackTeams.join(", ") }) },
        {
          optional: true,
          hint: "The organization's own Slack workspaces (T…): people from them in Slack Connect channels, often shown with no email, belong to it. Separated by commas.",
        },
      ),
      input(B.network, "Part of network", select("network", networkOptions, pick(networkOptions, o?.networkId ?? NO_NETWORK))),
    ],
  });
}

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/;

const schema = z.object({
  [B.name]: z.string({ error: "Name the organization." }).trim().min(2, "Use at least 2 characters.").max(150),
  [B.kind]: z.enum(["SCHOOL", "NETWORK", "NATIONAL_ORGANIZATION", "RESEARCH_CENTER", "OTHER"], { error: "Choose a kind." }),
  [B.status]: z.enum(["MEMBER", "PARTNER", "FORMER", "APPLICANT"], { error: "Choose a standing." }),
  [B.domains]: z
    .string()
    .optional()
    .transform((t) => [
      ...new Set(
        (t ?? "")
          .split(/[\s,;]+/)
          .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().regex(DOMAIN, "Write each domain like prospectschools.org (no https://, no @)."))
        .max(MAX_DOMAINS, `List at most ${MAX_DOMAINS} domains.`),
    ),
  [B.slackTeams]: z
    .string()
    .optional()
    .transform((t) => [
      ...new Set(
        (t ?? "")
          .split(/[\s,;]+/)
          .map((d) => d.trim().toUpperCase())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(
          z
            .string()
            .regex(
              SLACK_TEAM,
              "Write each team ID like T012AB3CD (Slack shows it in the workspace's settings and in a Slack Connect channel's details).",
            ),
        )
        .max(MAX_TEAMS, `List at most ${MAX_TEAMS} teams.`),
    ),
  [B.network]: z.string({ error: "Choose a network, or None." }),
});

export interface OrganizationForm {
  name: string;
  kind: "SCHOOL" | "NETWORK" | "NATIONAL_ORGANIZATION" | "RESEARCH_CENTER" | "OTHER";
  status: "MEMBER" | "PARTNER" | "FORMER" | "APPLICANT";
  domains: string[];
  slackTeams: string[];
  networkId: string | null;
}

export function parseOrganizationModal(values: StateValues): Parsed<OrganizationForm> {
  const parsed = parseModal(schema, values);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return {
    ok: true,
    value: {
      name: v[B.name],
      kind: v[B.kind],
      status: v[B.status],
      domains: v[B.domains],
      slackTeams: v[B.slackTeams],
      networkId: v[B.network] === NO_NETWORK ? null : v[B.network],
    },
  };
}
