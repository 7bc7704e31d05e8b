import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ObjectStore } from "../../src/sandbox/git/objects.js";
import { readSnapshot, updateTree, writeSnapshot } from "../../src/sandbox/git/snapshot.js";
import { Sandbox } from "../../src/sandbox/index.js";
import { mulberry32 } from "../../src/sandbox/prng.js";
import { octokitFor } from "./octokit.js";

// A commit shares every unchanged subtree with its parent, and within a rewritten directory every run of
// entries its change leaves alone (ObjectStore.editTree): memory follows the change, not the repository.
// These pin that the shared structure is invisible: the same shas as trees written from scratch, and every
// old commit still reads as it was.
describe("trees edited rather than rewritten", () => {
  it("gives the tree a fresh write gives, through hundreds of random edits of big directories", () => {
    const store = new ObjectStore();
    const random = mulberry32(11);
    const pick = (n: number) => Math.floor(random() * n);
    const files = new Map<string, string>();
    let tree: string | undefined;
    for (let step = 0; step < 600; step++) {
      const changes: Record<string, string | null> = {};
      for (let k = 0, count = 1 + pick(4); k < count; k++) {
        const dir = ["", "people/", `people/p${pick(120)}/`, "deep/a/b/"][pick(4)];
        const path = `${dir}f${pick(60)}.yml`;
        changes[path] = random() < 0.2 ? null : `v${step} ${path}\n`;
      }
      tree = updateTree(store, tree, changes);
      for (const [path, content] of Object.entries(changes))
        if (content === null) files.delete(path);
        else files.set(path, content);

      const fresh = new ObjectStore();
      const expected = writeSnapshot(fresh, new Map([...files].map(([p, c]) => [p, fresh.putBlob(c)])));
      expect(tree).toBe(expected);
      expect(store.tree(tree)).toEqual(fresh.tree(expected));
      expect(readSnapshot(store, tree)).toEqual(readSnapshot(fresh, expected));
    }
    // Directories of more than a few runs of entries were edited (people/ holds over a hundred).
    expect(files.size).toBeGreaterThan(400);
    expect(store.treeSize(store.treeEntry(tree!, "people")!.sha)).toBeGreaterThan(100);
  });

  it("finds an entry by name and counts entries without listing the tree", () => {
    const store = new ObjectStore();
    const changes = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`d/f${i}`, `${i}\n`]));
    const root = updateTree(store, undefined, changes);
    const dir = store.treeEntry(root, "d");
    expect(dir?.type).toBe("tree");
    expect(store.treeSize(dir!.sha)).toBe(100);
    expect(store.treeEntry(dir!.sha, "f42")?.sha).toBe(store.putBlob("42\n"));
    expect(store.treeEntry(dir!.sha, "f100")).toBeUndefined();
    expect(store.treeSize("0".repeat(40))).toBe(0);
    // Emptying a directory removes it, as in git.
    const emptied = updateTree(store, root, Object.fromEntries(Object.keys(changes).map((p) => [p, null])));
    expect(store.tree(emptied)).toEqual([]);
  });
});

describe("blobs kept compact", () => {
  const gitSha = (bytes: Buffer) =>
    createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");

  it("reads back every text exactly, long or short, with the sha git gives its UTF-8", () => {
    const store = new ObjectStore();
    const texts = [
      "",
      "short\n",
      `${"# ledger ✓ é 𝄞\n".repeat(40)}`,
      `items:\n${Array.from({ length: 200 }, (_, i) => `  - key: k${i}\n    sig: ${(i * 7919).toString(36)}\n`).join("")}`,
    ];
    for (const text of texts) {
      const sha = store.putBlob(text);
      expect(sha).toBe(gitSha(Buffer.from(text, "utf8")));
      expect(store.blob(sha)).toBe(text);
      expect(store.kind(sha)).toBe("blob");
      expect(store.putBlob(text)).toBe(sha);
    }
  });

  it("keeps a lone surrogate that UTF-8 cannot carry", () => {
    const store = new ObjectStore();
    const text = `${"x".repeat(300)}\uD800${"y".repeat(300)}`;
    expect(store.blob(store.putBlob(text))).toBe(text);
  });
});

describe("history after many commits", () => {
  const owner = "acme";
  const repo = "careers";
  const full = `${owner}/${repo}`;
  const PEOPLE = 300;
  const ledger = (p: number) => `people/p${p}/ledger.yml`;

  it("reads every old commit as it was: files, contents by ref, object(expression:), git commits, diffs", async () => {
    const sandbox = new Sandbox({ seed: 1, now: Date.UTC(2026, 9, 1) });
    const initialFiles = Object.fromEntries(
      Array.from({ length: PEOPLE }, (_, p) => [ledger(p), `p${p}: []\n`]),
    );
    sandbox.addRepo({ name: repo, files: initialFiles });
    const initial = sandbox.headSha(full);
    const history: { sha: string; path: string; text: string }[] = [];
    for (let n = 1; n <= 1200; n++) {
      const p = (n * 7) % PEOPLE;
      const text = `p${p}: [${n}]\n`;
      history.push({ sha: sandbox.writeFiles(full, { [ledger(p)]: text }), path: ledger(p), text });
    }
    const octokit = octokitFor(sandbox);

    expect(sandbox.files(full, initial)).toEqual(initialFiles);
    for (const { sha, path, text } of history.filter((_, i) => i % 97 === 0)) {
      expect(sandbox.readFile(full, path, sha)).toBe(text);
      const { data } = await octokit.repos.getContent({ owner, repo, path, ref: sha });
      if (Array.isArray(data) || data.type !== "file") throw new Error("expected a file");
      expect(Buffer.from(data.content, "base64").toString("utf8")).toBe(text);
      const read = await octokit.graphql<{ repository: { object: { text: string } | null } }>(
        `query ($e: String!) { repository(owner: "acme", name: "careers") { object(expression: $e) { ... on Blob { text } } } }`,
        { e: `${sha}:${path}` },
      );
      expect(read.repository.object?.text).toBe(text);
      const { data: commit } = await octokit.git.getCommit({ owner, repo, commit_sha: sha });
      expect(commit.sha).toBe(sha);
    }
    // A file untouched since the first commit still reads its first version in a late commit, and vice versa.
    const untouched = history.find((h) => h.path === ledger(1));
    expect(sandbox.readFile(full, ledger(1), history[0]!.sha)).toBe("p1: []\n");
    expect(sandbox.readFile(full, ledger(1), history.at(-1)!.sha)).not.toBe("p1: []\n");
    expect(untouched).toBeDefined();

    // A branch from an old commit: the pull request's diff is measured from that commit.
    const old = history[10]!;
    await octokit.git.createRef({ owner, repo, ref: "refs/heads/topic", sha: old.sha });
    await octokit.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "people/p0/notes.md",
      message: "notes",
      content: Buffer.from("# notes\nline\n").toString("base64"),
      branch: "topic",
    });
    const { data: pull } = await octokit.pulls.create({
      owner,
      repo,
      head: "topic",
      base: "main",
      title: "t",
    });
    const { data: changed } = await octokit.pulls.listFiles({ owner, repo, pull_number: pull.number });
    expect(changed.map((f) => [f.filename, f.status, f.additions])).toEqual([
      ["people/p0/notes.md", "added", 2],
    ]);
    expect(sandbox.readFile(full, old.path, "topic")).toBe(old.text);
  });
});
