import type { HistoryRow } from './history.js';
import type { Monitor } from './options.js';

/** Best-epoch bookkeeping: the monitored value at the best epoch so far and epochs since it improved. */
export interface BestState {
  value: number | null;
  epoch: number;
  wait: number;
}

export const NO_BEST: BestState = { value: null, epoch: -1, wait: 0 };

/**
 * Folds one epoch into `best`, Keras's EarlyStopping rule: an epoch improves when the monitored value beats the
 * best by more than `minDelta` (lower for losses, higher for accuracies); otherwise `wait` grows. A NaN value
 * never improves.
 *
 * @returns The new state, whether this epoch improved, and whether to stop: after `patience` epochs in a row
 *   without improvement (at least one), as Keras's `wait >= patience` check does.
 */
export function updateBest(best: BestState, row: HistoryRow, monitor: Monitor, minDelta: number, patience: number):
  { best: BestState; improved: boolean; stop: boolean } {
  const value = row[monitor] ?? Number.NaN;
  const lowerIsBetter = monitor.endsWith('loss');
  const improved = !Number.isNaN(value) && (best.value === null ||
    (lowerIsBetter ? value < best.value - minDelta : value > best.value + minDelta));
  if (improved) return { best: { value, epoch: row.epoch, wait: 0 }, improved, stop: false };
  const wait = best.wait + 1;
  return { best: { ...best, wait }, improved, stop: wait >= Math.max(1, patience) };
}
