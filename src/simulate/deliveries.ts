import { emitterEventNames } from "@octokit/webhooks";
import { z } from "zod";

/** One line of an events file: what GitHub delivers, plus optional file contents for a push. */
export const Delivery = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  files: z.record(z.string(), z.string().nullable()).optional(),
});
export type Delivery = z.infer<typeof Delivery>;

const KNOWN = new Set<string>(emitterEventNames.filter((n) => !n.includes(".")));

export type ParsedLine = { line: number; delivery: Delivery } | { line: number; error: string };

/** Splits JSON Lines into deliveries, each bad line turned into a message naming what is wrong. */
export const parseDeliveries = (text: string): ParsedLine[] =>
  text.split("\n").flatMap((raw, i): ParsedLine[] => {
    const line = i + 1;
    if (!raw.trim()) return [];
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      return [{ line, error: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` }];
    }
    const r = Delivery.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      const where = issue?.path.length ? issue.path.join(".") : "line";
      const what = issue?.code === "unrecognized_keys" ? `unknown member "${issue.keys[0]}"` : issue?.message;
      return [{ line, error: `${where}: ${what}; expected {"id", "name", "payload", "files"?}` }];
    }
    if (!KNOWN.has(r.data.name)) return [{ line, error: `unknown event "${r.data.name}"` }];
    return [{ line, delivery: r.data }];
  });
