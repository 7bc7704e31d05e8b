import { z } from "zod";
import type { Signer } from "../domain/signature.js";
import { readCareerFiles } from "../github/career-files.js";
import type { CareerRepoRef } from "../github/config.js";
import { createCareerFile, deleteCareerFile } from "../github/ledger-store.js";
import type { GitHub, Logger } from "../github/types.js";

/**
 * Deliveries held while an organisation-wide file (settings, ladder) is broken: nothing can be
 * classified or rendered then, but nothing is dropped either. Each waits in the career repo as the
 * fields Rungs uses (never the whole payload), and is replayed once a push makes the config valid.
 */
export const HELD_FOLDER = ".rungs/held";
/** Held deliveries replayed at a time; the rest wait for the next replay (each config load checks). */
export const REPLAY_PER_PUSH = 50;

export const HeldDelivery = z.strictObject({
  id: z.string().min(1),
  event: z.string().min(1),
  held_at: z.string(),
  // The fields the delivery's source uses (its payload schema): re-checked by that source on replay.
  payload: z.unknown(),
});
export type HeldDelivery = z.infer<typeof HeldDelivery>;

/** The file: the delivery and the app's seal over it; a held file someone typed has no valid seal. */
const HeldFile = HeldDelivery.extend({ seal: z.string() });

export const heldPath = (id: string) =>
  `${HELD_FOLDER}/${id.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100)}.json`;

interface Where {
  github: GitHub;
  career: CareerRepoRef;
  log: Logger;
  signer: Signer;
}

/** Keeps a delivery aside; holding the same delivery twice writes once. */
export const holdDelivery = async (w: Where, delivery: HeldDelivery): Promise<void> => {
  const path = heldPath(delivery.id);
  // A redelivery of a held delivery finds its file there already: it is held once.
  const career = { owner: w.career.owner, repo: w.career.repo, defaultBranch: w.career.defaultBranch };
  const held = await createCareerFile(
    { github: w.github, career },
    path,
    `${JSON.stringify({ ...delivery, seal: w.signer.seal(delivery) }, null, 2)}\n`,
    `rungs: hold ${delivery.event} until the configuration is fixed`,
  );
  if (held)
    w.log.warn(
      { delivery: delivery.id, event: delivery.event, path },
      "configuration is invalid: delivery held",
    );
};

/**
 * Replays held deliveries through `replay`, oldest first, deleting each once handled. A held file
 * that does not parse is logged and left for a person to look at.
 */
export const replayHeld = async (
  w: Where,
  replay: (delivery: HeldDelivery) => Promise<void>,
  deps: { random(): number; sleep(ms: number): Promise<void> },
): Promise<number> => {
  const read = await readCareerFiles(w.github, w.career, [], undefined, "RungsHeldDeliveries", [HELD_FOLDER]);
  const held = [...read.files.values()]
    .filter((f) => f.path.startsWith(`${HELD_FOLDER}/`) && f.sha)
    .flatMap((f) => {
      let json: unknown;
      try {
        json = JSON.parse(f.text ?? "");
      } catch {
        json = undefined;
      }
      const parsed = HeldFile.safeParse(json);
      if (!parsed.success) {
        w.log.error({ path: f.path }, "held delivery does not parse; left in place");
        return [];
      }
      const { seal, ...delivery } = parsed.data;
      if (!w.signer.sealed(delivery, seal)) {
        w.log.error({ path: f.path }, "held delivery was not written by Rungs (no valid seal); ignored");
        return [];
      }
      return [{ file: f, delivery }];
    })
    .sort((a, b) =>
      a.delivery.held_at < b.delivery.held_at ? -1 : a.delivery.held_at > b.delivery.held_at ? 1 : 0,
    )
    .slice(0, REPLAY_PER_PUSH);
  for (const { file, delivery } of held) {
    try {
      await replay(delivery);
    } catch (e) {
      // One delivery that keeps failing must not stop the others: it stays held for the next replay.
      w.log.error(
        {
          delivery: delivery.id,
          event: delivery.event,
          error: e instanceof Error ? e.message.split("\n")[0] : String(e),
        },
        "held delivery could not be replayed; it stays held",
      );
      continue;
    }
    await deleteCareerFile(
      { github: w.github, career: w.career, ...deps },
      file.path,
      file.sha ?? "",
      `rungs: replayed held ${delivery.event}`,
    );
  }
  return held.length;
};
