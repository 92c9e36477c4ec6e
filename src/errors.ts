/**
 * Expected failures a person can act on. Listeners turn them into an ephemeral reply or, with
 * `fields`, into modal field errors keyed by block id. Anything else is a bug and meets the
 * global error handler.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: "invalid" | "forbidden" | "not_found" | "conflict" | "closed" | "unavailable" = "invalid",
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export const forbidden = (what: string) => new UserError(`Only coalition staff can ${what}.`, "forbidden");
export const notFound = (message: string) => new UserError(message, "not_found");
export const fieldErrors = (fields: Record<string, string>) => new UserError(Object.values(fields).join(" "), "invalid", fields);
