/**
 * Open-addressing hash map from integer keys (|key| < 2^53: OSM node ids, z14 grid keys) to dense
 * indices 0, 1, 2, … in insertion order. Unlike Map it has no 2^24-entry ceiling and stores no objects.
 */
export class KeyTable {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /** Index of key, inserting it with the next index when absent. */
  intern(key: number): number {
    if (this.size * 2 >= this.keys.length) this.rehash();
    let slot = hashKey(key) & this.mask;
    for (;;) {
      const value = this.values[slot];
      if (value === -1) {
        this.keys[slot] = key;
        this.values[slot] = this.size;
        return this.size++;
      }
      if (this.keys[slot] === key) return value;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Index of key, or -1. */
  get(key: number): number {
    let slot = hashKey(key) & this.mask;
    for (;;) {
      const value = this.values[slot];
      if (value === -1 || this.keys[slot] === key) return value;
      slot = (slot + 1) & this.mask;
    }
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.values = new Int32Array(oldKeys.length * 2).fill(-1);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] === -1) continue;
      let slot = hashKey(oldKeys[i]) & this.mask;
      while (this.values[slot] !== -1) slot = (slot + 1) & this.mask;
      this.keys[slot] = oldKeys[i];
      this.values[slot] = oldValues[i];
    }
  }
}

function hashKey(key: number): number {
  const low = key % 4294967296 | 0;
  const high = Math.floor(key / 4294967296) | 0;
  let h = Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}
