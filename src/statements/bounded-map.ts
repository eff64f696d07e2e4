/**
 * A map that keeps about the `capacity` most recently used keys, so per-merchant state stays
 * bounded however many merchants a 1,000,000-line statement names. Two generations instead of a
 * strict LRU list: a key read from the old generation moves to the young one, and when the young
 * one fills up the old one is dropped whole. O(1) without deleting from a Map on every read
 * (which made V8 rehash constantly). A merchant pushed out and met again is treated as new: an
 * acceptable error next to unbounded memory.
 */
export class BoundedMap<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();
  readonly #generation: number;

  constructor(capacity: number) {
    this.#generation = Math.max(1, Math.floor(capacity / 2));
  }

  /** Keys held now: at most `capacity`. */
  get size(): number {
    return this.#young.size + this.#old.size;
  }

  has(key: K): boolean {
    return this.#young.has(key) || this.#old.has(key);
  }

  /** Gets and marks as recently used. */
  get(key: K): V | undefined {
    const value = this.#young.get(key);
    if (value !== undefined) return value;
    const old = this.#old.get(key);
    if (old !== undefined) {
      this.#old.delete(key);
      this.set(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    if (!this.#young.has(key) && this.#young.size >= this.#generation) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#old.delete(key);
    this.#young.set(key, value);
  }
}
