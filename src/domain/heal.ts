/** A webhook delivery as GitHub lists it for the app (GET /app/hook/deliveries). */
export interface HookDelivery {
  id: number;
  guid: string;
  deliveredAt: number;
  statusCode: number;
  event: string;
  action: string | null;
  redelivery: boolean;
}

export const deliveredOk = (d: Pick<HookDelivery, "statusCode">): boolean =>
  d.statusCode >= 200 && d.statusCode < 300;

/**
 * Which deliveries to ask GitHub to send again: for each delivery (guid) that never reached the app
 * successfully — neither first time nor on any redelivery — its latest failed attempt, once. Oldest first,
 * so the app hears them in the order they happened.
 */
export const deliveriesToRedeliver = (deliveries: readonly HookDelivery[]): HookDelivery[] => {
  const healed = new Set(deliveries.filter(deliveredOk).map((d) => d.guid));
  const latest = new Map<string, HookDelivery>();
  for (const d of deliveries) {
    if (healed.has(d.guid)) continue;
    const seen = latest.get(d.guid);
    if (!seen || d.deliveredAt > seen.deliveredAt || (d.deliveredAt === seen.deliveredAt && d.id > seen.id))
      latest.set(d.guid, d);
  }
  return [...latest.values()].sort((a, b) => a.deliveredAt - b.deliveredAt || a.id - b.id);
};
