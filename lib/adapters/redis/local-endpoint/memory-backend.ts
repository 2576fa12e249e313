import { ReplyError, SimpleString, type RedisBackend, type Reply } from './reply.ts';
import { COMMANDS, type MemoryDb } from './memory-commands.ts';
import { MEMORY_SCRIPTS } from './memory-scripts.ts';


async function sha1(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha1').update(text).digest('hex');
}

/**
 * The fallback when no redis-server can be reached: the commands this project uses, in memory, with
 * expiry. Not a Redis: a command it does not know answers `ERR unknown command`.
 */
export class MemoryBackend implements RedisBackend {
  readonly kind = 'memory' as const;
  private readonly db: MemoryDb;
  private readonly shaToScript = new Map<string, string>();

  constructor(now: () => number = () => Date.now()) {
    this.db = { data: new Map(), expires: new Map(), now };
  }

  private async run(cmd: readonly string[]): Promise<Reply> {
    const name = (cmd[0] ?? '').toUpperCase();
    const args = cmd.slice(1);
    if (name === 'EVAL' || name === 'EVALSHA') {
      const source = name === 'EVAL' ? args[0]! : this.shaToScript.get(args[0] ?? '');
      const impl = source === undefined ? undefined : MEMORY_SCRIPTS.get(source.trim());
      if (!impl) return new ReplyError(name === 'EVALSHA' ? 'NOSCRIPT No matching script.' : 'ERR script not supported by the in-memory backend');
      const n = Number(args[1]);
      return impl(this.db, args.slice(2, 2 + n), args.slice(2 + n));
    }
    if (name === 'SCRIPT' && (args[0] ?? '').toUpperCase() === 'LOAD') {
      const sha = await sha1(args[1] ?? '');
      this.shaToScript.set(sha, args[1] ?? '');
      return sha;
    }
    const impl = COMMANDS[name];
    if (!impl) return new ReplyError(`ERR unknown command '${cmd[0] ?? ''}' (in-memory backend)`);
    try {
      return impl(this.db, args);
    } catch (e) {
      return new ReplyError(e instanceof Error ? e.message : String(e));
    }
  }

  async exec(commands: readonly (readonly string[])[], _atomic: boolean): Promise<Reply[]> {
    // Single-threaded and synchronous per command, so a batch is already atomic here.
    const out: Reply[] = [];
    for (const c of commands) out.push(await this.run(c));
    return out;
  }

  async close(): Promise<void> {}
}

export { SimpleString };
