/** `/convene orgs`: the coalition's member and partner organizations, for everyone. Pure. */
import type { KnownBlock } from "@slack/types";
import type { OrganizationEntry } from "../domain/organization-directory";
import { escapeMrkdwn, type Message } from "./message";

/** One section per organization, within a message's 50 blocks with room for the header and notes. */
const MAX_SHOWN = 45;

const KIND = {
  SCHOOL: "School",
  NETWORK: "Network",
  NATIONAL_ORGANIZATION: "National organization",
  RESEARCH_CENTER: "Research center",
  OTHER: "Organization",
} as const;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function line(o: OrganizationEntry): string {
  const facts = [
    KIND[o.kind] + (o.status === "PARTNER" ? " · partner" : ""),
    count(o.people, "person in the workspace", "people in the workspace"),
  ];
  const lines = [`*${escapeMrkdwn(o.name)}*  ${facts.join(" · ")}`];
  if (o.network) lines.push(`Part of ${escapeMrkdwn(o.network)}`);
  if (o.schools.length) lines.push(`Schools: ${o.schools.map(escapeMrkdwn).join(", ")}`);
  if (o.groups.length) lines.push(`In: ${o.groups.map(escapeMrkdwn).join(", ")}`);
  return lines.join("\n");
}

export function organizationsMessage(orgs: readonly OrganizationEntry[]): Message {
  if (orgs.length === 0) {
    const text = "No member organizations are listed yet.";
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
  }
  const members = orgs.filter((o) => o.status === "MEMBER").length;
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "Member organizations", emoji: true } },
    {
      type: "context",
      elements: [
        { type: "mrkdwn", text: `${count(members, "member", "members")} and ${count(orgs.length - members, "partner", "partners")}.` },
      ],
    },
    ...orgs.slice(0, MAX_SHOWN).map((o): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: line(o) } })),
  ];
  if (orgs.length > MAX_SHOWN)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `Showing ${MAX_SHOWN} of ${orgs.length}.` }] });
  return {
    text: `${count(members, "member organization", "member organizations")} and ${count(orgs.length - members, "partner", "partners")}`,
    blocks,
  };
}
