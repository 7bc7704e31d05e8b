import { describe, expect, it } from "vitest";
import { careerRepoRefusal } from "../../src/domain/career-repo.js";
import { defaultSettings } from "../../src/domain/settings.js";
import { featureMerged, push } from "../support/events.js";
import { CAREER, harness } from "../support/harness.js";

describe("configuration read from the career repo", () => {
  it("takes a fix pushed to the settings on the very next event", async () => {
    const h = await harness({ files: { ".github/rungs.yml": "time_zone: Mars/Olympus\n" } });
    await h.deliver(featureMerged(1));
    expect(h.ledger("alice")).toBeUndefined();
    expect(Object.keys(h.sandbox.files(CAREER)).filter((p) => p.startsWith(".rungs/held/"))).toHaveLength(1);
    await h.deliver(
      push({
        pusher: "erin",
        at: "2026-10-06T08:00:00Z",
        after: "f".repeat(40),
        files: { ".github/rungs.yml": "time_zone: Europe/Berlin\n" },
      }),
    );
    // The merge that arrived while the settings were broken was held, and the fix replayed it.
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual(["PR_acme_web_1"]);
    expect(Object.keys(h.sandbox.files(CAREER)).filter((p) => p.startsWith(".rungs/"))).toEqual([]);
    await h.deliver(featureMerged(2, { mergedAt: "2026-10-06T15:00:00Z" }));
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual(["PR_acme_web_1", "PR_acme_web_2"]);
  });

  it("reads the config again after a bot's push changes a profile, and after a push too long to list", async () => {
    const h = await harness();
    await h.deliver(featureMerged(1));
    const configReads = () => h.sandbox.requests.filter((r) => r.operation === "RungsConfig").length;
    const before = configReads();
    // A bot's commit is not read for evidence, but the profile it changed belongs to the config.
    await h.deliver(
      push({
        pusher: "ladder-sync[bot]",
        pusherType: "Bot",
        at: "2026-10-06T08:00:00Z",
        after: "a".repeat(40),
        files: {
          "people/alice/profile.md": "---\nname: Alice\nlevel: IC1\nmanager: dana\nsince: 2026-10-06\n---\n",
        },
      }),
    );
    await h.deliver(featureMerged(2, { mergedAt: "2026-10-06T15:00:00Z" }));
    expect(configReads()).toBe(before + 1);
    // A bot's push of its own ledger writes is not a config change: nothing is read again.
    await h.deliver(
      push({
        pusher: "ledger-bot[bot]",
        pusherType: "Bot",
        at: "2026-10-06T16:00:00Z",
        after: "b".repeat(40),
        files: { "people/alice/learning/notes.md": "# notes\n" },
      }),
    );
    await h.deliver(featureMerged(3, { mergedAt: "2026-10-06T17:00:00Z" }));
    expect(configReads()).toBe(before + 1);
    // Twenty commits listed: GitHub lists no more, so whatever else the push held may be config.
    await h.deliver(
      push({
        pusher: "erin",
        at: "2026-10-07T08:00:00Z",
        after: "c".repeat(40),
        files: {},
        commits: Array.from({ length: 20 }, (_, i) => ({
          at: "2026-10-07T08:00:00Z",
          files: { [`notes/${i}.md`]: "x\n" },
        })),
      }),
    );
    await h.deliver(featureMerged(4, { mergedAt: "2026-10-07T15:00:00Z" }));
    expect(configReads()).toBeGreaterThan(before + 1);
  });

  it("ignores folders inside ladder/ and keeps the organisation's own ladder", async () => {
    const h = await harness({ files: { "ladder/archive/README.md": "# Old ladder\n" } });
    await h.deliver(featureMerged(1));
    expect(h.ledger("alice")?.items).toHaveLength(1);
  });

  it("keeps a person's evidence aside while their profile does not parse, and says where", async () => {
    const h = await harness({
      files: { "people/alice/profile.md": "---\nlevel: IC0\nmanager: @dana\n---\n" },
    });
    await h.deliver(featureMerged(1));
    expect(h.ledger("alice")).toBeUndefined();
    expect(h.sandbox.readFile(CAREER, "people/alice/evidence/2026-Q4.pending.yml")).toContain(
      "key: PR_acme_web_1",
    );
    const checks = h.sandbox.requests.filter((r) => r.route === "POST /repos/{owner}/{repo}/check-runs");
    expect(checks.length).toBeGreaterThan(0);
    expect(h.logs.some((l) => l.msg.startsWith("profile people/alice/profile.md does not parse"))).toBe(true);
  });

  it("refuses public and internal career repos unless explicitly allowed", () => {
    const s = defaultSettings();
    expect(careerRepoRefusal("PRIVATE", s)).toBeUndefined();
    expect(careerRepoRefusal("PUBLIC", s)).toBe("career repo is public");
    expect(careerRepoRefusal("INTERNAL", s)).toBe(
      "career repo is internal (visible to the whole enterprise)",
    );
    expect(
      careerRepoRefusal("INTERNAL", { ...s, privacy: { ...s.privacy, allow_public_career_repo: true } }),
    ).toBeUndefined();
  });
});

describe("the same delivery handled twice at once", () => {
  it("opens one goal issue, not two", async () => {
    const h = await harness({ instances: 2, realSleeps: true });
    h.sandbox.faults.set([{ route: "POST /repos/{owner}/{repo}/issues", kind: "latency", latencyMs: 150 }]);
    const d = featureMerged(1);
    h.sandbox.applyEvent(d.name, d.payload);
    await Promise.all(
      h.probots.map((p) =>
        p.receive({ id: d.id, name: "pull_request", payload: d.payload } as Parameters<typeof p.receive>[0]),
      ),
    );
    expect(h.goalIssues("alice")).toHaveLength(1);
    expect(h.ledger("alice")?.goal_issue).toBe(h.goalIssues("alice")[0]?.number);
  });
});

describe("deliveries held while the configuration is broken", () => {
  it("are replayed when the organisation's own settings are fixed, and a held file someone typed is refused", async () => {
    const h = await harness({
      files: { ".github/rungs.yml": "_extends: .github\ntime_zone: Europe/Berlin\n" },
    });
    h.sandbox.addRepo({
      owner: "acme",
      name: ".github",
      private: true,
      files: { ".github/rungs.yml": "fiscal_year_start_month: 13\n" },
    });
    await h.deliver(featureMerged(1));
    expect(h.ledger("alice")).toBeUndefined();
    // A forged held delivery crediting alice with a pull request she never merged.
    const held = Object.entries(h.sandbox.files(CAREER)).find(([p]) => p.startsWith(".rungs/held/"));
    expect(held).toBeDefined();
    const [path, text] = held ?? ["", ""];
    const forged = JSON.parse(text) as { id: string; payload: { pull_request: { node_id: string } } };
    forged.id = "forged";
    forged.payload.pull_request.node_id = "FAKE_1";
    h.sandbox.writeFiles(CAREER, { [path.replace(/[^/]+$/, "forged.json")]: JSON.stringify(forged) });

    await h.deliver(
      push({
        repo: ".github",
        pusher: "erin",
        at: "2026-10-06T08:00:00Z",
        after: "e".repeat(40),
        files: { ".github/rungs.yml": "fiscal_year_start_month: 1\n" },
      }),
    );
    expect(h.ledger("alice")?.counted.map((i) => i.key)).toEqual(["PR_acme_web_1"]);
    expect(Object.keys(h.sandbox.files(CAREER)).filter((p) => p.startsWith(".rungs/held/"))).toEqual([
      ".rungs/held/forged.json",
    ]);
    expect(h.logs.some((l) => l.msg.startsWith("held delivery was not written by Rungs"))).toBe(true);
  });
});

describe("held deliveries with no fixing push heard", () => {
  it("are replayed by the next event once the configuration reads valid again", async () => {
    const h = await harness({ files: { ".github/rungs.yml": "time_zone: Mars/Olympus\n" } });
    await h.deliver(featureMerged(1));
    expect(Object.keys(h.sandbox.files(CAREER)).filter((p) => p.startsWith(".rungs/held/"))).toHaveLength(1);
    // Fixed on GitHub, but the push never reached this instance (lost delivery, another instance).
    h.sandbox.writeFiles(CAREER, { ".github/rungs.yml": "time_zone: Europe/Berlin\n" });
    await h.deliver(featureMerged(2, { mergedAt: "2026-10-06T15:00:00Z" }));
    expect(h.ledger("alice")?.counted.map((i) => i.key)).toEqual(["PR_acme_web_1", "PR_acme_web_2"]);
    expect(Object.keys(h.sandbox.files(CAREER)).filter((p) => p.startsWith(".rungs/held/"))).toEqual([]);
  });
});
