import { lazy, Suspense, useEffect, useState } from 'react';
import { useCommands } from '../../state/commands';
import { useFiles } from '../../state/files';
import { reportError } from '../../state/messages';
import { useViewer } from '../../state/viewer';
import { openTeachingCaseFromUrl } from './teachingBoot';
import { PublishHost } from './PublishHost'; // "Publish as teaching page…"

// The dialog brings core/deid, the codecs and tesseract.js: loaded when first opened.
const DeidDialog = lazy(() => import('./DeidDialog').then((m) => ({ default: m.DeidDialog })));

/** Registers "De-identify clip for teaching…" (File menu) and shows the dialog for the clip in view; hosts publishing. */
export function DeidHost() {
  const register = useCommands((s) => s.register);
  const [fileId, setFileId] = useState<string | null>(null);
  const file = useFiles((s) => s.files.find((f) => f.id === fileId));
  // A published teaching folder opens its case from the address (index.html?teaching=…).
  useEffect(() => void openTeachingCaseFromUrl(), []);
  useEffect(
    () =>
      register([
        {
          id: 'file.deidentify',
          label: 'De-identify clip for teaching…',
          group: 'File',
          shortcut: 'Mod+Shift+D',
          run: () => {
            const id = useViewer.getState().clipId;
            const f = useFiles.getState().files.find((x) => x.id === id);
            if (!f || f.kind !== 'dicom' || f.status !== 'ready') {
              reportError({ code: 'deid/no-clip', title: 'Open a clip first.', action: 'Open a DICOM clip, show it in the viewer, then choose De-identify again.' }, 'info');
              return;
            }
            setFileId(f.id);
          },
        },
      ]),
    [register],
  );
  return (
    <>
      <PublishHost />
      {file && (
        <Suspense fallback={null}>
          <DeidDialog name={file.name} bytes={file.bytes} onClose={() => setFileId(null)} />
        </Suspense>
      )}
    </>
  );
}
