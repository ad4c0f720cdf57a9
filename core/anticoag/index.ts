/**
 * Bleeding risk and antithrombotic drugs by block, and the follow-up plan (issue 17). Data with its
 * source (./sources, ./blocks, ./rules; transcription in docs/reference/anticoagulation.md), the
 * computation (./advice) and the follow-up checks (./followUp). The workflow that adapters call is
 * core/app/anticoag.ts.
 */
export * from './sources';
export * from './drugs';
export * from './blocks';
export * from './rules';
export * from './advice';
export * from './followUp';
