/** A unique constraint refused the write (Prisma's P2002): the row exists already. */
export const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "P2002";

/**
 * Runs an upsert again once if it fails. Prisma's upsert is a read then a write, so two requests
 * for the same new row (a double click, a Slack retry) race: the loser hits the unique constraint
 * (surfacing through the driver adapters as P2002 or a closed transaction). The second attempt
 * finds the row and takes the update path. Upserts are idempotent, so repeating one is safe.
 */
export async function upsertRacing<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (!/^PrismaClient(Known|Unknown)RequestError$/.test((err as Error)?.constructor?.name ?? "")) throw err;
    // A timeout (P1008: SQLite locked by another process past busy_timeout) is no race: a second
    // try would only double how long the person waits for "try again".
    if ((err as { code?: string }).code === "P1008") throw err;
    return op();
  }
}
