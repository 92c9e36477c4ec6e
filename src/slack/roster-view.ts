import type { WebClient } from "@slack/web-api";
import type { Roster } from "../db/roster-repository";
import type { Services } from "../services/context";
import { rosterModal } from "../views/roster-modal";
import { readerOf } from "./reader";

/** The roster modal in the reader's zone. */
export async function rosterModalFor(
  services: Services,
  client: WebClient,
  slackUserId: string,
  roster: Roster,
  opts: { exported?: boolean } = {},
) {
  const { zone } = await readerOf(services, client, slackUserId);
  return rosterModal({ ...roster, zone, ...opts });
}
