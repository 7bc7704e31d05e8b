import { z } from "zod";
import { parseProfile, parseSettings, SETTINGS_PATH } from "../domain/career-repo.js";
import { loadLadder, type TextFile } from "../domain/ladder/load.js";
import type { Ladder } from "../domain/ladder/schema.js";
import { type Problem, problemAt } from "../domain/problem.js";
import type { Profile } from "../domain/profile.js";
import { mergeSettingsData, Settings } from "../domain/settings.js";
import { parseYaml } from "../domain/yaml-source.js";
import { queryAllowingMissing } from "./graphql.js";
import type { GitHub } from "./types.js";

/** Everything about an organisation's career repo that changes rarely: cached per installation. */
export interface RungsConfig {
  owner: string;
  career: { owner: string; repo: string; private: boolean; defaultBranch: string };
  settings: Settings;
  ladder: Ladder;
  profiles: Map<string, Profile>;
}

export type ConfigResult =
  | { ok: true; config: RungsConfig }
  | {
      ok: false;
      reason: "no-career-repo" | "invalid";
      problems: Problem[];
      career?: { owner: string; repo: string; defaultBranch: string; head?: string };
    };

const Blob = z.object({ text: z.string().nullable() }).nullable().optional();
const Entries = z
  .object({
    entries: z.array(z.object({ name: z.string(), type: z.string(), object: z.unknown() })).optional(),
  })
  .nullable()
  .optional();

const CONFIG_QUERY = `query RungsConfig($owner: String!, $career: String!) {
  org: repository(owner: $owner, name: ".github") {
    settings: object(expression: "HEAD:.github/rungs.yml") { ... on Blob { text } }
  }
  career: repository(owner: $owner, name: $career) {
    isPrivate
    defaultBranchRef { name target { oid } }
    settings: object(expression: "HEAD:.github/rungs.yml") { ... on Blob { text } }
    ladder: object(expression: "HEAD:ladder") {
      ... on Tree { entries { name type object { ... on Blob { text } } } }
    }
    people: object(expression: "HEAD:people") {
      ... on Tree { entries { name type object { ... on Tree { entries { name type object { ... on Blob { text } } } } } } }
    }
  }
}`;

const ConfigResponse = z.object({
  org: z.object({ settings: Blob }).nullable().optional(),
  career: z
    .object({
      isPrivate: z.boolean(),
      defaultBranchRef: z
        .object({ name: z.string(), target: z.object({ oid: z.string() }).nullable() })
        .nullable(),
      settings: Blob,
      ladder: Entries,
      people: Entries,
    })
    .nullable()
    .optional(),
});

const ORG_SETTINGS = ".github:.github/rungs.yml";

/** One settings file, checked on its own so a problem names that file and line. */
const checkSettingsFile = (file: string, text: string | null | undefined) => {
  if (!text?.trim()) return { data: {} as Record<string, unknown> };
  const checked = parseSettings(file, text);
  if (!checked.ok) return { problems: checked.problems };
  const source = parseYaml(file, text);
  const data = "message" in source ? {} : source.data;
  return { data: (data && typeof data === "object" ? data : {}) as Record<string, unknown> };
};

const read = async (github: GitHub, owner: string, career: string) =>
  ConfigResponse.parse(await queryAllowingMissing(github, CONFIG_QUERY, { owner, career }));

/** Reads settings (org `.github` then career repo, `_extends` honoured), ladder and profiles in one or two queries. */
export const loadConfig = async (
  github: GitHub,
  owner: string,
  bundledLadder: readonly TextFile[],
): Promise<ConfigResult> => {
  let response = await read(github, owner, "careers");
  const org = checkSettingsFile(ORG_SETTINGS, response.org?.settings?.text);
  if (!org.data) return { ok: false, reason: "invalid", problems: org.problems };
  const named = typeof org.data.career_repo === "string" ? org.data.career_repo : "careers";
  if (named !== "careers") response = await read(github, owner, named);
  const career = response.career;
  if (!career) {
    const problems = [
      problemAt(`${owner}/${named}`, "career repo not found, or the app is not installed on it"),
    ];
    return { ok: false, reason: "no-career-repo", problems };
  }
  const where = {
    owner,
    repo: named,
    defaultBranch: career.defaultBranchRef?.name ?? "main",
    ...(career.defaultBranchRef?.target ? { head: career.defaultBranchRef.target.oid } : {}),
  };
  const own = checkSettingsFile(SETTINGS_PATH, career.settings?.text);
  if (!own.data) return { ok: false, reason: "invalid", problems: own.problems, career: where };
  // Probot's convention: a repo's file inherits the organisation's only with `_extends`; no file at all means the org's.
  const merged = !career.settings?.text?.trim()
    ? org.data
    : typeof own.data._extends === "string"
      ? mergeSettingsData(org.data, own.data)
      : own.data;
  const parsed = Settings.safeParse({ ...merged, _extends: undefined });
  if (!parsed.success) {
    const problems = [
      problemAt(
        SETTINGS_PATH,
        `settings are invalid once merged with ${ORG_SETTINGS}: ${parsed.error.issues[0]?.message}`,
      ),
    ];
    return { ok: false, reason: "invalid", problems, career: where };
  }
  const settings = { ...parsed.data, career_repo: named };

  const ladderFiles: TextFile[] = (career.ladder?.entries ?? []).flatMap((e) => {
    const t = Blob.parse(e.object)?.text;
    return e.type === "blob" && typeof t === "string" ? [{ path: `ladder/${e.name}`, text: t }] : [];
  });
  const ladder = loadLadder(ladderFiles.length ? ladderFiles : bundledLadder);
  if (!ladder.ok) return { ok: false, reason: "invalid", problems: ladder.problems, career: where };

  const profiles = new Map<string, Profile>();
  const problems: Problem[] = [];
  for (const person of career.people?.entries ?? []) {
    const files = Entries.parse(person.object)?.entries ?? [];
    const profile = files.find((f) => f.name === "profile.md");
    const t = profile ? Blob.parse(profile.object)?.text : undefined;
    if (typeof t !== "string") continue;
    const r = parseProfile(`people/${person.name}/profile.md`, person.name, t);
    if (r.ok) profiles.set(person.name, r.value);
    else problems.push(...r.problems);
  }
  return {
    ok: true,
    config: {
      owner,
      career: { ...where, private: career.isPrivate },
      settings,
      ladder: ladder.value,
      profiles,
    },
  };
};
