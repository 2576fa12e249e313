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

/** The one function whose bundle carries the backtest engine: its trials replay the whole system. */
export const ENGINE_FUNCTION = 'research/trial';

/** The backtest engine and what only it runs: no bundle but research/trial's carries any of it. */
export const ENGINE_MODULES: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /^lib\/compose\/(backtest|research)\//, what: 'the backtest engine' },
  { pattern: /^lib\/compose\/(functions\/backtest-functions|memory-stores|world-backtest)\.ts$/, what: "the backtest engine's composition" },
  // The report's assumptions quote the simulator's defaults: its broker settings and its news latency.
  { pattern: /^lib\/adapters\/sim\/(?!broker\/sim-broker-config\.ts$|sim-news-source\.ts$)/, what: 'the simulator' },
  { pattern: /^lib\/adapters\/memory\//, what: 'the in-memory stores' },
];

/**
 * The bundle budget of each function, KB: what `npm run build`'s test holds and `npm run bench -- bundles`
 * targets. Bundle size decides cold start; a trial runs for minutes, so its cold start matters little.
 */
export const BUNDLE_BUDGET_KB: { default: number; exceptions: Readonly<Record<string, { kb: number; measuredKb: number; reason: string }>> } = {
  default: 1024,
  exceptions: {
    [ENGINE_FUNCTION]: {
      kb: 1536,
      measuredKb: 1282,
      reason:
        'it carries the whole backtest engine (the tick and six workers, the simulator, the synthetic market, the in-memory stores) besides paper\'s clients; a trial runs for minutes, so ~0.1 s more cold start is noise (DigitalOcean\'s limit is 48 MB)',
    },
  },
};

/** A function's bundle budget in KB. */
export function bundleBudgetKb(fnId: string): number {
  return BUNDLE_BUDGET_KB.exceptions[fnId]?.kb ?? BUNDLE_BUDGET_KB.default;
}

/** Why a function's bundle carries what it should not (empty when it is clean). */
export function bundleProblems(fnId: string, modules: readonly string[]): string[] {
  const engine =
    fnId === ENGINE_FUNCTION ? [] : modules.flatMap((m) => ENGINE_MODULES.filter((f) => f.pattern.test(m)).map((f) => `${fnId} carries ${f.what}, which only ${ENGINE_FUNCTION} may: ${m}`));
  if (!isReadOnly(fnId)) return engine;
  const allowed = ALLOWED[fnId];
  return [
    ...engine,
    ...modules
      .filter((m) => !allowed?.test(m))
      .flatMap((m) => FORBIDDEN_IN_READ_ONLY.filter((f) => f.pattern.test(m)).map((f) => `${fnId} is read-only but its bundle carries ${f.what}: ${m}`)),
  ];
}
