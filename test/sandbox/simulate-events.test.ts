import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deliveryLines, PackedLines, parseDeliveries } from "../../src/simulate/deliveries.js";

// `rungs simulate` holds its events file compressed (PackedLines) and parses one line at a time, so a long
// stream costs the in-memory GitHub's state, not the file: these pin that nothing is lost on the way.
describe("the events of a simulation, held compressed", () => {
  const delivery = (i: number) =>
    JSON.stringify({
      id: `d-${i}`,
      name: "issues",
      payload: { action: "opened", n: i, pad: "x".repeat(i % 97) },
    });

  it("gives back exactly the lines of the text, across pieces of a megabyte", () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => (i % 7 === 3 ? "" : delivery(i)));
    const text = `${lines.join("\n")}\n`;
    expect(text.length).toBeGreaterThan(3 * 1024 * 1024);
    expect([...PackedLines.of([text]).lines()]).toEqual(text.split("\n"));
  });

  it("reads a file a megabyte at a time into the same lines, characters split across reads included", () => {
    const dir = mkdtempSync(join(tmpdir(), "rungs-packed-lines-"));
    try {
      // 3-byte and 4-byte characters at every offset, so reads cut through them.
      const lines = Array.from({ length: 40_000 }, (_, i) => `${"✓".repeat(i % 5)}${delivery(i)}𝄞`);
      const text = lines.join("\n");
      const file = join(dir, "events.jsonl");
      writeFileSync(file, text);
      expect([...PackedLines.fromFile(file).lines()]).toEqual(text.split("\n"));
      writeFileSync(file, "");
      expect([...PackedLines.fromFile(file).lines()]).toEqual([""]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("drains once: the same lines, then none", () => {
    const text = Array.from({ length: 20_000 }, (_, i) => delivery(i)).join("\n");
    const packed = PackedLines.of([text]);
    expect([...packed.lines()].slice(0, 3)).toEqual(text.split("\n").slice(0, 3));
    expect([...packed.drain()]).toEqual(text.split("\n"));
    expect([...packed.drain()]).toEqual([]);
    expect([...packed.lines()]).toEqual([]);
  });

  it("keeps a text given in parts as the whole text", () => {
    const text = Array.from({ length: 20_000 }, (_, i) => delivery(i)).join("\n");
    const parts = [
      text.slice(0, 5),
      text.slice(5, 1_500_000),
      text.slice(1_500_000, 1_500_001),
      text.slice(1_500_001),
    ];
    expect([...PackedLines.of(parts).lines()]).toEqual(text.split("\n"));
  });

  it("keeps texts that UTF-8 cannot carry, and the edges of splitting", () => {
    for (const text of ["", "\n", "a", "a\n", "\n\nb", "é ✓ 𝄞\nlone \uD834 high", "lone \uDD1E low\n"])
      expect([...PackedLines.of([text]).lines()]).toEqual(text.split("\n"));
    const big = `${"y".repeat(1024 * 1024)}\n\uD800\n${"z".repeat(1024 * 1024)}`;
    expect([...PackedLines.of([big]).lines()]).toEqual(big.split("\n"));
  });

  it("numbers lines and reports bad ones as parsing the whole text does", () => {
    const text = [
      delivery(1),
      "",
      "{not json",
      delivery(2),
      '{"id":"x","name":"nope","payload":{}}',
      "",
    ].join("\n");
    expect([...deliveryLines(PackedLines.of([text]).lines())]).toEqual(parseDeliveries(text));
    expect(parseDeliveries(text).map((l) => l.line)).toEqual([1, 3, 4, 5]);
  });
});
