/**
 * Separable Gaussian blur on a row-major float field, used as the point-spread function of the
 * synthetic scanner (lateral × axial). Edges are clamped.
 */

/** Normalised Gaussian kernel with radius ⌈2.5σ⌉ (σ in samples); σ ≤ 0 gives the identity. */
export function gaussianKernel(sigma: number): Float32Array {
  if (!(sigma > 0)) return Float32Array.of(1);
  const r = Math.max(1, Math.ceil(sigma * 2.5));
  const k = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) {
    const w = Math.exp(-(i * i) / (2 * sigma * sigma));
    k[i + r] = w;
    sum += w;
  }
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

/** Sum of squared kernel weights: the variance gain of blurring unit-variance white noise. */
export function kernelEnergy(k: Float32Array): number {
  let s = 0;
  for (const w of k) s += w * w;
  return s;
}

/**
 * Blur `src` (width × height, row-major) with kernel `kx` along x (within rows) and `ky` along y,
 * writing into `dst`. `tmp` is scratch of the same size.
 */
export function blurSeparable(src: Float32Array, dst: Float32Array, tmp: Float32Array, width: number, height: number, kx: Float32Array, ky: Float32Array): void {
  const rx = (kx.length - 1) >> 1;
  const ry = (ky.length - 1) >> 1;
  const kxl = kx.length;
  // Horizontal pass; the interior needs no clamping.
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let s = 0;
      if (x >= rx && x < width - rx) {
        const base = row + x - rx;
        for (let j = 0; j < kxl; j++) s += kx[j]! * src[base + j]!;
      } else {
        for (let j = -rx; j <= rx; j++) {
          let xx = x + j;
          if (xx < 0) xx = 0;
          else if (xx >= width) xx = width - 1;
          s += kx[j + rx]! * src[row + xx]!;
        }
      }
      tmp[row + x] = s;
    }
  }
  // Vertical pass, row by row for cache locality.
  dst.fill(0, 0, width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let j = -ry; j <= ry; j++) {
      let yy = y + j;
      if (yy < 0) yy = 0;
      else if (yy >= height) yy = height - 1;
      const w = ky[j + ry]!;
      const srow = yy * width;
      for (let x = 0; x < width; x++) dst[row + x] += w * tmp[srow + x]!;
    }
  }
}
