import type { z } from "zod";
import type { RepoState, Visibility } from "../state/repo.js";
import { initialCommit } from "../state/seed.js";
import type { World } from "../state/world.js";
import { parseTime } from "../time.js";
import type { accountPayload, envelopePayload, repositoryPayload } from "./payloads.js";

/** Registers an account with the id and type a payload gives, so REST and GraphQL answer with them. */
export const meet = (world: World, account: z.infer<typeof accountPayload>): string =>
  world.accounts.get(account.login, {
    ...(account.id === undefined ? {} : { id: account.id }),
    ...(account.type === undefined ? {} : { type: account.type }),
    ...(account.node_id === undefined ? {} : { nodeId: account.node_id }),
  }).login;

/** The repository a delivery names, created (with an initial commit) the first time it is named. */
export const repositoryFrom = (world: World, payload: z.infer<typeof repositoryPayload>): RepoState => {
  const owner = meet(world, payload.owner);
  const existing = world.repo(`${owner}/${payload.name}`);
  if (existing) return existing;
  const createdAt =
    typeof payload.created_at === "number"
      ? payload.created_at * 1000
      : parseTime(payload.created_at ?? undefined);
  const repo = world.createRepo({
    owner,
    name: payload.name,
    visibility: visibilityFrom(payload),
    ...(payload.archived === undefined ? {} : { archived: payload.archived }),
    ...(payload.default_branch === undefined ? {} : { defaultBranch: payload.default_branch }),
    ...(payload.id === undefined ? {} : { id: payload.id }),
    ...(payload.node_id === undefined ? {} : { nodeId: payload.node_id }),
    createdAt: Math.min(createdAt ?? world.clock.now(), world.clock.now()),
  });
  initialCommit(world, repo);
  return repo;
};

/**
 * A delivery's visibility. "internal" is only ever said by `visibility`; otherwise `private` decides, as some
 * of GitHub's own examples pair `private: true` with `visibility: "public"`.
 */
export const visibilityFrom = (payload: z.infer<typeof repositoryPayload>): Visibility => {
  if (payload.visibility === "internal") return "internal";
  if (payload.private !== undefined) return payload.private ? "private" : "public";
  return payload.visibility ?? "private";
};

/**
 * The app is installed where the deliveries come from: the installation takes the payload's installation id
 * and its organization (or the repository owner, when that is an organization).
 */
export const adoptInstallation = (world: World, envelope: z.infer<typeof envelopePayload>): void => {
  if (envelope.installation) world.installation.id = envelope.installation.id;
  const owner = envelope.repository?.owner;
  const org = envelope.organization ?? (owner?.type === "Organization" ? owner : undefined);
  if (!org) return;
  const account = world.accounts.get(org.login, {
    ...(org.id === undefined ? {} : { id: org.id }),
    type: "Organization",
  });
  world.installation.account.login = account.login;
  world.installation.account.id = account.id;
};
