/**
 * Slack channel names for groups: lowercase letters, digits, hyphens and underscores, at most 80
 * characters. A name someone else holds is retried with a numbered suffix ("cop-equity-2"). Pure.
 */

export const MAX_CHANNEL_NAME = 80;

const clip = (name: string, max: number) => name.slice(0, max).replace(/[-_]+$/, "");

/** "Got Justice? Creating Équité" -> "got-justice-creating-equite"; never empty. */
export function channelNameFor(text: string): string {
  const name = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // accents split off by NFKD
    .toLowerCase()
    .replace(/['’‘`]/g, "") // "A’Seret" reads as one word
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
  return clip(name, MAX_CHANNEL_NAME) || "group";
}

/** The `attempt`-th name to try for `base`: the base itself, then base-2, base-3, ... within 80 characters. */
export function channelNameCandidate(base: string, attempt: number): string {
  if (attempt === 0) return base;
  const suffix = `-${attempt + 1}`;
  return `${clip(base, MAX_CHANNEL_NAME - suffix.length)}${suffix}`;
}

/** True when `name` is `base` or one of its numbered candidates: a channel that already took a collision suffix keeps it. */
export function isCandidateOf(name: string, base: string): boolean {
  if (name === base) return true;
  const match = /^(.*)-(\d+)$/.exec(name);
  if (!match) return false;
  const n = Number(match[2]);
  return n >= 2 && channelNameCandidate(base, n - 1) === name;
}
