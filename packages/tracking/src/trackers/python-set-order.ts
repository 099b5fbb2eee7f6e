/**
 * The iteration order of CPython 3.11's `set(a) - set(b)` for small non-negative ints.
 *
 * Why: deep_sort lists the tracks the matching cascade left unmatched as `list(set(...) - set(...))`, and
 * that order becomes the row order of its IoU cost matrix, which decides, among equally rejected pairs, the
 * order of unmatched detections and so the ids of new tracks. To give the same ids we reproduce the order of
 * CPython's hash table (Objects/setobject.c: hash(i) = i, linear probing by 9 then perturbed probing,
 * resizing at 60% fill). Behaviour was checked against CPython 3.11 on random inputs.
 */

const EMPTY = -1;
const DUMMY = -2;
const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5;
const MIN_SIZE = 8;

class IntSet {
  table = new Int32Array(MIN_SIZE).fill(EMPTY);
  mask = MIN_SIZE - 1;
  fill = 0;
  used = 0;

  /** Slot of `key`, or -1. */
  find(key: number): number {
    const { table, mask } = this;
    let i = key & mask;
    let perturb = key;
    for (;;) {
      const probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      for (let p = 0; p <= probes; p++) {
        const k = table[i + p];
        if (k === EMPTY) return -1;
        if (k === key) return i + p;
      }
      perturb >>>= PERTURB_SHIFT;
      i = (i * 5 + 1 + perturb) & mask;
    }
  }

  add(key: number): void {
    const { table, mask } = this;
    let i = key & mask;
    let perturb = key;
    for (;;) {
      const probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      for (let p = 0; p <= probes; p++) {
        const k = table[i + p];
        if (k === key) return;
        if (k === EMPTY) {
          table[i + p] = key;
          this.fill++;
          this.used++;
          if (this.fill * 5 >= mask * 3) this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
          return;
        }
      }
      perturb >>>= PERTURB_SHIFT;
      i = (i * 5 + 1 + perturb) & mask;
    }
  }

  discard(key: number): void {
    const slot = this.find(key);
    if (slot < 0) return;
    this.table[slot] = DUMMY;
    this.used--;
  }

  resize(minUsed: number): void {
    let size = MIN_SIZE;
    while (size <= minUsed) size *= 2;
    const old = this.table;
    this.table = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    this.fill = this.used;
    for (let s = 0; s < old.length; s++) if (old[s] >= 0) insertClean(this.table, this.mask, old[s]);
  }

  /** Empty set absorbing `other` (CPython's set_merge into a new set). */
  static copyOf(other: IntSet): IntSet {
    const out = new IntSet();
    if (other.used === 0) return out;
    if (other.used * 5 >= out.mask * 3) out.resize(other.used * 2);
    if (out.mask === other.mask && other.fill === other.used) {
      out.table = other.table.slice();
    } else {
      for (let s = 0; s < other.table.length; s++) {
        if (other.table[s] >= 0) insertClean(out.table, out.mask, other.table[s]);
      }
    }
    out.fill = other.used;
    out.used = other.used;
    return out;
  }

  keys(): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.table.length; s++) if (this.table[s] >= 0) out.push(this.table[s]);
    return out;
  }
}

function insertClean(table: Int32Array, mask: number, key: number): void {
  let i = key & mask;
  let perturb = key;
  for (;;) {
    if (table[i] === EMPTY) {
      table[i] = key;
      return;
    }
    if (i + LINEAR_PROBES <= mask) {
      for (let p = 1; p <= LINEAR_PROBES; p++) {
        if (table[i + p] === EMPTY) {
          table[i + p] = key;
          return;
        }
      }
    }
    perturb >>>= PERTURB_SHIFT;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

/**
 * `list(set(a) - set(b))` as CPython 3.11 orders it, for non-negative integers below 2^31; each set is built
 * by adding its values in the given order.
 */
export function pythonSetDifference(a: readonly number[], b: readonly number[]): number[] {
  const sa = new IntSet();
  for (const x of a) sa.add(x);
  const sb = new IntSet();
  for (const x of b) sb.add(x);
  if (sa.used >> 2 > sb.used) {
    // set_copy_and_difference: copy, discard, then purge dummies if more than a quarter are.
    const out = IntSet.copyOf(sa);
    for (const k of sb.keys()) out.discard(k);
    if (out.fill - out.used > out.mask >> 2) out.resize(out.used > 50000 ? out.used * 2 : out.used * 4);
    return out.keys();
  }
  const out = new IntSet();
  for (const k of sa.keys()) if (sb.find(k) < 0) out.add(k);
  return out.keys();
}
