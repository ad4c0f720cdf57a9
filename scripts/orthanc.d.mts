/** Types of scripts/orthanc.mjs (the test PACS), for tests and bench:pacs. */
export interface OrthancServer {
  url: string;
  dicomweb: string;
  pid: number;
  dir: string;
  log: string;
  user?: string;
  password?: string;
}
export interface OrthancState {
  open: OrthancServer;
  auth: OrthancServer & { user: string; password: string };
  fixtures: string[];
  startedAt: string;
}
export function defaultStateFile(): string;
export function findDicomWebPlugin(): string | null;
export function missingBinaries(): string[];
export function readState(file?: string): OrthancState | null;
export function start(opts?: { file?: string; fixtures?: boolean }): Promise<OrthancState>;
export function stop(opts?: { file?: string }): boolean;
