import { lazy, Suspense, useEffect, useState } from 'react';
import { useCase } from '../../state/case';
import { useCommands } from '../../state/commands';
import { useRehearsal } from '../../state/rehearsal';

// The dialog brings the publishing workflow (core/deid, the codecs, tesseract.js): loaded when first opened.
const PublishDialog = lazy(() => import('./PublishDialog').then((m) => ({ default: m.PublishDialog })));

/** Why "Publish as teaching page" cannot run now, or null. */
function publishDisabledReason(): string | null {
  const s = useCase.getState();
  if (s.readOnly?.published) return 'This case was opened from a published teaching page: it is published already.';
  if (s.history.present.clips.length === 0) return 'Open a clip and plan on it first: a teaching page needs a clip.';
  if (useRehearsal.getState().phase !== 'off') return 'Leave the rehearsal first.';
  return null;
}

/** Registers "Publish as teaching page…" (File menu, the Teaching tab) and shows its dialog. */
export function PublishHost() {
  const register = useCommands((s) => s.register);
  const [open, setOpen] = useState(false);
  useEffect(
    () =>
      register([
        {
          id: 'file.publishTeaching',
          label: 'Publish as teaching page…',
          group: 'File',
          run: () => setOpen(true),
          enabled: () => !publishDisabledReason(),
          disabledReason: publishDisabledReason,
        },
      ]),
    [register],
  );
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <PublishDialog onClose={() => setOpen(false)} />
    </Suspense>
  );
}
