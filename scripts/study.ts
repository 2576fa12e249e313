import { fail } from './cli-support.ts';

/**
 * `npm run study -- <subcommand> ...`: research over stored history.
 *   events     what prices did after news, by catalyst, sentiment, session phase and relative volume
 *   lookahead  the same backtest window with and without the history truncated at each decision time
 */
const USAGE = 'usage: npm run study -- events --from YYYY-MM-DD --to YYYY-MM-DD [--symbols A,B] [--json FILE] [--synthetic]\n       npm run study -- lookahead --from YYYY-MM-DD --to YYYY-MM-DD [--symbols A,B] [--synthetic]';

const sub = process.argv[2];
if (sub === 'events') await import('./study-events.ts');
else if (sub === 'lookahead') await import('./study-lookahead.ts');
else fail(`${sub === undefined ? 'a subcommand is required' : `unknown subcommand ${sub}`}: expected events or lookahead\n${USAGE}`, sub === '--help' ? 0 : 2);
