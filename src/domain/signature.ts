import { createHmac, timingSafeEqual } from "node:crypto";
import type { EvidenceItem } from "./evidence.js";

/**
 * Items the app observed are signed with a key only the app holds: an HMAC over the item (without its
 * signature), the person and the quarter. A signature binds an item to its ledger, so an item typed by
 * hand, edited, or copied from someone else's ledger or another quarter does not verify, and does not
 * count. HMAC is deterministic and does no I/O: the domain stays pure. See docs/metrics.md#trust.
 */
export interface Signer {
  sign(item: EvidenceItem, login: string, quarter: string): EvidenceItem;
  verify(item: EvidenceItem, login: string, quarter: string): boolean;
  /** A seal over any record the app keeps in the career repo (a held delivery), so a typed one is refused. */
  seal(record: unknown): string;
  sealed(record: unknown, seal: string): boolean;
}

/** JSON with keys in a fixed order, so the same item always signs the same. */
export const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
};

const unsigned = (item: EvidenceItem): EvidenceItem => {
  const { sig: _sig, ...provenance } = item.provenance;
  return { ...item, provenance } as EvidenceItem;
};

export const signer = (key: string): Signer => {
  const verified = new WeakMap<EvidenceItem, Map<string, boolean>>();
  const mac = (item: EvidenceItem, login: string, quarter: string) =>
    createHmac("sha256", key)
      .update(`rungs-evidence-v1\n${login.toLowerCase()}\n${quarter}\n${canonical(unsigned(item))}`)
      .digest("base64url");
  const sealOf = (record: unknown) =>
    createHmac("sha256", key)
      .update(`rungs-record-v1\n${canonical(record)}`)
      .digest("base64url");
  const same = (a: string, b: string) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  };
  return {
    seal: sealOf,
    sealed: (record, seal) => same(sealOf(record), seal),
    sign: (item, login, quarter) =>
      ({ ...item, provenance: { ...item.provenance, sig: mac(item, login, quarter) } }) as EvidenceItem,
    verify: (item, login, quarter) => {
      const sig = item.provenance.sig;
      if (!sig) return false;
      // Items are values, never changed in place: a parsed ledger file read again unchanged gives the
      // same objects (usecases/parsed-files.ts), so each is checked once, not with every event.
      const owner = `${login.toLowerCase()}\n${quarter}\n${sig}`;
      const known = verified.get(item)?.get(owner);
      if (known !== undefined) return known;
      const want = Buffer.from(mac(item, login, quarter));
      const got = Buffer.from(sig);
      const ok = want.length === got.length && timingSafeEqual(want, got);
      const byOwner = verified.get(item) ?? new Map<string, boolean>();
      verified.set(item, byOwner.set(owner, ok));
      return ok;
    },
  };
};

/** Whether an item counts, and if not, why. */
export type Trust = "counted" | "unverified" | "claimed" | "rejected" | "excluded";

/**
 * Observed items count when their signature verifies; items people added are claims until someone
 * allowed to confirm them did (the confirmation is signed with the item, by the app).
 */
export const trustOf = (item: EvidenceItem, login: string, quarter: string, s: Signer | undefined): Trust => {
  const verified = s?.verify(item, login, quarter) ?? false;
  // A decision counts only as the app recorded it (signed with the item); a typed one is no decision.
  if (verified && item.excluded) return "excluded";
  if (item.kind === "manual") {
    if (verified && item.rejected) return "rejected";
    return item.confirmed && verified ? "counted" : "claimed";
  }
  if (item.provenance.source !== "observed") return "claimed";
  return verified ? "counted" : "unverified";
};
