import { deliveriesToRedeliver, type HookDelivery } from "../domain/heal.js";
import { deliveriesSince, redeliver } from "../github/hook-deliveries.js";
import type { GitHub, Logger } from "../github/types.js";

export interface HealResult {
  /** Deliveries GitHub listed in the window. */
  examined: number;
  /** Attempts that failed, of deliveries that later went through (nothing to do for them). */
  alreadyHealed: number;
  redelivered: HookDelivery[];
  /** Redeliveries GitHub refused (logged with the reason); the next heal tries them again. */
  refused: { delivery: HookDelivery; reason: string }[];
}

/**
 * `rungs heal`: GitHub does not redeliver failed webhooks by itself. Lists the app's deliveries since a
 * time and asks GitHub to send each one that never went through again, once; the ledger writes are
 * idempotent, so a delivery that did land after all changes nothing.
 */
export const heal = async (github: GitHub, since: number, log: Logger): Promise<HealResult> => {
  const deliveries = await deliveriesSince(github, since);
  const due = deliveriesToRedeliver(deliveries);
  const failedGuids = new Set(
    deliveries.filter((d) => d.statusCode < 200 || d.statusCode >= 300).map((d) => d.guid),
  );
  const result: HealResult = {
    examined: deliveries.length,
    alreadyHealed: [...failedGuids].filter((g) => !due.some((d) => d.guid === g)).length,
    redelivered: [],
    refused: [],
  };
  for (const delivery of due) {
    try {
      await redeliver(github, delivery.id);
      result.redelivered.push(delivery);
      log.info({ guid: delivery.guid, event: delivery.event }, "redelivery requested");
    } catch (e) {
      const reason = e instanceof Error ? (e.message.split("\n")[0] ?? e.message) : String(e);
      result.refused.push({ delivery, reason });
      log.warn({ guid: delivery.guid, reason }, "GitHub refused the redelivery");
    }
  }
  return result;
};
