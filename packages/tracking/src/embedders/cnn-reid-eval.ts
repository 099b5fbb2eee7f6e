import { check } from '@fovea/core';
import type { Embedder } from './embedder.js';
import { type ReidVideoOptions, reidSamples } from './cnn-shapes-samples.js';

/** Options of {@link evaluateReid}. */
export interface EvaluateReidOptions extends ReidVideoOptions {
  /** Frames before this fraction of each sequence form the gallery, the rest are queries. Default 0.5. */
  galleryFraction?: number;
}

/** What {@link evaluateReid} returns. */
export interface ReidEvaluation {
  /** Fraction of queries whose nearest gallery feature (cosine distance) has the same identity. */
  rank1: number;
  /** Mean average precision over queries, the gallery ranked by cosine distance (ties: gallery order). */
  mAP: number;
  /** Mean cosine distance `1 - cos` over query-gallery pairs of the same identity, and of different ones. */
  meanSameDistance: number;
  meanDifferentDistance: number;
  /** Queries scored (those whose identity is in the gallery), gallery size, identities in the gallery. */
  queries: number;
  gallery: number;
  identities: number;
}

/**
 * Re-identification accuracy of any {@link Embedder} on synthetic sequences, the way a tracker uses
 * appearance: every ground-truth box in the first `galleryFraction` of each sequence is a gallery
 * entry; every later box whose identity appears in the gallery is a query, ranked against the gallery
 * of all sequences pooled (objects of other sequences are distractors). Distances are cosine
 * (`1 - a.b / (|a| |b|)`), as DeepSORT's metric.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` for bad options, or when no query or gallery entry is left.
 */
export function evaluateReid(embedder: Embedder, options: EvaluateReidOptions = {}): ReidEvaluation {
  const { galleryFraction = 0.5 } = options;
  check(Number.isFinite(galleryFraction) && galleryFraction > 0 && galleryFraction < 1, `galleryFraction is ${galleryFraction}; give a fraction strictly between 0 and 1.`);
  const samples = reidSamples(options);
  const lengths = new Map<number, number>();
  for (const f of samples.frames) lengths.set(f.sequence, Math.max(lengths.get(f.sequence) ?? 0, f.frame + 1));
  const dim = embedder.featureDim;
  const gallery: { feature: Float32Array; label: number }[] = [];
  const queries: { feature: Float32Array; label: number }[] = [];
  for (const f of samples.frames) {
    const features = embedder.embed(f.image, f.boxes);
    const into = f.frame < galleryFraction * lengths.get(f.sequence)! ? gallery : queries;
    f.labels.forEach((label, k) => into.push({ feature: unit(features.subarray(k * dim, (k + 1) * dim)), label }));
  }
  const galleryLabels = new Set(gallery.map((g) => g.label));
  const scored = queries.filter((q) => galleryLabels.has(q.label));
  check(scored.length > 0 && gallery.length > 0, 'no query identity appears in the gallery; use longer sequences or a different galleryFraction.');
  let hits = 0;
  let apSum = 0;
  let [same, sameCount, different, differentCount] = [0, 0, 0, 0];
  const distances = new Float64Array(gallery.length);
  const order = Array.from(gallery, (_, i) => i);
  for (const q of scored) {
    gallery.forEach((g, i) => {
      const d = 1 - dot(q.feature, g.feature);
      distances[i] = d;
      if (g.label === q.label) [same, sameCount] = [same + d, sameCount + 1];
      else [different, differentCount] = [different + d, differentCount + 1];
    });
    order.sort((a, b) => distances[a] - distances[b] || a - b);
    if (gallery[order[0]].label === q.label) hits++;
    let found = 0;
    let precisionSum = 0;
    order.forEach((g, rank) => {
      if (gallery[g].label === q.label) precisionSum += ++found / (rank + 1);
    });
    apSum += precisionSum / found;
  }
  return {
    rank1: hits / scored.length,
    mAP: apSum / scored.length,
    meanSameDistance: same / sameCount,
    meanDifferentDistance: differentCount > 0 ? different / differentCount : Number.NaN,
    queries: scored.length,
    gallery: gallery.length,
    identities: galleryLabels.size,
  };
}

function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  norm = Math.sqrt(norm);
  return norm > 0 ? v.map((x) => x / norm) : new Float32Array(v.length);
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
