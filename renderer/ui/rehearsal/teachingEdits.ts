import type { Teaching } from '../../../core/plan/schema';
import type { RehearsalSettings } from '../../../core/rehearsal/index';
import { useCase } from '../../state/case';

/** Apply a change to the case's teaching section (one undo step per field while typing). */
export function editTeaching(change: (t: Teaching) => Teaching, field: string): void {
  const plan = useCase.getState().history.present;
  const base: Teaching = plan.teaching ?? { learningObjectives: [], deidentified: false, deidentificationFlags: {} };
  useCase.getState().apply({ type: 'set-teaching', teaching: change(base), coalesceKey: field }, { coalesce: true });
}

/** Apply a change to the rehearsal settings of the teaching case. */
export function editSettings(change: (s: RehearsalSettings) => RehearsalSettings, field: string): void {
  editTeaching((t) => ({ ...t, rehearsal: change(t.rehearsal ?? {}) }), field);
}
