/**
 * Screenshots of the demo page for the README: a goal issue and, once the demo opens one, a promotion
 * packet pull request, each as headless Chromium draws it. Runs the demo afresh in a temporary folder.
 *
 *   npm run screenshots                 # docs/images/goal-issue.png (and packet.png)
 *   npm run screenshots -- --issue 2    # another goal issue
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runCli } from "../src/cli/main.js";
import { findChromium, screenshot } from "./chromium.js";

const IMAGES = "docs/images";
const SIZE = { width: 1280, height: 1500 };

interface Summary {
  issues: { number: number; title: string; labels: string[] }[];
  pulls: { number: number; title: string }[];
}

const { values } = parseArgs({ options: { issue: { type: "string" }, pull: { type: "string" } } });

const chromium = findChromium();
if (!chromium) {
  console.error("screenshots: no chromium on PATH: apt-get install chromium (or set CHROMIUM)");
  process.exit(1);
}
try {
  if (!execFileSync("fc-list", [], { encoding: "utf8" }).includes("Emoji"))
    console.warn(
      "screenshots: no colour emoji font, ✅ will show as boxes: apt-get install fonts-noto-color-emoji",
    );
} catch {
  // No fontconfig tools: nothing to check.
}

const tmp = mkdtempSync(join(tmpdir(), "rungs-screenshots-"));
try {
  const out = join(tmp, "demo");
  const code = await runCli(
    [
      "simulate",
      "--career",
      "examples/career-repo",
      "--events",
      "examples/events/quarter.jsonl",
      "--out",
      out,
    ],
    { out: () => {}, err: (line) => console.error(line) },
  );
  if (code !== 0) throw new Error(`rungs simulate exited ${code}`);
  const summary: Summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
  const page = join(out, "index.html");
  mkdirSync(IMAGES, { recursive: true });

  const issue = values.issue
    ? summary.issues.find((i) => i.number === Number(values.issue))
    : (summary.issues.find((i) => i.labels.some((l) => /goals/i.test(l))) ?? summary.issues[0]);
  if (!issue) throw new Error(`no goal issue ${values.issue ?? ""} in the demo`);
  await screenshot(chromium, page, join(IMAGES, "goal-issue.png"), SIZE, `issue-${issue.number}`);
  console.log(`${IMAGES}/goal-issue.png: #${issue.number} ${issue.title}`);

  const pull = values.pull
    ? summary.pulls.find((p) => p.number === Number(values.pull))
    : (summary.pulls.find((p) => /packet|promot/i.test(p.title)) ?? summary.pulls[0]);
  if (pull) {
    await screenshot(chromium, page, join(IMAGES, "packet.png"), SIZE, `pull-${pull.number}`);
    console.log(`${IMAGES}/packet.png: #${pull.number} ${pull.title}`);
  } else console.log(`no pull request in the demo yet: ${IMAGES}/packet.png not written`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
