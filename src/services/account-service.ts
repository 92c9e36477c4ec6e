/** What follows when Slack says an account changed: read it again, and free a deactivated account's seats. */
import type { WebClient } from "@slack/web-api";
import type { Services } from "./context";
import { ensurePerson } from "./people-service";
import { releaseSeats } from "./signup-service";

/** Delivery ids to send: promotions from the waitlist when the account was deactivated. */
export async function accountChanged(services: Services, client: WebClient, slackUserId: string): Promise<string[]> {
  const person = await ensurePerson(services, client, slackUserId, { fresh: true });
  return person.deactivatedAt ? releaseSeats(services, slackUserId) : [];
}
