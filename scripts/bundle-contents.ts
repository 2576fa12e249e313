import type { Metafile } from 'esbuild';

/**
 * The project's own modules whose code is in a bundle (the output's inputs with bytes in it: a module esbuild
 * reached but tree-shook away entirely is not carried), repository-relative, sorted.
 */
export function projectModules(metafile: Metafile): string[] {
  const carried = Object.values(metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f));
  return [...new Set(carried)].filter((f) => !f.includes('node_modules/') && !f.startsWith('<')).sort();
}

/** Functions that only read: the dashboard's reporting views, metrics and health. */
export function isReadOnly(fnId: string): boolean {
  return fnId.startsWith('reporting/') && fnId !== 'reporting/auth';
}

/** What a read-only function must never carry: writers of trading or news state, and brokers. */
export const FORBIDDEN_IN_READ_ONLY: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /^lib\/adapters\/postgres\/trading\/(snapshot|intents|audit|state)\.repo\.ts$/, what: 'a trading writer (reconcile, intents, audit, state)' },
  { pattern: /^lib\/adapters\/postgres\/trading\/trading-store\.ts$/, what: 'the trading store (a writer)' },
  { pattern: /^lib\/adapters\/postgres\/news\.repo\.ts$/, what: 'the news store (a writer)' },
  { pattern: /^lib\/adapters\/postgres\/analysis\.repo\.ts$/, what: 'the analysis store (a writer)' },
  { pattern: /^lib\/adapters\/postgres\/cycles\.repo\.ts$/, what: 'the cycle store (a writer)' },
  { pattern: /^lib\/adapters\/postgres\/research(-archive)?\.repo\.ts$/, what: 'a research store (a writer)' },
  { pattern: /^lib\/adapters\/alpaca\/.*broker/, what: 'a broker' },
  // sim-broker-config.ts holds only the simulator's default settings (the report's assumptions quote them), no broker.
  { pattern: /^lib\/adapters\/sim\/broker\/(?!sim-broker-config\.ts$)/, what: 'the simulated broker' },
  { pattern: /^lib\/app\/trading\//, what: 'a trading use case' },
];

/** reporting/health probes the broker (its clock, Alpaca's request budget): a broker is what it checks. */
const ALLOWED: Readonly<Record<string, RegExp>> = { 'reporting/health': /^lib\/adapters\/alpaca\/.*broker/ };

/** Why a function's bundle carries what it should not (empty when it is clean). */
export function bundleProblems(fnId: string, modules: readonly string[]): string[] {
  if (!isReadOnly(fnId)) return [];
  const allowed = ALLOWED[fnId];
  return modules
    .filter((m) => !allowed?.test(m))
    .flatMap((m) => FORBIDDEN_IN_READ_ONLY.filter((f) => f.pattern.test(m)).map((f) => `${fnId} is read-only but its bundle carries ${f.what}: ${m}`));
}
