import { check } from '@fovea/core';
import { linearSumAssignment } from '../assignment/linear-sum-assignment.js';

/**
 * MOT metrics, named as py-motmetrics names them (camelCased), with its definitions. Counts are integers;
 * ratios are plain fractions (not percentages) and are NaN or ±Infinity where the reference divides by zero.
 */
export interface MotMetrics {
  /** Frames added (py-motmetrics `num_frames`). */
  numFrames: number;
  /** Object-hypothesis pairs that kept or began a correspondence. */
  numMatches: number;
  /** Identity switches (IDs): an object matched to a different hypothesis than at its previous match. */
  numSwitches: number;
  /** A hypothesis matched to a different object than at its previous match (IDt). */
  numTransfer: number;
  /** Switches to a hypothesis never matched before (IDa). */
  numAscend: number;
  /** Transfers to an object never matched before (IDm). */
  numMigrate: number;
  /** Unmatched hypotheses (FP). */
  numFalsePositives: number;
  /** Unmatched objects (FN). */
  numMisses: number;
  /** `numMatches + numSwitches`. */
  numDetections: number;
  /** Object appearances over all frames (GT rows). */
  numObjects: number;
  /** Hypothesis appearances over all frames. */
  numPredictions: number;
  /** Distinct object ids (GT). */
  numUniqueObjects: number;
  /** Objects matched in at least 80% of the frames they appear in (MT). */
  mostlyTracked: number;
  /** Objects matched in at least 20% and less than 80% of their frames (PT). */
  partiallyTracked: number;
  /** Objects matched in less than 20% of their frames (ML). */
  mostlyLost: number;
  /** Runs of misses between two matched frames of an object (FM). */
  numFragmentations: number;
  /** Mean distance of matched pairs: for IoU distances `1 - IoU`, lower is better (MOTChallenge's MOTP is `(1 - motp) * 100`). */
  motp: number;
  /** `1 - (numMisses + numSwitches + numFalsePositives) / numObjects`. */
  mota: number;
  /** `numDetections / (numDetections + numFalsePositives)`. */
  precision: number;
  /** `numDetections / numObjects`. */
  recall: number;
  /** False positives of the best global one-to-one matching of object ids to hypothesis ids. */
  idfp: number;
  /** False negatives of that matching. */
  idfn: number;
  /** True positives of that matching (`numObjects - idfn`). */
  idtp: number;
  /** `idtp / (idtp + idfp)`. */
  idp: number;
  /** `idtp / (idtp + idfn)`. */
  idr: number;
  /** `2 * idtp / (numObjects + numPredictions)`. */
  idf1: number;
}

/** Running counts a {@link MotAccumulator} keeps. @internal */
export interface MotCounts {
  numFrames: number;
  numMatches: number;
  numSwitches: number;
  numTransfer: number;
  numAscend: number;
  numMigrate: number;
  numFalsePositives: number;
  numMisses: number;
  numObjects: number;
  numPredictions: number;
  /** Sum of the distances of matches and switches, in event order. */
  distanceSum: number;
}

/** @internal */
export function computeMotMetrics<Id>(
  c: MotCounts,
  objects: ReadonlyMap<Id, { appearances: number; tracked: number; fragmentations: number }>,
  hypFrames: ReadonlyMap<Id, number>,
  pairs: ReadonlyMap<Id, ReadonlyMap<Id, number>>,
): MotMetrics {
  let mostlyTracked = 0;
  let partiallyTracked = 0;
  let mostlyLost = 0;
  let numFragmentations = 0;
  for (const s of objects.values()) {
    const ratio = s.tracked / s.appearances;
    if (ratio >= 0.8) mostlyTracked++;
    else if (ratio >= 0.2) partiallyTracked++;
    else mostlyLost++;
    numFragmentations += s.fragmentations;
  }
  let objectFrames = 0;
  for (const s of objects.values()) objectFrames += s.appearances;
  let hypothesisFrames = 0;
  for (const f of hypFrames.values()) hypothesisFrames += f;
  const tp = maxIdentityTruePositives(pairs);
  const idfn = objectFrames - tp;
  const idfp = hypothesisFrames - tp;
  const numDetections = c.numMatches + c.numSwitches;
  return finish({
    numFrames: c.numFrames, numMatches: c.numMatches, numSwitches: c.numSwitches, numTransfer: c.numTransfer,
    numAscend: c.numAscend, numMigrate: c.numMigrate, numFalsePositives: c.numFalsePositives,
    numMisses: c.numMisses, numDetections, numObjects: c.numObjects, numPredictions: c.numPredictions,
    numUniqueObjects: objects.size, mostlyTracked, partiallyTracked, mostlyLost, numFragmentations,
    motp: c.distanceSum / numDetections, idfp, idfn, idtp: c.numObjects - idfn,
  });
}

type Summed = Omit<MotMetrics, 'mota' | 'precision' | 'recall' | 'idp' | 'idr' | 'idf1'>;

/** The ratios py-motmetrics derives from the counts (its `mota`, `precision`, ..., and their `_m` merges). */
function finish(s: Summed): MotMetrics {
  const det = s.numDetections;
  return {
    ...s,
    mota: 1 - (s.numMisses + s.numSwitches + s.numFalsePositives) / s.numObjects,
    precision: det / (s.numFalsePositives + det),
    recall: det / s.numObjects,
    idp: s.idtp / (s.idtp + s.idfp),
    idr: s.idtp / (s.idtp + s.idfn),
    idf1: (2 * s.idtp) / (s.numObjects + s.numPredictions),
  };
}

const SUMMED: readonly (keyof Summed)[] = [
  'numFrames', 'numMatches', 'numSwitches', 'numTransfer', 'numAscend', 'numMigrate', 'numFalsePositives',
  'numMisses', 'numDetections', 'numObjects', 'numPredictions', 'numUniqueObjects', 'mostlyTracked',
  'partiallyTracked', 'mostlyLost', 'numFragmentations', 'idfp', 'idfn', 'idtp',
];

/**
 * Combines the metrics of several sequences into one summary, as py-motmetrics' `compute_many(...,
 * generate_overall=True)` does for its OVERALL row: counts are added (also `numUniqueObjects`, so ids are
 * taken as distinct across sequences), MOTP is the detection-weighted mean of the sequences' MOTP, and the
 * ratios are recomputed from the sums. As there, a sequence without matches (MOTP NaN) makes the overall
 * MOTP NaN.
 *
 * @param parts - Metrics of each sequence (from {@link evaluateMot} or {@link MotAccumulator.metrics}).
 * @returns The overall metrics; all counts 0 and ratios NaN for an empty list.
 */
export function overallMotMetrics(parts: readonly MotMetrics[]): MotMetrics {
  check(Array.isArray(parts), 'overallMotMetrics: parts must be an array of MotMetrics.');
  const s = Object.fromEntries(SUMMED.map((k) => [k, 0])) as Record<keyof Summed, number>;
  let weighted = 0;
  for (const p of parts) {
    for (const k of SUMMED) s[k] += p[k];
    weighted += p.motp * p.numDetections;
  }
  s.motp = weighted / s.numDetections;
  return finish(s);
}

/**
 * The largest total of `pairs[o][h]` over one-to-one matchings of object ids to hypothesis ids.
 *
 * py-motmetrics' `id_global_assignment` solves an (objects + hypotheses)² problem whose cost is
 * `objectFrames + hypothesisFrames - 2 * matchedTruePositives`, so its IDFP/IDFN are fixed by this maximum.
 * The maximum is found per connected component of the pair graph (ids without pairs add nothing), on the
 * component's objects x hypotheses matrix of `-pairs`.
 */
function maxIdentityTruePositives<Id>(pairs: ReadonlyMap<Id, ReadonlyMap<Id, number>>): number {
  const parent = new Map<unknown, unknown>();
  const find = (x: unknown): unknown => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r);
    for (let y = x; y !== r; ) {
      const next = parent.get(y);
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  // Objects and hypotheses may share id values: key them apart.
  const objKey = new Map<Id, { o: Id }>();
  const hypKey = new Map<Id, { h: Id }>();
  for (const [o, row] of pairs) {
    const ok = { o };
    objKey.set(o, ok);
    parent.set(ok, ok);
    for (const h of row.keys()) {
      let hk = hypKey.get(h);
      if (!hk) {
        hk = { h };
        hypKey.set(h, hk);
        parent.set(hk, hk);
      }
      const a = find(ok);
      const b = find(hk);
      if (a !== b) parent.set(a, b);
    }
  }
  const components = new Map<unknown, { objs: Id[]; hyps: Id[] }>();
  const component = (k: unknown) => {
    const r = find(k);
    let c = components.get(r);
    if (!c) components.set(r, (c = { objs: [], hyps: [] }));
    return c;
  };
  for (const [o, k] of objKey) component(k).objs.push(o);
  for (const [h, k] of hypKey) component(k).hyps.push(h);

  let total = 0;
  for (const { objs, hyps } of components.values()) {
    const cols = new Map(hyps.map((h, j) => [h, j]));
    const cost = new Float64Array(objs.length * hyps.length);
    objs.forEach((o, i) => {
      for (const [h, count] of pairs.get(o)!) cost[i * hyps.length + cols.get(h)!] = -count;
    });
    const { rowIndices, colIndices } = linearSumAssignment(cost, { rows: objs.length, cols: hyps.length });
    for (let k = 0; k < rowIndices.length; k++) total -= cost[rowIndices[k] * hyps.length + colIndices[k]];
  }
  return total;
}
