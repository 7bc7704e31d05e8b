import type { z } from "zod";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import type { repositoryEvent } from "./payloads.js";
import { meet, repositoryFrom, visibilityFrom } from "./world-from-payload.js";

type RepositoryEvent = z.infer<typeof repositoryEvent>;

/** The repository a delivery is about, found by id first (names change), then by the name it had before. */
const existing = (world: World, event: RepositoryEvent, formerName: string): RepoState | undefined =>
  (event.repository.id === undefined ? undefined : world.repoById(event.repository.id)) ??
  world.repo(formerName);

/**
 * Applies a `repository` delivery: visibility (publicized, privatized), name and owner (renamed,
 * transferred; the former name then redirects), archiving (archived, unarchived) and deletion (deleted).
 * Other actions (created, edited, …) only make sure the repository exists.
 */
export const applyRepositoryEvent = (world: World, event: RepositoryEvent): void => {
  const payload = event.repository;
  const owner = meet(world, payload.owner);
  switch (event.action) {
    case "renamed": {
      const from = event.changes?.repository?.name.from ?? payload.name;
      const repo = existing(world, event, `${owner}/${from}`);
      if (repo) world.moveRepo(repo, { owner, name: payload.name });
      else repositoryFrom(world, payload);
      return;
    }
    case "transferred": {
      const previous = event.changes?.owner?.from.organization ?? event.changes?.owner?.from.user;
      const fromOwner = previous ? meet(world, previous) : owner;
      const repo = existing(world, event, `${fromOwner}/${payload.name}`);
      if (repo) world.moveRepo(repo, { owner, name: payload.name });
      else repositoryFrom(world, payload);
      return;
    }
    case "deleted": {
      const repo = existing(world, event, `${owner}/${payload.name}`);
      if (repo) world.deleteRepo(repo);
      return;
    }
    case "publicized":
      repositoryFrom(world, payload).info.visibility = "public";
      return;
    case "privatized": {
      const visibility = visibilityFrom(payload);
      repositoryFrom(world, payload).info.visibility = visibility === "internal" ? "internal" : "private";
      return;
    }
    case "archived":
    case "unarchived":
      repositoryFrom(world, payload).info.archived = event.action === "archived";
      return;
    default:
      repositoryFrom(world, payload);
  }
};
