// evaluateMot / MotAccumulator against py-motmetrics 1.4.0 (fixtures/mot/generate.py): its own TUD-Campus and
// TUD-Stadtmitte data with the values its test suite asserts (1e-3) and the full-precision values it computes
// (1e-9), plus synthetic sequences and accumulator cases, event by event.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareToGroundTruth, MotAccumulator, overallMotMetrics, readMotChallenge,
  type MotEvent, type MotMetrics,
} from '../../src/index.js';
import { loadFixture } from '../fixtures/load.js';

type Num = number | string;
type PyEvent = [number, string, Num, Num, Num];
interface MotCase {
  name: string;
  kind: 'mot';
  gt?: string;
  hyp?: string;
  files?: { gt: string; hyp: string };
  distth: number;
  gtMinConfidence: number;
  hypMinConfidence: number;
  metrics: Record<string, Num>;
  events?: PyEvent[];
}
interface AccumulatorCase {
  name: string;
  kind: 'accumulator';
  maxSwitchTime: Num;
  frames: [number, number[], number[], Num[][]][];
  metrics: Record<string, Num>;
  events: PyEvent[];
}
interface Expected {
  reference: string;
  metrics: string[];
  asserted: { names: string[]; values: Record<string, number[]>; atol: number };
  tud: MotCase[];
  overall: Record<string, Num>;
  cases: (MotCase | AccumulatorCase)[];
}

const expected = loadFixture<Expected>('mot/expected.json');
const num = (x: Num): number => (typeof x === 'string' ? Number(x) : x);
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof MotMetrics;
const text = (path: string) => readFileSync(new URL(`../fixtures/mot/${path}`, import.meta.url), 'utf8');

function expectMetrics(actual: MotMetrics, want: Record<string, Num>, tol: number) {
  for (const name of expected.metrics) {
    const a = actual[camel(name)];
    const e = num(want[name]);
    if (!Number.isFinite(e)) expect(a, name).toBe(e);
    else expect(Math.abs(a - e), `${name}: ${a} vs ${e}`).toBeLessThanOrEqual(tol);
  }
}

function expectEvents(actual: MotEvent[], want: PyEvent[]) {
  expect(actual.length).toBe(want.length);
  actual.forEach((e, k) => {
    const [frame, type, oid, hid, d] = want[k];
    expect([e.frameId, e.type, e.oid ?? Number.NaN, e.hid ?? Number.NaN], `event ${k}`).toEqual([frame, type, num(oid), num(hid)]);
    if (Number.isNaN(num(d))) expect(e.distance).toBeNaN();
    else expect(Math.abs(e.distance - num(d))).toBeLessThanOrEqual(1e-12);
  });
}

function runMotCase(c: MotCase) {
  const iouThreshold = 1 - c.distth;
  expect(1 - iouThreshold).toBe(c.distth); // the threshold is exactly py-motmetrics' distth
  const gt = readMotChallenge(c.files ? text(c.files.gt) : c.gt!, { minConfidence: c.gtMinConfidence });
  const hyp = readMotChallenge(c.files ? text(c.files.hyp) : c.hyp!, { minConfidence: c.hypMinConfidence });
  return compareToGroundTruth(gt, hyp, { iouThreshold });
}

describe(`evaluateMot vs ${expected.reference}`, () => {
  const tud = new Map(expected.tud.map((c) => [c.name, runMotCase(c)]));
  const overall = overallMotMetrics([...tud.values()].map((a) => a.metrics()));

  it.each(expected.tud.map((c) => [c.name, c] as const))('%s: full-precision metrics and events', (_, c) => {
    const acc = tud.get(c.name)!;
    expectMetrics(acc.metrics(), c.metrics, 1e-9);
    expectEvents(acc.motEvents, c.events!);
  });

  it('OVERALL (compute_many with generate_overall) at full precision', () => {
    expectMetrics(overall, expected.overall, 1e-9);
  });

  it.each(['TUD-Campus', 'TUD-Stadtmitte', 'OVERALL'])('%s: the values py-motmetrics asserts in its tests', (name) => {
    const m = name === 'OVERALL' ? overall : tud.get(name)!.metrics();
    expected.asserted.names.forEach((metric, k) => {
      expect(Math.abs(m[camel(metric)] - expected.asserted.values[name][k]), metric).toBeLessThanOrEqual(expected.asserted.atol);
    });
  });

  const motCases = expected.cases.filter((c): c is MotCase => c.kind === 'mot');
  it.each(motCases.map((c) => [c.name, c] as const))('synthetic sequence %s', (_, c) => {
    const acc = runMotCase(c);
    expectMetrics(acc.metrics(), c.metrics, 1e-9);
    if (c.events) expectEvents(acc.motEvents, c.events);
  });

  const accCases = expected.cases.filter((c): c is AccumulatorCase => c.kind === 'accumulator');
  it.each(accCases.map((c) => [c.name, c] as const))('MotAccumulator with custom distances: %s', (_, c) => {
    const acc = new MotAccumulator({ maxSwitchTime: num(c.maxSwitchTime) });
    for (const [frame, oids, hids, dists] of c.frames) acc.update(oids, hids, dists.map((r) => r.map(num)), frame);
    expectMetrics(acc.metrics(), c.metrics, 1e-9);
    expectEvents(acc.motEvents, c.events);
  });
});
