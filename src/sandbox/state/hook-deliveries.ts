/** One attempt to deliver a webhook to the app, as GitHub's "Recent Deliveries" lists it. */
export interface HookDeliveryRecord {
  id: number;
  guid: string;
  deliveredAt: number;
  redelivery: boolean;
  /** Seconds the app took to answer. */
  duration: number;
  /** "OK" for a 2xx answer, otherwise what went wrong ("Invalid HTTP Response: 502", "timed out"). */
  status: string;
  /** The app's HTTP status; 0 when it never answered. */
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  /** Kept so the delivery can be sent again. */
  payload: Record<string, unknown>;
}

/** Sends a delivery to the app again; answers the app's HTTP status (0 when it never answered). */
export type Redeliver = (delivery: {
  guid: string;
  event: string;
  payload: Record<string, unknown>;
}) => Promise<number>;

const statusText = (code: number): string =>
  code >= 200 && code < 300 ? "OK" : code === 0 ? "timed out" : `Invalid HTTP Response: ${code}`;

/** The app's webhook deliveries, oldest first, and how a redelivery reaches the app. */
export class HookDeliveries {
  readonly all: HookDeliveryRecord[] = [];
  redeliver: Redeliver | undefined;

  /** Delivery ids: a sequence of their own, so recording deliveries shifts no other id. */
  private next = 12_000_000_001;

  record(spec: {
    guid: string;
    event: string;
    payload: Record<string, unknown>;
    statusCode: number;
    at: number;
    redelivery?: boolean;
  }): HookDeliveryRecord {
    const action = typeof spec.payload.action === "string" ? spec.payload.action : null;
    const installation = spec.payload.installation as { id?: unknown } | undefined;
    const repository = spec.payload.repository as { id?: unknown } | undefined;
    const record: HookDeliveryRecord = {
      id: this.next++,
      guid: spec.guid,
      deliveredAt: spec.at,
      redelivery: spec.redelivery ?? false,
      duration: spec.statusCode === 0 ? 10 : 0.25,
      status: statusText(spec.statusCode),
      statusCode: spec.statusCode,
      event: spec.event,
      action,
      installationId: typeof installation?.id === "number" ? installation.id : null,
      repositoryId: typeof repository?.id === "number" ? repository.id : null,
      payload: spec.payload,
    };
    this.all.push(record);
    return record;
  }
}
