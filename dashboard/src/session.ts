import * as api from './api/endpoints.ts';
import { ApiError } from './api/client.ts';
import type { TokenPair } from './api/types.ts';

/** Tokens live in sessionStorage: they end with the tab, and no other site can read them. */
const KEY = 'catalyst.session';
const DEVICE_KEY = 'catalyst.device';
/** Refresh this long before the access token expires, so no request ever carries a stale one. */
const REFRESH_EARLY_MS = 60_000;

interface Stored {
  accessToken: string;
  refreshToken: string;
  /** Wall-clock time the access token expires (the browser's clock: tokens are signed on real time). */
  expiresAt: number;
}

let current: Stored | null = read();
let refreshing: Promise<Stored | null> | null = null;
let timer: number | undefined;
const listeners = new Set<(loggedIn: boolean) => void>();

function read(): Stored | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

function store(pair: TokenPair | null): void {
  const was = current !== null;
  current = pair ? { accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: Date.now() + pair.expiresIn * 1000 } : null;
  if (current) sessionStorage.setItem(KEY, JSON.stringify(current));
  else sessionStorage.removeItem(KEY);
  schedule();
  // A renewal keeps the trader where they are; only logging in or out changes the page.
  if (was !== (current !== null)) for (const l of listeners) l(current !== null);
}

function schedule(): void {
  window.clearTimeout(timer);
  if (!current) return;
  const wait = Math.max(1000, current.expiresAt - Date.now() - REFRESH_EARLY_MS);
  timer = window.setTimeout(() => void renew(), wait);
}

async function renew(): Promise<Stored | null> {
  if (!current) return null;
  refreshing ??= (async () => {
    try {
      store(await api.refresh(current!.refreshToken));
    } catch (e) {
      // Only a refusal ends the session; an outage or a busy server keeps it (the token may still be valid).
      if (e instanceof ApiError && e.status === 401) store(null);
    } finally {
      refreshing = null;
    }
    return current;
  })();
  return refreshing;
}

export function isLoggedIn(): boolean {
  return current !== null;
}

export function onSessionChange(listener: (loggedIn: boolean) => void): void {
  listeners.add(listener);
}

/** Logs in; throws ApiError (401 wrong password, 429 too many attempts). */
export async function login(password: string): Promise<void> {
  const result = await api.login(password, deviceToken());
  try {
    localStorage.setItem(DEVICE_KEY, result.deviceToken);
  } catch {
    // Private browsing: this browser is then treated as new at each login.
  }
  store(result);
}

/** This browser's device token: a browser that logged in before is not held back by the account back-off. */
function deviceToken(): string | undefined {
  try {
    return localStorage.getItem(DEVICE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The access token, renewed first when it is about to expire. */
export async function accessToken(): Promise<string | null> {
  if (current && current.expiresAt - Date.now() < REFRESH_EARLY_MS) await renew();
  return current?.accessToken ?? null;
}

/** Ends the session here and revokes the refresh token on the server (best effort). */
export function logout(): void {
  const token = current?.refreshToken;
  store(null);
  if (token) void api.logout(token).catch(() => undefined);
}

/** The server refused our token: forget it (no revoke call: it would be refused too). */
export function expire(): void {
  if (current) store(null);
}

export function resume(): void {
  schedule();
}
