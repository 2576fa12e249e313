/** A Redis reply as the local endpoint passes it around (RESP2 types). */
export type Reply = string | number | null | SimpleString | ReplyError | Reply[];

/** A RESP simple string (`+OK`), kept apart from bulk strings because Upstash encodes them differently. */
export class SimpleString {
  constructor(readonly value: string) {}
}

/** A RESP error reply (`-ERR ...`): a command's failure, not a transport failure. */
export class ReplyError {
  constructor(readonly message: string) {}
}

/** What the endpoint sits in front of: a real redis-server, or the in-memory fallback. */
export interface RedisBackend {
  readonly kind: 'redis-server' | 'memory';
  /** Runs commands in order; `atomic` wraps them in MULTI/EXEC. One reply per command. */
  exec(commands: readonly (readonly string[])[], atomic: boolean): Promise<Reply[]>;
  close(): Promise<void>;
}
