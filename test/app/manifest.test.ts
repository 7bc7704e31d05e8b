import { readFileSync } from "node:fs";
import { Octokit } from "@octokit/rest";
import { pino } from "pino";
import { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { createApp } from "../../src/app.js";
import { bundledLadder, readTree } from "../../src/cli/files.js";
import { loadTemplates } from "../../src/deps.js";
import {
  EVENT_NEEDS,
  eventOf,
  eventsTable,
  MUTATION_NEEDS,
  type Need,
  type Permission,
  permissionsFor,
  permissionsTable,
  ROUTE_NEEDS,
} from "../../src/manifest.js";
import { throwawayAppKey } from "../../src/simulate/probot.js";
import { simulate } from "../../src/simulate/run.js";
import type { AppDeps } from "../../src/usecases/context.js";

const Manifest = z.object({
  default_events: z.array(z.string()),
  default_permissions: z.record(z.string(), z.enum(["read", "write"])),
});
const manifest = () => Manifest.parse(parse(readFileSync("app.yml", "utf8")));

const deps: AppDeps = {
  bundledLadder: bundledLadder(),
  templates: loadTemplates(),
  now: () => Date.UTC(2026, 9, 1),
  random: () => 0.5,
  sleep: () => Promise.resolve(),
  configTtlMs: 60_000,
  signingKey: "manifest-test",
};

const privateKey = throwawayAppKey();

/** Every event name the real app subscribes to, as it passes it to `app.on` (e.g. `pull_request.closed`). */
const subscriptions = (): string[] => {
  const names: string[] = [];
  const probot = new Probot({ appId: 1, privateKey, log: pino({ level: "silent" }) });
  // A real Probot whose `on` only records: everything else the app touches (its logger) is the real one.
  const recording = new Proxy(probot, {
    get: (target, prop) =>
      prop === "on" ? (name: string | string[]) => names.push(...[name].flat()) : Reflect.get(target, prop),
  });
  createApp(deps)(recording);
  return names;
};

const octokit = new Octokit();
const Defaults = z.object({ method: z.string(), url: z.string() });

/** `issues.create` → `POST /repos/{owner}/{repo}/issues`, from Octokit's own endpoint table. */
const routeOfMethod = (namespace: string, method: string): string | undefined => {
  const ns: unknown = Reflect.get(octokit.rest, namespace);
  if (typeof ns !== "object" || ns === null) return undefined;
  const fn: unknown = Reflect.get(ns, method);
  if (typeof fn !== "function") return undefined;
  const endpoint: unknown = Reflect.get(fn, "endpoint");
  if (typeof endpoint !== "function") return undefined;
  const d = Defaults.safeParse(Reflect.get(endpoint, "DEFAULTS"));
  return d.success ? `${d.data.method} ${d.data.url}` : undefined;
};

interface ApiUse {
  /** A REST route (`POST /repos/{owner}/{repo}/issues`) or a GraphQL mutation (`mutation createRef`). */
  call: string;
  file: string;
}

/**
 * Every GitHub API call the app's source makes, found in the text: Octokit methods (`.rest.issues.create`),
 * raw routes (`request("POST /…")`) and GraphQL mutations. The in-memory GitHub, the simulator and this
 * manifest itself are not the app.
 */
const apiUses = (): ApiUse[] =>
  readTree("src")
    .filter((f) => f.path.endsWith(".ts") && !/^(sandbox|simulate)\/|^manifest\.ts$/.test(f.path))
    .flatMap(({ path, text }) => {
      const file = `src/${path}`;
      const methods = [...text.matchAll(/\.rest\.(\w+)\.(\w+)/g)].map((m) => ({
        call: routeOfMethod(m[1] ?? "", m[2] ?? "") ?? `unknown Octokit method rest.${m[1]}.${m[2]}`,
        file,
      }));
      const routes = [
        ...text.matchAll(/request\(\s*["'`]((?:GET|POST|PUT|PATCH|DELETE) \/[^"'`]*)["'`]/g),
      ].map((m) => ({ call: m[1] ?? "", file }));
      const mutations = [...text.matchAll(/\bmutation\b[^{`]*\{\s*(\w+)/g)].map((m) => ({
        call: `mutation ${m[1]}`,
        file,
      }));
      return [...methods, ...routes, ...mutations];
    });

const needOf = (call: string): Need | null | undefined =>
  call.startsWith("mutation ") ? MUTATION_NEEDS[call.slice("mutation ".length)] : ROUTE_NEEDS[call];

/** What the handled events and the API calls need, each permission with what needs it. */
const required = () => {
  const why = new Map<Permission, string[]>();
  const needs: Need[] = [{ permission: "metadata", access: "read" }];
  const add = (need: Need, by: string) => {
    needs.push(need);
    why.set(need.permission, [...(why.get(need.permission) ?? []), `${need.access} for ${by}`]);
  };
  for (const event of new Set(subscriptions().map(eventOf))) {
    const need = EVENT_NEEDS[event];
    if (need) add(need, `the ${event} event`);
  }
  for (const use of apiUses()) {
    const need = needOf(use.call);
    if (need) add(need, `${use.call} (${use.file})`);
  }
  return { permissions: permissionsFor(needs), why };
};

const sorted = <V>(entries: Iterable<[string, V]>) =>
  Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b)));

describe("app.yml asks for exactly what Rungs uses", () => {
  it("subscribes to every event a handler listens to, and to nothing no handler listens to", () => {
    const handled = [...new Set(subscriptions().map(eventOf))].sort();
    expect(handled).toContain("pull_request");
    expect([...manifest().default_events].sort()).toEqual(handled);
  });

  it("knows which permission GitHub requires for every handled event", () => {
    const unknown = subscriptions()
      .map(eventOf)
      .filter((e) => !EVENT_NEEDS[e]);
    expect(unknown, "add these events to EVENT_NEEDS in src/manifest.ts").toEqual([]);
  });

  it("knows which permission every API call in src/ needs", () => {
    const uses = apiUses();
    expect(uses.map((u) => u.call)).toContain("PUT /repos/{owner}/{repo}/contents/{path}");
    const unknown = uses.filter((u) => needOf(u.call) === undefined).map((u) => `${u.call} (${u.file})`);
    expect(unknown, "add these to ROUTE_NEEDS or MUTATION_NEEDS in src/manifest.ts").toEqual([]);
  });

  it("asks for every permission the events and API calls need, at the access they need, and no other", () => {
    const { permissions, why } = required();
    const asked = manifest().default_permissions;
    const missing = [...permissions]
      .filter(([p, a]) => asked[p] !== a && !(asked[p] === "write" && a === "read"))
      .map(([p, a]) => `${p}: ${a} (${why.get(p)?.join("; ") ?? "every app"})`);
    expect(missing, "app.yml lacks these permissions").toEqual([]);
    expect(sorted(Object.entries(asked)), "app.yml asks for more than the app uses").toEqual(
      sorted(permissions),
    );
  });

  it("calls only routes the manifest knows while replaying the demo quarter", async () => {
    const result = await simulate({
      careerFiles: readTree("examples/career-repo"),
      events: readFileSync("examples/events/quarter.jsonl", "utf8"),
      bundledLadder: bundledLadder(),
      templates: loadTemplates(),
    });
    expect(result.failures).toEqual([]);
    const routes = new Set(result.sandbox.requests.map((r) => r.route));
    expect(routes).toContain("PUT /repos/{owner}/{repo}/contents/{path}");
    expect([...routes].filter((r) => !(r in ROUTE_NEEDS))).toEqual([]);
  });

  it("explains every permission and event in docs/install.md, as generated from src/manifest.ts", () => {
    const { default_events, default_permissions } = manifest();
    const doc = readFileSync("docs/install.md", "utf8");
    const table = permissionsTable(Object.entries(default_permissions));
    expect(doc).toContain(table);
    expect(doc).toContain(eventsTable(default_events));
  });
});

describe("adding up needs", () => {
  it("keeps each permission at the highest access asked for", () => {
    const needs: Need[] = [
      { permission: "issues", access: "read" },
      { permission: "issues", access: "write" },
      { permission: "contents", access: "read" },
      { permission: "issues", access: "read" },
    ];
    expect(sorted(permissionsFor(needs))).toEqual({ contents: "read", issues: "write" });
  });

  it("names the event of a handler's event.action", () => {
    expect(["pull_request.closed", "push", "issue_comment.created"].map(eventOf)).toEqual([
      "pull_request",
      "push",
      "issue_comment",
    ]);
  });
});
