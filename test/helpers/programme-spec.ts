import type { ProgrammeSpec } from "../../src/domain/programme-file";

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b));

/** A spec with its lists in one canonical order: the database keeps no order, so export picks its own. */
export function normalised(spec: ProgrammeSpec): ProgrammeSpec {
  return {
    ...spec,
    organizations: [...spec.organizations].sort(byKey((o) => o.name.toLowerCase())),
    groups: [...spec.groups].sort(byKey((g) => g.slug)),
    deadlines: [...spec.deadlines].sort(byKey((d) => d.key)),
    sessions: [...spec.sessions].sort(byKey((s) => s.key)).map((s) => ({ ...s, featuredGroups: [...s.featuredGroups].sort() })),
    blackouts: [...spec.blackouts].sort(byKey((b) => `${b.group ?? ""}/${b.date}`)),
    reminders: [...spec.reminders].sort(byKey((r) => `${r.group ?? ""}/${r.target}/${r.offsetMinutes}/${r.audience}`)),
  };
}
