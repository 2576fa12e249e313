import { setAuthHooks } from './api/client.ts';
import * as session from './session.ts';
import { startRouter, type Route } from './router.ts';
import { onSummary, startSummaryPolling, stopSummaryPolling } from './live-summary.ts';
import { stateBadge } from './ui/status.ts';
import { fill } from './ui/dom.ts';
import { time } from './ui/format.ts';
import { loginPage } from './pages/login-page.ts';
import { overviewPage } from './pages/overview-page.ts';
import { positionsPage } from './pages/positions-page.ts';
import { tradesPage } from './pages/trades-page.ts';
import { auditPage } from './pages/audit-page.ts';
import { candidatesPage } from './pages/candidates-page.ts';
import { chartPage } from './pages/chart-page.ts';
import { cyclesPage } from './pages/cycles-page.ts';
import { researchPage } from './pages/research-page.ts';
import { researchRunPage } from './pages/research-run-page.ts';
import { researchComparePage } from './pages/research-compare-page.ts';

const routes: Record<string, Route> = {
  login: { title: 'Log in', page: loginPage, public: true },
  overview: { title: 'Overview', page: overviewPage },
  positions: { title: 'Positions', page: positionsPage },
  trades: { title: 'Trades', page: tradesPage },
  audit: { title: 'Trade audit', page: auditPage },
  candidates: { title: 'Candidates & news', page: candidatesPage },
  chart: { title: 'Chart', page: chartPage },
  cycles: { title: 'Cycles & health', page: cyclesPage },
  research: { title: 'Research', page: researchPage },
  'research-run': { title: 'Research run', page: researchRunPage },
  'research-compare': { title: 'Compare runs', page: researchComparePage },
};

setAuthHooks({ token: session.accessToken, unauthorized: session.expire });

const root = document.getElementById('page')!;
const router = startRouter(routes, { root, loggedIn: session.isLoggedIn, home: 'overview', login: 'login' });

function applySession(loggedIn: boolean): void {
  document.body.classList.toggle('logged-in', loggedIn);
  if (loggedIn) startSummaryPolling();
  else stopSummaryPolling();
  router.render();
}

session.onSessionChange(applySession);
onSummary((s) => {
  fill(document.getElementById('state-badge')!, stateBadge(s.tradingState));
  document.getElementById('clock')!.textContent = `${time(s.now)} ET · ${s.mode}`;
});
document.getElementById('logout')!.addEventListener('click', () => session.logout());
const nav = document.getElementById('nav')!;
document.getElementById('menu')!.addEventListener('click', (e) => {
  const open = nav.classList.toggle('open');
  (e.currentTarget as HTMLElement).setAttribute('aria-expanded', String(open));
});
nav.addEventListener('click', () => nav.classList.remove('open'));

session.resume();
applySession(session.isLoggedIn());
