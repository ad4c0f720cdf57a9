/**
 * `blockplan measure CASE [--json]`: every annotation and needle path of a case with the numbers the
 * app shows, so they can be checked outside the app. A thin adapter over core/app (`openCase`,
 * `measureCase`); this file parses arguments and prints. Patient details are never printed.
 */
import { resolve } from 'node:path';
import { measureCase, openCase, type MeasureRecord } from '../../app/index';
import { formatMeasurement, MARGIN_LABEL, type Measurement } from '../../geometry/index';
import { nodeFileBytes } from '../file-bytes';
import { UsageError, type CliCommand } from '../types';

const usage = `usage: blockplan measure CASE [--json]

Prints every annotation and needle path of a case (.bpcase or .bpcasez) with its measurements: lengths,
areas, depths, needle path length, target depth, angles to the skin and to the beam, entry offset, and
the clearance of each at-risk structure from the path and from its extension, with warnings. Numbers
are in mm where the clip is calibrated, else in px with the reason.
  --json   print one JSON object
Exit status: 0 every clip measured, 1 the case or a clip could not be read, 2 usage error.`;

export type { MeasureRecord, MeasuredClipRecord } from '../../app/index';

/** "50.0 mm", or "500 px [why]" when not calibrated. */
function fmt(m: Measurement | undefined | null): string {
  if (!m) return 'n/a';
  const s = formatMeasurement(m);
  return m.reason ? `${s} [${m.reason}]` : s;
}

const pt = (p: { x: number; y: number }) => `(${p.x.toFixed(1)}, ${p.y.toFixed(1)}) px`;

function textReport(rec: MeasureRecord): string {
  const lines: string[] = [];
  const c = rec.case!;
  lines.push(`Case: ${c.title} — ${rec.file}`);
  const b = c.block;
  lines.push(`Block: ${b.name ?? b.templateId ?? 'not chosen'}${b.side ? `, side ${b.side}` : ''}${b.level ? `, level ${b.level}` : ''}${b.approach ? `, approach ${b.approach}` : ''}`);
  lines.push(`Settings: margin ${c.settings.marginMm} mm (${MARGIN_LABEL}), steep-angle warning above ${c.settings.steepAngleDeg}° to the probe face`);
  for (const clip of rec.clips ?? []) {
    lines.push('');
    lines.push(`Clip ${clip.id}: ${clip.path}`);
    if (!clip.ok) {
      lines.push(`  not measured: ${clip.error}`);
      continue;
    }
    lines.push(`  calibration: ${clip.calibration}`);
    lines.push(`  annotations (${clip.annotations!.length}):`);
    for (const a of clip.annotations!) {
      const parts: string[] = [];
      if (a.length) parts.push(`length ${fmt(a.length)}`);
      if (a.perimeter) parts.push(`perimeter ${fmt(a.perimeter)}`);
      if (a.area) parts.push(`area ${fmt(a.area)}`);
      if (a.semiAxes) parts.push(`semi-axes ${fmt(a.semiAxes.a)} × ${fmt(a.semiAxes.b)}`);
      if (a.depth) parts.push(`depth ${fmt(a.depth)}`);
      lines.push(`    [${a.role}] ${a.label || a.id} (${a.kind}, ${a.frameIndex === null ? 'all frames' : `frame ${a.frameIndex}`}): ${parts.join(', ') || 'no measurement'}`);
    }
    for (const n of clip.needlePaths!) {
      lines.push(`  needle path ${n.label ? `“${n.label}”` : n.id} (${n.mode}, ${n.frameIndex === null ? 'all frames' : `frame ${n.frameIndex}`}): entry ${pt(n.entry)} → target ${pt(n.target)}`);
      lines.push(`    path length ${fmt(n.pathLength)}`);
      lines.push(`    target depth ${fmt(n.targetDepth)} below the skin line (${n.skin.source === 'annotation' ? 'marked skin' : n.skin.source === 'region-top' ? 'top of the calibrated region' : n.skin.source === 'transducer-face' ? 'transducer face of the manual calibration' : 'top of the image'})`);
      lines.push(`    angle to skin ${fmt(n.angleToSkin)}, to beam ${fmt(n.angleToBeam)} (${n.beam}), to probe face ${fmt(n.angleToProbeFace)}`);
      if (n.entryOffset) lines.push(`    entry offset ${fmt(n.entryOffset.distance)} from the ${n.entryOffset.edge} edge${n.entryOffset.inside ? '' : ' (outside the probe footprint)'}`);
      for (const cl of n.clearances) {
        const ext = cl.extension ? `; beyond the target ${fmt(cl.extension.distance)}${cl.extension.crosses ? ' CROSSES' : cl.extension.withinMargin ? ' within margin' : ''}` : '';
        lines.push(`    clearance ${cl.label || cl.annotationId}: path ${fmt(cl.path.distance)}${cl.path.crosses ? ' CROSSES' : cl.path.withinMargin ? ' within margin' : ''}${ext}`);
      }
      for (const w of n.warnings) lines.push(`    ${w.severity}: ${w.message}`);
    }
  }
  return lines.join('\n');
}

/** Open the case through core/app and measure it (the workflow; this file only prints). */
async function measureFile(file: string): Promise<MeasureRecord> {
  const opened = await openCase(file, nodeFileBytes);
  if (!opened.ok) return { file, ok: false, error: opened.error.title };
  return measureCase(opened.value);
}

export const measure: CliCommand = {
  summary: 'Print every annotation and needle path of a case with its measurements',
  usage,
  async run(args, io) {
    let json = false;
    const files: string[] = [];
    for (const a of args) {
      if (a === '--json') json = true;
      else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
      else files.push(a);
    }
    if (files.length !== 1) throw new UsageError(files.length === 0 ? 'no CASE given' : 'give one CASE');
    const file = resolve(io.cwd, files[0]!);
    const rec = await measureFile(file);
    if (rec.error) io.err(`error: ${file}: ${rec.error}`);
    for (const c of rec.clips ?? []) if (!c.ok) io.err(`error: ${c.path}: ${c.error}`);
    if (json) io.out(JSON.stringify(rec, null, 2));
    else if (rec.case) io.out(textReport(rec));
    return rec.ok ? 0 : 1;
  },
};
