// Draws the app icon (build/icon.png, 1024×1024 RGBA) — a target ring with a needle — deterministically.
import { writeFileSync } from 'node:fs';
import { encode } from 'fast-png';

const N = 1024;
const px = new Uint8Array(N * N * 4);
const bg = [22, 26, 30];
const ring = [95, 180, 194];
const needle = [221, 227, 232];
const c = N / 2;

function cover(x: number, y: number): [number[], number] | null {
  // Rounded-square background with anti-aliased edges.
  const r = 220, half = N / 2 - 24;
  const qx = Math.max(Math.abs(x - c) - (half - r), 0), qy = Math.max(Math.abs(y - c) - (half - r), 0);
  const dBox = Math.hypot(qx, qy) - r;
  if (dBox > 1) return null;
  const alphaBox = Math.min(1, Math.max(0, 0.5 - dBox));
  const d = Math.hypot(x - c, y - c);
  let col = bg;
  if (Math.abs(d - 320) < 40 || d < 110) col = ring;
  // Needle from lower-left towards the centre.
  const t = ((x - 150) * 1 + (N - 150 - y) * 1) / 2;
  const dist = Math.abs((x - 150) - (N - 150 - y)) / Math.SQRT2;
  if (t > 0 && t < 300 && dist < 22) col = needle;
  return [col, alphaBox];
}

for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    const hit = cover(x + 0.5, y + 0.5);
    const i = (y * N + x) * 4;
    if (!hit) continue;
    px[i] = hit[0][0]!; px[i + 1] = hit[0][1]!; px[i + 2] = hit[0][2]!; px[i + 3] = Math.round(255 * hit[1]);
  }
}
writeFileSync(new URL('../icon.png', import.meta.url), encode({ width: N, height: N, data: px, channels: 4, depth: 8 }));
console.log('wrote build/icon.png');
