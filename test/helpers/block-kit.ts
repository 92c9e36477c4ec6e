import { type LocalSlack, validateMessageBlocks, validateView } from "../../src/local-slack";

/**
 * Every view version Convene produced, every message in `conversations` and every ephemeral
 * passes Slack's Block Kit checks (warnings included), and the local Slack met no internal error.
 */
export function expectValidBlockKit(slack: LocalSlack, conversations: readonly string[]): void {
  for (const snapshot of slack.views.values()) {
    for (const version of [...snapshot.versions, snapshot.view]) expect(validateView(version, { expectedType: snapshot.type })).toEqual([]);
  }
  for (const where of conversations) for (const m of slack.messages(where)) expect(validateMessageBlocks(m.blocks ?? [])).toEqual([]);
  for (const e of slack.ephemerals()) expect(validateMessageBlocks(e.blocks ?? [])).toEqual([]);
  expect(slack.internalErrors).toEqual([]);
}
