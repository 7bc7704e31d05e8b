import { mulberry32 } from "../prng.js";
import type { FaultRule } from "../types.js";

export type TerminalFault = Exclude<FaultRule["kind"], "latency">;

export interface FaultDecision {
  /** Real milliseconds to wait before answering. */
  latencyMs: number;
  /** The rule whose error answers the request instead of the route, if any. */
  failWith?: FaultRule;
}

/**
 * Decides which requests fail. Each active rule that matches a request draws once from a PRNG seeded
 * by the sandbox seed, so the same seed and the same requests give the same faults.
 */
export class FaultInjector {
  private rules: { rule: FaultRule; injected: number }[] = [];
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, injected: 0 }));
  }

  clear(): void {
    this.rules = [];
  }

  decide(method: string, route: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const entry of this.rules) {
      const { rule } = entry;
      if (!matches(rule, method, route)) continue;
      if (rule.times !== undefined && entry.injected >= rule.times) continue;
      if (this.random() >= (rule.rate ?? 1)) continue;
      entry.injected++;
      if (rule.kind === "latency") {
        decision.latencyMs += rule.latencyMs ?? 0;
        continue;
      }
      decision.failWith = rule;
      break;
    }
    return decision;
  }
}

// A rule's route may be the full template ("GET /repos/{owner}/{repo}") or just its path.
const matches = (rule: FaultRule, method: string, route: string): boolean => {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  if (!rule.route) return true;
  return rule.route === route || rule.route === route.slice(route.indexOf(" ") + 1);
};
