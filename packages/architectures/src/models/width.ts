import { check } from '@fovea/core';

/**
 * Validates a width multiplier and returns the channel-scaling function the builders share:
 * `c -> max(divisor, round(c * width / divisor) * divisor)`, i.e. `max(1, round(c * width))` for the
 * default divisor 1. A divisor (the group count of a grouped convolution, or twice it where CSPNet
 * splits the channels in halves) keeps every scaled count a whole multiple of it. Published widths are
 * multiples of their divisors, so width 1 returns every count unchanged.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` unless `width` is a positive finite number.
 */
export function widthScaler(width: number, builder: string): (channels: number, divisor?: number) => number {
  check(typeof width === 'number' && Number.isFinite(width) && width > 0,
    `${builder}: width must be a positive number (1 keeps the published widths, 0.25 a quarter of every layer); got ${width}.`);
  return (channels, divisor = 1) => Math.max(divisor, Math.round((channels * width) / divisor) * divisor);
}
