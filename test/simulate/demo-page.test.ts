import { describe, expect, it } from "vitest";
import { demoPageHtml } from "../../src/render/html/index.js";
import { Sandbox } from "../../src/sandbox/index.js";
import { demoPage } from "../../src/simulate/demo-page.js";
import { unsafeParts } from "../render/html-safety.js";
import { octokitFor } from "../sandbox/octokit.js";

const owner = "acme";
const repo = "careers";
const base64 = (s: string) => Buffer.from(s).toString("base64");

/** A career repo with a goal issue, a packet pull request and check runs, made through the API as the app would. */
const world = async () => {
  const sandbox = new Sandbox({ seed: 1, account: owner });
  sandbox.addRepo({
    owner,
    name: repo,
    private: true,
    files: { "people/alice/profile.md": "---\nlevel: IC0\n---\n", "README.md": "careers\n" },
  });
  const octokit = octokitFor(sandbox);
  const issue = await octokit.issues.create({
    owner,
    repo,
    title: "2026-Q4 goals: alice",
    body: "| a |\n|---|\n| 1 |",
  });
  const comment = await octokit.issues.createComment({
    owner,
    repo,
    issue_number: issue.data.number,
    body: "@dana: open",
  });
  for (const content of ["+1", "eyes"] as const)
    await octokit.reactions.createForIssueComment({ owner, repo, comment_id: comment.data.id, content });
  const main = sandbox.headSha(`${owner}/${repo}`);
  await octokit.git.createRef({ owner, repo, ref: "refs/heads/packet", sha: main });
  const put = async (path: string, content: string, sha?: string) =>
    octokit.repos.createOrUpdateFileContents({
      owner,
      repo,
      path,
      message: path,
      content: base64(content),
      branch: "packet",
      ...(sha ? { sha } : {}),
    });
  const readme = await octokit.repos.getContent({ owner, repo, path: "README.md" });
  const readmeSha = !Array.isArray(readme.data) && readme.data.type === "file" ? readme.data.sha : undefined;
  await put("people/alice/packets/2026-Q4.md", "# Packet\n\n| Criterion | Met |\n|---|---|\n| ship | ✅ |\n");
  await put("README.md", "careers, with packets\n", readmeSha);
  await put("people/alice/packets/2026-Q4.yml", "level: IC1\n");
  const pull = await octokit.pulls.create({
    owner,
    repo,
    title: "Promotion packet: alice",
    head: "packet",
    base: "main",
    body: "For review.",
  });
  const head = sandbox.headSha(`${owner}/${repo}`, "packet");
  await octokit.checks.create({
    owner,
    repo,
    name: "rungs/packet",
    head_sha: head,
    status: "completed",
    conclusion: "success",
    output: { title: "Every criterion met", summary: "All **3** met." },
  });
  await octokit.checks.create({
    owner,
    repo,
    name: "rungs",
    head_sha: main,
    status: "completed",
    conclusion: "failure",
  });
  return {
    result: { sandbox, career: { owner, repo }, delivered: 0, failures: [], logs: [] },
    issue: issue.data.number,
    pull: pull.data.number,
  };
};

describe("the demo page's view of a simulation", () => {
  it("takes the career repo's issues with their comments and reactions", async () => {
    const { result, issue } = await world();
    const page = demoPage(result, "caption");
    expect(page.repo).toBe("acme/careers");
    expect(page.caption).toBe("caption");
    expect(page.issues.map((i) => [i.number, i.title, i.comments.map((c) => c.body)])).toEqual([
      [issue, "2026-Q4 goals: alice", ["@dana: open"]],
    ]);
    expect(page.issues[0]?.comments[0]?.reactions).toEqual([
      { content: "+1", count: 1 },
      { content: "eyes", count: 1 },
    ]);
  });

  it("takes a pull request's changed files against its base, markdown ones with their text", async () => {
    const { result, pull } = await world();
    const p = demoPage(result).pulls.find((x) => x.number === pull);
    expect(p?.state).toBe("open");
    expect(p?.files).toEqual([
      { path: "README.md", status: "modified", markdown: "careers, with packets\n" },
      {
        path: "people/alice/packets/2026-Q4.md",
        status: "added",
        markdown: "# Packet\n\n| Criterion | Met |\n|---|---|\n| ship | ✅ |\n",
      },
      { path: "people/alice/packets/2026-Q4.yml", status: "added" },
    ]);
  });

  it("puts a check run on the pull request whose head it ran on, and the others apart", async () => {
    const { result, pull } = await world();
    const page = demoPage(result);
    const p = page.pulls.find((x) => x.number === pull);
    expect(p?.checkRuns.map((c) => [c.name, c.conclusion, c.title, c.summary])).toEqual([
      ["rungs/packet", "success", "Every criterion met", "All **3** met."],
    ]);
    expect(page.otherCheckRuns.map((c) => [c.name, c.conclusion])).toEqual([["rungs", "failure"]]);
  });

  it("lists the default branch's files, so links to them stay on the page", async () => {
    const { result } = await world();
    expect(demoPage(result).localFiles).toEqual(["README.md", "people/alice/profile.md"]);
  });

  it("draws the packet pull request on the page: its file rendered, its check run, its branch", async () => {
    const { result, pull } = await world();
    const html = demoPageHtml(demoPage(result));
    const section = html.slice(html.indexOf(`id="pull-${pull}"`));
    expect(section).toContain("<code>packet</code> into <code>main</code>");
    expect(section).toContain("<th>Criterion</th>");
    expect(section).toContain('<span class="check-mark success" title="success">✓</span>');
    expect(section).toContain("All <strong>3</strong> met.");
    expect(unsafeParts(html)).toEqual([]);
  });
});
