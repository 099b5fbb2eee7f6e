/**
 * Rotates the hue of RGB pixels in place: `rgb` holds n pixels of 3 values in [0, 1]; each goes
 * to HSV, its hue moves by `shift` (a fraction of a turn, modulo 1), and it comes back to RGB.
 * The formulas are torchvision's tensor `_rgb2hsv` / `_hsv2rgb` (after Pillow's): hue and
 * saturation are 0 where a pixel is grey, and each output is clamped to [0, 1].
 */
export function rotateHue(rgb: Float64Array, shift: number): void {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  for (let o = 0; o < rgb.length; o += 3) {
    const [r, g, b] = [rgb[o], rgb[o + 1], rgb[o + 2]];
    const v = Math.max(r, g, b);
    const cr = v - Math.min(r, g, b);
    let h = 0;
    let s = 0;
    if (cr !== 0) {
      s = cr / v;
      const [rc, gc, bc] = [(v - r) / cr, (v - g) / cr, (v - b) / cr];
      h = v === r ? bc - gc : v === g ? 2 + rc - bc : 4 + gc - rc;
      h = (h / 6 + 1) % 1;
    }
    h += shift;
    h -= Math.floor(h); // floor modulo 1, as torch's `%`
    const i6 = Math.floor(h * 6);
    const f = h * 6 - i6;
    const p = clamp(v * (1 - s));
    const q = clamp(v * (1 - s * f));
    const t = clamp(v * (1 - s * (1 - f)));
    const rgbOut = [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]][((i6 % 6) + 6) % 6];
    rgb[o] = rgbOut[0];
    rgb[o + 1] = rgbOut[1];
    rgb[o + 2] = rgbOut[2];
  }
}
