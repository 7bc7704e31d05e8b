/** Hands out database ids in order, so the same story always gets the same ids. */
export class IdSequence {
  private next: number;
  constructor(start: number) {
    this.next = start;
  }
  take(): number {
    return this.next++;
  }
}

/** GitHub's legacy global node id: base64 of "<len>:<Type><id>", e.g. "MDQ6VXNlcjE=" for User 1. */
export const legacyNodeId = (type: string, id: number | string): string =>
  Buffer.from(`${String(type.length).padStart(2, "0")}:${type}${id}`).toString("base64");
