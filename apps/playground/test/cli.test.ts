import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/main.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fovea-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, value: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}

/** Runs the CLI and captures what it prints. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const gt = {
  images: [{ id: 1, height: 480, width: 640 }],
  categories: [{ id: 1, name: 'person' }],
  annotations: [
    { id: 1, image_id: 1, category_id: 1, bbox: [10, 20, 100, 200], area: 20000, iscrowd: 0 },
    { id: 2, image_id: 1, category_id: 1, bbox: [300, 40, 20, 30], area: 600, iscrowd: 0 },
  ],
};
const dt = [
  { image_id: 1, category_id: 1, bbox: [12, 22, 98, 195], score: 0.92 },
  { image_id: 1, category_id: 1, bbox: [400, 300, 50, 50], score: 0.4 },
];

describe('fovea CLI', () => {
  afterEach(() => vi.restoreAllMocks());

  it('info --json reports the backend and the installed packages', async () => {
    const { code, out } = await run('info', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(report.backend.name);
    expect(report.packages['@fovea/core']).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.installed['@tensorflow/tfjs-core']).toMatch(/^4\./);
  });

  it('eval coco prints the 12-line summary pycocotools prints', async () => {
    const { code, out } = await run('eval', 'coco', '--gt', file('gt.json', gt), '--dt', file('dt.json', dt));
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toHaveLength(12);
    // Values from pycocotools on the same files (see packages/detection's README).
    expect(lines[0]).toBe(' Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.505');
    expect(lines[4]).toContain('= -1.000');
  });

  it('eval coco --json prints the stats', async () => {
    const { code, out } = await run('eval', 'coco', '--gt', file('gt.json', gt), '--dt', file('dt.json', dt), '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.stats).toHaveLength(12);
    expect(json.stats[1]).toBe(0.5049504950495048);
  });

  it('eval mot prints py-motmetrics\' TUD-Campus summary', async () => {
    const fixtures = path.resolve(__dirname, '../../../packages/tracking/test/fixtures/mot/TUD-Campus');
    const { code, out } = await run('eval', 'mot', '--gt', path.join(fixtures, 'gt.txt'), '--hyp', path.join(fixtures, 'test.txt'), '--json');
    expect(code).toBe(0);
    const m = JSON.parse(out);
    // py-motmetrics' own test asserts these for TUD-Campus (test_metrics.py).
    expect(m.idf1).toBeCloseTo(0.557659, 5);
    expect(m.mota).toBeCloseTo(0.526462, 5);
    expect(m.motp).toBeCloseTo(0.277201, 5);
    expect([m.numUniqueObjects, m.mostlyTracked, m.partiallyTracked, m.mostlyLost]).toEqual([8, 1, 6, 1]);
    expect([m.numFalsePositives, m.numMisses, m.numSwitches, m.numFragmentations]).toEqual([13, 150, 7, 7]);
    const table = await run('eval', 'mot', '--gt', path.join(fixtures, 'gt.txt'), '--hyp', path.join(fixtures, 'test.txt'));
    expect(table.out.split('\n')[0]).toMatch(/^\s*IDF1\s+IDP\s+IDR\s+Rcll\s+Prcn\s+GT\s+MT\s+PT\s+ML\s+FP\s+FN\s+IDs\s+FM\s+MOTA\s+MOTP$/);
    expect(table.out.split('\n')[1]).toContain('55.8%');
  });

  it.each([
    ['a bad MOT line', ['eval', 'mot', '--gt', file('bad.txt', '1,1,0,0,10\n'), '--hyp', file('h.txt', '')], /line 1/],
    ['a missing --hyp', ['eval', 'mot', '--gt', 'gt.txt'], /missing --hyp/],
    ['a bad --iou-threshold', ['eval', 'mot', '--gt', 'a', '--hyp', 'b', '--iou-threshold', '2'], /iou-threshold/],
    ['a missing --dt', ['eval', 'coco', '--gt', 'x.json'], /missing --dt/],
    ['a bad --iou-type', ['eval', 'coco', '--gt', 'a', '--dt', 'b', '--iou-type', 'keypoints'], /bbox or segm/],
    ['an unknown option', ['eval', 'coco', '--gt', 'a', '--dt', 'b', '--verbose', 'x'], /unknown option --verbose/],
    ['a missing file', ['eval', 'coco', '--gt', '/nonexistent/gt.json', '--dt', 'b'], /nonexistent/],
    ['an unknown evaluation', ['eval', 'voc2012'], /unknown evaluation/],
    ['an unknown command', ['frobnicate'], /unknown command/],
  ])('exits 2 with a message on %s', async (_, argv, message) => {
    const { code, err } = await run(...(argv as string[]));
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('exits 2 on a ground truth with a bad bbox, naming the JSON path', async () => {
    const bad = { ...gt, annotations: [{ ...gt.annotations[0], bbox: [1, 2, 3] }] };
    const { code, err } = await run('eval', 'coco', '--gt', file('bad.json', bad), '--dt', file('dt.json', dt));
    expect(code).toBe(2);
    expect(err).toMatch(/annotations\[0\]\.bbox/);
  });
});
