import { readFileSync } from 'node:fs';

export interface NmsCase {
  name: string;
  note: string;
  iouThreshold: number;
  boxes: number[];
  scores: number[];
  keep: number[];
  classIds?: number[];
  torchvisionPath?: string;
  coordinateTrickKeep?: number[];
}

/** torchvision 0.14 results, written by test/fixtures/nms/generate.py. */
export const fixture = JSON.parse(readFileSync(new URL('../fixtures/nms/nms.json', import.meta.url), 'utf8')) as {
  meta: Record<string, string>;
  single: NmsCase[];
  batched: NmsCase[];
};
