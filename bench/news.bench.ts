import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Asset } from '../lib/domain/market.ts';
import { analyseNews } from '../lib/domain/news/analyse-news.ts';
import { classifyCatalyst } from '../lib/domain/news/catalyst.ts';
import { evaluateLabels, SENTIMENT_LABELS } from '../lib/domain/news/classification-metrics.ts';
import { parseSentimentCsv } from '../lib/domain/news/sentiment-dataset.ts';
import { scoreRules, scoreSentiment } from '../lib/domain/news/sentiment.ts';
import { buildTickerIndex } from '../lib/domain/news/ticker-link.ts';
import { printFigures, printSection } from './report.ts';
import { sharedData } from '../test/support/shared-data.ts';

// Real data beside the checkout (../shared/data, see its README); never copied into the repository.
const DATA = sharedData() + '/';
const VALID = `${DATA}sentiment/sent_valid.csv`;
const STOCKS = `${DATA}bars/daily/StockTable.tsv`;

/**
 * Runs `fn` over `texts` in rounds of about `ms` of CPU time, ROUNDS times; returns items per CPU second of
 * this (single) thread from the fastest round, and per wall-clock second. On a shared machine neighbours
 * slow every round (cache and core contention show up even in CPU time); the fastest round is the least
 * disturbed estimate of what the code costs, as timeit and benchmark.js report.
 */
const ROUNDS = 5;
function throughput(texts: readonly string[], fn: (t: string) => unknown, ms = 400): { cpu: number; wall: number } {
  for (let r = 0; r < 2; r += 1) for (const t of texts) fn(t); // warm-up: let the JIT compile the hot paths
  let best = 0;
  let wallBest = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    let n = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const cpuMs = () => {
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    while (cpuMs() < ms) {
      for (const t of texts) fn(t);
      n += texts.length;
    }
    best = Math.max(best, n / (cpuMs() / 1000));
    wallBest = Math.max(wallBest, n / ((performance.now() - t0) / 1000));
  }
  return { cpu: Math.round(best), wall: Math.round(wallBest) };
}

/** 10,000 assets: the 88 real companies of StockTable.tsv plus generated names, to time a full-size index. */
function tenThousandAssets(): Asset[] {
  const base = { exchange: 'NASDAQ', assetClass: 'us_equity' as const, status: 'active' as const, tradable: true, shortable: true, easyToBorrow: true, fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1 };
  const real = existsSync(STOCKS)
    ? readFileSync(STOCKS, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')).map(([, sym, name]) => ({ ...base, symbol: sym!.replace(/^\$/, ''), name: `${name} Common Stock` }))
    : [];
  const syllables = ['ka', 'lo', 'mer', 'tri', 'zen', 'vor', 'qua', 'dex', 'pha', 'sol', 'ny', 'tek'];
  const synthetic = Array.from({ length: 10_000 - real.length }, (_, i) => {
    const word = [i % 12, Math.floor(i / 12) % 12, Math.floor(i / 144) % 12, Math.floor(i / 1728) % 12].map((k) => syllables[k]).join('');
    return { ...base, symbol: `Z${i.toString(36).toUpperCase()}`, name: `${word[0]!.toUpperCase()}${word.slice(1)} Holdings, Inc. Class A Common Stock` };
  });
  return [...real, ...synthetic];
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Sentiment quality on sent_valid.csv against always-neutral, and scoring + classification throughput. */
export async function benchNews(): Promise<boolean> {
  printSection('News sentiment on sent_valid.csv (finance tweets; rules and model fitted on sent_train.csv only)');
  if (!existsSync(VALID)) {
    console.log(`  SKIPPED: ${VALID} not found (../shared/data is beside the checkout in development and CI)`);
    return true;
  }
  const rows = parseSentimentCsv(readFileSync(VALID, 'utf8'));
  const truth = rows.map((r) => r.label);
  const texts = rows.map((r) => r.text);
  const scored = texts.map((t) => scoreSentiment(t));
  const report = evaluateLabels(truth, scored.map((x) => x.label));
  const rulesOnly = evaluateLabels(truth, texts.map((t) => scoreRules(t).label));
  const baseline = evaluateLabels(truth, truth.map(() => 'neutral' as const));
  const distinct = new Set(scored.map((x) => x.score)).size;
  const zeros = scored.filter((x) => x.score === 0).length / scored.length;
  let ok = printFigures([
    { name: `always-neutral accuracy (n = ${report.n})`, value: baseline.accuracy, unit: '' },
    { name: 'always-neutral macro-F1', value: baseline.macroF1, unit: '' },
    { name: 'rules alone: accuracy', value: rulesOnly.accuracy, unit: '' },
    { name: 'rules alone: macro-F1', value: rulesOnly.macroF1, unit: '' },
    // Issue 19: 0.82 on the held-out file (0.787 before); the model and its settings were chosen on sent_train only.
    { name: 'accuracy (rules + model)', value: report.accuracy, unit: '', target: { value: 0.82, better: 'higher' } },
    // 0.6: the best off-the-shelf lexicon scorer in shared/reference scores 0.605 on PhraseBank AllAgree.
    { name: 'macro-F1 (rules + model)', value: report.macroF1, unit: '', target: { value: 0.6, better: 'higher' } },
    // Issue 19 found 43 distinct values on a sample of real headlines, a third exactly 0.
    { name: 'distinct scores', value: distinct, unit: '', target: { value: 200, better: 'higher' } },
    { name: 'share of scores exactly 0', value: round3(zeros), unit: '', target: { value: 0.2, better: 'lower' } },
  ]);
  console.log(`  confusion (rows: truth, columns: predicted ${SENTIMENT_LABELS.join(' / ')})`);
  SENTIMENT_LABELS.forEach((l, i) => console.log(`    ${l.padEnd(9)} ${report.confusion[i]!.map((c) => String(c).padStart(6)).join('')}`));
  for (const l of SENTIMENT_LABELS) {
    const c = report.perClass[l];
    console.log(`    ${l.padEnd(9)} precision ${c.precision.toFixed(3)}  recall ${c.recall.toFixed(3)}  F1 ${c.f1.toFixed(3)}  support ${c.support}`);
  }

  printSection(`News analysis throughput (one core, fastest of ${ROUNDS} rounds)`);
  const assets = tenThousandAssets();
  const c0 = process.cpuUsage();
  const index = buildTickerIndex(assets);
  const built = process.cpuUsage(c0);
  const buildMs = (built.user + built.system) / 1000;
  const scoring = throughput(texts, (t) => (scoreSentiment(t), classifyCatalyst(t)));
  const full = throughput(texts, (t) => analyseNews(t, index));
  ok =
    printFigures([
      { name: 'sentiment + catalyst, per CPU second', value: scoring.cpu, unit: 'items/s', target: { value: 20_000, better: 'higher' } },
      { name: 'sentiment + catalyst, per wall-clock second', value: scoring.wall, unit: 'items/s' },
      { name: `ticker index build (${assets.length} assets), CPU time`, value: Math.round(buildMs), unit: 'ms', target: { value: 1000, better: 'lower' } },
      // Issue 19: at least 20,000 items per CPU second with linking against 10,000 assets.
      { name: 'analyseNews + 10,000-asset links, per CPU second', value: full.cpu, unit: 'items/s', target: { value: 20_000, better: 'higher' } },
      { name: 'analyseNews + 10,000-asset links, per wall second', value: full.wall, unit: 'items/s' },
    ]) && ok;
  console.log(`  (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores while measuring)`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await benchNews()) ? 0 : 1;
