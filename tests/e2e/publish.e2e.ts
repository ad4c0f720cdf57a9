/**
 * `blockplan publish`: a case with a clip carrying burned-in identity becomes a static folder; served
 * by `python3 -m http.server` on 127.0.0.1, teach.html opens the app with the de-identified case,
 * the clip plays, the case is read-only (it cannot be saved over) and a trainee rehearses it (draws the
 * needle path, submits, sees the score), and no request leaves that origin. `blockplan serve`
 * refuses paths outside DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../core/cli/main';
import { serveFolder } from '../../core/cli/commands/serve';
import { writeCaseFile } from '../../core/node/case-file';
import { createCase } from '../../core/plan/case';
import { sha256Hex } from '../../core/plan/hash';
import { makePhiClip } from '../support/deid-clip';
import { launch, screenshot, type Session } from './browser';

const work = mkdtempSync(path.join(os.tmpdir(), 'bp-publish-'));
const out = path.join(work, 'site');
let py: ChildProcess | undefined;
let base = '';
let s: Session;
const EXPERT = { entry: { x: 120, y: 60 }, target: { x: 300, y: 250 } };


beforeAll(async () => {
  const clip = await makePhiClip({ columns: 480, rows: 360, frames: 12, inside: false });
  writeFileSync(path.join(work, 'KOWALSKI.dcm'), clip.bytes);
  // The expert answer: one in-plane needle path inside the calibrated region (40–440 × 48–352 px).
  const plan = {
    ...createCase({ title: 'TPVB teaching case', now: '2026-01-02T03:04:05.000Z' }),
    needlePaths: [{ id: 'n1', clipId: 'c1', frameIndex: null, entry: EXPERT.entry, target: EXPERT.target, mode: 'in-plane' as const, label: '' }],
    patient: { name: 'Anna Kowalski' },
    clips: [{ id: 'c1', path: 'KOWALSKI.dcm', displayName: 'KOWALSKI.dcm', sopInstanceUid: clip.sopInstanceUid, studyInstanceUid: clip.studyInstanceUid, seriesInstanceUid: null, sha256: sha256Hex(clip.bytes), byteLength: clip.bytes.length, frameCount: 12, rows: 360, columns: 480, beam: { kind: 'unknown' as const }, origin: { kind: 'file' as const } }],
  };
  const w = await writeCaseFile(path.join(work, 'case.bpcase'), plan);
  if (!w.ok) throw new Error(w.error.title);
  const lines: string[] = [];
  const code = await main(['publish', path.join(work, 'case.bpcase'), '--out', out, '--objective', 'Find the pleura'], { out: (t) => lines.push(t), err: (t) => lines.push(t), cwd: work });
  if (code !== 0) throw new Error(lines.join('\n'));
  py = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  base = await new Promise<string>((ok, fail) => {
    const t = setTimeout(() => fail(new Error('python http.server did not start')), 20_000);
    py!.stdout!.on('data', (d: Buffer) => {
      const m = /port (\d+)/.exec(d.toString());
      if (m) {
        clearTimeout(t);
        ok(`http://127.0.0.1:${m[1]}/`);
      }
    });
  });
  s = await launch();
}, 300_000);
afterAll(async () => {
  await s?.close();
  py?.kill();
});

describe('publish', () => {
  it('the published folder holds no identifying value and opens and plays from a static server', async () => {
    const bundle = readFileSync(path.join(out, 'teaching/case.bpcasez')).toString('latin1');
    for (const v of ['KOWALSKI', 'Kowalski', 'PID48213579']) expect(bundle.includes(v), v).toBe(false);
    const page = s.page;
    const foreign: string[] = [];
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(`${base}teach.html`);
    await page.getByTestId('viewer2d').waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await page.locator('.files-panel, aside').first().textContent()) ?? '', { timeout: 30_000 }).toMatch(/Clip 1/);
    const counter = page.getByText(/Frame \d+ \/ 12/).first();
    await counter.waitFor({ timeout: 30_000 });
    const before = await counter.textContent();
    await page.getByTestId('viewer2d').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Space');
    await expect.poll(async () => await counter.textContent(), { timeout: 20_000 }).not.toBe(before);
    await page.keyboard.press('Space'); // pause: the plan's marks are drawn on a still frame
    await screenshot(page, 'publish-01-teaching-case');

    // Read-only teaching mode: Rehearse or review; saving over the published case is refused.
    const teach = page.getByRole('region', { name: 'Teaching case' });
    await teach.getByText('Find the pleura').waitFor();
    const onClip = page.getByTestId('viewer2d').locator('[data-needle-id]');
    expect(await onClip.count(), 'the answer is not on the clip before the trainee chooses').toBe(0);
    // Save is disabled, saying why; its key says it too (and does not open the browser's "save page").
    const save = page.getByRole('toolbar', { name: 'Main toolbar' }).getByRole('button', { name: 'Save case' });
    expect(await save.isDisabled()).toBe(true);
    await page.keyboard.press('Control+s');
    await page.getByRole('region', { name: 'Messages' }).getByText('This published teaching case cannot be saved.').waitFor();
    await teach.getByRole('button', { name: 'Review the expert plan' }).click();
    await expect.poll(() => onClip.count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'publish-02-review');
    await teach.getByRole('button', { name: 'Rehearse' }).click();
    const panel = page.getByRole('complementary', { name: 'Rehearsal' });
    await panel.getByRole('heading', { name: 'Rehearsal' }).waitFor();
    expect(await onClip.count(), 'the expert path is hidden while rehearsing').toBe(0);
    await panel.getByRole('textbox', { name: /Your name/ }).fill('Ada Trainee');
    // The needle path with the marking cursor (it starts at the image centre, 240, 180): Shift+arrow 20 px, arrow 2 px.
    await panel.getByRole('button', { name: 'Place the needle path with the keyboard' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: 10_000 }).toBe('marking-cursor');
    const keys = async (key: string, n: number) => {
      for (let i = 0; i < n; i++) await page.keyboard.press(key);
    };
    await keys('Shift+ArrowLeft', 5); // x 140
    await keys('ArrowLeft', 8); // x 124
    await keys('Shift+ArrowUp', 5); // y 80
    await keys('ArrowUp', 8); // y 64
    await page.keyboard.press('Enter'); // entry (124, 64)
    await keys('Shift+ArrowRight', 8); // x 284
    await keys('ArrowRight', 6); // x 296
    await keys('Shift+ArrowDown', 9); // y 244
    await keys('ArrowDown', 1); // y 246
    await page.keyboard.press('Enter'); // target (296, 246)
    await panel.getByText('Needle path drawn.').waitFor();
    await screenshot(page, 'publish-03-rehearsal-path');
    await expect.poll(() => onClip.count(), { timeout: 10_000 }).toBe(1);
    await panel.getByRole('button', { name: 'Submit attempt' }).click();
    const fb = page.getByTestId('rehearsal-feedback');
    await fb.waitFor();
    expect(await fb.locator('.score-number').textContent()).toMatch(/^\d+ \/ \d+$/);
    await expect.poll(() => fb.getByText('Passed', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    // Target 4 px right and 4 px down of the expert's at 0.2 mm/px: hypot(4, 4) × 0.2 = 1.13 mm.
    expect(await fb.textContent()).toContain('Target error 1.1 mm');
    await screenshot(page, 'publish-04-rehearsal-feedback');
    expect(foreign).toEqual([]);
    expect(failed, 'every file the page asks for is in the published folder').toEqual([]);
    expect(s.consoleErrors).toEqual([]);
  }, 300_000);

  it('blockplan serve answers on 127.0.0.1 and never outside the folder', async () => {
    mkdirSync(path.join(work, 'secret'), { recursive: true });
    writeFileSync(path.join(work, 'secret/x.txt'), 'secret');
    const srv = await serveFolder(out, 0);
    try {
      expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect((await fetch(`${srv.url}teach.html`)).status).toBe(200);
      expect((await fetch(`${srv.url}..%2Fsecret%2Fx.txt`)).status).toBe(404);
      expect((await fetch(`${srv.url}teaching/case.bpcasez`, { method: 'POST' })).status).toBe(405);
    } finally {
      await srv.close();
    }
  });
});
