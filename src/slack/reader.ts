import type { WebClient } from "@slack/web-api";
import type { Person } from "../db/person-repository";
import type { Services } from "../services/context";
import { ensurePerson, type Role, roleOf } from "../services/people-service";

export interface Reader {
  person: Person;
  role: Role;
  /** Their zone from Slack, else the coalition's: the fallback text of date tokens is written in it. */
  zone: string;
}

/** Who is asking, as Convene knows them, with their role checked on the server. */
export async function readerOf(services: Services, client: WebClient, slackUserId: string): Promise<Reader> {
  const person = await ensurePerson(services, client, slackUserId);
  return { person, role: await roleOf(services, person), zone: person.timezone ?? services.config.CONVENE_TIMEZONE };
}
