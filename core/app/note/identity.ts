/**
 * The SR's identity. A DICOM SR belongs to the study of its source clips, so it carries their patient
 * and study (core/notes/export/dicomSr). When the identity typed in the note differs from the clips'
 * headers, the SR would file the note under a patient other than the one the note names: the export
 * stops and says which attributes differ (never their values: patient details are not logged), and
 * the user chooses — the SR with the clips' patient, no SR, or correct the note.
 */
import type { SourceInstance } from '../../notes/document';
import type { Note } from '../../notes/schema';
import { appError, type AppError } from '../../result';

/** Name words in order-free, case-free form: "Müller^Jürgen" = "Jürgen Müller" = "MÜLLER, Jürgen". */
function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .toLocaleLowerCase('en')
    .split(/[\s^,=.]+/)
    .filter(Boolean)
    .sort()
    .join(' ');
}

/**
 * Which identity attributes typed in the note differ from the clips' patient (each compared only when
 * both sides have it). Returns the refusal, or null when they agree or the SR has no source clip.
 */
export function srIdentityDifference(identity: Note['identity'], sources: readonly SourceInstance[]): AppError | null {
  const clip = sources.find((s) => s.patient && (s.patient.name || s.patient.id || s.patient.birthDate))?.patient;
  if (!clip) return null;
  const differ: string[] = [];
  if (identity.patientName && clip.name && nameKey(identity.patientName) !== nameKey(clip.name)) differ.push('name');
  if (identity.patientId && clip.id && identity.patientId.trim().toLowerCase() !== clip.id.trim().toLowerCase()) differ.push('ID');
  if (identity.birthDate && clip.birthDate && identity.birthDate.replace(/-/g, '') !== clip.birthDate.trim()) differ.push('date of birth');
  if (differ.length === 0) return null;
  return appError(
    'note/sr-identity-differs',
    `The patient ${differ.join(', ')} typed in the note differ${differ.length === 1 ? 's' : ''} from the clips' DICOM header. A DICOM SR belongs to the clips' study, so it would carry the clips' patient, not the one typed in the note.`,
    {
      action: 'Check which is right. If the clips are this patient’s, correct the note (or write the SR with the clips’ patient); if they are not, remove them from the case. You can also export without the SR.',
    },
  );
}
