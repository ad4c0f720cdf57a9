/**
 * The PACS panel's state: configured servers, the search form and its results (patients hidden by
 * default), the running retrieve (progress, cancel), the cache limit and the last send-back report.
 * Actions that talk to a PACS live in renderer/ui/pacs/actions.ts (core/app workflows).
 */
import { create } from 'zustand';
import type { StudyImages, SearchForm } from '../../core/app/pacsSearch';
import type { StoreItemResult } from '../../core/dicomweb/stow';
import type { StudyResult } from '../../core/dicomweb/json';
import type { CancelSource } from '../../core/dicomweb/transport';
import type { AppError } from '../../core/result';
import type { PacsServerListing } from '../../electron/ipc-contract';

export interface StudyRow {
  study: StudyResult;
  /** Ultrasound instances and frames (filled in after the search), or why they could not be counted. */
  images: StudyImages | 'loading' | { error: AppError };
}

export interface RetrieveJob {
  studyUid: string;
  label: string;
  /** 0…1. */
  fraction: number;
  framesDone: number;
  framesTotal: number;
  instancesDone: number;
  instancesTotal: number;
  cancel: CancelSource;
}

export interface SendReport {
  studyUid: string;
  results: StoreItemResult[];
  error?: AppError;
}

export const DEFAULT_FORM: SearchForm = { patientName: '', patientId: '', dateFrom: '', dateTo: '', accession: '', modality: 'US' };
/** Default cache size limit, MB. */
export const DEFAULT_CACHE_MB = 1024;

interface PacsState {
  servers: PacsServerListing[];
  serverId: string | null;
  editing: PacsServerListing | 'new' | null;
  /** The DICOMweb address a new server's form starts with (a case clip's recorded server), else null. */
  draftUrl: string | null;
  form: SearchForm;
  rows: StudyRow[];
  offset: number;
  more: boolean;
  searching: boolean;
  /** Patient names and IDs are hidden unless the user shows them. */
  showPatient: boolean;
  job: RetrieveJob | null;
  lastRetrieve: string | null;
  sending: boolean;
  sendReport: SendReport | null;
  cacheLimitMb: number;
  cacheUsedBytes: number;
  set(p: Partial<Omit<PacsState, 'set'>>): void;
  setRow(studyUid: string, images: StudyRow['images']): void;
}

export const usePacs = create<PacsState>((set) => ({
  servers: [],
  serverId: null,
  editing: null,
  draftUrl: null,
  form: DEFAULT_FORM,
  rows: [],
  offset: 0,
  more: false,
  searching: false,
  showPatient: false,
  job: null,
  lastRetrieve: null,
  sending: false,
  sendReport: null,
  cacheLimitMb: DEFAULT_CACHE_MB,
  cacheUsedBytes: 0,
  set: (p) => set(p),
  setRow: (studyUid, images) => set((s) => ({ rows: s.rows.map((r) => (r.study.studyUid === studyUid ? { ...r, images } : r)) })),
}));
