import type { ArchitectureComparison, ComparisonRow } from './compare.js';

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => (bytes / 1e6 >= 10 ? (bytes / 1e6).toFixed(1) : (bytes / 1e6).toFixed(2));
const mflops = (f: number) => (f / 1e6 >= 100 ? (f / 1e6).toFixed(0) : (f / 1e6).toFixed(1));
const ms = (v: number | undefined) => (v === undefined ? '-' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** The column headers of {@link comparisonTable}, latency columns last (one per backend). */
export function comparisonColumns(result: Pick<ArchitectureComparison, 'backends'>): string[] {
  return ['architecture', 'input', 'params', 'size (MB)', 'MFLOPs', 'trained', 'test acc',
    ...result.backends.map((b) => `${b} ms/img`), 'scaled-down config'];
}

function cells(row: ComparisonRow, backends: readonly string[], samples: number): string[] {
  const [h, w, c] = row.inputShape;
  const epochs = row.samplesSeen / samples;
  return [
    `\`${row.name}\``, `${h}x${w}x${c}`, thousands(row.params), mb(row.sizeBytes), mflops(row.flops),
    `${epochs.toFixed(2)} ep, ${row.trainSeconds.toFixed(0)} s`, `${(100 * row.accuracy).toFixed(1)}%`,
    ...backends.map((b) => ms(row.latencyMs[b as keyof typeof row.latencyMs])), row.note,
  ];
}

/**
 * The comparison as a GitHub-flavoured markdown table, one row per architecture in run order: input,
 * parameters, size on disk (MB = 10^6 bytes), MFLOPs per image (2 x MACs), training done (epochs over
 * the subset and seconds), test accuracy, median milliseconds per image per backend (batch 1), and the
 * scaled-down configuration. A line above it states the data, budget, training backend and recipe.
 */
export function comparisonTable(result: ArchitectureComparison): string {
  const header = comparisonColumns(result);
  const numeric = new Set(['params', 'size (MB)', 'MFLOPs', 'test acc', ...result.backends.map((b) => `${b} ms/img`)]);
  const budget = [result.budget.epochs !== undefined ? `${result.budget.epochs} epoch(s)` : '', result.budget.seconds !== undefined ? `${result.budget.seconds} s` : '']
    .filter(Boolean).join(' or ');
  const bn = result.preciseBnSamples > 0 ? `; BatchNorm statistics re-estimated on ${result.preciseBnSamples} training images` : '';
  const lines = [
    `Fashion-MNIST, ${result.samples} training and ${result.testSamples} test images, trained from scratch for ${budget} ` +
      `each on ${result.trainBackend} (Adam, batch ${result.batchSize}, learning rate ${result.learningRate}, ${result.lrSchedule} schedule${bn}); ` +
      'latency is the median of single-image runs.',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((h) => (numeric.has(h) ? '---:' : '---')).join('|')}|`,
    ...result.rows.map((r) => `| ${cells(r, result.backends, result.samples).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}
