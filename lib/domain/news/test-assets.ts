// Assets for the news tests, built the way the broker adapter builds them (names as Alpaca lists them).
import type { Asset } from '../market.ts';

export function testAsset(symbol: string, name: string): Asset {
  return {
    symbol, name, exchange: 'NASDAQ', assetClass: 'us_equity', status: 'active', tradable: true, shortable: true, easyToBorrow: true,
    fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1,
  };
}

/** Real listed names, including the ones whose tickers are everyday abbreviations (AI, EU, IPO). */
export const NEWS_TEST_ASSETS: Asset[] = [
  ['AAPL', 'Apple Inc. Common Stock'], ['AI', 'C3.ai, Inc. Class A Common Stock'], ['EU', 'enCore Energy Corp. Common Shares'],
  ['IPO', 'Renaissance IPO ETF'], ['TSLA', 'Tesla, Inc. Common Stock'], ['GS', 'Goldman Sachs Group, Inc. (The) Common Stock'],
  ['NVDA', 'NVIDIA Corporation Common Stock'], ['MSFT', 'Microsoft Corporation Common Stock'], ['F', 'Ford Motor Company Common Stock'],
  ['GM', 'General Motors Company Common Stock'], ['ATVI', 'Activision Blizzard, Inc. Common Stock'], ['CCL', 'Carnival Corporation Common Stock'],
  ['RCL', 'Royal Caribbean Cruises Ltd. Common Stock'], ['MS', 'Morgan Stanley Common Stock'], ['AMD', 'Advanced Micro Devices, Inc. Common Stock'],
  ['INTC', 'Intel Corporation Common Stock'], ['TGT', 'Target Corporation Common Stock'], ['WMT', 'Walmart Inc. Common Stock'],
  ['AMZN', 'Amazon.com, Inc. Common Stock'], ['GOOGL', 'Alphabet Inc. Class A Common Stock'], ['META', 'Meta Platforms, Inc. Class A Common Stock'],
  ['JPM', 'JPMorgan Chase & Co. Common Stock'], ['BAC', 'Bank of America Corporation Common Stock'], ['C', 'Citigroup, Inc. Common Stock'],
  ['PFE', 'Pfizer, Inc. Common Stock'], ['MRK', 'Merck & Company, Inc. Common Stock'], ['BA', 'Boeing Company (The) Common Stock'],
  ['DIS', 'Walt Disney Company (The) Common Stock'], ['NFLX', 'Netflix, Inc. Common Stock'], ['XOM', 'Exxon Mobil Corporation Common Stock'],
  ['CVX', 'Chevron Corporation Common Stock'], ['KO', 'Coca-Cola Company (The) Common Stock'], ['PEP', 'PepsiCo, Inc. Common Stock'],
  ['NKE', 'Nike, Inc. Common Stock'], ['SBUX', 'Starbucks Corporation Common Stock'], ['MCD', "McDonald's Corporation Common Stock"],
  ['ORCL', 'Oracle Corporation Common Stock'], ['CRM', 'Salesforce, Inc. Common Stock'], ['ADBE', 'Adobe Inc. Common Stock'],
  ['UBER', 'Uber Technologies, Inc. Common Stock'], ['SNOW', 'Snowflake Inc. Class A Common Stock'], ['ROKU', 'Roku, Inc. Class A Common Stock'],
  ['BYND', 'Beyond Meat, Inc. Common Stock'], ['GAP', 'Gap, Inc. (The) Common Stock'], ['V', 'Visa Inc. Common Stock'],
  ['SQ', 'Block, Inc. Class A Common Stock'], ['SHEL', 'Shell plc American Depositary Shares'], ['DAL', 'Delta Air Lines, Inc. Common Stock'],
  ['MRNA', 'Moderna, Inc. Common Stock'], ['BIIB', 'Biogen Inc. Common Stock'], ['GILD', 'Gilead Sciences, Inc. Common Stock'],
  ['VZ', 'Verizon Communications Inc. Common Stock'], ['T', 'AT&T Inc. Common Stock'], ['CSCO', 'Cisco Systems, Inc. Common Stock'],
  ['IBM', 'International Business Machines Corporation Common Stock'], ['QCOM', 'QUALCOMM Incorporated Common Stock'],
  ['AVGO', 'Broadcom Inc. Common Stock'], ['VMW', 'VMware, Inc. Class A Common Stock'], ['ABBV', 'AbbVie Inc. Common Stock'],
  ['LLY', 'Eli Lilly and Company Common Stock'], ['JNJ', 'Johnson & Johnson Common Stock'], ['UNH', 'UnitedHealth Group Incorporated Common Stock'],
  ['CVS', 'CVS Health Corporation Common Stock'], ['HD', 'Home Depot, Inc. (The) Common Stock'], ['LOW', "Lowe's Companies, Inc. Common Stock"],
  ['COST', 'Costco Wholesale Corporation Common Stock'], ['PYPL', 'PayPal Holdings, Inc. Common Stock'], ['SHOP', 'Shopify Inc. Class A Subordinate Voting Shares'],
  ['PLTR', 'Palantir Technologies Inc. Class A Common Stock'], ['RIVN', 'Rivian Automotive, Inc. Class A Common Stock'], ['LCID', 'Lucid Group, Inc. Common Stock'],
  ['X', 'United States Steel Corporation Common Stock'], ['NUE', 'Nucor Corporation Common Stock'], ['FCX', 'Freeport-McMoRan, Inc. Common Stock'],
  ['CAT', 'Caterpillar, Inc. Common Stock'], ['DE', 'Deere & Company Common Stock'], ['LMT', 'Lockheed Martin Corporation Common Stock'],
  ['RTX', 'RTX Corporation Common Stock'], ['WFC', 'Wells Fargo & Company Common Stock'], ['SCHW', 'Charles Schwab Corporation (The) Common Stock'],
  ['COIN', 'Coinbase Global, Inc. Class A Common Stock'], ['HOOD', 'Robinhood Markets, Inc. Class A Common Stock'], ['ZM', 'Zoom Video Communications, Inc. Class A Common Stock'],
  ['SPOT', 'Spotify Technology S.A. Ordinary Shares'], ['ABNB', 'Airbnb, Inc. Class A Common Stock'], ['EXPE', 'Expedia Group, Inc. Common Stock'],
  ['UAL', 'United Airlines Holdings, Inc. Common Stock'], ['AAL', 'American Airlines Group Inc. Common Stock'], ['LUV', 'Southwest Airlines Company Common Stock'],
].map(([s, n]) => testAsset(s!, n!));
