import { distance } from "fastest-levenshtein";

/**
 * Finds the group a person means by a few typed words ("got justice", "trama", "disrupt-bias"):
 * an exact name or slug first, then groups whose words start with every typed word, then the
 * same with a typo or two per word. Pure.
 */

export interface Matchable {
  name: string;
  slug: string;
}

export type GroupMatch<T> =
  | { kind: "found"; group: T /** Found only by tolerating typos. */; guessed: boolean }
  | { kind: "ambiguous"; groups: T[] }
  | { kind: "none" };

const words = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Typos a word may carry and still match: none for very short words. */
const tolerance = (word: string) => (word.length <= 3 ? 0 : word.length <= 6 ? 1 : 2);

/** 0 when `typed` starts a word of the group, the edit distance when within tolerance, else Infinity. */
function wordScore(typed: string, candidates: readonly string[]): number {
  let best = Infinity;
  for (const word of candidates) {
    if (word.startsWith(typed)) return 0;
    // A mistyped start of a word ("justce") counts as well as a mistyped whole word.
    const d = Math.min(distance(typed, word), distance(typed, word.slice(0, typed.length)));
    if (d <= tolerance(typed)) best = Math.min(best, d);
  }
  return best;
}

export function matchGroup<T extends Matchable>(query: string, groups: readonly T[]): GroupMatch<T> {
  const typed = words(query);
  if (typed.length === 0) return { kind: "none" };
  const phrase = typed.join(" ");
  const exact = groups.filter((g) => words(g.name).join(" ") === phrase || words(g.slug).join(" ") === phrase);
  if (exact.length === 1) return { kind: "found", group: exact[0]!, guessed: false };

  const scored = groups
    .map((group) => {
      const own = [...words(group.name), ...words(group.slug)];
      return { group, score: typed.reduce((sum, w) => sum + wordScore(w, own), 0) };
    })
    .filter((s) => Number.isFinite(s.score));
  if (scored.length === 0) return { kind: "none" };
  const best = Math.min(...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best).map((s) => s.group);
  if (top.length > 1) return { kind: "ambiguous", groups: top };
  return { kind: "found", group: top[0]!, guessed: best > 0 };
}
