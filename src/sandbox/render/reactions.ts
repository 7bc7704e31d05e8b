import type { ReactionRecord } from "../state/records.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { renderUser } from "./user.js";

const CONTENTS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket"] as const;

/** The `reactions` roll-up GitHub puts on issues and comments. */
export const renderReactionRollup = (url: string, reactions: ReactionRecord[]) => {
  const counts = Object.fromEntries(
    CONTENTS.map((c) => [c, reactions.filter((r) => r.content === c).length]),
  );
  return { url: `${url}/reactions`, total_count: reactions.length, ...counts };
};

export const renderReaction = (world: World, reaction: ReactionRecord) => ({
  id: reaction.id,
  node_id: reaction.nodeId,
  user: renderUser(world, reaction.author),
  content: reaction.content,
  created_at: isoSeconds(reaction.createdAt),
});

export const isReactionContent = (value: string): boolean => (CONTENTS as readonly string[]).includes(value);
