/**
 * Email domains anyone can get an address at: free-mail providers (gmail.com, outlook.com…) and
 * disposable inboxes. Such a domain can never make people members of an organization. The lists
 * are maintained npm packages, not ours: `email-providers` (free-mail) and
 * `disposable-email-domains-js` (throwaway inboxes).
 */
import { disposableEmailBlocklistSet } from "disposable-email-domains-js";
import freeMail from "email-providers/all.json";

const FREE_MAIL = new Set<string>(freeMail);
// Built once, when first needed: the package's own check builds a 9,000-domain set on every call.
let disposable: Set<string> | undefined;

export const isPublicEmailDomain = (domain: string): boolean => {
  const d = domain.trim().toLowerCase();
  return FREE_MAIL.has(d) || (disposable ??= disposableEmailBlocklistSet()).has(d);
};

/** Why these domains cannot be an organization's, or null when none is public. */
export function publicDomainsProblem(domains: readonly string[]): string | null {
  const found = domains.filter(isPublicEmailDomain);
  if (found.length === 0) return null;
  const list = found.join(", ");
  return `${list} ${found.length === 1 ? "is a public email service" : "are public email services"}: anyone can get an address there, so ${found.length === 1 ? "it" : "they"} cannot make people members. List your organization's own domains.`;
}
