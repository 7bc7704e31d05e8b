import { legacyNodeId } from "./ids.js";
import type { LabelRecord } from "./records.js";
import type { RepoState } from "./repo.js";
import type { World } from "./world.js";

/** GitHub's color for a label created implicitly by putting it on an issue. */
const IMPLICIT_COLOR = "ededed";

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
  };
  repo.labels.set(name.toLowerCase(), label);
  return label;
};

/** Canonical label names for a list of names, creating missing labels; duplicates collapse. */
export const ensureLabels = (world: World, repo: RepoState, names: string[]): string[] => {
  const canonical = names.map((name) => ensureLabel(world, repo, name).name);
  return [...new Set(canonical)];
};
