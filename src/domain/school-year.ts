import { DateTime } from "luxon";

/** The month a school year starts in: July, after the previous year's close-out in June. */
const FIRST_MONTH = 7;

/** The school year ("2021-2022") that `at` falls in, in the zone where the school year is kept. */
export function schoolYear(at: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  const start = local.month >= FIRST_MONTH ? local.year : local.year - 1;
  return `${start}-${start + 1}`;
}
