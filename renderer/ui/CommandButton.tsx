import { useId, type ReactNode } from 'react';
import { useCase } from '../state/case';
import { dispatch, useCommands, type Command } from '../state/commands';
import './CommandButton.css';

/** A command's state for a button: enabled, or why not (its `disabledReason`), and an id for that reason. */
export function useCommandState(id: string): { cmd: Command | undefined; enabled: boolean; reason: string | null; reasonId: string } {
  const cmd = useCommands((s) => s.commands[id]);
  useCase((s) => s.readOnly); // re-check enabled() when a teaching case becomes read-only
  const reasonId = useId();
  const enabled = !!cmd && (!cmd.enabled || cmd.enabled());
  return { cmd, enabled, reason: enabled ? null : (cmd?.disabledReason?.() ?? null), reasonId };
}

/**
 * Why a button is disabled, for its accessible description: a sibling of the button, not a child,
 * so it describes the button without becoming part of its name.
 */
export function ReasonText({ id, reason }: { id: string; reason: string | null }) {
  return reason ? (
    <span id={id} className="visually-hidden">
      {reason}
    </span>
  ) : null;
}

/**
 * A text button that runs a command of the registry. When the command is disabled it is disabled
 * too, and says why in its tooltip and accessible description.
 */
export function CommandButton({ id, className, children }: { id: string; className: string; children: ReactNode }) {
  const { enabled, reason, reasonId } = useCommandState(id);
  return (
    <>
      <button type="button" className={className} disabled={!enabled} title={reason ?? undefined} onClick={() => dispatch(id)} {...(reason ? { 'aria-describedby': reasonId } : {})}>
        {children}
      </button>
      <ReasonText id={reasonId} reason={reason} />
    </>
  );
}
