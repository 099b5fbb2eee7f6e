/**
 * Walks two run-length sequences of the same pixel count side by side, calling `step(n, a, b)`
 * for each stretch of `n` pixels over which the first is `a` and the second `b` (0 or 1).
 * Zero-length runs give zero-length stretches, one per run, exactly as pycocotools' merge and
 * IoU loops step through them.
 */
export function walkRuns(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  step: (n: number, a: number, b: number) => void,
): void {
  let ia = 0;
  let ib = 0;
  let ca = first[0];
  let cb = second[0];
  let va = 0;
  let vb = 0;
  for (let remaining = 1; remaining > 0; ) {
    const n = Math.min(ca, cb);
    step(n, va, vb);
    ca -= n;
    cb -= n;
    if (ca === 0 && ia + 1 < first.length) {
      ca = first[++ia];
      va ^= 1;
    }
    if (cb === 0 && ib + 1 < second.length) {
      cb = second[++ib];
      vb ^= 1;
    }
    remaining = ca + cb;
  }
}
