/** What the study's own figures assume (the backtest's fill and fee assumptions follow them). */
export function studyAssumptions(minTrades: number, sampler: string): string[] {
  return [
    `Walk-forward: rolling in-sample windows; each fold's settings are chosen on its in-sample window only (${sampler === 'halving' ? 'successive halving over growing slices of it' : 'random sampling'}) and judged on the following sessions; out-of-sample windows do not overlap and are joined end to end`,
    `A trial needs at least ${minTrades} trade(s) over its in-sample window to be chosen; a fold with none stays flat out of sample`,
    'DSR: Bailey & Lopez de Prado (2014), the in-sample winner against the best of N = trials sampled, with the variance of the finalists\' Sharpe ratios, skewness and kurtosis of its session returns',
    'PBO: CSCV (Bailey, Borwein, Lopez de Prado & Zhu) over the finalists\' in-sample session returns, up to 16 blocks',
    'Monte Carlo: out-of-sample trades reshuffled on the starting equity, trades assumed independent (clustered losses make real drawdowns deeper)',
  ];
}
