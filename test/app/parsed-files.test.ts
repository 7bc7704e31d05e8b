import { describe, expect, it } from "vitest";
import { ok } from "../../src/domain/problem.js";
import { parsedFilesMemo } from "../../src/usecases/parsed-files.js";

const shard = (n: number) => ok({ login: "alice", quarter: "2026-Q4", items: [], n });

describe("parsedFilesMemo", () => {
  it("parses a file once while it is remembered, and again once its share of the memory is needed", () => {
    const memo = parsedFilesMemo(1000);
    let parses = 0;
    const read = (key: string, size: number) =>
      memo.shard(key, size, () => {
        parses++;
        return shard(parses);
      });
    const first = read("a@1", 90);
    expect(read("a@1", 90)).toBe(first);
    expect(parses).toBe(1);
    // Eleven more files of 90: past 1,000 the least recently used ("a", then "b") are forgotten.
    for (let i = 0; i < 11; i++) read(`f${i}@1`, 90);
    expect(parses).toBe(12);
    read("a@1", 90);
    expect(parses).toBe(13);
    // "f10" was used last: still remembered.
    read("f10@1", 90);
    expect(parses).toBe(13);
  });

  it("never remembers a file larger than a tenth of its memory", () => {
    const memo = parsedFilesMemo(1000);
    let parses = 0;
    const big = () =>
      memo.shard("big@1", 101, () => {
        parses++;
        return shard(parses);
      });
    big();
    big();
    expect(parses).toBe(2);
  });
});
