import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { CURRENT_SCHEMA_VERSION } from './schema';

/**
 * Migrations between case-file versions. `MIGRATIONS[n]` turns a valid version-n object into a
 * version-(n+1) object; `migrateToCurrent` runs the chain. Each step validates its input with that
 * version's schema first, so an error names the field as it was written in the old file.
 *
 * Version 1 is the first draft of the format (single needle, tuple points, abbreviated names). It was
 * never released, but its files exist from early prototypes and the chain must keep working for every
 * later bump, so it is kept as the reference migration.
 */

const V1Point = z.tuple([z.number().finite(), z.number().finite()]);

/** Case format version 1 (draft). */
export const CaseV1Schema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().min(1),
  title: z.string().default(''),
  /** ISO date-time. */
  created: z.string(),
  modified: z.string(),
  blockId: z.string().nullable().default(null),
  side: z.enum(['L', 'R', 'B', 'M']).nullable().default(null),
  level: z.string().nullable().default(null),
  clips: z.array(
    z.object({
      id: z.string().min(1),
      file: z.string().min(1),
      sopInstanceUid: z.string().nullable().default(null),
      sha256: z.string(),
      frames: z.number().int().positive(),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
    }),
  ),
  annotations: z
    .array(
      z.object({
        id: z.string().min(1),
        clip: z.string().min(1),
        type: z.enum(['point', 'line', 'polyline', 'polygon', 'ellipse', 'arrow']),
        pts: z.array(V1Point).min(1),
        label: z.string().default(''),
        role: z.enum(['target', 'landmark', 'danger', 'skin']),
        /** null = all frames */
        frame: z.number().int().nonnegative().nullable().default(null),
        hidden: z.boolean().default(false),
      }),
    )
    .default([]),
  /** At most one needle path in v1. */
  needle: z
    .object({
      clip: z.string().min(1),
      frame: z.number().int().nonnegative().nullable().default(null),
      entry: V1Point,
      target: V1Point,
      inPlane: z.boolean().default(true),
    })
    .nullable()
    .default(null),
  marginMm: z.number().positive().optional(),
});
export type CaseV1 = z.infer<typeof CaseV1Schema>;

/** Why a migration failed, with the field path as written in that version. */
export interface MigrationFailure {
  fromVersion: number;
  path: string;
  message: string;
}

const SIDE_V1: Record<'L' | 'R' | 'B' | 'M', 'left' | 'right' | 'bilateral' | 'midline'> = { L: 'left', R: 'right', B: 'bilateral', M: 'midline' };

function basename(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || p;
}

/** v1 → v2: named fields, {x, y} points, several needle paths, key frames, settings. */
function v1ToV2(input: unknown): Result<unknown, MigrationFailure> {
  const parsed = CaseV1Schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err({ fromVersion: 1, path: formatPath(issue.path), message: issueMessage(issue.message) });
  }
  const v1 = parsed.data;
  const pt = ([x, y]: [number, number]) => ({ x, y });
  return ok({
    schemaVersion: 2,
    id: v1.id,
    title: v1.title,
    createdAt: v1.created,
    updatedAt: v1.modified,
    block: { templateId: v1.blockId, side: v1.side ? SIDE_V1[v1.side] : null, level: v1.level, approach: null },
    clips: v1.clips.map((c) => ({
      id: c.id,
      path: c.file.replace(/\\/g, '/'),
      displayName: basename(c.file),
      sopInstanceUid: c.sopInstanceUid,
      studyInstanceUid: null,
      seriesInstanceUid: null,
      sha256: c.sha256.toLowerCase(),
      frameCount: c.frames,
      rows: c.height,
      columns: c.width,
      beam: { kind: 'unknown' },
      origin: { kind: 'file' },
    })),
    keyFrames: [],
    annotations: v1.annotations.map((a) => ({
      id: a.id,
      clipId: a.clip,
      kind: a.type === 'polygon' ? 'contour' : a.type,
      points: a.pts.map(pt),
      closed: a.type === 'polygon',
      label: a.label,
      structureId: null,
      role: a.role === 'danger' ? 'at-risk' : a.role,
      frameIndex: a.frame,
      visible: !a.hidden,
      locked: false,
      text: '',
    })),
    needlePaths: v1.needle
      ? [{ id: 'needle-1', clipId: v1.needle.clip, frameIndex: v1.needle.frame, entry: pt(v1.needle.entry), target: pt(v1.needle.target), mode: v1.needle.inPlane ? 'in-plane' : 'out-of-plane', label: '' }]
      : [],
    manualCalibrations: {},
    settings: { marginMm: v1.marginMm ?? 5, steepAngleDeg: 30 },
    patient: {},
  });
}

/** `MIGRATIONS[n]`: version n → n + 1. */
export const MIGRATIONS: Record<number, (input: unknown) => Result<unknown, MigrationFailure>> = {
  1: v1ToV2,
};

/** Oldest version this build can read. */
export const OLDEST_SUPPORTED_VERSION = 1;

/** Run the migration chain from `version` to CURRENT_SCHEMA_VERSION. */
export function migrateToCurrent(input: unknown, version: number): Result<unknown, MigrationFailure> {
  let cur: unknown = input;
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return err({ fromVersion: v, path: 'schemaVersion', message: `no migration from version ${v}` });
    const r = step(cur);
    if (!r.ok) return r;
    cur = r.value;
  }
  return ok(cur);
}

/**
 * A zod issue's message in words a reader of the file can act on: a missing field says "missing"
 * (zod says "expected string, received undefined").
 */
export function issueMessage(message: string): string {
  const m = /^Invalid input: expected (.+), received undefined$/.exec(message);
  return m ? `missing (${m[1]} required)` : message;
}

/** Format a zod issue path as `annotations[3].points[0].x`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`;
    else s += s ? `.${String(k)}` : String(k);
  }
  return s || '(top level)';
}
