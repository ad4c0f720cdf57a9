/**
 * DICOM Part 10 file framing (PS3.10 §7.1): a 128-byte preamble of zeros, "DICM", and the File Meta
 * Information group (0002) in Explicit VR Little Endian, headed by its group length.
 */
import type { ByteWriter } from './byte-writer';
import { encodeDataset, type DataElement } from './element';
import { TAG } from './tags';
import { uidFromSeed } from './uid';

/**
 * Implementation Class UID of this writer (PS3.7 §D.3.3.2): derived under 2.25 from a fixed name so
 * it never changes between runs.
 */
export const IMPLEMENTATION_CLASS_UID = uidFromSeed('BlockPlan DICOM writer (core/dicom/write)');
/** Implementation Version Name (SH, ≤ 16 chars). Change it when the writer's output changes. */
export const IMPLEMENTATION_VERSION_NAME = 'BLOCKPLAN_W1';

export interface FileMeta {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
}

/** Write preamble, "DICM" and the File Meta Information group into `w`. */
export function writeFileMeta(w: ByteWriter, meta: FileMeta): void {
  const elements: DataElement[] = [
    { tag: TAG.FileMetaInformationVersion, vr: 'OB', value: new Uint8Array([0x00, 0x01]) },
    { tag: TAG.MediaStorageSOPClassUID, vr: 'UI', value: meta.sopClassUid },
    { tag: TAG.MediaStorageSOPInstanceUID, vr: 'UI', value: meta.sopInstanceUid },
    { tag: TAG.TransferSyntaxUID, vr: 'UI', value: meta.transferSyntaxUid },
    { tag: TAG.ImplementationClassUID, vr: 'UI', value: IMPLEMENTATION_CLASS_UID },
    { tag: TAG.ImplementationVersionName, vr: 'SH', value: IMPLEMENTATION_VERSION_NAME },
  ];
  const body = encodeDataset(elements);
  w.bytes(new Uint8Array(128));
  w.ascii('DICM');
  const head = encodeDataset([{ tag: TAG.FileMetaInformationGroupLength, vr: 'UL', value: body.length }]);
  w.bytes(head);
  w.bytes(body);
}
