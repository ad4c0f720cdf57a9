import { lazy, Suspense, useEffect } from 'react';
import { useCommands } from '../../state/commands';
import { exitRehearsal, startRehearsal, submitAttempt, useRehearsal } from '../../state/rehearsal';

// The learning-curve dialog (charts, CUSUM, CSV) loads when first opened.
const LearningCurveDialog = lazy(() => import('./LearningCurveDialog').then((m) => ({ default: m.LearningCurveDialog })));

/** Registers the rehearsal commands (Plan menu, shortcuts dialog) and shows the learning-curve dialog. */
export function RehearsalHost() {
  const register = useCommands((s) => s.register);
  const curveOpen = useRehearsal((s) => s.curveOpen);
  useEffect(
    () =>
      register([
        { id: 'rehearse.start', label: 'Rehearse this case as a trainee', group: 'Plan', run: () => void startRehearsal(), enabled: () => useRehearsal.getState().phase === 'off' },
        { id: 'rehearse.preview', label: 'Preview the teaching case as a trainee', group: 'Plan', run: () => void startRehearsal({ preview: true }), enabled: () => useRehearsal.getState().phase === 'off' },
        { id: 'rehearse.submit', label: 'Submit the rehearsal attempt', group: 'Plan', shortcut: 'Mod+Enter', run: () => void submitAttempt(), enabled: () => useRehearsal.getState().phase === 'rehearsing' },
        { id: 'rehearse.exit', label: 'Leave rehearsal', group: 'Plan', run: exitRehearsal, enabled: () => useRehearsal.getState().phase !== 'off' },
        { id: 'rehearse.learningCurve', label: 'Learning curves…', group: 'Plan', run: () => useRehearsal.getState().setCurveOpen(true) },
      ]),
    [register],
  );
  if (!curveOpen) return null;
  return (
    <Suspense fallback={null}>
      <LearningCurveDialog onClose={() => useRehearsal.getState().setCurveOpen(false)} />
    </Suspense>
  );
}
