/**
 * The resource library: deliverables that facilitators share for their group (a webinar, blog,
 * toolkit, podcast), kept by school year and shown across years by `/convene resources` and Home.
 */
import type { WebClient } from "@slack/web-api";
import { createDeliverable, type FacilitatedGroup, facilitatedGroups, findDeliverableByKey, resources } from "../db/submission-repository";
import { schoolYear } from "../domain/school-year";
import { fieldErrors, UserError } from "../errors";
import type { DeliverableSubmission } from "../views/deliverable-modal";
import type { ResourceLine } from "../views/resources-message";
import type { Services } from "./context";
import { ensurePerson } from "./people-service";

const NOT_A_FACILITATOR =
  "Deliverables are shared by their group's facilitators, and Convene does not list you as the facilitator of a group. If you are one, ask coalition staff to link you to your group.";

/** The groups the person may share a deliverable for; a refusal when there are none. */
export async function prepareDeliverableForm(
  services: Services,
  client: WebClient,
  slackUserId: string,
): Promise<{ groups: FacilitatedGroup[] }> {
  const person = await ensurePerson(services, client, slackUserId);
  const groups = await facilitatedGroups(services.db, person.id);
  if (groups.length === 0) throw new UserError(NOT_A_FACILITATOR, "forbidden");
  return { groups };
}

/** Adds a deliverable once per modal: facilitators of the chosen group only, checked here. */
export async function submitDeliverable(
  services: Services,
  client: WebClient,
  input: { slackUserId: string; idempotencyKey: string; deliverable: DeliverableSubmission },
): Promise<{ title: string; year: string }> {
  const { db } = services;
  const { deliverable } = input;
  const person = await ensurePerson(services, client, input.slackUserId);
  const group = (await facilitatedGroups(db, person.id)).find((g) => g.id === deliverable.group);
  if (!group) throw fieldErrors({ group: "You are not a facilitator of that group: choose one of yours." });
  const existing = await findDeliverableByKey(db, input.idempotencyKey);
  if (existing) return existing;
  try {
    const created = await createDeliverable(db, {
      idempotencyKey: input.idempotencyKey,
      programmeId: group.programmeId,
      groupId: group.id,
      submittedById: person.id,
      title: deliverable.title,
      kind: deliverable.kind,
      url: deliverable.link,
      summary: deliverable.summary ?? "",
      year: schoolYear(services.now(), group.timezone),
    });
    services.logger.info({ deliverableId: created.id, groupId: group.id }, "deliverable shared");
    return created;
  } catch (err) {
    // The same view submitted in parallel: one row got in, and this is another.
    const winner = await findDeliverableByKey(db, input.idempotencyKey);
    if (!winner) throw err;
    return winner;
  }
}

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;
const SHOWN = 40;

/** The library, newest first; `year` ("2021-2022") narrows it to one school year. */
export async function listResources(
  services: Pick<Services, "db">,
  input: { year?: string } = {},
): Promise<{ resources: ResourceLine[]; total: number; year?: string }> {
  const year = input.year?.trim() || undefined;
  const m = year ? SCHOOL_YEAR.exec(year) : null;
  if (year && (!m || Number(m[2]) !== Number(m[1]) + 1))
    throw new UserError(`Write the school year like 2021-2022 (you wrote "${year.replace(/[<>&]/g, "")}").`);
  const found = await resources(services.db, { year, limit: SHOWN });
  return { ...found, year };
}
