import type { EpochMs } from '../domain/time.ts';

export type NotificationKind = 'fill' | 'exit' | 'halt' | 'error' | 'daily_report' | 'dead_man' | 'operator';

export interface Notification {
  kind: NotificationKind;
  title: string;
  text: string;
  at: EpochMs;
}

/** Where people hear about fills, exits, halts, errors and the daily report. Never throws. */
export interface Notifier {
  notify(n: Notification): Promise<void>;
}
