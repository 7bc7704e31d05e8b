import type { CommandName } from "./commands.js";
import type { Profile } from "./profile.js";

/**
 * Who may act on an engineer's goal issue (docs: README "Commands"): the engineer, their manager, the
 * manager's manager, and admins from settings (logins and teams), as of now, from the profiles.
 */
export type Role = "engineer" | "manager" | "skip-level" | "admin";

export interface Admins {
  users: readonly string[];
  teams: readonly string[];
}

const same = (a: string | null | undefined, b: string): boolean =>
  typeof a === "string" && a.toLowerCase() === b.toLowerCase();

/** Every role `actor` holds on `engineer`'s goals; none means an outsider. */
export const rolesOf = (
  actor: string,
  engineer: string,
  profiles: ReadonlyMap<string, Profile>,
  admins: Admins,
  actorTeams: readonly string[],
): Role[] => {
  const roles: Role[] = [];
  const profile = [...profiles.values()].find((p) => same(p.login, engineer));
  const manager = profile?.manager ?? null;
  const skip = manager ? ([...profiles.values()].find((p) => same(p.login, manager))?.manager ?? null) : null;
  if (same(engineer, actor)) roles.push("engineer");
  if (same(manager, actor)) roles.push("manager");
  if (same(skip, actor) && !roles.includes("manager")) roles.push("skip-level");
  const teams = new Set(actorTeams.map((t) => t.toLowerCase()));
  if (admins.users.some((u) => same(u, actor)) || admins.teams.some((t) => teams.has(t.toLowerCase())))
    roles.push("admin");
  return roles;
};

/** Confirming and rejecting evidence belong to those who judge it, never to the engineer alone. */
const JUDGES: readonly Role[] = ["manager", "skip-level", "admin"];

/**
 * Whether these roles judge the engineer's evidence: a manager, skip-level or admin who is not the
 * engineer. An admin (or a manager in a cycle of profiles) never judges their own evidence.
 */
export const judges = (roles: readonly Role[]): boolean =>
  !roles.includes("engineer") && roles.some((r) => JUDGES.includes(r));

/** Whether these roles may run a command; anyone with a role may run the rest. */
export const mayRun = (name: CommandName, roles: readonly Role[]): boolean => {
  if (roles.length === 0) return false;
  if (name === "confirm" || name === "reject") return judges(roles);
  return true;
};

/** Evidence added by a judge is confirmed at once; by the engineer, a claim. */
export const confirmsOwnEvidence = judges;
