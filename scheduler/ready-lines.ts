import path from 'node:path';
import { newYorkParts } from '../lib/domain/calendar/new-york-time.ts';
import { entriesSent, scanRan } from './console-summary.ts';
import type { TriggerFiring } from './trigger-runner.ts';

/** What the console needs of a started system to tell a person where to look. */
export interface DashboardAccess {
  server: { url: string; webUrl(fnId: string): string };
  /** The one-time password printed for this run, or null when DASHBOARD_PASSWORD_HASH is set. */
  password: string | null;
  stack: { database: 'postgres' | 'embedded'; redis: string };
  project: { functions: readonly { id: string; web?: boolean | 'raw' }[] };
  simClock: string | null;
}

const logIn = (a: DashboardAccess) => (a.password ? `log in with the password ${a.password}` : 'log in with your password (DASHBOARD_PASSWORD_HASH)');

/** The lines `npm start` prints once it runs: the clock, the dashboard (address, how to log in, what it shows), the logs. */
export function readyLines(a: DashboardAccess, logFile?: string): string[] {
  const webFns = a.project.functions.filter((f) => f.web !== false).length;
  const lines = a.simClock ? [`Simulated clock ${a.simClock}`] : [];
  lines.push(
    `Functions: ${a.project.functions.length} (${webFns} on the web); database: ${a.stack.database === 'embedded' ? 'embedded Postgres (PGlite)' : 'PostgreSQL from DATABASE_URL'}; Redis: ${a.stack.redis}`,
    `Dashboard: ${a.server.url}/`,
    `Health:    ${a.server.webUrl('reporting/health')}`,
  );
  if (a.password) lines.push(`Dashboard password for this run: ${a.password}   (set DASHBOARD_PASSWORD_HASH to choose your own: npm run auth:hash)`);
  lines.push(
    `Open ${a.server.url}/ in a browser and ${logIn(a)}: Overview shows the trading state; Trades opens each trade's decision audit (why this entry, why this exit); Candidates and Cycles show why the bot takes or skips each trade.`,
  );
  if (logFile) lines.push(`Logs (JSON lines): ${path.relative(process.cwd(), logFile) || logFile}   (LOG_FORMAT=json prints them here instead)`);
  lines.push('Press Ctrl+C to stop.');
  return lines;
}

const nyClock = (t: number) => {
  const p = newYorkParts(t);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')} ET`;
};

/**
 * Console lines beyond each tick's summary, said once each: after the first scan that sent nothing, where
 * the dashboard shows why; at the first entry, where to see why it traded.
 */
export function tickNarrator(access: () => DashboardAccess): (e: TriggerFiring) => string[] {
  let toldNoEntry = false;
  let toldEntry = false;
  return (e) => {
    if (e.skipped || toldEntry) return [];
    const a = access();
    if (entriesSent(e) > 0) {
      toldEntry = true;
      return [`First entry sent at ${nyClock(e.at)}. Why it traded: open ${a.server.url}/#/trades (or #/positions) and ${logIn(a)}; each trade opens its decision audit.`];
    }
    if (!toldNoEntry && scanRan(e)) {
      toldNoEntry = true;
      return [`No entry yet at ${nyClock(e.at)}. Why not: open ${a.server.url}/#/candidates and ${logIn(a)}; each candidate shows its signal and what it lacks.`];
    }
    return [];
  };
}
