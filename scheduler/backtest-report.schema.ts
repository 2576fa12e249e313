// The report's schema lives beside the other research documents (the research runs store validates it too).
export * from '../lib/domain/research/backtest-report.schema.ts';
