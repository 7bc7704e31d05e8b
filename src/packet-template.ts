import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./cli/files.js";

/**
 * The promotion packet's template (templates/promotion-packet.md), read once. Beside deps.ts's
 * templates until the packet is wired into the app, when it can join `Templates`.
 */
let cached: string | undefined;
export const loadPacketTemplate = (): string => {
  cached ??= readFileSync(join(projectRoot(), "templates", "promotion-packet.md"), "utf8");
  return cached;
};
