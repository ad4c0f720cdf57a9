/**
 * core/notes — the procedure note: model, the export side check (Stop Before You Block), dose
 * calculator, LAST essentials, key images and the five exporters. See ./README.md for the flow the
 * note editor follows. Framework-free and Node-free: the app (desktop and browser) and the CLI share it.
 */
export * from './schema';
export * from './doses';
export * from './doseCalc';
export * from './last';
export * from './sbyb';
export * from './document';
export * from './keyimages';
export { noteContent, DISCLAIMER, NOT_RECORDED, NOTE_TITLE, type NoteContent, type ContentSection, type ContentBlock } from './content';
export { renderNote, isNoteFormat, NOTE_FORMATS, type NoteFormat, type ExportedNote, type ExportOptions } from './export/index';
