/**
 * Where everything lives in a career repo: the one module of path patterns, for the app, the CLI
 * and the checks alike. See docs/configuration.md#career-repo-layout.
 */
export const SETTINGS_PATH = ".github/rungs.yml";
export const ORG_SETTINGS_PATH = ".github:.github/rungs.yml";
export const LADDER_FOLDER = "ladder/";

const QUARTER = String.raw`\d{4}-Q[1-4]`;
const LOGIN = "[^/]+";

export const profilePath = (login: string) => `people/${login}/profile.md`;
export const goalsPath = (login: string, quarter: string) => `people/${login}/goals/${quarter}.md`;
export const learningFolder = (login: string) => `people/${login}/learning/`;
export const personFolder = (login: string) => `people/${login}/`;

/** The quarter's ledger head: the goal issue, its claim, and items people added by hand. */
export const ledgerPath = (login: string, quarter: string) => `people/${login}/evidence/${quarter}.yml`;
/** The folder of the quarter's ledger shards: one file per day of evidence (see ledger.ts). */
export const shardFolder = (login: string, quarter: string) => `people/${login}/evidence/${quarter}`;
export const shardPath = (login: string, quarter: string, name: string) =>
  `${shardFolder(login, quarter)}/${name}.yml`;
/** A promotion packet: one file per engineer and target level, on its own branch until merged. */
export const promotionPath = (login: string, target: string) => `people/${login}/promotions/${target}.md`;
export const PROMOTION = new RegExp(`^people/(${LOGIN})/promotions/([A-Za-z]+[0-9]+)\\.md$`);

/** Evidence kept aside while a ledger file someone broke is fixed. */
export const pendingPath = (login: string, quarter: string) =>
  `people/${login}/evidence/${quarter}.pending.yml`;

export const PROFILE = new RegExp(`^people/(${LOGIN})/profile\\.md$`);
export const GOALS = new RegExp(`^people/(${LOGIN})/goals/([^/]+)\\.md$`);
export const LEDGER_HEAD = new RegExp(`^people/(${LOGIN})/evidence/(${QUARTER})\\.yml$`);
export const LEDGER_SHARD = new RegExp(
  `^people/(${LOGIN})/evidence/(${QUARTER})/(\\d{4}-\\d{2}-\\d{2}(?:-\\d+)?)\\.yml$`,
);
export const PENDING = new RegExp(`^people/(${LOGIN})/evidence/(${QUARTER})\\.pending\\.yml$`);
export const LEARNING_NOTE = new RegExp(`^people/(${LOGIN})/learning/(.+\\.md)$`);
/** Any file in a person's folder; the folder's name is their login. */
export const PERSON_FILE = new RegExp(`^people/(${LOGIN})/`);
/** GitHub's rule for logins: letters, digits and inner hyphens, at most 39 characters. */
export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** What a career-repo path is, with the person and quarter it belongs to. */
export type CareerPath =
  | { kind: "settings" }
  | { kind: "ladder" }
  | { kind: "profile"; login: string }
  | { kind: "goals"; login: string; quarter: string }
  | { kind: "ledger"; login: string; quarter: string }
  | { kind: "shard"; login: string; quarter: string; name: string }
  | { kind: "pending"; login: string; quarter: string }
  | { kind: "learning-note"; login: string; name: string }
  | { kind: "other" };

export const classifyPath = (path: string): CareerPath => {
  if (path === SETTINGS_PATH) return { kind: "settings" };
  if (path.startsWith(LADDER_FOLDER)) return { kind: "ladder" };
  let m = PROFILE.exec(path);
  if (m?.[1]) return { kind: "profile", login: m[1] };
  m = GOALS.exec(path);
  if (m?.[1] && m[2]) return { kind: "goals", login: m[1], quarter: m[2] };
  m = LEDGER_HEAD.exec(path);
  if (m?.[1] && m[2]) return { kind: "ledger", login: m[1], quarter: m[2] };
  m = LEDGER_SHARD.exec(path);
  if (m?.[1] && m[2] && m[3]) return { kind: "shard", login: m[1], quarter: m[2], name: m[3] };
  m = PENDING.exec(path);
  if (m?.[1] && m[2]) return { kind: "pending", login: m[1], quarter: m[2] };
  m = LEARNING_NOTE.exec(path);
  if (m?.[1] && m[2]) return { kind: "learning-note", login: m[1], name: m[2] };
  return { kind: "other" };
};

/** Files whose change means the cached settings, ladder or profiles are out of date. */
export const touchesConfig = (path: string): boolean => {
  const k = classifyPath(path).kind;
  return k === "settings" || k === "ladder" || k === "profile";
};
