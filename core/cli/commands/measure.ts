/**
 * `blockplan measure CASE [--json]`: every annotation and needle path of a case with the numbers the
 * app shows (core/plan measureClip → core/geometry, the same code), so they can be checked outside
 * the app. Calibration comes from each clip's DICOM file. Patient details are never printed.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getBlockTemplate } from '../../blocks/index';
import { isSpatialRegion, measurementSpace, openDicom, regionScaleProblem, type Calibration } from '../../dicom/index';
import { formatMeasurement, MARGIN_LABEL, type Measurement } from '../../geometry/index';
import { readCaseFile, resolveClipPath } from '../../node/index';
import { measureClip, sha256Hex, type Case, type ClipMeasurements } from '../../plan/index';
import { UsageError, type CliCommand } from '../types';

const usage = `usage: blockplan measure CASE [--json]

Prints every annotation and needle path of a case (.bpcase) with its measurements: lengths, areas,
depths, needle path length, target depth, angles to the skin and to the beam, entry offset, and the
clearance of each at-risk structure from the path and from its extension, with warnings. Numbers
are in mm where the clip is calibrated, else in px with the reason.
  --json   print one JSON object
Exit status: 0 every clip measured, 1 the case or a clip could not be read, 2 usage error.`;

export interface MeasuredClipRecord {
  id: string;
  /** Absolute path of the clip file. */
  path: string;
  ok: boolean;
  error?: string;
  /** How the clip is calibrated, in words (from the file's ultrasound regions or pixel spacing). */
  calibration?: string;
  annotations?: ClipMeasurements['annotations'];
  needlePaths?: ClipMeasurements['needlePaths'];
}

export interface MeasureRecord {
  file: string;
  ok: boolean;
  error?: string;
  case?: { id: string; title: string; block: Case['block'] & { name: string | null }; settings: Case['settings'] };
  clips?: MeasuredClipRecord[];
}

function describeCalibration(cal: Calibration, manual: boolean): string {
  const spatial = cal.regions.filter(isSpatialRegion);
  if (cal.regions.length > 0) {
    const scales = [...new Set(spatial.map((r) => `${(Math.abs(r.deltaX) * 10).toFixed(4)}×${(Math.abs(r.deltaY) * 10).toFixed(4)} mm/px`))];
    const problems = cal.regions.map(regionScaleProblem).filter((p) => p !== undefined);
    return `${cal.regions.length} ultrasound region(s), ${spatial.length} calibrated in cm${scales.length ? ` (${scales.join(', ')})` : ''}${problems.length ? `; ${problems.join(' ')}` : ''}`;
  }
  if (manual) return 'manual calibration from the case';
  const s = measurementSpace([], cal);
  if (cal.pixelSpacingMm) return s.unit === 'mm' ? `pixel spacing ${cal.pixelSpacingMm.colMm}×${cal.pixelSpacingMm.rowMm} mm/px` : s.reason;
  return 'uncalibrated (measurements in px)';
}

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
      lines.push(`    target depth ${fmt(n.targetDepth)} below the skin line (${n.skin.source === 'annotation' ? 'marked skin' : n.skin.source === 'region-top' ? 'top of the calibrated region' : 'top of the image'})`);
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

async function measureCase(file: string): Promise<MeasureRecord> {
  const r = await readCaseFile(file);
  if (!r.ok) return { file, ok: false, error: r.error.title };
  const plan = r.value.plan;
  const t = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  const clips: MeasuredClipRecord[] = [];
  for (const clip of plan.clips) {
    const path = resolveClipPath(file, clip);
    let bytes: Uint8Array;
    try {
      const b = await readFile(path);
      bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch {
      clips.push({ id: clip.id, path, ok: false, error: 'the clip file was not found (moved or renamed?); locate it in the app' });
      continue;
    }
    if (sha256Hex(bytes) !== clip.sha256) {
      clips.push({ id: clip.id, path, ok: false, error: 'the clip file has changed since it was added to the case (SHA-256 differs)' });
      continue;
    }
    const d = openDicom(bytes, { fileName: path });
    if (!d.ok) {
      clips.push({ id: clip.id, path, ok: false, error: d.error.message });
      continue;
    }
    const m = measureClip(plan, clip.id, d.value.calibration);
    clips.push({ id: clip.id, path, ok: true, calibration: describeCalibration(d.value.calibration, clip.id in plan.manualCalibrations), annotations: m.annotations, needlePaths: m.needlePaths });
  }
  return {
    file,
    ok: clips.every((c) => c.ok),
    case: { id: plan.id, title: plan.title, block: { ...plan.block, name: t?.name ?? null }, settings: plan.settings },
    clips,
  };
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
    const rec = await measureCase(file);
    if (rec.error) io.err(`error: ${file}: ${rec.error}`);
    for (const c of rec.clips ?? []) if (!c.ok) io.err(`error: ${c.path}: ${c.error}`);
    if (json) io.out(JSON.stringify(rec, null, 2));
    else if (rec.case) io.out(textReport(rec));
    return rec.ok ? 0 : 1;
  },
};
