/** `/convene resources`: the library of what groups made (webinars, toolkits, ...), newest school year first. Pure. */
import type { KnownBlock } from "@slack/types";
import { DELIVERABLE_KINDS, type DeliverableKind } from "./deliverable-modal";
import { escapeMrkdwn, slackLink, type Message } from "./message";
import { contextLine, mrkdwnSection, plain } from "./modal-kit";

export interface ResourceLine {
  title: string;
  kind: DeliverableKind;
  url: string;
  summary: string;
  groupName: string | null;
  year: string;
}

const MAX_SUMMARY = 280;
const clip = (s: string) => (s.length <= MAX_SUMMARY ? s : `${s.slice(0, MAX_SUMMARY - 1)}…`);

export function resourcesMessage(resources: readonly ResourceLine[], opts: { year?: string; total: number }): Message {
  const scope = opts.year ? ` from ${opts.year}` : "";
  if (resources.length === 0) {
    return {
      text: `No resources${scope} yet.`,
      blocks: [mrkdwnSection(`:books: No resources${scope} yet. Facilitators add their group's with \`/convene submit deliverable\`.`)],
    };
  }
  const blocks: KnownBlock[] = [{ type: "header", text: plain(`Resource library${scope}`, 150) }];
  let year: string | null = null;
  for (const r of resources) {
    if (r.year !== year) {
      year = r.year;
      blocks.push(contextLine(`*${r.year}*`));
    }
    const by = r.groupName ? ` · ${escapeMrkdwn(r.groupName)}` : "";
    blocks.push(
      mrkdwnSection(
        `${slackLink(r.url, r.title)}  _${DELIVERABLE_KINDS[r.kind]}_${by}${r.summary ? `\n${escapeMrkdwn(clip(r.summary))}` : ""}`,
      ),
    );
  }
  if (opts.total > resources.length)
    blocks.push(
      contextLine(`Showing the newest ${resources.length} of ${opts.total}. Narrow it down with \`/convene resources 2021-2022\`.`),
    );
  return { text: `${opts.total} resource${opts.total === 1 ? "" : "s"}${scope}`, blocks };
}
