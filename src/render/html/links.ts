import type { LocalLink } from "./markdown.js";
import type { DemoPage } from "./model.js";

export const issueAnchor = (n: number) => `issue-${n}`;
export const pullAnchor = (n: number) => `pull-${n}`;

/**
 * Links into the career repo stay in the page: its issues and pull requests become anchors, its files on
 * the default branch the copies written beside the page under `repo/`. Other links go to GitHub.
 */
export const localLinks = (page: DemoPage): LocalLink => {
  const base = `https://github.com/${page.repo}/`.toLowerCase();
  const issues = new Set(page.issues.map((i) => i.number));
  const pulls = new Set(page.pulls.map((p) => p.number));
  const files = new Set(page.localFiles);
  return (href) => {
    if (!href.toLowerCase().startsWith(base)) return undefined;
    const rest = href.slice(base.length);
    const numbered = /^(issues|pull)\/(\d+)$/.exec(rest);
    if (numbered) {
      const n = Number(numbered[2]);
      if (pulls.has(n)) return `#${pullAnchor(n)}`;
      if (issues.has(n)) return `#${issueAnchor(n)}`;
      return undefined;
    }
    const blob = /^blob\/([^/]+)\/(.+)$/.exec(rest);
    if (blob && blob[1] === page.defaultBranch && files.has(decodeURIComponent(blob[2] ?? "")))
      return `repo/${blob[2]}`;
    return undefined;
  };
};
