import { create } from 'zustand';
import type { AppError } from '../../core/result';
import { measurementSpace, regionContaining, regionScaleProblem, type Calibration, type UltrasoundRegion } from '../../core/dicom/calibration';
import type { DicomImage, FrameRateSource } from '../../core/dicom/types';
import type { OpenedFile } from '../../electron/ipc-contract';

/**
 * Files the user has opened this session (DICOM clips, models). The viewer and the 3D workspace
 * take files from here; a file that fails is kept with its reason and never disturbs the others.
 */
export interface LoadedFile {
  id: string;
  name: string;
  path: string;
  kind: 'dicom' | 'model' | 'case' | 'unknown';
  /** The file's bytes (emptied when a file fails to open, to free memory). */
  bytes: Uint8Array;
  /** `reading` while a DICOM file is parsed and its first frame decoded. */
  status: FileStatus;
  /** Why the file could not be opened (also pushed to the messages store). */
  error?: AppError;
  /** What the left panel and overlays show about a DICOM clip (no patient data). */
  dicom?: DicomSummary;
  /** A small preview of the first frame (a blob: URL owned by this store). */
  thumbnailUrl?: string;
}

export type FileStatus = 'reading' | 'ready' | 'failed';

/** Calibration of a clip as the viewer shows it (the rule of core/dicom/calibration.ts). */
export type CalibrationStatus =
  | {
      unit: 'mm';
      source: 'us-region' | 'pixel-spacing' | 'imager-pixel-spacing' | 'manual';
      mmPerPxX: number;
      mmPerPxY: number;
      /** The region the depth scale is drawn along (the largest 2D tissue region in cm). */
      region?: UltrasoundRegion;
      /** A manual calibration's transducer face (row, px), when the user marked it: depth 0 of the scale. */
      faceY?: number;
    }
  | { unit: 'px'; reason: string };

/** A DICOM clip's header facts for display. Never holds patient name, ID or birth date. */
export interface DicomSummary {
  /** Stable identity of the clip (SOP Instance UID, else the path): key frames refer to it. */
  clipUid: string;
  studyUid?: string;
  studyDescription?: string;
  /** DICOM DA, YYYYMMDD. */
  studyDate?: string;
  seriesUid?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  modality?: string;
  manufacturer?: string;
  modelName?: string;
  rows: number;
  columns: number;
  frameCount: number;
  /** Complete frames in the file (fewer than frameCount when it is truncated). */
  availableFrames: number;
  /** Whole clip at its native rate, ms. */
  durationMs: number;
  /** How long each frame is shown at the native rate, ms (core/dicom timing). */
  frameTimesMs: number[];
  /** Mean frames per second. */
  fps: number;
  rateSource: FrameRateSource;
  /** True when the file gives no rate and 30 frames/s is assumed. */
  rateAssumed: boolean;
  transferSyntaxName: string;
  photometric: string;
  calibration: CalibrationStatus;
  /** Things worth telling the user that did not stop reading. */
  warnings: string[];
}

/**
 * The region to draw a depth scale along: the one core measures in (core/dicom/calibration.ts
 * regionContaining, the one region-choice rule: a tissue region calibrated in cm, then the smallest).
 */
export function depthRegion(cal: Calibration): UltrasoundRegion | undefined {
  return regionContaining([], cal.regions);
}

const isManual = (s: ReturnType<typeof measurementSpace>) => s.unit === 'mm' && s.source === 'manual';

/** The calibration status of a clip as a whole (badge, overlay). */
export function calibrationStatus(cal: Calibration): CalibrationStatus {
  if (cal.regions.length > 0 && !isManual(measurementSpace([], cal))) {
    const r = depthRegion(cal);
    if (!r) {
      // A region in cm whose deltas are implausible is a damaged calibration: say so (core's reason).
      const problem = cal.regions.map(regionScaleProblem).find((p) => p !== undefined);
      return { unit: 'px', reason: problem ?? 'No ultrasound region of this clip is calibrated in cm (for example Doppler or M-mode only); distances are in pixels.' };
    }
    const s = measurementSpace([{ x: r.x0, y: r.y0 }, { x: r.x1, y: r.y1 }], cal);
    if (s.unit === 'mm') return { unit: 'mm', source: s.source, mmPerPxX: s.mmPerPxX, mmPerPxY: s.mmPerPxY, region: r };
    return { unit: 'px', reason: s.reason };
  }
  const s = measurementSpace([], cal);
  if (s.unit === 'mm') return { unit: 'mm', source: s.source, mmPerPxX: s.mmPerPxX, mmPerPxY: s.mmPerPxY, ...(s.source === 'manual' && cal.manual?.faceY !== undefined ? { faceY: cal.manual.faceY } : {}) };
  return { unit: 'px', reason: s.reason };
}

/** Summarise an opened clip for the file list and overlays (patient fields left out on purpose). */
export function summarizeDicom(img: DicomImage, path: string): DicomSummary {
  const m = img.meta;
  const durationMs = img.timing.frameTimesMs.reduce((s, x) => s + x, 0);
  const s: DicomSummary = {
    clipUid: m.sopInstanceUid ?? `file:${path}`,
    rows: m.rows,
    columns: m.columns,
    frameCount: img.frameCount,
    availableFrames: img.availableFrames,
    durationMs,
    frameTimesMs: img.timing.frameTimesMs.slice(0, Math.max(1, img.availableFrames)),
    fps: img.timing.fps,
    rateSource: img.timing.source,
    rateAssumed: img.timing.assumed,
    transferSyntaxName: m.transferSyntaxName,
    photometric: m.photometricInterpretation,
    calibration: calibrationStatus(img.calibration),
    warnings: [...img.warnings],
  };
  const opt: Partial<DicomSummary> = {
    studyUid: m.studyInstanceUid,
    studyDescription: m.studyDescription,
    studyDate: m.studyDate,
    seriesUid: m.seriesInstanceUid,
    seriesNumber: m.seriesNumber,
    seriesDescription: m.seriesDescription,
    modality: m.modality,
    manufacturer: m.manufacturer,
    modelName: m.modelName,
  };
  for (const [k, v] of Object.entries(opt)) if (v !== undefined && v !== '') (s as unknown as Record<string, unknown>)[k] = v;
  return s;
}

export type FilePatch = Partial<Pick<LoadedFile, 'status' | 'error' | 'dicom' | 'thumbnailUrl' | 'bytes'>>;

/** A folder (or many files) being read one file at a time, with the way to stop it. */
export interface ReadingProgress {
  /** Files read (opened or failed) and files in the batch. */
  done: number;
  total: number;
  /** Stop reading the rest (the files not read yet leave the list). */
  cancel(): void;
}

interface FilesState {
  files: LoadedFile[];
  /** The batch of DICOM files being read, or null. */
  reading: ReadingProgress | null;
  add(files: OpenedFile[], kind: LoadedFile['kind'], status?: FileStatus): LoadedFile[];
  /** Change a file's status, summary, error or thumbnail. */
  update(id: string, patch: FilePatch): void;
  /** Several changes in one store update (one re-render of the file list for a batch of files). */
  updateMany(patches: ReadonlyMap<string, FilePatch>): void;
  remove(id: string): void;
  /** Remove several files at once. */
  removeMany(ids: ReadonlySet<string>): void;
  setReading(p: ReadingProgress | null): void;
}

let seq = 0;

const revoke = (url: string | undefined) => {
  if (url && url.startsWith('blob:') && typeof URL !== 'undefined' && URL.revokeObjectURL) URL.revokeObjectURL(url);
};

export const useFiles = create<FilesState>((set, get) => ({
  files: [],
  reading: null,
  add(opened, kind, status = 'ready') {
    const added: LoadedFile[] = opened.map((f) => ({ id: `f${++seq}`, name: f.name, path: f.path, kind, bytes: f.bytes, status }));
    set((s) => ({ files: [...s.files, ...added] }));
    return added;
  },
  update(id, patch) {
    const old = get().files.find((f) => f.id === id);
    if (old && patch.thumbnailUrl !== undefined && old.thumbnailUrl !== patch.thumbnailUrl) revoke(old.thumbnailUrl);
    set((s) => ({ files: s.files.map((f) => (f.id === id ? { ...f, ...patch } : f)) }));
  },
  updateMany(patches) {
    if (patches.size === 0) return;
    for (const f of get().files) {
      const p = patches.get(f.id);
      if (p && p.thumbnailUrl !== undefined && f.thumbnailUrl !== p.thumbnailUrl) revoke(f.thumbnailUrl);
    }
    set((s) => ({ files: s.files.map((f) => (patches.has(f.id) ? { ...f, ...patches.get(f.id) } : f)) }));
  },
  remove(id) {
    revoke(get().files.find((f) => f.id === id)?.thumbnailUrl);
    set((s) => ({ files: s.files.filter((f) => f.id !== id) }));
  },
  removeMany(ids) {
    if (ids.size === 0) return;
    for (const f of get().files) if (ids.has(f.id)) revoke(f.thumbnailUrl);
    set((s) => ({ files: s.files.filter((f) => !ids.has(f.id)) }));
  },
  setReading(reading) {
    set({ reading });
  },
}));

/** What a file is by its name alone ('unknown' when the name does not say). */
export function guessKindByName(name: string): LoadedFile['kind'] {
  const n = name.toLowerCase();
  if (/\.(glb|gltf|stl|obj|ply)$/.test(n)) return 'model';
  if (/\.bpcasez?$/.test(n)) return 'case';
  if (/\.(dcm|dicom|dic)$/.test(n)) return 'dicom';
  return 'unknown';
}

/** Bytes a file must start with to be recognised as DICOM (preamble + 'DICM'), and the test. */
export const DICOM_HEAD_BYTES = 132;
export const hasDicomMagic = (b: Uint8Array): boolean => b.length >= 132 && b[128] === 0x44 && b[129] === 0x49 && b[130] === 0x43 && b[131] === 0x4d;

/** Guess what a file is from its name (and for DICOM, the 'DICM' magic at byte 128). */
export function guessKind(f: OpenedFile): LoadedFile['kind'] {
  const k = guessKindByName(f.name);
  return k === 'unknown' && hasDicomMagic(f.bytes) ? 'dicom' : k;
}

/** One series of a study: its clips, in the order they were opened. */
export interface SeriesGroup {
  key: string;
  seriesUid?: string;
  seriesNumber?: number;
  description?: string;
  modality?: string;
  files: LoadedFile[];
}

export interface StudyGroup {
  key: string;
  studyUid?: string;
  description?: string;
  /** DICOM DA, YYYYMMDD. */
  date?: string;
  series: SeriesGroup[];
}

/**
 * Group the open DICOM files by study and series (Study/Series Instance UID; files without one get
 * a group of their own). Files still being read and files that failed are listed apart.
 */
export function groupDicomFiles(files: readonly LoadedFile[]): { studies: StudyGroup[]; reading: LoadedFile[]; failed: LoadedFile[] } {
  const studies = new Map<string, StudyGroup>();
  const reading: LoadedFile[] = [];
  const failed: LoadedFile[] = [];
  for (const f of files) {
    if (f.kind !== 'dicom') continue;
    if (f.status === 'failed') {
      failed.push(f);
      continue;
    }
    if (!f.dicom) {
      reading.push(f);
      continue;
    }
    const d = f.dicom;
    const sKey = d.studyUid ? `study:${d.studyUid}` : `study-of:${f.id}`;
    let study = studies.get(sKey);
    if (!study) {
      study = { key: sKey, series: [], ...(d.studyUid ? { studyUid: d.studyUid } : {}), ...(d.studyDescription ? { description: d.studyDescription } : {}), ...(d.studyDate ? { date: d.studyDate } : {}) };
      studies.set(sKey, study);
    }
    const serKey = d.seriesUid ? `series:${d.seriesUid}` : `series-of:${f.id}`;
    let series = study.series.find((x) => x.key === serKey);
    if (!series) {
      series = {
        key: serKey,
        files: [],
        ...(d.seriesUid ? { seriesUid: d.seriesUid } : {}),
        ...(d.seriesNumber !== undefined ? { seriesNumber: d.seriesNumber } : {}),
        ...(d.seriesDescription ? { description: d.seriesDescription } : {}),
        ...(d.modality ? { modality: d.modality } : {}),
      };
      study.series.push(series);
    }
    series.files.push(f);
  }
  const list = [...studies.values()];
  list.sort((a, b) => (a.date ?? '99999999').localeCompare(b.date ?? '99999999'));
  for (const s of list) s.series.sort((a, b) => (a.seriesNumber ?? 1e12) - (b.seriesNumber ?? 1e12));
  return { studies: list, reading, failed };
}
