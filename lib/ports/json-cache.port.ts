/** A cache for heavy reads (Redis): may be lost, never the record. */
export interface JsonCache {
  /** The cached value of `key`, or `compute()` stored for `ttlSeconds`. A cache failure falls back to computing. */
  getOrCompute<T>(key: string, ttlSeconds: number, compute: () => Promise<T>): Promise<T>;
}
