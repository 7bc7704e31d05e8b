import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readTree } from "../../src/cli/files.js";
import { HEALTH_PATH } from "../../src/server/health.js";

interface Instruction {
  op: string;
  args: string;
}

/** The Dockerfile's instructions per stage: continuation lines joined, comments dropped. */
const stages = (): Instruction[][] => {
  const text = readFileSync("Dockerfile", "utf8").replace(/\\\n/g, " ");
  const out: Instruction[][] = [];
  for (const line of text.split("\n").map((l) => l.trim())) {
    if (!line || line.startsWith("#")) continue;
    const [op = "", ...rest] = line.split(/\s+/);
    const ins = { op: op.toUpperCase(), args: rest.join(" ") };
    if (ins.op === "FROM") out.push([]);
    out.at(-1)?.push(ins);
  }
  return out;
};
const all = (stage: Instruction[], op: string) => stage.filter((i) => i.op === op).map((i) => i.args);
const execForm = (args: string) => z.array(z.string()).parse(JSON.parse(args));

const Pkg = z.object({ main: z.string(), dependencies: z.record(z.string(), z.string()) });
const Tsconfig = z.object({ compilerOptions: z.object({ outDir: z.string(), rootDir: z.string() }) });

describe("the Dockerfile", () => {
  const [build = [], runtime = []] = stages();

  it("builds in one stage and runs from another, on Node 20", () => {
    expect(stages()).toHaveLength(2);
    expect(all(build, "FROM")[0]).toMatch(/^node:20(-slim|-alpine)? AS build$/);
    expect(all(runtime, "FROM")[0]).toMatch(/^node:20(-slim|-alpine)? AS runtime$/);
    expect(all(build, "RUN")).toEqual(["npm ci --no-audit --no-fund", "npm run build"]);
  });

  it("installs only production dependencies in the image it runs", () => {
    const installs = all(runtime, "RUN").filter((r) => /\bnpm (ci|install|i)\b/.test(r));
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/^npm ci --omit=dev\b/);
    // What runs the server is a production dependency, not a devDependency left behind by the build.
    expect(Object.keys(Pkg.parse(JSON.parse(readFileSync("package.json", "utf8"))).dependencies)).toContain(
      "probot",
    );
  });

  it("has every package the compiled code loads among the production dependencies it installs", () => {
    // What tsc keeps in lib/: value imports (`import type` is erased), dynamic imports, resolved packages.
    const loaded = readTree("src")
      .filter((f) => f.path.endsWith(".ts"))
      .flatMap((f) =>
        [
          ...f.text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gm),
          ...f.text.matchAll(/^import\s+"([^"]+)"/gm),
          ...f.text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
          ...f.text.matchAll(/\bresolve(?:\.paths)?\(\s*"([^"]+)"/g),
        ].map((m) => ({ file: `src/${f.path}`, spec: m[1] ?? "" })),
      )
      .filter(({ spec }) => !spec.startsWith(".") && !spec.startsWith("node:"))
      .map(({ file, spec }) => ({
        file,
        pkg: spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? spec),
      }));
    expect(loaded.map((l) => l.pkg)).toContain("probot");
    const production = Pkg.parse(JSON.parse(readFileSync("package.json", "utf8"))).dependencies;
    const missing = loaded.filter((l) => !(l.pkg in production)).map((l) => `${l.pkg} (${l.file})`);
    expect(missing, "move these to dependencies: the image installs no devDependencies").toEqual([]);
  });

  it("runs as the unprivileged node user, listening on every interface", () => {
    const users = all(runtime, "USER");
    expect(users).toEqual(["node"]);
    const userAt = runtime.findIndex((i) => i.op === "USER");
    expect(runtime.slice(userAt).filter((i) => i.op === "RUN")).toEqual([]);
    const env = all(runtime, "ENV").join(" ");
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    expect(all(runtime, "EXPOSE")).toEqual(["3000"]);
    expect(env).toMatch(/\bPORT=3000\b/);
  });

  it("starts the compiled entry point that the build writes, with no devDependency", () => {
    const cmd = execForm(all(runtime, "CMD")[0] ?? "[]");
    expect(cmd.slice(0, 3)).toEqual(["node", "node_modules/probot/bin/probot.js", "run"]);
    const entry = cmd[3] ?? "";
    const { outDir, rootDir } = Tsconfig.parse(
      JSON.parse(readFileSync("tsconfig.json", "utf8")),
    ).compilerOptions;
    // lib/index.js is what `npm run build` makes of src/index.ts, and what package.json calls main.
    expect(entry.replace(/^\.\//, "")).toBe(`${outDir}/index.js`);
    expect(existsSync(`${rootDir}/index.ts`)).toBe(true);
    expect(Pkg.parse(JSON.parse(readFileSync("package.json", "utf8"))).main).toBe(`${outDir}/index.js`);
    expect(all(runtime, "COPY")).toContain(`--from=build /app/${outDir} ./${outDir}`);
  });

  it("holds the files the app reads at run time, and checks its health on the health route", () => {
    const copied = all(runtime, "COPY").map((c) => c.split(" ")[0]);
    for (const needed of ["ladder", "templates", "package.json"]) expect(copied).toContain(needed);
    const check = all(runtime, "HEALTHCHECK")[0] ?? "";
    expect(check).toContain(HEALTH_PATH);
    expect(check).toMatch(/--interval=\d+s/);
  });
});

describe(".dockerignore", () => {
  const patterns = readFileSync(".dockerignore", "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));

  it("sends only what the Dockerfile copies, and never a key or an env file", () => {
    expect(patterns[0]).toBe("*");
    const allowed = patterns.filter((p) => p.startsWith("!")).map((p) => p.slice(1));
    const sources = stages()
      .flat()
      .filter((i) => i.op === "COPY" && !i.args.startsWith("--from"))
      .flatMap((i) => i.args.split(" ").slice(0, -1));
    expect([...new Set(sources)].sort()).toEqual([...allowed].sort());
    for (const s of sources) expect(existsSync(s), s).toBe(true);
    for (const secret of ["**/*.pem", "**/.env"]) expect(patterns).toContain(secret);
  });
});
