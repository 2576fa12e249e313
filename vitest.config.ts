import net from 'node:net';
import { defineConfig } from 'vitest/config';

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection({ host: '127.0.0.1', port });
    s.setTimeout(400, () => (s.destroy(), resolve(false)));
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

export default defineConfig(async () => {
  // Embedded Postgres is one session: test files must then run one at a time.
  const realPostgres = await reachable(5432);
  return {
    test: {
      include: ['test/**/*.test.ts', 'lib/**/*.test.ts', 'scheduler/**/*.test.ts', 'packages/**/*.test.ts'],
      globalSetup: ['test/global-setup.ts'],
      fileParallelism: realPostgres,
      testTimeout: 20_000,
      hookTimeout: 60_000,
      pool: 'forks',
    },
  };
});
