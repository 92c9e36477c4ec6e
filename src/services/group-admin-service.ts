/**
 * Staff create and edit groups in Slack. Each save is one transaction with its audit row; the
 * caller then syncs the group's channel (rename, archive when ended, invite new facilitators).
 * A resubmitted form (same view) finds its group created and changes nothing.
 */
import { auditDetail, writeAudit } from "../db/audit-repository";
import { programmes } from "../db/directory-repository";
import {
  editableGroup,
  type EditableGroup,
  type GroupWrite,
  insertGroup,
  programmeForNewGroup,
  sameGroup,
  setSlackFacilitators,
  updateGroup,
} from "../db/group-repository";
import { newCalendarToken } from "../db/programme-repository";
import { isUniqueViolation } from "../db/upsert";
import { groupSlugFor } from "../domain/proposal-rules";
import { fieldErrors, notFound } from "../errors";
import { GROUP_BLOCKS, type GroupForm } from "../views/group-modal";
import type { Services } from "./context";
import { requireStaff } from "./staff-service";

export interface GroupFormData {
  group?: EditableGroup;
  programmes: { id: string; name: string }[];
}

/** What the group form shows: the group to edit (if any) and the programmes a new one may join. */
export async function groupFormData(services: Services, actor: string, groupId?: string): Promise<GroupFormData> {
  await requireStaff(services, actor, groupId ? "edit groups" : "create groups");
  const active = (await programmes(services.db, { activeOnly: true })).map((p) => ({ id: p.id, name: p.name }));
  if (!groupId) {
    if (active.length === 0)
      throw notFound("There is no active programme to add a group to. Import one with `npm run convene -- import FILE` first.");
    return { programmes: active };
  }
  const group = await editableGroup(services.db, groupId);
  if (!group) throw notFound("That group no longer exists.");
  return { group, programmes: active };
}

/** The facilitators chosen in the form, as people Convene knows (see ensurePerson). */
export type ChosenFacilitators = readonly { personId: string; name: string }[];

const write = (form: GroupForm): GroupWrite => ({
  name: form.name,
  nameKey: form.name.toLowerCase(),
  description: form.description,
  topics: form.topics,
  capacity: form.capacity,
  allowsPartners: form.allowsPartners,
  continuing: form.continuing,
  status: form.status,
  channelName: form.channelName,
});

const KIND = { COP_COHORT: "COP", WORKING_GROUPS: "WORKING_GROUP" } as const;

export async function createGroup(
  services: Services,
  actor: string,
  input: { form: GroupForm; facilitators: ChosenFacilitators; submissionKey: string },
): Promise<{ groupId: string; created: boolean }> {
  await requireStaff(services, actor, "create groups");
  const { db } = services;
  const programme = input.form.programmeId ? await programmeForNewGroup(db, input.form.programmeId) : null;
  if (programme?.status !== "ACTIVE") throw fieldErrors({ [GROUP_BLOCKS.programme]: "Choose an active programme." });
  // The slug is the group's key in the programme file: one group per name (and slug) in a programme.
  const slug = groupSlugFor(input.form.name, new Set());
  const save = () =>
    db.$transaction(async (tx) => {
      const existing = await sameGroup(tx, programme.id, { slug, nameKey: input.form.name.toLowerCase() });
      if (existing) {
        const detail = (await auditDetail(tx, { action: "group.create", entityType: "Group", entityId: existing })) as
          | { submissionKey?: string }
          | undefined;
        if (detail?.submissionKey === input.submissionKey) return { groupId: existing, created: false };
        throw fieldErrors({
          [GROUP_BLOCKS.name]: `${programme.name} already has a group with this name. Choose another, or edit that group.`,
        });
      }
      const groupId = await insertGroup(tx, {
        ...write(input.form),
        programmeId: programme.id,
        slug,
        kind: KIND[programme.kind],
        calendarToken: newCalendarToken(),
      });
      await setSlackFacilitators(tx, groupId, input.facilitators);
      await writeAudit(tx, {
        actor,
        action: "group.create",
        entityType: "Group",
        entityId: groupId,
        detail: { submissionKey: input.submissionKey, slug, name: input.form.name, programmeId: programme.id },
        at: services.now(),
      });
      return { groupId, created: true };
    });
  // Copies of one form (a Slack retry, a double click) race to insert: the loser runs again and finds the winner's group.
  return save().catch((err) => (isUniqueViolation(err) ? save() : Promise.reject(err)));
}

export async function editGroup(
  services: Services,
  actor: string,
  groupId: string,
  input: { form: GroupForm; facilitators: ChosenFacilitators },
): Promise<void> {
  await requireStaff(services, actor, "edit groups");
  const before = await editableGroup(services.db, groupId);
  if (!before) throw notFound("That group no longer exists.");
  const after = write(input.form);
  await services.db.$transaction(async (tx) => {
    await updateGroup(tx, groupId, after);
    await setSlackFacilitators(tx, groupId, input.facilitators);
    const changed = (Object.keys(after) as (keyof GroupWrite)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    await writeAudit(tx, {
      actor,
      action: "group.update",
      entityType: "Group",
      entityId: groupId,
      detail: {
        changed,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        facilitators: input.facilitators.map((f) => f.personId),
      },
      at: services.now(),
    });
  });
}
