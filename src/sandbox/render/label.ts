import type { LabelRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import { repoApi } from "./urls.js";

export const renderLabel = (repo: RepoState, label: LabelRecord) => ({
  id: label.id,
  node_id: label.nodeId,
  url: repoApi(repo, `/labels/${encodeURIComponent(label.name)}`),
  name: label.name,
  color: label.color,
  default: label.isDefault,
  description: label.description,
});

/** An issue stores label names; the repository holds the label itself. */
export const renderLabelNamed = (repo: RepoState, name: string) => {
  const label = repo.labels.get(name.toLowerCase());
  if (!label)
    throw new Error(`sandbox: ${repo.fullName} has no label "${name}" although an issue carries it`);
  return renderLabel(repo, label);
};
