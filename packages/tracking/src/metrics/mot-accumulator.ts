import { FoveaError } from '@fovea/core';
import { assignWithMissingEdges } from './missing-edge-assignment.js';
import { computeMotMetrics, type MotCounts, type MotMetrics } from './mot-metrics.js';

/** An object (ground-truth) or hypothesis (track) id. */
export type MotId = number | string;

/**
 * The kinds of event py-motmetrics records. `RAW` events log the input (every finite distance, and every id
 * that has none); the others are the per-frame outcome. `ASCEND`, `MIGRATE` and `TRANSFER` are logged next to
 * the `SWITCH`/`MATCH` they qualify.
 */
export type MotEventType = 'RAW' | 'FP' | 'MISS' | 'SWITCH' | 'MATCH' | 'TRANSFER' | 'ASCEND' | 'MIGRATE';

/** One event, as a row of py-motmetrics' `MOTAccumulator.events` table. */
export interface MotEvent {
  frameId: number;
  /** Position of the event within its frame, from 0. */
  eventId: number;
  type: MotEventType;
  /** Object id, `null` where py-motmetrics has NaN (FP events, RAW events without an object). */
  oid: MotId | null;
  /** Hypothesis id, `null` where py-motmetrics has NaN. */
  hid: MotId | null;
  /** Distance of the pair, NaN when the event has no pair. */
  distance: number;
}

/** Options for {@link MotAccumulator}. */
export interface MotAccumulatorOptions {
  /**
   * An object re-matched to a different hypothesis counts as a switch only if it was last seen at most this
   * many frame-id units ago (py-motmetrics' `max_switch_time`). Default `Infinity`.
   */
  maxSwitchTime?: number;
}

const TYPES: readonly MotEventType[] = ['RAW', 'FP', 'MISS', 'SWITCH', 'MATCH', 'TRANSFER', 'ASCEND', 'MIGRATE'];
const [RAW, FP, MISS, SWITCH, MATCH, TRANSFER, ASCEND, MIGRATE] = [0, 1, 2, 3, 4, 5, 6, 7];

interface ObjectStats {
  appearances: number;
  tracked: number;
  fragmentations: number;
  seenTracked: boolean;
  inMiss: boolean;
}

/**
 * Accumulates per-frame tracking events, with the semantics of py-motmetrics 1.4.0's `MOTAccumulator`
 * (its latest release), then computes the CLEAR-MOT and identity metrics from them.
 *
 * Each {@link update} does, for one frame (Bernardin & Stiefelhagen 2008):
 * 1. Keep correspondences: an object whose most recent match (in any earlier frame) was hypothesis h, and h
 *    is present with a finite distance, is matched to h again (`MATCH`).
 * 2. Pair the rest by minimum total distance (maximum number of pairs first; scipy's tie-breaking). A pair
 *    whose object was last matched to another hypothesis is a `SWITCH` (with `ASCEND` if the hypothesis is
 *    new), else a `MATCH`; a pair whose hypothesis last covered another object also logs a `TRANSFER`
 *    (with `MIGRATE` if the object was never matched before).
 * 3. Unpaired objects are `MISS`es, unpaired hypotheses `FP`s.
 *
 * Unlike py-motmetrics, ids must be unique within a frame and frame ids unique over the sequence (they throw).
 */
export class MotAccumulator {
  readonly maxSwitchTime: number;
  private frameIds: number[] = [];
  private readonly frameSet = new Set<number>();
  private readonly ev = { frame: [] as number[], id: [] as number[], type: [] as number[], oid: [] as (MotId | null)[], hid: [] as (MotId | null)[], d: [] as number[] };
  private m = new Map<MotId, MotId>();
  private resM = new Map<MotId, MotId>();
  private lastOccurrence = new Map<MotId, number>();
  private lastMatch = new Map<MotId, number>();
  private hypHistory = new Map<MotId, number>();
  private counts: MotCounts = emptyCounts();
  private objects = new Map<MotId, ObjectStats>();
  private hypFrames = new Map<MotId, number>();
  private pairs = new Map<MotId, Map<MotId, number>>();

  constructor(options: MotAccumulatorOptions = {}) {
    const t = options.maxSwitchTime ?? Infinity;
    if (typeof t !== 'number' || Number.isNaN(t) || t < 0) {
      throw new FoveaError('E_INVALID_ARGUMENT', `MotAccumulator: maxSwitchTime is ${String(t)}; use a number >= 0 (Infinity for no limit).`);
    }
    this.maxSwitchTime = t;
  }

  /** Forgets every frame and event. */
  reset(): void {
    this.frameIds = [];
    this.frameSet.clear();
    for (const column of Object.values(this.ev)) column.length = 0;
    this.m = new Map();
    this.resM = new Map();
    this.lastOccurrence = new Map();
    this.lastMatch = new Map();
    this.hypHistory = new Map();
    this.counts = emptyCounts();
    this.objects = new Map();
    this.hypFrames = new Map();
    this.pairs = new Map();
  }

  /**
   * Adds one frame.
   *
   * @param gtIds - The N object ids present in this frame (unique).
   * @param hypIds - The M hypothesis ids present in this frame (unique).
   * @param distances - N x M distances, row-major `Float64Array`/`number[]` or `number[][]` (one row per
   *   object); NaN or ±Infinity marks a pair that must not be matched. Any finite value is a valid distance
   *   (use {@link iouDistanceMatrix} for boxes).
   * @param frameId - This frame's id; default: the previous frame id + 1, or 0 for the first frame.
   * @returns The frame id used.
   * @throws FoveaError `E_INVALID_ARGUMENT` on a repeated id, a repeated frame id, or a distance matrix of the
   *   wrong shape; the accumulator is unchanged then.
   */
  update(
    gtIds: readonly MotId[],
    hypIds: readonly MotId[],
    distances: ArrayLike<number> | readonly (readonly number[])[],
    frameId?: number,
  ): number {
    const n = gtIds.length;
    const nh = hypIds.length;
    const d = flatten(distances, n, nh);
    const frame = frameId ?? (this.frameIds.length > 0 ? this.frameIds[this.frameIds.length - 1] + 1 : 0);
    if (typeof frame !== 'number' || !Number.isFinite(frame)) {
      throw new FoveaError('E_INVALID_ARGUMENT', `MotAccumulator.update: frameId is ${String(frame)}; use a finite number.`);
    }
    if (this.frameSet.has(frame)) {
      throw new FoveaError('E_INVALID_ARGUMENT', `MotAccumulator.update: frame ${frame} was already added; give each frame a new frameId.`);
    }
    assertUniqueIds(gtIds, 'gtIds', frame);
    assertUniqueIds(hypIds, 'hypIds', frame);
    this.frameIds.push(frame);
    this.frameSet.add(frame);

    let eid = 0;
    const push = (type: number, oid: MotId | null, hid: MotId | null, dist: number) => {
      this.ev.frame.push(frame);
      this.ev.id.push(eid++);
      this.ev.type.push(type);
      this.ev.oid.push(oid);
      this.ev.hid.push(hid);
      this.ev.d.push(dist);
    };
    this.recordRaw(gtIds, hypIds, d, push);

    const oMasked = new Uint8Array(n);
    const hMasked = new Uint8Array(nh);
    if (n > 0 && nh > 0) {
      // 1. Keep each object's most recent correspondence where it is still valid.
      for (let i = 0; i < n; i++) {
        const o = gtIds[i];
        const hPrev = this.m.get(o);
        if (hPrev === undefined) continue;
        let j = -1;
        for (let k = 0; k < nh; k++) {
          if (!hMasked[k] && hypIds[k] === hPrev) {
            j = k;
            break;
          }
        }
        if (j < 0 || !Number.isFinite(d[i * nh + j])) continue;
        oMasked[i] = 1;
        hMasked[j] = 1;
        this.m.set(o, hypIds[j]);
        push(MATCH, o, hypIds[j], d[i * nh + j]);
        this.countPair(MATCH, o, d[i * nh + j]);
        this.lastMatch.set(o, frame);
        this.hypHistory.set(hypIds[j], frame);
      }

      // 2. Pair the rest by minimum total distance.
      const rest = Float64Array.from(d, (x, k) => (oMasked[Math.floor(k / nh)] || hMasked[k % nh] ? Number.NaN : x));
      const { rowIndices, colIndices } = assignWithMissingEdges(rest, n, nh);
      for (let k = 0; k < rowIndices.length; k++) {
        const i = rowIndices[k];
        const j = colIndices[k];
        const o = gtIds[i];
        const h = hypIds[j];
        const dist = rest[i * nh + j];
        const prev = this.m.get(o);
        const isSwitch = prev !== undefined && prev !== h && Math.abs(frame - this.lastOccurrence.get(o)!) <= this.maxSwitchTime;
        if (isSwitch && !this.hypHistory.has(h)) {
          push(ASCEND, o, h, dist);
          this.counts.numAscend++;
        }
        const prevObject = this.resM.get(h);
        if (prevObject !== undefined && prevObject !== o) {
          if (!this.lastMatch.has(o)) {
            push(MIGRATE, o, h, dist);
            this.counts.numMigrate++;
          }
          push(TRANSFER, o, h, dist);
          this.counts.numTransfer++;
        }
        this.hypHistory.set(h, frame);
        this.lastMatch.set(o, frame);
        push(isSwitch ? SWITCH : MATCH, o, h, dist);
        this.countPair(isSwitch ? SWITCH : MATCH, o, dist);
        oMasked[i] = 1;
        hMasked[j] = 1;
        this.m.set(o, h);
        this.resM.set(h, o);
      }
    }

    // 3. and 4. The rest are misses and false positives.
    for (let i = 0; i < n; i++) {
      if (oMasked[i]) continue;
      push(MISS, gtIds[i], null, Number.NaN);
      this.counts.numMisses++;
      const s = this.objectStats(gtIds[i]);
      s.appearances++;
      if (s.seenTracked) s.inMiss = true;
    }
    for (let j = 0; j < nh; j++) {
      if (hMasked[j]) continue;
      push(FP, null, hypIds[j], Number.NaN);
      this.counts.numFalsePositives++;
    }
    for (const o of gtIds) this.lastOccurrence.set(o, frame);
    this.counts.numObjects += n;
    this.counts.numPredictions += nh;
    for (const h of hypIds) this.hypFrames.set(h, (this.hypFrames.get(h) ?? 0) + 1);
    this.counts.numFrames = this.frameSet.size;
    return frame;
  }

  /** Every event so far, in order, like py-motmetrics' `events` (RAW included). */
  get events(): MotEvent[] {
    return this.ev.frame.map((frameId, k) => ({
      frameId, eventId: this.ev.id[k], type: TYPES[this.ev.type[k]], oid: this.ev.oid[k], hid: this.ev.hid[k], distance: this.ev.d[k],
    }));
  }

  /** The events without the RAW ones, like py-motmetrics' `mot_events`. */
  get motEvents(): MotEvent[] {
    return this.events.filter((e) => e.type !== 'RAW');
  }

  /** The metrics of everything accumulated so far; see {@link MotMetrics}. */
  metrics(): MotMetrics {
    return computeMotMetrics(this.counts, this.objects, this.hypFrames, this.pairs);
  }

  private recordRaw(
    gtIds: readonly MotId[],
    hypIds: readonly MotId[],
    d: Float64Array,
    push: (type: number, oid: MotId | null, hid: MotId | null, dist: number) => void,
  ): void {
    const n = gtIds.length;
    const nh = hypIds.length;
    push(RAW, null, null, Number.NaN);
    const oUsed = new Uint8Array(n);
    const hUsed = new Uint8Array(nh);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < nh; j++) {
        if (!Number.isFinite(d[i * nh + j])) continue;
        push(RAW, gtIds[i], hypIds[j], d[i * nh + j]);
        oUsed[i] = 1;
        hUsed[j] = 1;
        // Pairs that could be matched in this frame: the "true positives" of the global identity matching.
        let row = this.pairs.get(gtIds[i]);
        if (!row) this.pairs.set(gtIds[i], (row = new Map()));
        row.set(hypIds[j], (row.get(hypIds[j]) ?? 0) + 1);
      }
    }
    for (let i = 0; i < n; i++) if (!oUsed[i]) push(RAW, gtIds[i], null, Number.NaN);
    for (let j = 0; j < nh; j++) if (!hUsed[j]) push(RAW, null, hypIds[j], Number.NaN);
  }

  private countPair(type: number, o: MotId, dist: number): void {
    if (type === SWITCH) this.counts.numSwitches++;
    else this.counts.numMatches++;
    this.counts.distanceSum += dist;
    const s = this.objectStats(o);
    s.appearances++;
    s.tracked++;
    // A fragmentation is a run of misses between two tracked frames of the object.
    if (s.inMiss) s.fragmentations++;
    s.inMiss = false;
    s.seenTracked = true;
  }

  private objectStats(o: MotId): ObjectStats {
    let s = this.objects.get(o);
    if (!s) this.objects.set(o, (s = { appearances: 0, tracked: 0, fragmentations: 0, seenTracked: false, inMiss: false }));
    return s;
  }
}

function emptyCounts(): MotCounts {
  return {
    numFrames: 0, numMatches: 0, numSwitches: 0, numTransfer: 0, numAscend: 0, numMigrate: 0,
    numFalsePositives: 0, numMisses: 0, numObjects: 0, numPredictions: 0, distanceSum: 0,
  };
}

function flatten(distances: ArrayLike<number> | readonly (readonly number[])[], n: number, m: number): Float64Array {
  if (Array.isArray(distances) && distances.length > 0 && Array.isArray(distances[0])) {
    const rows = distances as readonly (readonly number[])[];
    if (rows.length !== n || rows.some((r) => !Array.isArray(r) || r.length !== m)) {
      throw new FoveaError('E_INVALID_ARGUMENT', `MotAccumulator.update: distances must be ${n} rows (one per gt id) of ${m} numbers (one per hyp id).`);
    }
    const out = new Float64Array(n * m);
    rows.forEach((r, i) => out.set(r, i * m));
    return out;
  }
  const flat = distances as ArrayLike<number>;
  if (flat.length !== n * m) {
    // py-motmetrics accepts an empty matrix whenever one side is empty.
    if (n * m === 0 && flat.length === 0) return new Float64Array(0);
    throw new FoveaError('E_INVALID_ARGUMENT', `MotAccumulator.update: distances has ${flat.length} entries; expected ${n} x ${m} = ${n * m} (gt ids x hyp ids, row-major).`);
  }
  return Float64Array.from(flat);
}

function assertUniqueIds(ids: readonly MotId[], name: string, frame: number): void {
  const seen = new Set<MotId>();
  for (const id of ids) {
    if ((typeof id !== 'number' && typeof id !== 'string') || Number.isNaN(id)) {
      throw new FoveaError('E_INVALID_ARGUMENT', `MotAccumulator.update: ${name} has ${String(id)} in frame ${frame}; ids are numbers or strings (not NaN).`);
    }
    if (seen.has(id)) {
      throw new FoveaError('E_INVALID_ARGUMENT', `MotAccumulator.update: ${name} has ${String(id)} twice in frame ${frame}; ids must be unique within a frame.`);
    }
    seen.add(id);
  }
}
