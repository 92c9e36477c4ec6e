import { PERSON_MODAL_CALLBACK } from "../../src/views/person-modal";
import type { Harness } from "./harness";

/** `/convene <words>` from `userId`, acknowledged in time with nothing wrong in the acknowledgement. */
export async function conveneCommand(h: Harness, userId: string, words: string) {
  const res = await h.slack.sendCommand({ userId, command: "/convene", text: words });
  expect(res.status).toBe(200);
  expect(res.ackProblems).toEqual([]);
  return res;
}

/** `userId`'s top modal, once `what` holds of its view (as JSON). */
export async function topModalWhen(h: Harness, userId: string, what: (view: string) => boolean) {
  await h.slack.waitFor(() => what(JSON.stringify(h.slack.openModals(userId).at(-1)?.view ?? "")), { what: `a modal for ${userId}` });
  return h.slack.openModals(userId).at(-1)!;
}

/** The staff member's `/convene admin person` modal for `of`. */
export async function personModalOf(h: Harness, staff: string, of: string) {
  await conveneCommand(h, staff, `admin person <@${of}>`);
  return topModalWhen(h, staff, (v) => v.includes(PERSON_MODAL_CALLBACK) && v.includes(`<@${of}>`));
}
