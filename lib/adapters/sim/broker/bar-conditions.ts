import type { Bar, Quote } from '../../../domain/market.ts';
import type { EngineContext } from './engine-context.ts';
import { halfSpreadOf, seededDraw, type BarConditions } from './fill-model.ts';
import type { SimOrder } from './sim-state.ts';

/**
 * The spread and touch draws around one bar for one order, read only if the order may execute (a quote
 * lookup is not free). One instance is reused across the matching loop: it sits on the replay's hottest path.
 */
export class Conditions implements BarConditions {
  private o!: SimOrder;
  private bar!: Bar;
  private cached: Quote | null | undefined;

  constructor(private readonly ctx: EngineContext) {}

  at(o: SimOrder, bar: Bar): this {
    this.o = o;
    this.bar = bar;
    this.cached = undefined;
    return this;
  }

  /** The quote in force when the bar starts: the one an order executing at the bar's open meets. */
  private inForce(): Quote | null {
    if (this.cached === undefined) this.cached = this.ctx.feed.quoteAt(this.o.symbol, this.bar.t);
    return this.cached;
  }

  quote(): Quote | null {
    return this.ctx.config.crossSpread ? this.inForce() : null;
  }

  halfSpread(): number {
    return this.ctx.config.crossSpread ? halfSpreadOf(this.inForce(), this.ctx.config.fallbackSpreadBps) : 0;
  }

  touchFills(): boolean {
    const p = this.ctx.config.touchFillProbability;
    return p > 0 && seededDraw(this.ctx.config.fillSeed, this.o.id, this.bar.t) < p;
  }
}

const STOP_TYPES: ReadonlySet<SimOrder['type']> = new Set(['stop', 'stop_limit', 'trailing_stop']);

/**
 * A symbol's working orders in the order a bar is offered to them: stops first. One bar that reaches both a
 * bracket's stop and its target books the stop (minute bars do not show which came first).
 */
export function stopsFirst(list: readonly SimOrder[]): SimOrder[] {
  let stops = 0;
  for (let i = 0; i < list.length; i++) if (STOP_TYPES.has(list[i]!.type)) stops++;
  if (stops === 0 || stops === list.length) return list.slice();
  const out: SimOrder[] = [];
  for (let i = 0; i < list.length; i++) if (STOP_TYPES.has(list[i]!.type)) out.push(list[i]!);
  for (let i = 0; i < list.length; i++) if (!STOP_TYPES.has(list[i]!.type)) out.push(list[i]!);
  return out;
}
