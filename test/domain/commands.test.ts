import { describe, expect, it } from "vitest";
import {
  type Admins,
  confirmsOwnEvidence,
  mayRun,
  type Role,
  rolesOf,
} from "../../src/domain/authorization.js";
import { asUrl, code, MAX_COMMANDS, MAX_NOTE, parseCommands } from "../../src/domain/commands.js";
import type { Profile } from "../../src/domain/profile.js";

const commands = (body: string) => parseCommands(body);

describe("parsing commands from a comment", () => {
  it.each<[string, string, unknown[]]>([
    [
      "evidence with a note",
      "/evidence metric-impact-project https://docs.example.com/q4 cut p95 latency by 30%",
      [
        {
          line: 1,
          command: {
            name: "evidence",
            criterion: "metric-impact-project",
            url: "https://docs.example.com/q4",
            note: "cut p95 latency by 30%",
          },
        },
      ],
    ],
    [
      "evidence without a note; the criterion is case-insensitive",
      "/evidence Product-Influence http://wiki/x",
      [
        {
          line: 1,
          command: { name: "evidence", criterion: "product-influence", url: "http://wiki/x", note: "" },
        },
      ],
    ],
    ["confirm", "/confirm A1B2C3", [{ line: 1, command: { name: "confirm", ref: "a1b2c3" } }]],
    [
      "reject with a reason",
      "/reject a1b2c3 not a metric we track",
      [{ line: 1, command: { name: "reject", ref: "a1b2c3", reason: "not a metric we track" } }],
    ],
    [
      "exclude a URL",
      "/exclude https://github.com/acme/web/pull/7 revert of #6",
      [
        {
          line: 1,
          command: { name: "exclude", target: "https://github.com/acme/web/pull/7", reason: "revert of #6" },
        },
      ],
    ],
    ["include", "/include a1b2c3", [{ line: 1, command: { name: "include", target: "a1b2c3" } }]],
    [
      "focus, with commas and repeats",
      "/focus ship-small-features, weekly-learning ship-small-features",
      [{ line: 1, command: { name: "focus", criteria: ["ship-small-features", "weekly-learning"] } }],
    ],
    ["refresh", "/refresh", [{ line: 1, command: { name: "refresh" } }]],
    ["help", "/rungs help", [{ line: 1, command: { name: "help" } }]],
    [
      "several lines, prose between",
      "Thanks!\n/refresh\nand then\n  /confirm abcd12",
      [
        { line: 2, command: { name: "refresh" } },
        { line: 4, command: { name: "confirm", ref: "abcd12" } },
      ],
    ],
    ["a command in a fenced code block is not a command", "```\n/refresh\n```\n~~~\n/confirm abcd\n~~~", []],
    ["a quoted command is not a command", "> /confirm abcd12\n>/refresh", []],
    ["an indented code block is not a command", "    /refresh", []],
    ["another app's slash command is not ours", "/deploy production\n/lgtm", []],
    ["a slash in the middle of a line is not a command", "see /refresh above", []],
    [
      "CRLF line ends",
      "/refresh\r\n/rungs help\r\n",
      [
        { line: 1, command: { name: "refresh" } },
        { line: 2, command: { name: "help" } },
      ],
    ],
  ])("%s", (_name, body, expected) => {
    expect(commands(body)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    [
      "evidence without a URL",
      "/evidence metric-impact-project",
      "usage: /evidence <criterion-id> <url> [note]",
    ],
    [
      "evidence with something that isn't a link",
      "/evidence x javascript:alert(1)",
      "`javascript:alert(1)` is not a link",
    ],
    ["confirm without a ref", "/confirm", "usage: /confirm <evidence-ref>"],
    ["confirm with two refs", "/confirm abcd efgh", "usage: /confirm <evidence-ref>"],
    ["confirm with a bad ref", "/confirm !!", "`!!` is not an evidence ref"],
    ["reject without a reason", "/reject abcd12", "a reason is required"],
    ["reject with a bad ref", "/reject @@ because", "`@@` is not an evidence ref"],
    [
      "a backtick that would end the quote",
      "/confirm a`@dana`<img/src=x>",
      "`a@dana<img/src=x>` is not an evidence ref",
    ],
    ["exclude without a reason", "/exclude abcd12", "a reason is required"],
    ["include with extra words", "/include abcd12 please", "usage: /include"],
    ["focus without criteria", "/focus", "usage: /focus"],
    ["refresh with arguments", "/refresh now", "usage: /refresh"],
    ["rungs without help", "/rungs", "usage: /rungs help"],
  ])("answers %s with what was wrong", (_name, body, error) => {
    const [first] = commands(body);
    expect(first && "error" in first ? first.error : "no error").toContain(error);
  });

  it("keeps notes short and on one line", () => {
    const [first] = commands(`/evidence x https://e.com/ ${"word ".repeat(100)}`);
    const note = first && "command" in first && first.command.name === "evidence" ? first.command.note : "";
    expect(note.length).toBe(MAX_NOTE);
    expect(note.endsWith("…")).toBe(true);
  });

  it("reads at most MAX_COMMANDS commands from one comment, and says so", () => {
    const parsed = commands("/refresh\n".repeat(MAX_COMMANDS + 5));
    expect(parsed).toHaveLength(MAX_COMMANDS + 1);
    expect(parsed.at(-1)).toMatchObject({ error: expect.stringContaining("more than 20 commands") });
  });

  it.each<[string, string | undefined]>([
    ["https://docs.example.com/a?b=c", "https://docs.example.com/a?b=c"],
    ["http://intranet/x", "http://intranet/x"],
    ["ftp://x", undefined],
    ["javascript:alert(1)", undefined],
    ["docs.example.com", undefined],
    ["https://", undefined],
  ])("asUrl(%s)", (text, url) => {
    expect(asUrl(text)).toBe(url);
  });
});

const profile = (login: string, manager: string | null): Profile => ({
  login,
  level: "IC1",
  manager,
  history: [],
  notes: "",
});
const org = new Map(
  [profile("alice", "dana"), profile("dana", "erin"), profile("erin", null), profile("bob", "dana")].map(
    (p) => [p.login, p],
  ),
);
const admins: Admins = { users: ["Root"], teams: ["people-ops"] };

describe("who may act on an engineer's goals", () => {
  it.each<[string, string, string[], Role[]]>([
    ["the engineer", "alice", [], ["engineer"]],
    ["logins are case-insensitive", "ALICE", [], ["engineer"]],
    ["their manager", "dana", [], ["manager"]],
    ["the manager's manager", "erin", [], ["skip-level"]],
    ["an admin by login", "root", [], ["admin"]],
    ["an admin by team", "zoe", ["People-Ops"], ["admin"]],
    ["a peer", "bob", [], []],
    ["someone in another team", "zoe", ["web"], []],
  ])("%s", (_name, actor, teams, roles) => {
    expect(rolesOf(actor, "alice", org, admins, teams)).toEqual(roles);
  });

  it("gives the top of the organisation no skip-level", () => {
    expect(rolesOf("erin", "dana", org, admins, [])).toEqual(["manager"]);
    expect(rolesOf("dana", "erin", org, admins, [])).toEqual([]);
  });

  it.each<[string, Role[], boolean, boolean]>([
    ["confirm", ["engineer"], false, false],
    ["confirm", ["manager"], true, true],
    ["confirm", ["skip-level"], true, true],
    ["confirm", ["admin"], true, true],
    ["reject", ["engineer"], false, false],
    // An admin (or a manager in a cycle) never judges their own evidence.
    ["reject", ["engineer", "admin"], false, false],
    ["confirm", ["engineer", "manager"], false, false],
    ["promote", ["skip-level"], true, true],
    ["evidence", ["engineer"], true, false],
    ["evidence", [], false, false],
    ["focus", ["engineer"], true, false],
    ["refresh", [], false, false],
  ])("%s by %j: may run %s, confirms own evidence %s", (name, roles, may, confirms) => {
    expect(mayRun(name as Parameters<typeof mayRun>[0], roles)).toBe(may);
    expect(confirmsOwnEvidence(roles)).toBe(confirms);
  });
});

describe("/promote and quoting typed text", () => {
  it("parses /promote with an optional level, and refuses anything else", () => {
    const one = (body: string) => parseCommands(body)[0];
    expect(one("/promote")).toEqual({ line: 1, command: { name: "promote" } });
    expect(one("/promote IC3")).toEqual({ line: 1, command: { name: "promote", target: "IC3" } });
    expect(one("/promote IC3 now")).toMatchObject({ error: "usage: /promote [level]" });
    expect(one("/promote 3rd")).toMatchObject({ error: "`3rd` is not a level" });
    expect(one("/promote M1-x")).toEqual({ line: 1, command: { name: "promote", target: "M1-x" } });
  });

  it("quotes typed text as one short code span: no backticks, no line breaks, clipped", () => {
    expect(code("a`b`c")).toBe("`abc`");
    expect(code("  two\n  lines\t here ")).toBe("`two lines here`");
    expect(code("")).toBe("` `");
    expect(code("x".repeat(70))).toBe(`\`${"x".repeat(59)}…\``);
    expect(code("x".repeat(60))).toBe(`\`${"x".repeat(60)}\``);
  });

  it("takes only http(s) links", () => {
    expect(asUrl("ftp://x.example/a")).toBeUndefined();
    expect(asUrl("https://")).toBeUndefined();
    expect(asUrl("HTTPS://Docs.Example/a")).toBe("https://docs.example/a");
  });
});
