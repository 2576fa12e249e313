import { getEnv, getLogger } from './runtime.ts';
import { stores } from './stores.ts';
import { getWorld } from './world.ts';
import { buildNotifier } from './notifier.ts';
import { analyseItem } from '../app/news/analyse-item.ts';
import type { Asset } from '../domain/market.ts';

let cached: ReturnType<typeof build> | undefined;

function build() {
  const env = getEnv();
  const s = stores();
  const w = getWorld();
  const log = getLogger();
  const notifier = buildNotifier(s.limiter);
  let assetsCache: { at: number; assets: Asset[] } | undefined;
  // The asset list changes once a day: keep it for a minute within a warm container.
  const assets = async () => {
    if (!assetsCache || Date.now() - assetsCache.at > 60_000) assetsCache = { at: Date.now(), assets: await s.analysis.assets({ tradableOnly: true }) };
    return assetsCache.assets;
  };
  return { env, ...s, world: w, log, notifier, assets, analyse: analyseItem };
}

/** Every dependency a function may need, built once per warm container. */
export function deps() {
  cached ??= build();
  return cached;
}

/** Forgets the built dependencies (tests). */
export function resetDeps(): void {
  cached = undefined;
}
