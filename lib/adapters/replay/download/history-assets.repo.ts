import type pg from 'pg';
import * as z from 'zod/mini';
import type { Asset } from '../../../domain/market.ts';

const assetSchema = z.object({
  symbol: z.string().check(z.minLength(1)),
  name: z.string(),
  exchange: z.string(),
  assetClass: z.enum(['us_equity', 'crypto']),
  status: z.enum(['active', 'inactive']),
  tradable: z.boolean(),
  shortable: z.boolean(),
  easyToBorrow: z.boolean(),
  fractionable: z.boolean(),
  marginable: z.boolean(),
  minTradeIncrement: z.number(),
  priceIncrement: z.number(),
  minOrderSize: z.number(),
});

/** Stores the asset records of downloaded symbols (one statement); a record already stored is replaced. */
export async function storeHistoryAssets(pool: pg.Pool, assets: readonly Asset[], at: number): Promise<void> {
  if (assets.length === 0) return;
  await pool.query(
    `INSERT INTO history_assets (symbol, asset, updated_at) SELECT x.symbol, x.asset, $3 FROM unnest($1::text[], $2::jsonb[]) AS x(symbol, asset)
     ON CONFLICT (symbol) DO UPDATE SET asset = EXCLUDED.asset, updated_at = EXCLUDED.updated_at WHERE history_assets.asset IS DISTINCT FROM EXCLUDED.asset`,
    [assets.map((a) => a.symbol), assets.map((a) => JSON.stringify(a)), new Date(at).toISOString()],
  );
}

/** Every stored asset record (none when nothing was downloaded, or the table does not exist yet). */
export async function loadHistoryAssets(pool: pg.Pool): Promise<Asset[]> {
  try {
    const { rows } = await pool.query<{ asset: unknown }>('SELECT asset FROM history_assets ORDER BY symbol');
    return rows.map((r) => assetSchema.parse(r.asset) as Asset);
  } catch (e) {
    if ((e as { code?: string }).code === '42P01') return [];
    throw e;
  }
}
