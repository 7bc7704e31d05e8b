import { isStatus } from "./career-files.js";
import type { CareerRepoRef } from "./config.js";
import type { GitHub } from "./types.js";

/**
 * The promotion packet's pull request in the career repo: its branch, its file (written with
 * compare-and-swap on the branch), the pull request itself, its reviewers, and the readiness check.
 * API calls only; what to write is decided in domain/ and render/.
 */

export interface PacketPull {
  number: number;
  state: "open" | "closed";
  merged: boolean;
  url: string;
  headSha: string;
  title: string;
  body: string | null;
}

/** The newest pull request (open, closed or merged) from a packet branch, if any. */
export const findPacketPull = async (
  github: GitHub,
  career: CareerRepoRef,
  branch: string,
): Promise<PacketPull | undefined> => {
  const pulls = await github.paginate(github.rest.pulls.list, {
    owner: career.owner,
    repo: career.repo,
    head: `${career.owner}:${branch}`,
    state: "all",
    per_page: 100,
  });
  const pr = pulls.filter((p) => p.head.ref === branch).sort((a, b) => b.number - a.number)[0];
  if (!pr) return undefined;
  return {
    number: pr.number,
    state: pr.state === "open" ? "open" : "closed",
    merged: pr.merged_at !== null,
    url: pr.html_url,
    headSha: pr.head.sha,
    title: pr.title,
    body: pr.body,
  };
};

/** A branch's head commit, or undefined when there is no such branch. */
export const branchHead = async (
  github: GitHub,
  career: CareerRepoRef,
  branch: string,
): Promise<string | undefined> => {
  try {
    const { data } = await github.rest.git.getRef({
      owner: career.owner,
      repo: career.repo,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  } catch (e) {
    if (isStatus(e, 404)) return undefined;
    throw e;
  }
};

/** Makes the packet branch from the default branch's head unless it exists; two racers make it once. */
export const ensureBranch = async (
  github: GitHub,
  career: CareerRepoRef,
  branch: string,
): Promise<string> => {
  const existing = await branchHead(github, career, branch);
  if (existing) return existing;
  const base = await branchHead(github, career, career.defaultBranch);
  if (!base) throw new Error(`${career.owner}/${career.repo} has no ${career.defaultBranch} branch`);
  try {
    await github.rest.git.createRef({
      owner: career.owner,
      repo: career.repo,
      ref: `refs/heads/${branch}`,
      sha: base,
    });
    return base;
  } catch (e) {
    // Made meanwhile by another delivery: use it.
    if (!isStatus(e, 422)) throw e;
    const made = await branchHead(github, career, branch);
    if (!made) throw e;
    return made;
  }
};

/** A file on a branch: its blob sha and text, or neither when it is not there. */
export const readBranchFile = async (
  github: GitHub,
  career: CareerRepoRef,
  path: string,
  branch: string,
): Promise<{ sha?: string; text?: string }> => {
  try {
    const { data } = await github.rest.repos.getContent({
      owner: career.owner,
      repo: career.repo,
      path,
      ref: branch,
    });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return {};
    return { sha: data.sha, text: Buffer.from(data.content, "base64").toString("utf8") };
  } catch (e) {
    if (isStatus(e, 404)) return {};
    throw e;
  }
};

const ATTEMPTS = 5;

/**
 * Writes a file on a branch with compare-and-swap: read it, render the next text from the current
 * one (so people's sections are kept), write with the blob sha read; on a conflict read and render
 * again. Nothing is written when the text would not change.
 */
export const writeBranchFile = async (
  github: GitHub,
  career: CareerRepoRef,
  args: { path: string; branch: string; message: string; render: (current: string | undefined) => string },
): Promise<{ status: "written"; commit: string } | { status: "unchanged" }> => {
  for (let attempt = 1; ; attempt++) {
    const current = await readBranchFile(github, career, args.path, args.branch);
    const next = args.render(current.text);
    if (next === current.text) return { status: "unchanged" };
    try {
      const { data } = await github.rest.repos.createOrUpdateFileContents({
        owner: career.owner,
        repo: career.repo,
        path: args.path,
        branch: args.branch,
        message: args.message,
        content: Buffer.from(next, "utf8").toString("base64"),
        ...(current.sha ? { sha: current.sha } : {}),
      });
      return { status: "written", commit: data.commit.sha ?? "" };
    } catch (e) {
      const stale =
        isStatus(e, 409) || (isStatus(e, 422) && /sha/i.test(e instanceof Error ? e.message : ""));
      if (!stale || attempt >= ATTEMPTS) throw e;
    }
  }
};

export const createPacketPull = async (
  github: GitHub,
  career: CareerRepoRef,
  args: { branch: string; title: string; body: string; labels: string[] },
): Promise<PacketPull> => {
  const { data } = await github.rest.pulls.create({
    owner: career.owner,
    repo: career.repo,
    head: args.branch,
    base: career.defaultBranch,
    title: args.title,
    body: args.body,
  });
  await labelPacket(github, career, data.number, args.labels);
  return {
    number: data.number,
    state: "open",
    merged: false,
    url: data.html_url,
    headSha: data.head.sha,
    title: data.title,
    body: data.body,
  };
};

export const labelPacket = async (
  github: GitHub,
  career: CareerRepoRef,
  number: number,
  labels: string[],
): Promise<void> => {
  await github.rest.issues.addLabels({
    owner: career.owner,
    repo: career.repo,
    issue_number: number,
    labels,
  });
};

/** Re-titles, re-describes and (for a packet closed without merging) reopens the pull request. */
export const updatePacketPull = async (
  github: GitHub,
  career: CareerRepoRef,
  number: number,
  args: { title: string; body: string; reopen: boolean },
): Promise<void> => {
  await github.rest.pulls.update({
    owner: career.owner,
    repo: career.repo,
    pull_number: number,
    title: args.title,
    body: args.body,
    ...(args.reopen ? { state: "open" as const } : {}),
  });
};

export const requestReviewers = async (
  github: GitHub,
  career: CareerRepoRef,
  number: number,
  reviewers: string[],
): Promise<void> => {
  if (reviewers.length === 0) return;
  await github.rest.pulls.requestReviewers({
    owner: career.owner,
    repo: career.repo,
    pull_number: number,
    reviewers,
  });
};

export const READINESS_CHECK = "Rungs readiness";

/**
 * The readiness check on the packet's head commit. Each run is a new check run: GitHub shows the
 * latest one of a name on a commit, so a refresh replaces what reviewers see.
 */
export const readinessCheck = async (
  github: GitHub,
  career: CareerRepoRef,
  headSha: string,
  run: { conclusion: "success" | "neutral"; title: string; summary: string },
): Promise<void> => {
  await github.rest.checks.create({
    owner: career.owner,
    repo: career.repo,
    name: READINESS_CHECK,
    head_sha: headSha,
    status: "completed",
    conclusion: run.conclusion,
    output: { title: run.title.slice(0, 250), summary: run.summary.slice(0, 60_000) },
  });
};
