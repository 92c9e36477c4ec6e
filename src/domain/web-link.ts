/**
 * A web address people may type: a meeting link, an event link, a website, a deliverable. Strict
 * where it comes in, because Convene writes it into Slack's `<url|label>` syntax, into calendars
 * and into buttons: http or https only, no whitespace and none of `|<>` (which end or open Slack
 * markup); the modals, the programme file and the CLI all check it here.
 */
import { z } from "zod";

export const WEB_LINK_MAX = 2000;

/** Why `s` is not an acceptable link, in words that finish "The link …"; null when it is one. */
export function webLinkProblem(s: string): string | null {
  if (!/^https?:\/\//i.test(s)) return "must start with https:// (or http://)";
  if (/\s/.test(s)) return "must not contain spaces or line breaks";
  if (/[|<>]/.test(s)) return "must not contain |, < or >";
  if (s.length > WEB_LINK_MAX) return `must be at most ${WEB_LINK_MAX.toLocaleString("en-US")} characters`;
  try {
    if (!new URL(s).hostname) return "must name a website, like https://example.org/page";
  } catch {
    return "must be a whole web address, like https://example.org/page";
  }
  return null;
}

/** The zod schema for a link field. A form's error reads as a sentence ("The link must …."); `null` gives the bare "must …" a file's error puts after its place. */
export const webLink = (what: string | null = "The link") =>
  z.string().superRefine((s, ctx) => {
    const problem = webLinkProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: what === null ? problem : `${what} ${problem}.` });
  });
