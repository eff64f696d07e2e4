/**
 * A small memo for pure lookups that repeat across messages (the same campaign domain or phone
 * number in thousands of messages). Bounded: when full it starts over, which keeps memory flat
 * in long batches without the bookkeeping of an LRU.
 */
export class BoundedCache<V> {
  readonly #map = new Map<string, V>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get(key: string, compute: () => V): V {
    const hit = this.#map.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.#map.size >= this.#max) this.#map.clear();
    this.#map.set(key, value);
    return value;
  }
}
