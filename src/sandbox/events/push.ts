import type { z } from "zod";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { parseTime } from "../time.js";
import type { pushEvent } from "./payloads.js";
import type { FileChanges } from "./pull-request.js";

const ZERO_SHA = /^0{40}$/;

/**
 * Moves the pushed branch to `after`. With `files` (or when the sandbox does not hold `after` yet) the push
 * becomes a commit under that sha holding the previous files plus `files`. Tag pushes are ignored.
 */
export const applyPush = (
  world: World,
  repo: RepoState,
  event: z.infer<typeof pushEvent>,
  files?: FileChanges,
): void => {
  const branch = /^refs\/heads\/(.+)$/.exec(event.ref)?.[1];
  if (!branch) return;
  if (event.deleted || ZERO_SHA.test(event.after)) {
    repo.branches.delete(branch);
    return;
  }
  const at = parseTime(event.head_commit?.timestamp) ?? world.clock.now();
  if (repo.objects.commit(event.after)) {
    // A redelivered push: the commit (and its files) are already there, so it changes nothing; the
    // branch may have moved on since (the app's own commits), and a redelivery does not rewind it.
    if (!repo.branches.has(branch)) repo.moveBranch(branch, event.after, at);
    return;
  }
  if (!repo.branches.has(branch)) {
    // A new branch starts from the commit it was pushed on top of, or from the default branch.
    const start =
      (event.before && repo.objects.commit(event.before)?.sha) ?? repo.branches.get(repo.info.defaultBranch);
    if (start) repo.moveBranch(branch, start, at);
  }
  const login =
    event.head_commit?.author?.username ?? event.sender?.login ?? event.pusher?.name ?? repo.info.owner;
  repo.commitOnBranch(branch, files ?? {}, {
    message: event.head_commit?.message ?? `Push to ${branch}`,
    author: world.signature(login, at),
    sha: event.after,
  });
};
