/**
 * The example programme, set up as an admin would: imported with its channels created (what
 * `npm run convene -- import examples/cop-2021-2022.yaml` does), then, as staff in Slack,
 * proposals reopened and reviewed in #proposals-review, through real signed commands.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { WebClient } from "@slack/web-api";
import type { LocalSlack } from "../local-slack";
import { boltLogger } from "../logger";
import { syncProgrammeChannels } from "../services/channel-service";
import type { Services } from "../services/context";
import { importProgramme } from "../services/programme-service";
import { SANDBOX_PEOPLE, STAFF_ID } from "./sandbox-workspace";

/** From src/sandbox and dist/sandbox alike. */
export const EXAMPLE_FILE = path.join(__dirname, "..", "..", "examples", "cop-2021-2022.yaml");

/**
 * The file names facilitators only; each who is one of the sandbox's people gets their Slack id.
 * Its announcements go to the workspace's own #announcements, which everyone is in.
 */
function withSlackIds(text: string, announcementsChannelId: string): string {
  return SANDBOX_PEOPLE.reduce((out, p) => out.replace(`- name: ${p.name}\n`, (line) => `${line}        slack: ${p.id}\n`), text).replace(
    /^announcements: .*$/m,
    `announcements: { link: ${announcementsChannelId} }`,
  );
}

export async function setUpProgramme(
  services: Services,
  slack: LocalSlack,
  channels: { reviewChannelId: string; announcementsChannelId: string },
): Promise<void> {
  const { db, logger } = services;
  const { reviewChannelId } = channels;
  const result = await importProgramme(db, withSlackIds(await readFile(EXAMPLE_FILE, "utf8"), channels.announcementsChannelId), {
    now: services.now(),
    admins: services.config.CONVENE_ADMINS,
  });
  if (!result.ok)
    throw new Error(`${EXAMPLE_FILE} did not import:\n${result.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join("\n")}`);
  const client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, logger: boltLogger(logger, "web-api") });
  const synced = await syncProgrammeChannels(services, client, result.slug);
  const refused = synced.filter((c) => c.problem);
  if (refused.length)
    throw new Error(`Channels the local Slack refused: ${refused.map((c) => `${c.groupName} (${c.problem})`).join(", ")}`);

  // Proposals for this school year closed in April; staff reopen them so they can be tried.
  await asStaff(slack, `proposals review-channel ${result.slug}`, reviewChannelId);
  await asStaff(slack, `proposals reopen ${result.slug}`);
}

async function asStaff(slack: LocalSlack, text: string, channelId?: string): Promise<void> {
  const res = await slack.sendCommand({ userId: STAFF_ID, command: "/convene", text, channelId });
  if (res.status !== 200) throw new Error(`/convene ${text} answered HTTP ${res.status}`);
}
