import { z } from "zod";
import { Consistency } from "./ladder/schema.js";
import { isTimeZone } from "./quarter.js";

const strings = (defaults: string[]) => z.array(z.string()).default(defaults);

const Signals = (d: { labels?: string[]; title_prefixes?: string[]; paths?: string[] }) =>
  z
    .strictObject({
      /** Any of these labels (case-insensitive). */
      labels: strings(d.labels ?? []),
      /** Conventional Commit types at the start of the title: `feat` matches "feat: …", "feat(ui): …", "feat!: …". */
      title_prefixes: strings(d.title_prefixes ?? []),
      /** Glob patterns (`*`, `**`) of changed files; one matching file is enough. */
      paths: strings(d.paths ?? []),
    })
    .prefault({});

/** `.github/rungs.yml` in the career repo (and optionally the organisation's `.github` repo). */
export const Settings = z.strictObject({
  /** Probot convention: `.github` (or `repo` / `owner/repo`) whose `.github/rungs.yml` this file extends. */
  _extends: z.string().optional(),
  /** Name of the private career repo in the organisation. */
  career_repo: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .default("careers"),
  /** Month the fiscal year starts, 1 = January. Fiscal years are named by the calendar year they end in. */
  fiscal_year_start_month: z.number().int().min(1).max(12).default(1),
  /** IANA time zone in which quarters and weeks begin. */
  time_zone: z
    .string()
    .default("UTC")
    .refine(isTimeZone, { message: "not an IANA time zone, e.g. Europe/Berlin" }),
  /** What classifies pull requests and issues. The first class that matches wins, in the order below. */
  classification: z
    .strictObject({
      design_doc: Signals({
        labels: ["design-doc", "adr", "rfc"],
        paths: ["docs/adr/**", "docs/adrs/**", "docs/decisions/**", "docs/design/**", "adr/**", "rfcs/**"],
      }),
      feature: Signals({ labels: ["feature", "enhancement"], title_prefixes: ["feat"] }),
      bugfix: Signals({ labels: ["bug", "bugfix"], title_prefixes: ["fix"] }),
      docs: Signals({ labels: ["documentation", "docs"], title_prefixes: ["docs"] }),
      /** Issues: an incident handled. */
      incident: Signals({ labels: ["incident"] }),
      /** Issues: an incident that was escalated (does not count as handled independently). */
      escalated: Signals({ labels: ["escalated"] }),
      /** Issues: a spec or feature owned from spec to launch. */
      spec: Signals({ labels: ["spec", "feature", "epic"] }),
    })
    .prefault({}),
  /** What "small" means for a pull request. */
  small: z
    .strictObject({
      /** At most this many lines changed (additions + deletions). */
      max_lines: z.number().int().min(1).default(400),
    })
    .prefault({}),
  /** Repositories (names or `owner/name`, `*` globs) whose activity is not evidence. */
  excluded_repos: strings([]),
  /** Logins treated as bots besides `[bot]` accounts and known AI reviewers. */
  bots: strings([]),
  /** Overrides the ladder's readiness rule for every level. */
  consistency: Consistency.optional(),
  /** Who may act on anyone's goals, besides the engineer and their manager. */
  admins: z
    .strictObject({
      users: strings([]),
      /** Team slugs in the organisation. */
      teams: strings([]),
    })
    .prefault({}),
  privacy: z
    .strictObject({
      /** Label counted PRs and issues with `rungs: <criterion>`, in private repositories only. */
      tagging: z.boolean().default(false),
      /** Allow evidence in a public career repo. Evidence about people is sensitive: leave off. */
      allow_public_career_repo: z.boolean().default(false),
    })
    .prefault({}),
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings = (): Settings => Settings.parse({});

/** Probot's `_extends`: the extending file's fields win, objects merge one level deep. */
export const mergeSettingsData = (base: Record<string, unknown>, own: Record<string, unknown>) => {
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(own)) {
    const b = merged[k];
    merged[k] =
      v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" && !Array.isArray(b)
        ? { ...b, ...v }
        : v;
  }
  delete merged._extends;
  return merged;
};
