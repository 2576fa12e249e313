// Defined under lib/compose (with every function a backtest runs) so that research/trial's bundle can replay the system.
export { main, create } from '../../../lib/compose/functions/trading-reconcile.ts';
