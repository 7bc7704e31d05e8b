import { z } from "zod";
import { type Admins, judges, rolesOf } from "../domain/authorization.js";
import { parseCommands } from "../domain/commands.js";
import { type EvidenceItem, evidenceRef } from "../domain/evidence.js";
import type { Profile } from "../domain/profile.js";
import { type FiscalCalendar, quarterLabel, quarterOf } from "../domain/quarter.js";
import { isStatus } from "./career-files.js";
import type { CareerRepoRef } from "./config.js";
import { queryAllowingMissing } from "./graphql.js";
import { type GitHub, repoParams } from "./types.js";

/**
 * Every counted item of a promotion packet checked against GitHub as it stands: the pull request or
 * issue exists and is the engineer's, a pull request was merged into its repository's default branch,
 * each is dated in the quarter whose ledger holds it, and a confirmation's comment exists and was
 * written by someone allowed to confirm. A signature proves Rungs wrote an item; this proves the item
 * still says something true. Items that fail do not count in the packet.
 */

export interface ToVerify {
  quarter: string;
  item: EvidenceItem;
}

export interface VerificationResult {
  checked: number;
  failed: (ToVerify & { reason: string })[];
}

export interface VerifyContext {
  career: CareerRepoRef;
  login: string;
  calendar: FiscalCalendar;
  profiles: ReadonlyMap<string, Profile>;
  admins: Admins;
}

const Actor = z.object({ login: z.string() }).nullable().optional();
const Subject = z
  .object({
    defaultBranchRef: z.object({ name: z.string() }).nullable().optional(),
    pullRequest: z
      .object({
        author: Actor,
        merged: z.boolean().optional(),
        mergedAt: z.string().nullable().optional(),
        baseRefName: z.string().optional(),
        reviews: z
          .object({
            nodes: z.array(
              z.object({ submittedAt: z.string().nullable().optional(), author: Actor }).nullable(),
            ),
          })
          .optional(),
      })
      .nullable()
      .optional(),
    issue: z
      .object({
        author: Actor,
        closedAt: z.string().nullable().optional(),
        assignees: z.object({ nodes: z.array(z.object({ login: z.string() }).nullable()) }).optional(),
      })
      .nullable()
      .optional(),
  })
  .nullable()
  .optional();
type Subject = z.infer<typeof Subject>;

const same = (a: string | null | undefined, b: string) =>
  typeof a === "string" && a.toLowerCase() === b.toLowerCase();

/** Subjects per GraphQL request: one request checks this many items. */
const BATCH = 40;

const ofGithub = (
  i: EvidenceItem,
): i is Extract<EvidenceItem, { kind: "pull_request" | "review" | "issue" }> =>
  i.kind === "pull_request" || i.kind === "review" || i.kind === "issue";

const fieldsFor = (
  item: Extract<EvidenceItem, { kind: "pull_request" | "review" | "issue" }>,
  k: number,
): string => {
  switch (item.kind) {
    case "pull_request":
      return `pullRequest(number: $n${k}) { author { login } merged mergedAt baseRefName }`;
    case "review":
      return `pullRequest(number: $n${k}) { author { login } reviews(first: 100, author: $who) { nodes { submittedAt author { login } } } }`;
    case "issue":
      return `issue(number: $n${k}) { author { login } closedAt assignees(first: 50) { nodes { login } } }`;
  }
};

const splitRepo = (full: string): [string, string] | undefined => {
  const [owner, name, ...rest] = full.split("/");
  return owner && name && rest.length === 0 ? [owner, name] : undefined;
};

const inQuarter = (at: string | null | undefined, quarter: string, calendar: FiscalCalendar): boolean =>
  typeof at === "string" && quarterLabel(quarterOf(Date.parse(at), calendar)) === quarter;

/** Why a pull request, review or issue does not hold up, or undefined when it does. */
const subjectProblem = (v: ToVerify, subject: Subject, ctx: VerifyContext): string | undefined => {
  const { item, quarter } = v;
  if (!subject) return "its repository was not found on GitHub";
  if (item.kind === "pull_request") {
    const pr = subject.pullRequest;
    if (!pr) return "the pull request was not found on GitHub";
    if (!same(pr.author?.login, ctx.login))
      return `opened by ${pr.author?.login ?? "someone else"}, not ${ctx.login}`;
    if (!pr.merged) return "not merged";
    const main = subject.defaultBranchRef?.name;
    if (main && pr.baseRefName !== main)
      return `merged into ${pr.baseRefName ?? "another branch"}, not ${main}`;
    if (!inQuarter(pr.mergedAt, quarter, ctx.calendar))
      return `merged ${pr.mergedAt?.slice(0, 10) ?? "?"}, outside ${quarter}`;
    return undefined;
  }
  if (item.kind === "review") {
    const pr = subject.pullRequest;
    if (!pr) return "the reviewed pull request was not found on GitHub";
    const mine = (pr.reviews?.nodes ?? []).filter((r) => r && same(r.author?.login, ctx.login));
    if (mine.length === 0) return `no review by ${ctx.login} on it`;
    if (!mine.some((r) => inQuarter(r?.submittedAt, quarter, ctx.calendar)))
      return `not reviewed in ${quarter}`;
    return undefined;
  }
  if (item.kind === "issue") {
    const issue = subject.issue;
    if (!issue) return "the issue was not found on GitHub";
    const assigned = (issue.assignees?.nodes ?? []).some((a) => a && same(a.login, ctx.login));
    if (!assigned && !same(issue.author?.login, ctx.login))
      return `neither opened by nor assigned to ${ctx.login}`;
    if (!issue.closedAt) return "not closed";
    // Closed, reopened and closed again later: GitHub keeps the last close, on or after the one recorded.
    const closedAgain =
      inQuarter(item.at, quarter, ctx.calendar) && Date.parse(issue.closedAt) >= Date.parse(item.at);
    if (!inQuarter(issue.closedAt, quarter, ctx.calendar) && !closedAgain)
      return `closed ${issue.closedAt.slice(0, 10)}, outside ${quarter}`;
    return undefined;
  }
  return undefined;
};

const verifySubjects = async (github: GitHub, items: readonly ToVerify[], ctx: VerifyContext) => {
  const failed: VerificationResult["failed"] = [];
  const subjects = items.filter((v) => ofGithub(v.item));
  for (let from = 0; from < subjects.length; from += BATCH) {
    const batch = subjects.slice(from, from + BATCH);
    const decl: string[] = [];
    const fields: string[] = [];
    const variables: Record<string, unknown> = {};
    batch.forEach((v, k) => {
      const item = v.item;
      if (!ofGithub(item)) return;
      const repo = splitRepo(item.repo);
      if (!repo) return;
      decl.push(`$o${k}: String!`, `$r${k}: String!`, `$n${k}: Int!`);
      Object.assign(variables, { [`o${k}`]: repo[0], [`r${k}`]: repo[1], [`n${k}`]: item.number });
      fields.push(
        `s${k}: repository(owner: $o${k}, name: $r${k}) { defaultBranchRef { name } ${fieldsFor(item, k)} }`,
      );
    });
    // GraphQL refuses a declared variable that no field uses: `$who` only when a review is asked about.
    if (fields.some((f) => f.includes("$who"))) {
      decl.unshift("$who: String");
      variables.who = ctx.login;
    }
    const query = `query RungsPacketVerification(${decl.join(", ")}) {\n  ${fields.join("\n  ")}\n}`;
    const data = (fields.length ? await queryAllowingMissing(github, query, variables) : {}) as Record<
      string,
      unknown
    > | null;
    batch.forEach((v, k) => {
      const item = v.item;
      if (!ofGithub(item)) return;
      if (!splitRepo(item.repo)) {
        failed.push({ ...v, reason: `"${item.repo}" is not a repository` });
        return;
      }
      const parsed = Subject.safeParse(data?.[`s${k}`]);
      const reason = parsed.success
        ? subjectProblem(v, parsed.data, ctx)
        : "GitHub's answer about it was not understood";
      if (reason) failed.push({ ...v, reason });
    });
  }
  return failed;
};

const COMMENT = /^https:\/\/github\.com\/([^/]+)\/([^/]+)\/(?:issues|pull)\/(\d+)#issuecomment-(\d+)$/;
const PULL = /^https:\/\/github\.com\/([^/]+)\/([^/]+)\/pull\/(\d+)$/;

const isCareer = (owner: string | undefined, repo: string | undefined, career: CareerRepoRef) =>
  same(owner, career.owner) && same(repo, career.repo);

/** The teams of `login` among the admin teams (only asked when an admin team could make them a judge). */
const adminTeamsOf = async (github: GitHub, ctx: VerifyContext, login: string): Promise<string[]> => {
  const teams: string[] = [];
  for (const team of ctx.admins.teams) {
    try {
      const { data } = await github.rest.teams.getMembershipForUserInOrg({
        org: ctx.career.owner,
        team_slug: team,
        username: login,
      });
      if (data.state === "active") teams.push(team);
    } catch (e) {
      if (!isStatus(e, 404)) throw e;
    }
  }
  return teams;
};

/** Why a confirmed manual item does not hold up, or undefined when it does. */
const confirmationProblem = async (
  github: GitHub,
  item: Extract<EvidenceItem, { kind: "manual" }>,
  ctx: VerifyContext,
): Promise<string | undefined> => {
  const url = item.confirmed?.url;
  if (!url) return "its confirmation names no comment";
  const pull = PULL.exec(url);
  if (pull) {
    // A promotion credit: confirmed by the merge of a packet in the career repo.
    if (!isCareer(pull[1], pull[2], ctx.career))
      return "its confirmation is not a pull request of the career repo";
    try {
      const { data } = await github.rest.pulls.get({
        ...repoParams(ctx.career),
        pull_number: Number(pull[3]),
      });
      if (!data.merged_at) return "the pull request confirming it was not merged";
      if (!data.head.ref.startsWith("rungs/promotion/"))
        return "the pull request confirming it is not a promotion packet";
      return undefined;
    } catch (e) {
      if (isStatus(e, 404)) return "the pull request confirming it was not found";
      throw e;
    }
  }
  const m = COMMENT.exec(url);
  if (!m || !isCareer(m[1], m[2], ctx.career)) return "its confirmation is not a comment in the career repo";
  let author: string | undefined;
  try {
    const { data } = await github.rest.issues.getComment({
      ...repoParams(ctx.career),
      comment_id: Number(m[4]),
    });
    if (!data.html_url.endsWith(`/${m[3]}#issuecomment-${m[4]}`))
      return "the confirmation comment is on another issue";
    author = data.user?.login;
    // The comment must say so: `/confirm <ref>` of this item, or `/evidence` of its link (a judge's own).
    const said = parseCommands(data.body ?? "").flatMap((l) => ("command" in l ? [l.command] : []));
    const says = said.some(
      (c) =>
        (c.name === "confirm" && c.ref === evidenceRef(item)) ||
        (c.name === "evidence" && c.criterion === item.criterion && c.url === item.url),
    );
    if (!says) return "the confirmation comment does not confirm this item";
  } catch (e) {
    if (isStatus(e, 404, 410)) return "the confirmation comment was not found";
    throw e;
  }
  if (!author) return "the confirmation comment has no author";
  let roles = rolesOf(author, ctx.login, ctx.profiles, ctx.admins, []);
  if (!judges(roles) && !roles.includes("engineer") && ctx.admins.teams.length)
    roles = rolesOf(author, ctx.login, ctx.profiles, ctx.admins, await adminTeamsOf(github, ctx, author));
  if (!judges(roles)) return `confirmed by ${author}, who may not confirm ${ctx.login}'s evidence`;
  return undefined;
};

/**
 * Checks every item against GitHub; learning notes are the app's own record of a push to the career
 * repo, proven by their signature, and are not re-checked.
 */
export const verifyItems = async (
  github: GitHub,
  items: readonly ToVerify[],
  ctx: VerifyContext,
): Promise<VerificationResult> => {
  const failed = await verifySubjects(github, items, ctx);
  for (const v of items) {
    if (v.item.kind !== "manual") continue;
    const reason = await confirmationProblem(github, v.item, ctx);
    if (reason) failed.push({ ...v, reason });
  }
  const checked = items.filter((v) => v.item.kind !== "learning_note").length;
  const order = new Map(items.map((v, i) => [`${v.quarter}/${v.item.key}`, i]));
  failed.sort(
    (a, b) => (order.get(`${a.quarter}/${a.item.key}`) ?? 0) - (order.get(`${b.quarter}/${b.item.key}`) ?? 0),
  );
  return { checked, failed };
};
