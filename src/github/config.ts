import { z } from "zod";
import { loadOrganisation, resolveSettings } from "../domain/career-repo.js";
import type { TextFile } from "../domain/ladder/load.js";
import type { Ladder } from "../domain/ladder/schema.js";
import { type Problem, problemAt } from "../domain/problem.js";
import type { Profile } from "../domain/profile.js";
import type { Settings } from "../domain/settings.js";
import { queryAllowingMissing } from "./graphql.js";
import type { GitHub } from "./types.js";

export interface CareerRepoRef {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** The default branch's head commit, where problems are reported as a check run. */
  head?: string;
}

/** Everything about an organisation's career repo that changes rarely: cached per installation. */
export interface RungsConfig {
  owner: string;
  career: CareerRepoRef & { visibility: string };
  settings: Settings;
  ladder: Ladder;
  profiles: Map<string, Profile>;
  /** People whose profile has a problem: their evidence waits aside until it is fixed. */
  brokenProfiles: Map<string, Problem[]>;
  /** Whether deliveries wait in `.rungs/held/` (usecases/held.ts), read with the config at no extra cost. */
  held: boolean;
}

export type ConfigResult =
  | { ok: true; config: RungsConfig }
  | {
      ok: false;
      reason: "no-career-repo" | "invalid";
      problems: Problem[];
      career?: CareerRepoRef & { visibility: string };
    };

const Text = z.object({ text: z.string().nullable().optional() });
const Entry = z.object({ name: z.string(), type: z.string(), object: z.unknown() });
const Tree = z.object({ entries: z.array(Entry).optional() });

const CONFIG_QUERY = `query RungsConfig($owner: String!, $career: String!) {
  org: repository(owner: $owner, name: ".github") {
    settings: object(expression: "HEAD:.github/rungs.yml") { ... on Blob { text } }
  }
  career: repository(owner: $owner, name: $career) {
    visibility
    defaultBranchRef { name target { oid } }
    settings: object(expression: "HEAD:.github/rungs.yml") { ... on Blob { text } }
    ladder: object(expression: "HEAD:ladder") {
      ... on Tree { entries { name type object { ... on Blob { text } } } }
    }
    people: object(expression: "HEAD:people") {
      ... on Tree { entries { name type object { ... on Tree { entries { name type object { ... on Blob { text } } } } } } }
    }
    held: object(expression: "HEAD:.rungs/held") { ... on Tree { entries { name type object { __typename } } } }
  }
}`;

const ConfigResponse = z.object({
  org: z.object({ settings: z.unknown() }).nullable().optional(),
  career: z
    .object({
      visibility: z.string(),
      defaultBranchRef: z
        .object({ name: z.string(), target: z.object({ oid: z.string() }).nullable() })
        .nullable(),
      settings: z.unknown(),
      ladder: z.unknown(),
      people: z.unknown(),
      held: z.unknown().optional(),
    })
    .nullable()
    .optional(),
});

/** Text of a blob node, or undefined (a missing file, or a tree where a file was expected). */
const textOf = (node: unknown): string | undefined => {
  const r = Text.safeParse(node);
  return r.success ? (r.data.text ?? undefined) : undefined;
};
const entriesOf = (node: unknown): z.infer<typeof Entry>[] => {
  const r = Tree.safeParse(node);
  return r.success ? (r.data.entries ?? []) : [];
};

const read = async (github: GitHub, owner: string, career: string) =>
  ConfigResponse.parse(await queryAllowingMissing(github, CONFIG_QUERY, { owner, career }));

type CareerNode = NonNullable<z.infer<typeof ConfigResponse>["career"]>;

const whereOf = (
  owner: string,
  repo: string,
  career: CareerNode,
): CareerRepoRef & { visibility: string } => ({
  owner,
  repo,
  defaultBranch: career.defaultBranchRef?.name ?? "main",
  visibility: career.visibility,
  ...(career.defaultBranchRef?.target ? { head: career.defaultBranchRef.target.oid } : {}),
});

/** Reads settings (org `.github` then career repo, `_extends` honoured), ladder and profiles in one or two queries. */
export const loadConfig = async (
  github: GitHub,
  owner: string,
  bundledLadder: readonly TextFile[],
): Promise<ConfigResult> => {
  let response = await read(github, owner, "careers");
  const orgText = textOf(response.org?.settings);
  const orgOnly = resolveSettings(orgText, undefined);
  if (!orgOnly.ok) {
    // The organisation's file is broken, so which repo it names is unknown; the default one, if it
    // exists, is where the problem is reported and evidence held.
    const fallback = response.career;
    return {
      ok: false,
      reason: "invalid",
      problems: orgOnly.problems,
      ...(fallback ? { career: whereOf(owner, "careers", fallback) } : {}),
    };
  }
  const named = orgOnly.value.career_repo;
  if (named !== "careers") response = await read(github, owner, named);
  const career = response.career;
  if (!career) {
    const problems = [
      problemAt(`${owner}/${named}`, "career repo not found, or the app is not installed on it"),
    ];
    return { ok: false, reason: "no-career-repo", problems };
  }
  const where = whereOf(owner, named, career);
  const ladderFiles: TextFile[] = entriesOf(career.ladder).flatMap((e) => {
    const text = e.type === "blob" ? textOf(e.object) : undefined;
    return text === undefined ? [] : [{ path: `ladder/${e.name}`, text }];
  });
  const profiles = entriesOf(career.people).flatMap((person) => {
    if (person.type !== "tree") return [];
    const file = entriesOf(person.object).find((f) => f.name === "profile.md" && f.type === "blob");
    const text = file ? textOf(file.object) : undefined;
    return text === undefined ? [] : [{ login: person.name, text }];
  });
  const org = loadOrganisation({
    orgSettings: orgText,
    settings: textOf(career.settings),
    ladder: ladderFiles,
    bundledLadder,
    profiles,
  });
  if (!org.ok) return { ok: false, reason: "invalid", problems: org.problems, career: where };
  return {
    ok: true,
    config: {
      owner,
      career: where,
      ...org.value,
      held: entriesOf(career.held).length > 0,
      settings: { ...org.value.settings, career_repo: named },
    },
  };
};
