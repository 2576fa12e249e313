import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const HERE = import.meta.dirname;

describe('Alpaca adapters in a function bundle', () => {
  it('pull_in_the_sdk_rest_entry_and_zod_mini_only', async () => {
    const entry = ['alpaca.broker.ts', 'alpaca.market-data.ts', 'alpaca.news.ts', 'alpaca.client.ts'].map((f) => `export * from './${f}';`).join('\n');
    const result = await build({
      stdin: { contents: entry, resolveDir: HERE, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).map((p) => p.split(path.sep).join('/'));
    // The SDK's root entry loads its WebSocket streaming (ws, msgpack); zod's classic API is 440 KB.
    expect(inputs.filter((p) => /node_modules\/(ws|@msgpack)\//.test(p))).toEqual([]);
    expect(inputs.filter((p) => /node_modules\/zod\/v4\/classic\//.test(p))).toEqual([]);
    expect(inputs.some((p) => p.includes('@alpacahq/alpaca-trade-api/dist/rest.mjs'))).toBe(true);
    expect(result.outputFiles[0]!.contents.length).toBeLessThan(500_000);
  }, 15_000);
});
