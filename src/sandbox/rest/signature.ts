import { z } from "zod";
import type { Signature } from "../git/objects.js";
import type { RouteRequest } from "../http/router.js";
import { parseTime } from "../time.js";
import { actorOf } from "./lookup.js";

/** `author` / `committer` as the contents and git APIs accept them. */
export const gitActorInput = z.object({ name: z.string(), email: z.string(), date: z.string().optional() });

/** The signature for a write: the given person, or the app's bot at the current time. */
export const signatureFor = (
  req: RouteRequest,
  given: z.infer<typeof gitActorInput> | undefined,
): Signature => {
  if (!given) return req.world.signature(actorOf(req));
  return {
    name: given.name,
    email: given.email,
    login: null,
    date: parseTime(given.date) ?? req.world.clock.now(),
  };
};
