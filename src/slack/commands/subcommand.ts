import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Services } from "../../services/context";
import type { Message } from "../../views/message";

export interface SubcommandInput {
  /** Everything after the subcommand's name, trimmed. */
  args: string;
  userId: string;
  channelId: string;
  triggerId: string;
  isStaff: boolean;
  client: WebClient;
  respond: RespondFn;
  services: Services;
}

/** One `/convene <name>` subcommand. Returning a message replies ephemerally; a subcommand that opened a modal returns nothing. */
export interface Subcommand {
  name: string;
  usage: string;
  summary: string;
  staffOnly: boolean;
  run(input: SubcommandInput): Promise<Message | void>;
}
