import { legacyNodeId } from "./ids.js";
import type { LabelRecord } from "./records.js";
import type { RepoState } from "./repo.js";
import type { World } from "./world.js";

/** GitHub's color for a label created implicitly by putting it on an issue. */
const IMPLICIT_COLOR = "ededed";

/**
 * The labels GitHub gives every new repository, in GitHub's order, with its colours and descriptions
 * (as recorded in @octokit/fixtures, scenario "labels": GET /repos/{owner}/{repo}/labels on a fresh repository).
 */
export const DEFAULT_LABELS: readonly { name: string; color: string; description: string }[] = [
  { name: "bug", color: "d73a4a", description: "Something isn't working" },
  { name: "documentation", color: "0075ca", description: "Improvements or additions to documentation" },
  { name: "duplicate", color: "cfd3d7", description: "This issue or pull request already exists" },
  { name: "enhancement", color: "a2eeef", description: "New feature or request" },
  { name: "good first issue", color: "7057ff", description: "Good for newcomers" },
  { name: "help wanted", color: "008672", description: "Extra attention is needed" },
  { name: "invalid", color: "e4e669", description: "This doesn't seem right" },
  { name: "question", color: "d876e3", description: "Further information is requested" },
  { name: "wontfix", color: "ffffff", description: "This will not be worked on" },
];

/** A label colour GitHub accepts: six hex digits (a leading "#" is dropped before this check). */
export const isLabelColor = (color: string): boolean => /^[0-9a-fA-F]{6}$/.test(color);

/**
 * Gives a new repository GitHub's default labels. Their ids come from their own sequence, so adding them
 * does not shift the ids of everything else.
 */
export const addDefaultLabels = (world: World, repo: RepoState): void => {
  for (const label of DEFAULT_LABELS) {
    const id = world.labelIds.take();
    repo.labels.set(label.name, {
      id,
      nodeId: legacyNodeId("Label", id),
      ...label,
      isDefault: true,
    });
  }
};

/** The repository's label with this name, created if missing (as GitHub does when an issue names one). */
export const ensureLabel = (
  world: World,
  repo: RepoState,
  name: string,
  spec: { color?: string; description?: string | null; id?: number; nodeId?: string } = {},
): LabelRecord => {
  const existing = repo.labels.get(name.toLowerCase());
  if (existing) return existing;
  const id = spec.id ?? world.ids.take();
  const label = {
    id,
    nodeId: spec.nodeId ?? legacyNodeId("Label", id),
    name,
    color: spec.color ?? IMPLICIT_COLOR,
    description: spec.description ?? null,
    isDefault: false,
  };
  repo.labels.set(name.toLowerCase(), label);
  return label;
};

/** Canonical label names for a list of names, creating missing labels; duplicates collapse. */
export const ensureLabels = (world: World, repo: RepoState, names: string[]): string[] => {
  const canonical = names.map((name) => ensureLabel(world, repo, name).name);
  return [...new Set(canonical)];
};
