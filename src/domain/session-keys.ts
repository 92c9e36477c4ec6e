/**
 * A session's key is its identity in calendars and in programme files. Sessions made in Slack
 * (scheduled by staff, or an approved event) get keys of their own shape, so an import of a file
 * that does not mention them knows they are Slack's to keep, not leftovers to delete. The keys
 * are valid in a file too, so an exported programme imports back unchanged.
 */
export const staffSessionKey = (formDigest: string) => `staff-${formDigest}`;
export const eventSessionKey = (submissionId: string) => `event-${submissionId}`;
export const isMadeInSlack = (key: string) => /^staff-[0-9a-f]{12}$|^event-[a-z0-9]{20,}$/.test(key);
