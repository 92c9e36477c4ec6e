/**
 * The plan of a rollover, shown before anything is written: every new date with its weekday, the
 * groups carried over and left behind, the channels the new programme will have. Submitting
 * starts next year. Pure.
 */
import type { KnownBlock, ModalView } from "@slack/types";
import { codeSpan, escapeMrkdwn } from "./message";
import { contextLine, messageModal, modal, mrkdwnSection } from "./modal-kit";

export const ROLLOVER_PLAN_CALLBACK = "admin_rollover_plan";
const TITLE = "Next year";
const MAX_SECTION = 2900;
// Slack allows 100 blocks in a modal: the plan keeps to far fewer.
const MAX_SECTIONS = 40;

/** The plan's lines (plain text from describeRollover), escaped, in as few sections as fit. */
export function rolloverPlanModal(input: { from: string; to: string; lines: readonly string[]; summary: string | null }): ModalView {
  const sections: string[] = [];
  for (const line of input.lines.map((l) => escapeMrkdwn(l).replace(/^ {2}/, "• "))) {
    const last = sections.at(-1);
    if (last !== undefined && last.length + line.length + 1 <= MAX_SECTION) sections[sections.length - 1] = `${last}\n${line}`;
    else sections.push(line.slice(0, MAX_SECTION));
  }
  const blocks: KnownBlock[] = sections.slice(0, MAX_SECTIONS).map(mrkdwnSection);
  if (input.summary) blocks.push(contextLine(escapeMrkdwn(input.summary)));
  blocks.push(
    contextLine("Nothing is written until you start it. The new groups' channels are created right after, as for any imported programme."),
  );
  return modal({
    callbackId: ROLLOVER_PLAN_CALLBACK,
    title: TITLE,
    submit: "Start next year",
    privateMetadata: JSON.stringify({ from: input.from, to: input.to }),
    blocks,
  });
}

/** Shown once confirmed, while the programme is written. */
export const rolloverStartingModal = (to: string) => messageModal(TITLE, `:hourglass_flowing_sand: Starting ${codeSpan(to)}…`);

export function rolloverDoneModal(input: { slug: string; name: string }): ModalView {
  return messageModal(
    TITLE,
    `:white_check_mark: Started *${escapeMrkdwn(input.name)}* (${codeSpan(input.slug)}). Its channels are being created; Convene sends you how that went. Edit it with \`/convene admin\`, or export it with ${codeSpan(`npm run convene -- export ${input.slug}`)}.`,
  );
}
