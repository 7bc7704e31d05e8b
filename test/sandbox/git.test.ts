import { describe, expect, it } from "vitest";
import { ObjectStore } from "../../src/sandbox/git/objects.js";
import { applyChanges, writeSnapshot } from "../../src/sandbox/git/snapshot.js";

// Expected shas come from real git 2.x: `git hash-object`, `git write-tree`, `git commit-tree` with fixed dates.
describe("git objects hash like git", () => {
  const store = new ObjectStore();
  const files = applyChanges(store, new Map(), { "README.md": "hello\n", "docs/a.md": "A\n" });

  it("blob sha = sha1 of 'blob <len>\\0<content>'", () => {
    expect(store.putBlob("hello\n")).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
  });

  it("nested trees hash as `git write-tree` does", () => {
    expect(writeSnapshot(store, files)).toBe("9a451406f9edd27eb7dd18bfcf4ab575a0805bf7");
  });

  it("commit sha covers tree, parents, author, committer, date and message", () => {
    const alice = { name: "alice", email: "alice@example.com", login: "alice", date: Date.UTC(2024, 0, 1) };
    const commit = store.putCommit({
      tree: writeSnapshot(store, files),
      parents: [],
      message: "Initial commit",
      author: alice,
      committer: alice,
    });
    expect(commit.sha).toBe("0830d8fa77e67faf4af9540144f2113e1afd1ae2");
  });
});
