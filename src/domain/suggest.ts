import { distance } from "fastest-levenshtein";

/**
 * The candidate a mistyped word most likely meant, or undefined when nothing is close enough to
 * be a helpful guess. Short words allow one edit; longer ones two, or a third of their letters,
 * so a swapped pair ("hepl") still finds its word.
 */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    // A prefix ("grou" for "groups") is as good a guess as a one-letter typo.
    const score = c.startsWith(word) && word.length >= 2 ? 0.5 : distance(word, c);
    if (!best || score < best.score) best = { candidate, score };
  }
  if (!best) return undefined;
  const allowed = best.candidate.length <= 3 ? 1 : Math.max(2, Math.floor(best.candidate.length / 3));
  return best.score <= allowed ? best.candidate : undefined;
}
