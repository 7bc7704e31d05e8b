import type { HookDelivery } from "../domain/heal.js";
import type { GitHub } from "./types.js";

/**
 * The app's webhook deliveries since a time, newest first as GitHub lists them, paged by cursor until a
 * page reaches back past `since`. Needs the app's own credential (a JWT), not an installation's.
 */
export const deliveriesSince = async (github: GitHub, since: number): Promise<HookDelivery[]> => {
  const found: HookDelivery[] = [];
  for await (const page of github.paginate.iterator(github.rest.apps.listWebhookDeliveries, {
    per_page: 100,
  })) {
    let older = false;
    for (const d of page.data) {
      const at = Date.parse(d.delivered_at);
      if (at < since) {
        older = true;
        continue;
      }
      found.push({
        id: Number(d.id),
        guid: d.guid,
        deliveredAt: at,
        statusCode: d.status_code,
        event: d.event,
        action: d.action,
        redelivery: d.redelivery,
      });
    }
    if (older) break;
  }
  return found;
};

/** Asks GitHub to send a delivery again (it answers 202 and delivers it on its own time). */
export const redeliver = async (github: GitHub, deliveryId: number): Promise<void> => {
  await github.rest.apps.redeliverWebhookDelivery({ delivery_id: deliveryId });
};
