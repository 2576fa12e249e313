/**
 * Freezes a value all the way down and returns it: stored answers handed to several readers (memos, caches
 * shared by trials, memory stores) cannot be changed by one of them. The parent is frozen first, so a value
 * met again (shared or cyclic) is not walked twice.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
