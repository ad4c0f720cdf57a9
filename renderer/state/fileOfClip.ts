import { clipFacts } from '../../core/plan/clip-facts';
import { useFiles, type LoadedFile } from './files';

/**
 * The open DICOM file holding a case clip's bytes, recognised by SHA-256 (core/plan/clip-facts.ts,
 * memoised per byte array), or undefined when none is open. `byteLength`, when known, skips files of
 * another size without hashing them.
 */
export function openFileOfClip(clip: { sha256: string; byteLength?: number | null }, files: readonly LoadedFile[] = useFiles.getState().files): LoadedFile | undefined {
  return files.find((f) => {
    if (f.kind !== 'dicom' || f.bytes.byteLength === 0) return false;
    if (clip.byteLength != null && f.bytes.byteLength !== clip.byteLength) return false;
    const facts = clipFacts(f.bytes, f.name);
    return facts.ok && facts.value.sha256 === clip.sha256;
  });
}
