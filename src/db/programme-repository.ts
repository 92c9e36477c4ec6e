/**
 * A programme's rows in and out of the database: the stored state the plan compares against, and
 * a plan applied. Callers own the transaction: pass the `tx` of `db.$transaction`.
 */
import { randomBytes } from "node:crypto";
import { type Change, describePlan, planCounts, type ProgrammePlan } from "../domain/programme-plan";
import type { StoredState } from "../domain/programme-state";
import type { Db, Tx } from "./client";
import { personIdFor } from "./person-repository";

/** An unguessable, URL-safe token: a calendar feed's address is its only secret. */
export const newCalendarToken = (): string => randomBytes(24).toString("base64url");

const strings = (json: unknown): string[] => (Array.isArray(json) ? json.map(String) : []);

/** Everything the plan compares for one programme, plus every organization (they are coalition-wide). */
export async function loadProgrammeState(tx: Tx, slug: string): Promise<StoredState> {
  const organizations = (
    await tx.organization.findMany({
      include: { domains: true, slackTeams: true, network: { select: { nameKey: true } } },
      orderBy: { id: "asc" },
    })
  ).map((o) => ({
    id: o.id,
    name: o.name,
    nameKey: o.nameKey,
    memberStatus: o.memberStatus,
    kind: o.kind,
    network: o.network?.nameKey ?? null,
    domains: o.domains.map((d) => d.domain).sort(),
    slackTeams: o.slackTeams.map((t) => t.teamId).sort(),
  }));
  const programme = await tx.programme.findUnique({ where: { slug } });
  if (!programme) {
    return {
      programme: null,
      organizations,
      groups: [],
      facilitators: [],
      series: [],
      sessions: [],
      deadlines: [],
      blackouts: [],
      reminderRules: [],
    };
  }
  const programmeId = programme.id;
  const slugOf = (group: { slug: string } | null) => group?.slug ?? null;
  const [groups, facilitators, series, sessions, deadlines, blackouts, reminderRules] = await Promise.all([
    tx.group.findMany({
      where: { programmeId },
      orderBy: { id: "asc" },
      include: { _count: { select: { memberships: { where: { status: { not: "WITHDRAWN" } } } } } },
    }),
    tx.facilitator.findMany({
      where: { group: { programmeId } },
      orderBy: { id: "asc" },
      include: { group: { select: { slug: true } }, person: { select: { slackUserId: true } } },
    }),
    tx.sessionSeries.findMany({ where: { programmeId }, orderBy: { id: "asc" }, include: { group: { select: { slug: true } } } }),
    tx.session.findMany({
      where: { programmeId },
      orderBy: { id: "asc" },
      include: {
        group: { select: { slug: true } },
        series: { select: { key: true } },
        featuredGroups: { select: { group: { select: { slug: true } } } },
      },
    }),
    tx.deadline.findMany({ where: { programmeId }, orderBy: { id: "asc" } }),
    tx.blackout.findMany({ where: { programmeId }, orderBy: { id: "asc" }, include: { group: { select: { slug: true } } } }),
    tx.reminderRule.findMany({ where: { programmeId }, orderBy: { id: "asc" }, include: { group: { select: { slug: true } } } }),
  ]);
  return {
    programme: {
      id: programmeId,
      slug: programme.slug,
      name: programme.name,
      kind: programme.kind,
      timezone: programme.timezone,
      description: programme.description,
      announcementChannelName: programme.announcementChannelName,
      announcementChannelId: programme.announcementChannelId,
      signupOpensAt: programme.signupOpensAt,
      signupClosesAt: programme.signupClosesAt,
      proposalsDueAt: programme.proposalsDueAt,
    },
    organizations,
    groups: groups.map((g) => ({
      id: g.id,
      slug: g.slug,
      name: g.name,
      nameKey: g.nameKey,
      kind: g.kind,
      status: g.status,
      description: g.description,
      topics: strings(g.topics),
      capacity: g.capacity,
      allowsPartners: g.allowsPartners,
      continuing: g.continuing,
      channelName: g.channelName,
      channelId: g.channelId,
      memberCount: g._count.memberships,
    })),
    facilitators: facilitators.map((f) => ({
      id: f.id,
      group: f.group.slug,
      name: f.name,
      nameKey: f.nameKey,
      organization: f.organization,
      slackUserId: f.person?.slackUserId ?? null,
    })),
    series: series.map((s) => ({
      id: s.id,
      key: s.key,
      group: slugOf(s.group),
      title: s.title,
      rule: s.rule,
      firstDate: s.firstDate,
      localTime: s.localTime,
      durationMinutes: s.durationMinutes,
      timezone: s.timezone,
      exceptions: strings(s.exceptions),
      format: s.format,
      location: s.location,
      meetingUrl: s.meetingUrl,
    })),
    sessions: sessions.map((s) => ({
      id: s.id,
      key: s.key,
      series: s.series?.key ?? null,
      group: slugOf(s.group),
      title: s.title,
      description: s.description,
      format: s.format,
      localStart: s.localStart,
      timezone: s.timezone,
      durationMinutes: s.durationMinutes,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      location: s.location,
      meetingUrl: s.meetingUrl,
      status: s.status,
      audience: s.audience,
      featuredGroups: s.featuredGroups.map((f) => f.group.slug).sort(),
      sequence: s.sequence,
    })),
    deadlines: deadlines.map((d) => ({
      id: d.id,
      key: d.key,
      kind: d.kind,
      title: d.title,
      description: d.description,
      localDue: d.localDue,
      timezone: d.timezone,
      dueAt: d.dueAt,
      sequence: d.sequence,
    })),
    blackouts: blackouts.map((b) => ({ id: b.id, group: slugOf(b.group), date: b.date, reason: b.reason })),
    reminderRules: reminderRules.map((r) => ({
      id: r.id,
      group: slugOf(r.group),
      target: r.target,
      offsetMinutes: r.offsetMinutes,
      audience: r.audience,
      onlyFormat: r.onlyFormat,
    })),
  };
}

const upserts = <T>(changes: Change<T>[]) => changes.filter((c): c is Exclude<Change<T>, { action: "delete" }> => c.action !== "delete");
const deletes = <T>(changes: Change<T>[]) => changes.flatMap((c) => (c.action === "delete" ? [c.id] : []));

/**
 * Applies a plan to the stored state it was made from. Deletes go first (children before
 * parents), then creates and updates (parents before children), then one AuditLog row.
 */
export async function applyProgrammePlan(
  tx: Tx,
  plan: ProgrammePlan,
  stored: StoredState,
  audit: { actor: string; at: Date },
): Promise<{ programmeId: string }> {
  let programmeId = stored.programme?.id;
  if (plan.programme?.action === "create") {
    programmeId = (await tx.programme.create({ data: { ...plan.programme.after, calendarToken: newCalendarToken() } })).id;
  } else if (plan.programme?.action === "update") {
    // A programme moved to another announcements channel owes that channel its own welcome.
    const relinked = plan.programme.fields.includes("announcementChannelId");
    await tx.programme.update({
      where: { id: plan.programme.id },
      data: relinked ? { ...plan.programme.after, announcementWelcomeTs: null } : plan.programme.after,
    });
  }
  if (!programmeId) throw new Error(`Programme ${plan.slug} is neither stored nor planned`);

  await inBatches(deletes(plan.reminderRules), (ids) => tx.reminderRule.deleteMany({ where: { id: { in: ids } } }));
  await inBatches(deletes(plan.blackouts), (ids) => tx.blackout.deleteMany({ where: { id: { in: ids } } }));
  await inBatches(deletes(plan.deadlines), (ids) => tx.deadline.deleteMany({ where: { id: { in: ids } } }));
  await inBatches(deletes(plan.sessions), (ids) => tx.session.deleteMany({ where: { id: { in: ids } } }));
  await inBatches(deletes(plan.series), (ids) => tx.sessionSeries.deleteMany({ where: { id: { in: ids } } }));
  await inBatches(deletes(plan.facilitators), (ids) => tx.facilitator.deleteMany({ where: { id: { in: ids } } }));
  await inBatches(deletes(plan.groups), (ids) => tx.group.deleteMany({ where: { id: { in: ids } } }));

  const networks: { id: string; network: string | null }[] = [];
  for (const change of upserts(plan.organizations)) {
    const { domains, slackTeams, network, ...columns } = change.after;
    const id =
      change.action === "create"
        ? (await tx.organization.create({ data: columns })).id
        : (await tx.organization.update({ where: { id: change.id }, data: columns })).id;
    if (change.action === "create" || change.fields.includes("domains")) {
      await tx.organizationDomain.deleteMany({ where: { organizationId: id, domain: { notIn: domains } } });
      for (const domain of domains) {
        // A domain another organization held before moves here.
        await tx.organizationDomain.upsert({ where: { domain }, create: { domain, organizationId: id }, update: { organizationId: id } });
      }
    }
    if (change.action === "create" || change.fields.includes("slackTeams")) {
      await tx.organizationSlackTeam.deleteMany({ where: { organizationId: id, teamId: { notIn: slackTeams } } });
      for (const teamId of slackTeams) {
        // Like a domain, a Slack team belongs to one organization: mapped here, it moves here.
        await tx.organizationSlackTeam.upsert({
          where: { teamId },
          create: { teamId, organizationId: id },
          update: { organizationId: id },
        });
      }
    }
    networks.push({ id, network });
  }
  // Networks are linked once every organization of the file exists.
  for (const { id, network } of networks) {
    const networkId = network
      ? ((await tx.organization.findUnique({ where: { nameKey: network }, select: { id: true } }))?.id ?? null)
      : null;
    await tx.organization.update({ where: { id }, data: { networkId } });
  }

  const groupIds = new Map(stored.groups.map((g) => [g.slug, g.id]));
  for (const change of upserts(plan.groups)) {
    if (change.action === "create") {
      const created = await tx.group.create({ data: { ...change.after, programmeId, calendarToken: newCalendarToken() } });
      groupIds.set(created.slug, created.id);
    } else {
      // A group moved to another channel owes that channel its own welcome.
      const relinked = change.fields.includes("channelId");
      await tx.group.update({ where: { id: change.id }, data: relinked ? { ...change.after, welcomeTs: null } : change.after });
    }
  }
  const groupId = (slug: string | null) => (slug === null ? null : groupIds.get(slug)!);

  // Facilitators, blackouts and reminder rules are matched on their group: an update never moves one.
  for (const change of upserts(plan.facilitators)) {
    const { group, slackUserId, ...columns } = change.after;
    const personId = slackUserId === null ? null : await personIdFor(tx, slackUserId, columns.name);
    if (change.action === "create") await tx.facilitator.create({ data: { ...columns, groupId: groupId(group)!, personId } });
    else await tx.facilitator.update({ where: { id: change.id }, data: { ...columns, personId } });
  }

  const seriesIds = new Map(stored.series.map((s) => [s.key, s.id]));
  for (const change of upserts(plan.series)) {
    const { group, ...columns } = change.after;
    const data = { ...columns, groupId: groupId(group) };
    if (change.action === "create") seriesIds.set(columns.key, (await tx.sessionSeries.create({ data: { ...data, programmeId } })).id);
    else await tx.sessionSeries.update({ where: { id: change.id }, data });
  }

  for (const change of upserts(plan.sessions)) {
    const { group, series, featuredGroups, ...columns } = change.after;
    const data = { ...columns, groupId: groupId(group), seriesId: series === null ? null : seriesIds.get(series)! };
    const featured = featuredGroups.map((slug) => ({ groupId: groupId(slug)! }));
    if (change.action === "create") {
      await tx.session.create({ data: { ...data, programmeId, featuredGroups: { create: featured } } });
    } else {
      const relink = change.fields.includes("featuredGroups");
      await tx.session.update({
        where: { id: change.id },
        data: { ...data, ...(relink && { featuredGroups: { deleteMany: {}, create: featured } }) },
      });
    }
  }

  for (const change of upserts(plan.deadlines)) {
    if (change.action === "create") await tx.deadline.create({ data: { ...change.after, programmeId } });
    else await tx.deadline.update({ where: { id: change.id }, data: change.after });
  }
  for (const change of upserts(plan.blackouts)) {
    const { group, ...columns } = change.after;
    if (change.action === "create") await tx.blackout.create({ data: { ...columns, programmeId, groupId: groupId(group) } });
    else await tx.blackout.update({ where: { id: change.id }, data: columns });
  }
  for (const change of upserts(plan.reminderRules)) {
    const { group, ...columns } = change.after;
    if (change.action === "create") await tx.reminderRule.create({ data: { ...columns, programmeId, groupId: groupId(group) } });
    else await tx.reminderRule.update({ where: { id: change.id }, data: columns });
  }

  await tx.auditLog.create({
    data: {
      actor: audit.actor,
      at: audit.at,
      action: "programme.import",
      entityType: "Programme",
      entityId: programmeId,
      detail: { slug: plan.slug, ...planCounts(plan), changes: describePlan(plan) },
    },
  });
  return { programmeId };
}

/** SQLite takes at most 999 parameters in one query, so a long list of ids goes in batches below that. */
const BATCH = 500;
async function inBatches(ids: readonly string[], run: (batch: string[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) await run(ids.slice(i, i + BATCH));
}

export async function programmeBySlug(db: Db | Tx, slug: string): Promise<{ id: string; slug: string; name: string } | null> {
  return db.programme.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
}
