import { z } from "zod";

/**
 * Where a `rungs sync` stands, so an interrupted one resumes instead of starting over. Each stream (one
 * person's merged pull requests, reviews or closed issues) records the time up to which everything is
 * recorded, and within the window after it the search cursor reached; a stream not listed has not begun.
 * A position is saved only once everything before it is in the ledgers.
 */
export const SyncCheckpoint = z.strictObject({
  version: z.literal(1),
  repo: z.string(),
  since: z.string(),
  until: z.string(),
  streams: z.record(
    z.string(),
    z.union([
      z.literal("done"),
      z.strictObject({
        next: z.number(),
        cursor: z.strictObject({ to: z.number(), after: z.string() }).optional(),
      }),
    ]),
  ),
});
export type SyncCheckpoint = z.infer<typeof SyncCheckpoint>;

export const emptyCheckpoint = (repo: string, since: number, until: number): SyncCheckpoint => ({
  version: 1,
  repo,
  since: new Date(since).toISOString(),
  until: new Date(until).toISOString(),
  streams: {},
});

/** Why a checkpoint cannot resume this sync (another repository or window), or undefined. */
export const checkpointMismatch = (
  checkpoint: SyncCheckpoint,
  repo: string,
  since: number,
  until: number,
): string | undefined => {
  if (checkpoint.repo.toLowerCase() !== repo.toLowerCase()) return `it is for ${checkpoint.repo}`;
  if (Date.parse(checkpoint.since) !== since || Date.parse(checkpoint.until) !== until)
    return `it is for ${checkpoint.since} .. ${checkpoint.until}`;
  return undefined;
};

export const streamKey = (login: string, kind: string): string => `${login.toLowerCase()}/${kind}`;
