/**
 * The latest cycles a retaining memory store keeps whole, in the order of their first write: opening one
 * more than `keep` retires the oldest, which the store then reduces to what it must still answer for.
 */
export class CycleWindow {
  private readonly live: number[] = [];

  constructor(private readonly keep: number) {
    if (!(Number.isInteger(keep) && keep >= 1)) throw new Error(`keepCycles: expected a whole number of cycles >= 1, got ${keep}`);
  }

  /** Notes a write to `cycleId`; returns the cycle it pushed out of the window, if any. */
  open(cycleId: number): number | undefined {
    if (this.live.includes(cycleId)) return undefined;
    this.live.push(cycleId);
    return this.live.length > this.keep ? this.live.shift() : undefined;
  }
}
