import type { Catalyst } from './market-types.ts';

/**
 * Headline and summary templates per catalyst, in the wire-service styles traders read. Placeholders in
 * braces are filled by the news writer; each catalyst has several so a feed does not repeat itself.
 */
export interface Template {
  headline: string;
  summary: string;
}

export const EQUITY_TEMPLATES: Record<Exclude<Catalyst, 'macro'>, readonly Template[]> = {
  earnings_beat: [
    { headline: '{name} {q} EPS ${eps} Beats ${est} Estimate, Sales ${rev} Beat ${revEst} Estimate', summary: '{name} reported quarterly earnings of ${eps} per share, ahead of the analyst consensus of ${est}, on revenue of ${rev}.' },
    { headline: '{ticker} Tops Street View as {q} Revenue Climbs {growth}%', summary: '{name} posted revenue growth of {growth}% year over year and earnings above expectations, citing strong demand.' },
    { headline: '{name} Shares Rise After Earnings Beat; Margins Expand', summary: 'Gross margin widened in the quarter and the company ended the period with record cash, {name} said.' },
    { headline: 'Earnings Scorecard: {name} ({ticker}) Beats on Top and Bottom Lines', summary: '{q} EPS of ${eps} versus ${est} expected; revenue of ${rev} versus ${revEst} expected.' },
  ],
  earnings_miss: [
    { headline: '{name} {q} EPS ${eps} Misses ${est} Estimate, Sales ${rev} Miss ${revEst} Estimate', summary: '{name} reported quarterly earnings of ${eps} per share, short of the ${est} consensus, as costs rose.' },
    { headline: '{ticker} Falls Short of {q} Expectations on Weak Demand', summary: 'Revenue declined {growth}% from a year earlier; {name} blamed softer orders and inventory corrections.' },
    { headline: '{name} Misses Estimates as Margins Compress', summary: 'Higher input costs and pricing pressure weighed on the quarter, {name} said in its earnings release.' },
  ],
  guidance_raise: [
    { headline: '{name} Raises FY Guidance, Now Sees Revenue ${guideLo}-${guideHi}', summary: 'The company lifted its full-year outlook above the consensus, citing a strong order backlog.' },
    { headline: '{ticker} Boosts Outlook on Strong Demand', summary: '{name} now expects full-year adjusted EPS above prior guidance after a better-than-expected quarter.' },
    { headline: '{name} Lifts Full-Year Forecast; Shares Jump', summary: 'Management raised its annual revenue and profit targets during the earnings call.' },
  ],
  guidance_cut: [
    { headline: '{name} Cuts FY Guidance, Now Sees Revenue ${guideLo}-${guideHi}', summary: 'The company lowered its full-year outlook below the consensus, citing a slowdown in customer spending.' },
    { headline: '{ticker} Slashes Outlook, Warns of Weaker Second Half', summary: '{name} withdrew its prior forecast and now expects lower sales and margins for the year.' },
    { headline: '{name} Lowers Forecast Amid Softening Demand', summary: 'Management reduced its annual targets and announced cost reductions.' },
  ],
  analyst_upgrade: [
    { headline: '{firm} Upgrades {name} to Buy, Raises Price Target to ${pt}', summary: '{firm} upgraded {ticker} from Neutral to Buy and raised its target to ${pt} from ${oldPt}.' },
    { headline: '{name} Upgraded at {firm} on Improving Fundamentals', summary: 'The analyst sees upside to estimates and a re-rating as execution improves.' },
    { headline: '{firm} Turns Bullish on {ticker}, Sees {upside}% Upside', summary: '{firm} moved {name} to Outperform with a ${pt} price target.' },
  ],
  analyst_downgrade: [
    { headline: '{firm} Downgrades {name} to Sell, Lowers Price Target to ${pt}', summary: '{firm} downgraded {ticker} from Neutral to Sell and cut its target to ${pt} from ${oldPt}.' },
    { headline: '{name} Downgraded at {firm} on Valuation Concerns', summary: 'The analyst sees limited upside after the recent run and risks to consensus estimates.' },
    { headline: '{firm} Cuts {ticker} to Underperform', summary: '{firm} moved {name} to Underperform with a ${pt} price target, citing slowing growth.' },
  ],
  fda_approval: [
    { headline: '{name} Announces FDA Approval of {drug} for {indication}', summary: 'The U.S. Food and Drug Administration approved {drug}, the first product of {name} to reach the market.' },
    { headline: '{ticker} Soars After FDA Clears {drug}', summary: '{name} said the FDA granted approval for {drug} in {indication}, ahead of the PDUFA date.' },
    { headline: '{name} Receives FDA Breakthrough Therapy Designation for {drug}', summary: 'The designation covers {drug} in {indication} and may speed its review.' },
  ],
  fda_rejection: [
    { headline: '{name} Receives Complete Response Letter From FDA for {drug}', summary: 'The FDA declined to approve {drug} for {indication} and asked for an additional clinical trial.' },
    { headline: '{ticker} Plunges as {drug} Fails Phase 3 Primary Endpoint', summary: '{name} said {drug} did not meet the primary endpoint in its late-stage study in {indication}.' },
  ],
  merger_acquisition: [
    { headline: '{acquirer} to Acquire {name} for ${dealPrice} Per Share in Cash', summary: 'The deal values {name} at about ${dealValue} and represents a {premium}% premium to the last close.' },
    { headline: '{name} Agrees to Be Acquired by {acquirer} in ${dealValue} Deal', summary: 'Shareholders of {ticker} will receive ${dealPrice} per share; the boards of both companies approved the transaction.' },
    { headline: 'Report: {acquirer} Exploring Takeover of {name}', summary: 'People familiar with the matter said talks are advanced; {name} declined to comment.' },
  ],
  contract_win: [
    { headline: '{name} Awarded ${amount} Contract by {customer}', summary: 'The multi-year agreement with {customer} is the largest in the company\'s history, {name} said.' },
    { headline: '{ticker} Signs Multi-Year Supply Agreement With {customer}', summary: '{name} will supply {customer} under an agreement valued at up to ${amount}.' },
    { headline: '{name} Announces Strategic Partnership With {customer}', summary: 'The partnership expands distribution of {name} products and includes an upfront payment.' },
  ],
  offering: [
    { headline: '{name} Prices ${amount} Public Offering of Common Stock at ${offerPrice}', summary: '{name} is selling {shares} shares at ${offerPrice}, a discount to the last close; proceeds fund operations.' },
    { headline: '{ticker} Announces Proposed Public Offering', summary: '{name} intends to offer shares of common stock in an underwritten public offering; terms were not disclosed.' },
    { headline: '{name} Files to Sell Up to ${amount} in Shares Through At-the-Market Program', summary: 'The filing allows {name} to sell stock from time to time, diluting existing holders.' },
  ],
  legal: [
    { headline: '{name} Faces SEC Investigation Into Accounting Practices', summary: '{name} disclosed in a filing that it received a subpoena from the Securities and Exchange Commission.' },
    { headline: 'Jury Finds {name} Liable in Patent Case, Awards ${amount}', summary: 'A federal jury ruled against {name}; the company said it will appeal.' },
    { headline: 'Class Action Filed Against {name} ({ticker}) on Behalf of Investors', summary: 'The complaint alleges that {name} made misleading statements about its business prospects.' },
  ],
  executive_change: [
    { headline: '{name} CEO {person} to Step Down; Company Begins Search', summary: '{person} will remain in the role until a successor is named, {name} said.' },
    { headline: '{name} Appoints {person} as Chief Financial Officer', summary: '{person} joins {name} from a larger industry peer and succeeds the retiring CFO.' },
    { headline: '{ticker} Announces Leadership Transition', summary: '{name} named {person} chief executive, effective immediately.' },
  ],
  buyback: [
    { headline: '{name} Announces ${amount} Share Repurchase Program', summary: 'The board of {name} authorised the buyback, which has no expiration date.' },
    { headline: '{ticker} Board Approves New Buyback, Raises Dividend', summary: '{name} will repurchase up to ${amount} of stock and lift its quarterly dividend.' },
  ],
  noise: [
    { headline: '{name} to Present at Upcoming Investor Conference', summary: 'Management of {name} will present and host one-on-one meetings with investors.' },
    { headline: '{name} Announces Date for {q} Earnings Release and Conference Call', summary: '{name} will report results after the market close and host a call at 5:00 p.m. ET.' },
    { headline: '{name} Declares Regular Quarterly Dividend', summary: 'The dividend is payable next month to shareholders of record.' },
    { headline: 'Options Activity: Unusual Call Volume in {ticker}', summary: 'Traders bought calls on {name}; open interest remains modest.' },
    { headline: '{name} Publishes Annual Sustainability Report', summary: 'The report details the emissions goals and workforce programs of {name}.' },
    { headline: '{name} Opens New Office to Support Growth', summary: '{name} said the new site will house engineering and customer support staff.' },
  ],
};

export const CRYPTO_TEMPLATES: Partial<Record<Catalyst, readonly Template[]>> = {
  legal: [
    { headline: 'Regulators Propose Stricter Rules for {coin} Trading Platforms', summary: 'The proposal would tighten custody and disclosure requirements for exchanges listing {coin}.' },
    { headline: 'SEC Sues Major Exchange Over {coin} Lending Product', summary: 'The complaint alleges the product was an unregistered security.' },
  ],
  contract_win: [
    { headline: 'Payments Giant to Accept {coin} at Checkout', summary: 'The rollout will let merchants settle in {coin} starting next quarter.' },
    { headline: '{coin} ETF Sees Record Inflows', summary: 'Spot {coin} funds took in more money than on any day since launch.' },
  ],
  noise: [
    { headline: '{coin} Network Activity Steady Ahead of Upgrade', summary: 'Developers said testing of the upgrade is on schedule.' },
    { headline: 'What Analysts Are Watching in {coin} This Week', summary: 'Funding rates and exchange balances are little changed.' },
  ],
};

/** Macro releases by their usual New York slot: data at 8:30, surveys at 10:00, the Fed at 14:00. */
export const MACRO_TEMPLATES: Record<'data' | 'survey' | 'fed', { up: readonly Template[]; down: readonly Template[] }> = {
  data: {
    up: [
      { headline: 'US Consumer Prices Rise {cpi}% in {month}, Cooler Than Expected', summary: 'The softer inflation reading raised bets on rate cuts; Treasury yields fell.' },
      { headline: 'US Economy Adds {jobs}K Jobs in {month}, Beating Forecasts', summary: 'Payrolls rose more than economists expected while wage growth moderated.' },
      { headline: 'US Retail Sales Jump {retail}% in {month}', summary: 'Consumer spending was stronger than expected across most categories.' },
    ],
    down: [
      { headline: 'US Consumer Prices Rise {cpi}% in {month}, Hotter Than Expected', summary: 'The firmer inflation reading pushed back rate-cut expectations; yields climbed.' },
      { headline: 'US Economy Adds Just {jobs}K Jobs in {month}, Missing Forecasts', summary: 'Hiring slowed sharply and the unemployment rate ticked up.' },
      { headline: 'Weekly Jobless Claims Jump to Highest in a Year', summary: 'Initial claims for unemployment benefits rose more than economists expected.' },
    ],
  },
  survey: {
    up: [
      { headline: 'ISM Services Index Rises to {pmiUp}, Beating Estimates', summary: 'Business activity and new orders accelerated in {month}.' },
      { headline: 'Consumer Confidence Climbs to Six-Month High', summary: 'Households grew more upbeat about jobs and incomes.' },
    ],
    down: [
      { headline: 'ISM Manufacturing Index Falls to {pmi}, Signalling Contraction', summary: 'New orders declined for a third month as factories cut output.' },
      { headline: 'Consumer Sentiment Slumps on Inflation Worries', summary: 'Expectations for the year ahead fell to the lowest level since last spring.' },
    ],
  },
  fed: {
    up: [
      { headline: 'Fed Holds Rates Steady, Signals Cuts Ahead', summary: 'Policy makers said inflation has eased and they are prepared to lower rates.' },
      { headline: 'Fed Minutes Show Officials Open to Easing Soon', summary: 'Most participants saw rate cuts as appropriate if inflation keeps cooling.' },
    ],
    down: [
      { headline: 'Fed Signals Rates Will Stay Higher for Longer', summary: 'Officials said more evidence of cooling inflation is needed before easing.' },
      { headline: 'Fed Minutes Show Officials Worried About Sticky Inflation', summary: 'Several participants said further tightening could be warranted.' },
    ],
  },
};
