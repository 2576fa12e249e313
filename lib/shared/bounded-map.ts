/**
 * Sets `key` in `map` and drops the entries set longest ago (a Map iterates in insertion order) until at most
 * `capacity` remain: the one eviction rule of the caches and memos that keep only their most recent answers.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
  map.set(key, value);
  while (map.size > Math.max(0, capacity)) map.delete(map.keys().next().value!);
}
