/** What a person hears when staff change their standing, and what staff read back. Pure. */
import { escapeMrkdwn, type Message, notice } from "./message";

export const memberConfirmedMessage = (organization: string): Message =>
  notice(
    `:white_check_mark: Coalition staff confirmed you as a member of *${escapeMrkdwn(organization)}*. You can now join groups: try \`/convene join\` or Convene's Home tab.`,
  );

export const personSavedText = (name: string) => `:white_check_mark: Saved ${escapeMrkdwn(name)}'s role.`;
