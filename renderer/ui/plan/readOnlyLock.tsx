import { useId, type ReactElement } from 'react';
import { useCase } from '../../state/case';
import { ReasonText } from '../CommandButton';
import { readOnlyReason } from './PlanHost';
import './readOnlyLock.css';

/** aria-describedby of a control: its own description ids and, when locked, the reason's. */
const describedBy = (ids: (string | undefined)[]): { 'aria-describedby'?: string } => {
  const v = ids.filter(Boolean).join(' ');
  return v ? { 'aria-describedby': v } : {};
};

export interface ReadOnlyLock {
  /** A read-only teaching case is open: the plan is the expert's answer. */
  locked: boolean;
  reason: string | null;
  /** Props of a button, select, checkbox or radio that edits the plan: disabled (also when `disabled`), saying why. */
  control(opts?: { disabled?: boolean; describedBy?: string }): { disabled: boolean; title?: string; 'aria-describedby'?: string };
  /** Props of a text field that edits the plan: read-only (its value can still be read and copied), saying why. */
  text(opts?: { describedBy?: string }): { readOnly: boolean; title?: string; 'aria-describedby'?: string };
  /** The reason, visually hidden, that the controls' descriptions point at: render it once beside them. */
  reasonText: ReactElement | null;
}

/**
 * Controls that change the plan, in a read-only teaching case (useCase `readOnly`): disabled or
 * read-only, with readOnlyReason() as their tooltip and accessible description, so they neither look
 * editable nor fail silently. Outside teaching mode (and while rehearsing, which lifts read-only) they
 * are as they were.
 */
export function useReadOnlyLock(): ReadOnlyLock {
  const locked = useCase((s) => s.readOnly !== null);
  const reasonId = useId();
  const reason = locked ? readOnlyReason() : null;
  const why = (own?: string) => (reason ? { title: reason, ...describedBy([own, reasonId]) } : describedBy([own]));
  return {
    locked,
    reason,
    control: (o = {}) => ({ disabled: locked || !!o.disabled, ...why(o.describedBy) }),
    text: (o = {}) => ({ readOnly: locked, ...why(o.describedBy) }),
    reasonText: reason ? <ReasonText id={reasonId} reason={reason} /> : null,
  };
}
