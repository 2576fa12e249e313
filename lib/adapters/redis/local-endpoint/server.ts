import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { ReplyError, SimpleString, type RedisBackend, type Reply } from './reply.ts';

/**
 * A local endpoint that speaks the Upstash Redis REST protocol (`POST /` with a JSON command array,
 * `/pipeline`, `/multi-exec`, bearer token, optional `Upstash-Encoding: base64`) in front of a backend,
 * so `@upstash/redis` runs unmodified on a laptop and in tests.
 */
export interface UpstashEndpointOptions {
  backend: RedisBackend;
  token: string;
  port?: number;
  host?: string;
}

export interface RunningEndpoint {
  url: string;
  token: string;
  backend: RedisBackend['kind'];
  close(): Promise<void>;
}

/** Encodes a reply as Upstash does: bulk strings base64 when asked, the simple string OK as is. */
function encodeReply(r: Reply, base64: boolean): unknown {
  if (r instanceof SimpleString) return base64 && r.value !== 'OK' ? Buffer.from(r.value).toString('base64') : r.value;
  if (typeof r === 'string') return base64 ? Buffer.from(r, 'utf8').toString('base64') : r;
  if (Array.isArray(r)) return r.map((x) => (x instanceof ReplyError ? null : encodeReply(x, base64)));
  if (r instanceof ReplyError) return null;
  return r;
}

function entry(r: Reply, base64: boolean): { result: unknown } | { error: string } {
  return r instanceof ReplyError ? { error: r.message } : { result: encodeReply(r, base64) };
}

function isCommand(v: unknown): v is (string | number | boolean)[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => ['string', 'number', 'boolean'].includes(typeof x));
}

function toArgs(cmd: (string | number | boolean)[]): string[] {
  return cmd.map((x) => String(x));
}

function tokenMatches(expected: string, header: string | undefined, query: string | null): boolean {
  const given = header?.startsWith('Bearer ') ? header.slice(7) : (query ?? '');
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the endpoint; port 0 picks a free port. */
export async function startUpstashEndpoint(options: UpstashEndpointOptions): Promise<RunningEndpoint> {
  const { backend, token } = options;
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      if (!tokenMatches(token, req.headers.authorization, url.searchParams.get('_token'))) {
        return send(res, 401, { error: 'Unauthorized' });
      }
      const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
      const path = url.pathname.replace(/\/+$/, '') || '/';
      let body: unknown;
      if (req.method === 'POST') {
        const text = await readBody(req);
        try {
          body = JSON.parse(text);
        } catch {
          return send(res, 400, { error: 'ERR failed to parse the request body as JSON' });
        }
      } else if (req.method === 'GET' && path !== '/') {
        body = path.slice(1).split('/').map(decodeURIComponent);
      } else if (req.method === 'GET') {
        return send(res, 200, 'Welcome to the local Upstash-compatible Redis endpoint');
      } else {
        return send(res, 405, { error: 'ERR method not allowed' });
      }
      if (path === '/pipeline' || path === '/multi-exec') {
        if (!Array.isArray(body) || body.length === 0 || !body.every(isCommand)) {
          return send(res, 400, { error: 'ERR a pipeline body must be a non-empty array of command arrays' });
        }
        const replies = await backend.exec(body.map(toArgs), path === '/multi-exec');
        return send(res, 200, replies.map((r) => entry(r, base64)));
      }
      if (!isCommand(body)) return send(res, 400, { error: 'ERR the body must be a command array like ["GET","key"]' });
      const [reply] = await backend.exec([toArgs(body)], false);
      if (reply instanceof ReplyError) return send(res, 400, { error: reply.message });
      return send(res, 200, { result: encodeReply(reply ?? null, base64) });
    } catch (e) {
      send(res, 503, { error: `ERR backend unavailable: ${e instanceof Error ? e.message : String(e)}` });
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : options.port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    token,
    backend: backend.kind,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await backend.close();
    },
  };
}
