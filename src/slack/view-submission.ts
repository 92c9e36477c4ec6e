import { z } from "zod";
import type { StateValues } from "../views/modal-kit";

/** What every modal submission carries that Convene reads. */
export const submittedView = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    id: z.string().min(1),
    callback_id: z.string(),
    private_metadata: z.string().default(""),
    blocks: z.array(z.object({ type: z.string(), block_id: z.string().optional() })),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.any())) }),
  }),
});

export type SubmittedView = z.infer<typeof submittedView>["view"];

export const stateOf = (view: SubmittedView) => view.state.values as StateValues;

/** The view's private_metadata read through `schema`; an empty object when absent or not what Convene wrote. */
export function metadataOf<T>(schema: z.ZodType<T>, view: SubmittedView): T {
  let json: unknown = {};
  try {
    json = JSON.parse(view.private_metadata || "{}");
  } catch {
    // A view Convene did not write: treated as carrying nothing.
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : schema.parse({});
}
