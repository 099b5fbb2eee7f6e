import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * One epoch of a training run. Column names are Keras's (`CSVLogger`), so the CSV reads like theirs.
 * Losses are means over the epoch's samples; `acc` fractions 0-1 (NaN when the loss has no accuracy).
 */
export interface HistoryRow {
  /** 0-based epoch index, as in Keras's History. */
  epoch: number;
  /** Mean training loss, each batch's loss taken before its update (as Keras reports it). */
  loss: number;
  acc: number;
  val_loss?: number;
  val_acc?: number;
  /** Learning rate used during the epoch. */
  lr: number;
  /** Wall time of the epoch including validation, summed over interrupted parts. */
  seconds: number;
}

const COLUMNS = ['epoch', 'loss', 'acc', 'val_loss', 'val_acc', 'lr', 'seconds'] as const;

/**
 * The history as CSV: a header `epoch,loss,acc[,val_loss,val_acc],lr,seconds` and one line per epoch, numbers in
 * JavaScript's shortest round-trip form (so parsing gives the exact values back), `NaN` as `nan`.
 * Validation columns appear when any row has them; a row without them leaves the cells empty.
 */
export function historyToCsv(rows: readonly HistoryRow[]): string {
  const hasVal = rows.some((r) => r.val_loss !== undefined || r.val_acc !== undefined);
  const columns = COLUMNS.filter((c) => hasVal || !c.startsWith('val_'));
  const cell = (v: number | undefined) => (v === undefined ? '' : Number.isNaN(v) ? 'nan' : String(v));
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))];
  return lines.join('\n') + '\n';
}

/** Writes {@link historyToCsv} to `file`, creating its directory. */
export async function writeHistoryCsv(rows: readonly HistoryRow[], file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, historyToCsv(rows));
}
