import { describe, expect, it } from "vitest";
import { Sandbox } from "../../src/sandbox/index.js";
import { example, inRepo } from "../support/examples.js";
import { failure, graphqlFailure, octokitFor } from "./octokit.js";

/**
 * `repository` and `issues` deliveries that change what exists, built from GitHub's published examples
 * (@octokit/webhooks-examples). The package has no example for archived, unarchived or deleted; those are
 * built from the `publicized` example with the action (and `archived`) the webhook schema gives them.
 */
const ORG = "acme";
const REPO = "career";
const FULL = `${ORG}/${REPO}`;

const started = async () => {
  const sandbox = new Sandbox();
  sandbox.addRepo({ name: REPO, files: { "README.md": "# career\n" } });
  const octokit = octokitFor(sandbox);
  const { data } = await octokit.repos.get({ owner: ORG, repo: REPO });
  return { sandbox, octokit, id: data.id };
};

/** An example delivery moved onto the sandbox's repository, with its id so it is found however named. */
const about = <T extends Parameters<typeof inRepo>[0]>(payload: T, id: number, name = REPO): T => {
  const moved = inRepo(payload, ORG, name);
  return { ...moved, repository: { ...moved.repository, id } };
};

describe("repository deliveries", () => {
  it("publicized makes the repository public; privatized makes it private again", async () => {
    const { sandbox, octokit, id } = await started();
    sandbox.applyEvent("repository", about(example("repository", "publicized"), id));
    expect((await octokit.repos.get({ owner: ORG, repo: REPO })).data).toMatchObject({
      private: false,
      visibility: "public",
    });
    sandbox.applyEvent("repository", about(example("repository", "privatized"), id));
    expect((await octokit.repos.get({ owner: ORG, repo: REPO })).data).toMatchObject({
      private: true,
      visibility: "private",
    });
  });

  it("privatized keeps an internal repository internal when the delivery says so", async () => {
    const { sandbox, octokit, id } = await started();
    const event = about(example("repository", "privatized"), id);
    sandbox.applyEvent("repository", {
      ...event,
      repository: { ...event.repository, visibility: "internal" },
    });
    expect((await octokit.repos.get({ owner: ORG, repo: REPO })).data.visibility).toBe("internal");
  });

  it("renamed moves the repository to its new name; the old name redirects, as on GitHub (fixture rename-repository)", async () => {
    const { sandbox, octokit, id } = await started();
    const event = about(example("repository", "renamed"), id, "ladder");
    expect(event.changes.repository.name.from).toBe("Hello-World");
    event.changes.repository.name.from = REPO;
    sandbox.applyEvent("repository", event);

    expect(sandbox.hasRepo(`${ORG}/ladder`)).toBe(true);
    expect(sandbox.hasRepo(FULL)).toBe(false);
    expect(sandbox.readFile(`${ORG}/ladder`, "README.md")).toBe("# career\n");

    // GitHub: GET of the old name is 301 to /repositories/{id}; a PATCH is 307 with the same body.
    const location = `https://api.github.com/repositories/${id}`;
    const manual = { request: { redirect: "manual" as const } };
    const read = await octokit.repos.get({ owner: ORG, repo: REPO, ...manual });
    expect(read.status).toBe(301);
    expect(read.headers.location).toBe(location);
    expect(read.data).toMatchObject({ message: "Moved Permanently", url: location });
    const write = await octokit.request("POST /repos/{owner}/{repo}/issues", {
      owner: ORG,
      repo: REPO,
      title: "t",
      ...manual,
    });
    expect(write.status).toBe(307);
    expect(write.headers.location).toBe(`${location}/issues`);

    // Followed, as fetch does: the old name reaches the renamed repository, a write included.
    expect((await octokit.repos.get({ owner: ORG, repo: REPO })).data.full_name).toBe(`${ORG}/ladder`);
    const issue = await octokit.issues.create({ owner: ORG, repo: REPO, title: "filed under the old name" });
    expect(issue.status).toBe(201);
    // The unfollowed 307 wrote nothing; the followed one wrote once.
    expect(sandbox.issues(`${ORG}/ladder`).map((i) => i.title)).toEqual(["filed under the old name"]);
  });

  it("transferred moves the repository to its new owner; the old owner's name redirects", async () => {
    const sandbox = new Sandbox();
    sandbox.addRepo({ owner: "octocat", name: REPO });
    const octokit = octokitFor(sandbox);
    const { id } = (await octokit.repos.get({ owner: "octocat", repo: REPO })).data;
    const event = about(example("repository", "transferred"), id);
    expect(event.changes.owner.from.user?.login).toBe("octocat");
    sandbox.applyEvent("repository", event);

    expect(sandbox.hasRepo(FULL)).toBe(true);
    expect(sandbox.hasRepo(`octocat/${REPO}`)).toBe(false);
    expect((await octokit.repos.get({ owner: "octocat", repo: REPO })).data.full_name).toBe(FULL);
  });

  it("archived makes the repository read-only (writes 403); unarchived lifts it", async () => {
    const { sandbox, octokit, id } = await started();
    const event = about(example("repository", "publicized"), id);
    sandbox.applyEvent("repository", {
      ...event,
      action: "archived",
      repository: { ...event.repository, archived: true },
    });
    expect((await octokit.repos.get({ owner: ORG, repo: REPO })).data.archived).toBe(true);
    const refused = await failure(octokit.issues.create({ owner: ORG, repo: REPO, title: "t" }));
    expect(refused.status).toBe(403);
    expect(refused.data).toMatchObject({ message: "Repository was archived so is read-only." });
    const archived = await octokit.graphql<{ repository: { isArchived: boolean } }>(
      `query { repository(owner: "${ORG}", name: "${REPO}") { isArchived } }`,
    );
    expect(archived.repository.isArchived).toBe(true);

    sandbox.applyEvent("repository", { ...event, action: "unarchived" });
    expect((await octokit.issues.create({ owner: ORG, repo: REPO, title: "t" })).status).toBe(201);
  });

  it("deleted removes the repository: REST 404, GraphQL NOT_FOUND", async () => {
    const { sandbox, octokit, id } = await started();
    sandbox.applyEvent("repository", {
      ...about(example("repository", "publicized"), id),
      action: "deleted",
    });
    expect(sandbox.hasRepo(FULL)).toBe(false);
    expect((await failure(octokit.repos.get({ owner: ORG, repo: REPO }))).status).toBe(404);
    const error = await graphqlFailure(
      octokit.graphql(`query { repository(owner: "${ORG}", name: "${REPO}") { id } }`),
    );
    expect(error.errors[0]).toMatchObject({ type: "NOT_FOUND" });
  });

  it("a repository delivery for a repository the sandbox has not seen creates it", () => {
    const sandbox = new Sandbox();
    sandbox.applyEvent("repository", inRepo(example("repository", "created"), ORG, "fresh"));
    expect(sandbox.hasRepo(`${ORG}/fresh`)).toBe(true);
  });
});

describe("issues deliveries that remove an issue", () => {
  const opened = (number: number) => {
    const event = inRepo(example("issues", "opened"), ORG, REPO);
    event.issue = { ...event.issue, number, body: null };
    return event;
  };

  it("issues.deleted: the issue answers 410 and leaves the list", async () => {
    const { sandbox, octokit } = await started();
    sandbox.applyEvent("issues", opened(3));
    const deleted = inRepo(example("issues", "deleted"), ORG, REPO);
    sandbox.applyEvent("issues", { ...deleted, issue: { ...deleted.issue, number: 3 } });
    expect((await failure(octokit.issues.get({ owner: ORG, repo: REPO, issue_number: 3 }))).status).toBe(410);
    expect(sandbox.issues(FULL)).toEqual([]);
  });

  it("issues.transferred: the issue moves to the new repository under its new number", async () => {
    const { sandbox, octokit } = await started();
    sandbox.applyEvent("issues", opened(3));
    const event = inRepo(example("issues", "transferred"), ORG, REPO);
    event.issue = { ...event.issue, number: 3 };
    event.changes.new_repository = {
      ...event.changes.new_repository,
      name: "elsewhere",
      full_name: `${ORG}/elsewhere`,
    };
    event.changes.new_repository.owner = { ...event.changes.new_repository.owner, login: ORG };
    event.changes.new_issue = { ...event.changes.new_issue, number: 11 };
    sandbox.applyEvent("issues", event);

    expect(sandbox.issues(FULL)).toEqual([]);
    expect(sandbox.issues(`${ORG}/elsewhere`).map((i) => [i.number, i.title])).toEqual([
      [11, event.changes.new_issue.title],
    ]);
    const moved = await octokit.issues.get({ owner: ORG, repo: REPO, issue_number: 3 });
    expect(moved.data).toMatchObject({
      number: 11,
      html_url: `https://github.com/${ORG}/elsewhere/issues/11`,
    });
  });
});
