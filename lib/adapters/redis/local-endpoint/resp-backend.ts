import net from 'node:net';
import { ReplyError, SimpleString, type RedisBackend, type Reply } from './reply.ts';

/** Encodes one command as a RESP array of bulk strings. */
export function encodeCommand(args: readonly string[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.from(a, 'utf8');
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** Incremental RESP2 parser: feed bytes, take complete replies. */
export class RespParser {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;

  feed(chunk: Buffer): void {
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.pos = 0;
  }

  /** The next complete reply, or `undefined` when more bytes are needed. */
  next(): Reply | undefined {
    const start = this.pos;
    const r = this.read();
    if (r === undefined) this.pos = start;
    return r;
  }

  private line(): string | undefined {
    const end = this.buf.indexOf('\r\n', this.pos);
    if (end < 0) return undefined;
    const s = this.buf.toString('utf8', this.pos, end);
    this.pos = end + 2;
    return s;
  }

  private read(): Reply | undefined {
    if (this.pos >= this.buf.length) return undefined;
    const type = String.fromCharCode(this.buf[this.pos]!);
    this.pos += 1;
    const head = this.line();
    if (head === undefined) return undefined;
    switch (type) {
      case '+':
        return new SimpleString(head);
      case '-':
        return new ReplyError(head);
      case ':':
        return Number(head);
      case '$': {
        const n = Number(head);
        if (n < 0) return null;
        if (this.pos + n + 2 > this.buf.length) return undefined;
        const s = this.buf.toString('utf8', this.pos, this.pos + n);
        this.pos += n + 2;
        return s;
      }
      case '*': {
        const n = Number(head);
        if (n < 0) return null;
        const out: Reply[] = [];
        for (let i = 0; i < n; i++) {
          const item = this.read();
          if (item === undefined) return undefined;
          out.push(item);
        }
        return out;
      }
      default:
        throw new Error(`Unexpected RESP type byte ${JSON.stringify(type)}`);
    }
  }
}

interface Pending {
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
}

/**
 * A backend that forwards commands to a real redis-server over one pipelined TCP connection. Commands of
 * one request are written in a single write, so a MULTI ... EXEC group is never interleaved with others.
 */
export class RespBackend implements RedisBackend {
  readonly kind = 'redis-server' as const;
  private socket: net.Socket | undefined;
  private connecting: Promise<net.Socket> | undefined;
  private readonly parser = new RespParser();
  private readonly pending: Pending[] = [];

  constructor(
    private readonly host = '127.0.0.1',
    private readonly port = 6379,
    private readonly connectTimeoutMs = 2000,
  ) {}

  /** Parses `redis://host:port`. */
  static fromUrl(url: string): RespBackend {
    const u = new URL(url);
    return new RespBackend(u.hostname || '127.0.0.1', Number(u.port || 6379));
  }

  private connect(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    this.connecting ??= new Promise<net.Socket>((resolve, reject) => {
      const s = net.createConnection({ host: this.host, port: this.port });
      s.setNoDelay(true);
      const timer = setTimeout(() => s.destroy(new Error(`redis-server at ${this.host}:${this.port} did not answer`)), this.connectTimeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        this.socket = s;
        this.connecting = undefined;
        resolve(s);
      });
      s.on('data', (chunk) => this.onData(chunk));
      s.on('error', (e) => {
        clearTimeout(timer);
        this.connecting = undefined;
        this.failAll(e);
        reject(e);
      });
      s.on('close', () => {
        this.socket = undefined;
        this.failAll(new Error('connection to redis-server closed'));
      });
    });
    return this.connecting;
  }

  private onData(chunk: Buffer): void {
    this.parser.feed(chunk);
    for (let r = this.parser.next(); r !== undefined; r = this.parser.next()) this.pending.shift()?.resolve(r);
  }

  private failAll(e: Error): void {
    for (const p of this.pending.splice(0)) p.reject(e);
  }

  async exec(commands: readonly (readonly string[])[], atomic: boolean): Promise<Reply[]> {
    const socket = await this.connect();
    const wire = atomic ? [['MULTI'], ...commands, ['EXEC']] : commands;
    const replies = wire.map(
      () => new Promise<Reply>((resolve, reject) => this.pending.push({ resolve, reject })),
    );
    socket.write(Buffer.concat(wire.map(encodeCommand)));
    const all = await Promise.all(replies);
    if (!atomic) return all;
    const queued = all.slice(1, -1);
    const exec = all[all.length - 1];
    if (Array.isArray(exec)) return exec;
    // EXECABORT: report each command's own queueing error, or the abort.
    return queued.map((q) => (q instanceof ReplyError ? q : exec instanceof ReplyError ? exec : new ReplyError('EXECABORT')));
  }

  async close(): Promise<void> {
    this.socket?.end();
    this.socket = undefined;
  }
}
