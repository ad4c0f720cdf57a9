import { useId, type ReactNode } from 'react';
import { useCase } from '../state/case';
import { dispatch, useCommands } from '../state/commands';
import './CommandButton.css';

/**
 * A text button that runs a command of the registry. When the command is disabled it is disabled
 * too, and says why (the command's `disabledReason`) in its tooltip and accessible description.
 */
export function CommandButton({ id, className, children }: { id: string; className: string; children: ReactNode }) {
  const cmd = useCommands((s) => s.commands[id]);
  useCase((s) => s.readOnly); // re-check enabled() when a teaching case becomes read-only
  const reasonId = useId();
  const enabled = !!cmd && (!cmd.enabled || cmd.enabled());
  const reason = enabled ? null : (cmd?.disabledReason?.() ?? null);
  // The reason is a sibling, not a child: it describes the button without becoming part of its name.
  return (
    <>
      <button type="button" className={className} disabled={!enabled} title={reason ?? undefined} onClick={() => dispatch(id)} {...(reason ? { 'aria-describedby': reasonId } : {})}>
        {children}
      </button>
      {reason && (
        <span id={reasonId} className="visually-hidden">
          {reason}
        </span>
      )}
    </>
  );
}
