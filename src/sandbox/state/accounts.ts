import type { IdSequence } from "./ids.js";
import { legacyNodeId } from "./ids.js";

export type AccountType = "User" | "Bot" | "Organization";

export interface Account {
  login: string;
  id: number;
  nodeId: string;
  type: AccountType;
}

/** Everyone the sandbox has met, by login. Bots are recognised by GitHub's "[bot]" suffix. */
export class Accounts {
  private readonly byLogin = new Map<string, Account>();
  constructor(private readonly ids: IdSequence) {}

  /** The account for a login, created on first sight; a payload's id and type win when first seen. */
  get(login: string, seen?: { id?: number; type?: string; nodeId?: string }): Account {
    const key = login.toLowerCase();
    const known = this.byLogin.get(key);
    if (known) return known;
    const type = accountType(login, seen?.type);
    const id = seen?.id ?? this.ids.take();
    const account = { login, id, type, nodeId: seen?.nodeId ?? legacyNodeId(type, id) };
    this.byLogin.set(key, account);
    return account;
  }
}

const accountType = (login: string, hint: string | undefined): AccountType => {
  if (hint === "Organization" || hint === "Bot" || hint === "User") return hint;
  return login.endsWith("[bot]") ? "Bot" : "User";
};
