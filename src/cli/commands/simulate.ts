import { loadTemplates } from "../../deps.js";
import { PackedLines } from "../../simulate/deliveries.js";
import { formatLog } from "../../simulate/logs.js";
import { MARKER, outRefusal, writeOutput } from "../../simulate/output.js";
import { simulate as run } from "../../simulate/run.js";
import { type Command, parse, UsageError } from "../command.js";
import { bundledLadder, isDirectory, isFile, readTree } from "../files.js";

export const simulate: Command = {
  name: "simulate",
  summary: "dry-run the app offline: replay webhook deliveries against an in-memory GitHub",
  usage: `rungs simulate --career DIR --events FILE --out DIR [--seed N] [--verbose]

  --career DIR   a folder laid out as a career repo (people/, optional ladder/ and .github/rungs.yml);
                 it becomes the career repo's default branch (named by settings, default <owner>/careers)
  --events FILE  JSON Lines, one delivery per line: {"id": "<guid>", "name": "<event>", "payload": {…}}
                 and, for a push to the career repo, an optional "files": {"path": "content" | null}
  --out DIR      written afresh: repo/, issues/<n>.md, pulls/<n>.md, summary.json, index.html and a ${MARKER} marker;
                 it must be new, empty, or a previous --out (holding the marker and nothing else)
  --seed N       seed for jitter and faults (default 1); same inputs and seed, same output byte for byte
  --verbose      print the app's info logs

Exit 1 if any line failed (each is reported with its line number), else 0.`,
  async run(argv, io) {
    const { values } = parse(argv, {
      career: { type: "string" },
      events: { type: "string" },
      out: { type: "string" },
      seed: { type: "string", default: "1" },
      verbose: { type: "boolean", default: false },
    });
    if (!values.career) throw new UsageError("--career DIR is required");
    if (!values.events) throw new UsageError("--events FILE is required");
    if (!values.out) throw new UsageError("--out DIR is required");
    if (!isDirectory(values.career)) throw new UsageError(`--career ${values.career}: not a directory`);
    if (!isFile(values.events)) throw new UsageError(`--events ${values.events}: not a file`);
    const refusal = outRefusal(values.out);
    if (refusal) throw new UsageError(`--out ${values.out}: ${refusal}`);
    const seed = Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed ${values.seed}: expected a whole number`);

    const result = await run({
      careerFiles: readTree(values.career),
      // Packed as read, never whole: a quarter of an organisation is hundreds of MB of JSON lines.
      events: PackedLines.fromFile(values.events),
      bundledLadder: bundledLadder(),
      templates: loadTemplates(),
      seed,
      logLevel: values.verbose ? "info" : "warn",
    });
    // In the events file's order: each failed line, and what the app logged for each delivery.
    const report = [
      ...result.failures.map((f) => ({ line: f.line, text: f.message })),
      ...result.logs.map((l) => ({ line: l.line, text: formatLog(l.entry) })),
    ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    for (const { line, text } of report)
      io.err(line === undefined ? text : `${values.events}:${line}: ${text}`);
    const { summary: s, refused } = writeOutput(result, values.out);
    for (const path of refused)
      io.err(
        `rungs simulate: ${JSON.stringify(path)} of the career repo leaves ${values.out}/repo: not written`,
      );
    io.out(`wrote ${values.out}/ (repo/, issues/, pulls/, summary.json, index.html: open it in a browser)`);
    io.out(
      `events: ${s.events.delivered} delivered, ${s.events.failed} failed · requests: ${s.requests.total} (${s.requests.mutations} writes, ${s.requests.mutationsOutsideCareerRepo} outside the career repo) · goal issues: ${s.issues.length}`,
    );
    for (const i of s.issues) io.out(`  #${i.number} ${i.title} [${i.state}] → ${i.assignees.join(", ")}`);
    for (const p of s.pulls)
      io.out(
        `  #${p.number} ${p.title} [${p.merged ? "merged" : p.state}]${p.requestedReviewers.length ? ` reviewers: ${p.requestedReviewers.join(", ")}` : ""}`,
      );
    return result.failures.length || refused.length ? 1 : 0;
  },
};
