/**
 * Form fields bound to a path of the note. Each shows the value the editor shows (stored, else
 * prefilled from the plan — marked "from plan"), writes through `setNoteField` (undoable, into the
 * case), and keeps invalid text with the reason beside it instead of writing it.
 */
import { createContext, useContext, useId, useState, type ReactNode } from 'react';
import type { Note } from '../../../core/notes/schema';
import type { Case } from '../../../core/plan/index';
import { getAt, isPrefilled, parseNumber, pathKey, setNoteField, useNoteUi, type NotePath } from '../../state/note';
import { StatusIcon } from './icons';

/** What every field needs: the case and the note as shown. */
export interface NoteFormContext {
  plan: Case;
  note: Note;
}
export const NoteForm = createContext<NoteFormContext | null>(null);

function useForm(): NoteFormContext {
  const c = useContext(NoteForm);
  if (!c) throw new Error('note fields must be inside <NoteForm.Provider>');
  return c;
}

/** Field state: value shown, "from plan" flag, message. */
function useFieldState(path: NotePath) {
  const { plan, note } = useForm();
  const message = useNoteUi((s) => s.invalidFields[pathKey(path)]);
  return { value: getAt(note, path), prefilled: isPrefilled(plan, note, path), message };
}

function FieldFoot({ id, message, prefilled, hint }: { id: string; message?: string; prefilled: boolean; hint?: ReactNode }) {
  if (!message && !prefilled && !hint) return null;
  return (
    <div className="nf-foot" id={id}>
      {message && (
        <span className="nf-error" role="alert">
          <StatusIcon kind="caution" />{' '}
          {message}
        </span>
      )}
      {!message && prefilled && <span className="nf-prefilled">from plan</span>}
      {!message && prefilled && hint && <span className="nf-hint"> · </span>}
      {!message && hint && <span className="nf-hint">{hint}</span>}
    </div>
  );
}

/** Text input (or textarea). Empty text means "not recorded". */
export function TextField({ path, label, multiline, placeholder, hint, wide }: { path: NotePath; label: string; multiline?: boolean; placeholder?: string; hint?: ReactNode; wide?: boolean }) {
  const id = useId();
  const { value, prefilled, message } = useFieldState(path);
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (typeof value === 'string' ? value : '');
  const onChange = (t: string) => {
    setDraft(t);
    setNoteField(path, t.trim() === '' ? undefined : t);
  };
  const common = {
    id,
    value: shown,
    placeholder,
    'aria-invalid': message ? true : undefined,
    'aria-describedby': `${id}-foot`,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
    onBlur: () => !message && setDraft(null),
  };
  return (
    <div className={`nf-field${wide || multiline ? ' nf-wide' : ''}${prefilled ? ' is-prefilled' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={2} {...common} /> : <input type="text" autoComplete="off" {...common} />}
      <FieldFoot id={`${id}-foot`} message={message} prefilled={prefilled} hint={hint} />
    </div>
  );
}

/** Number input with its unit in the label. Accepts a decimal comma. */
export function NumberField({ path, label, unit, hint, integer }: { path: NotePath; label: string; unit: string; hint?: ReactNode; integer?: boolean }) {
  const id = useId();
  const { value, prefilled, message } = useFieldState(path);
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (typeof value === 'number' ? String(value) : '');
  const onChange = (t: string) => {
    setDraft(t);
    const n = parseNumber(t);
    if (Number.isNaN(n)) useNoteUi.getState().setInvalid(path, `Enter a number in ${unit}.`);
    else if (integer && n !== undefined && !Number.isInteger(n)) useNoteUi.getState().setInvalid(path, `Enter a whole number (${unit}).`);
    else setNoteField(path, n);
  };
  return (
    <div className={`nf-field nf-number${prefilled ? ' is-prefilled' : ''}`}>
      <label htmlFor={id}>
        {label} <span className="nf-unit">({unit})</span>
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={shown}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${id}-foot`}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => !message && setDraft(null)}
      />
      <FieldFoot id={`${id}-foot`} message={message} prefilled={prefilled} hint={hint} />
    </div>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local date-time now as the note stores it: YYYY-MM-DDTHH:MM. */
export function localNow(d = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Date-time (local) or date input; the browser's picker gives the ISO form the note stores. */
export function DateTimeField({ path, label, dateOnly, nowButton }: { path: NotePath; label: string; dateOnly?: boolean; nowButton?: boolean }) {
  const id = useId();
  const { value, prefilled, message } = useFieldState(path);
  const shown = typeof value === 'string' ? (dateOnly ? value : value.slice(0, 16)) : '';
  return (
    <div className={`nf-field${prefilled ? ' is-prefilled' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="nf-row">
        <input
          id={id}
          type={dateOnly ? 'date' : 'datetime-local'}
          value={shown}
          aria-invalid={message ? true : undefined}
          aria-describedby={`${id}-foot`}
          onChange={(e) => setNoteField(path, e.target.value || undefined)}
        />
        {nowButton && (
          <button type="button" className="nf-small-button" aria-label={`${label}: now`} onClick={() => setNoteField(path, localNow())}>
            Now
          </button>
        )}
      </div>
      <FieldFoot id={`${id}-foot`} message={message} prefilled={prefilled} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A select; the first option is "not recorded". */
export function SelectField({ path, label, options, hint, emptyLabel = '—' }: { path: NotePath; label: string; options: readonly Option[]; hint?: ReactNode; emptyLabel?: string }) {
  const id = useId();
  const { value, prefilled, message } = useFieldState(path);
  return (
    <div className={`nf-field${prefilled ? ' is-prefilled' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={typeof value === 'string' ? value : ''} aria-describedby={`${id}-foot`} onChange={(e) => setNoteField(path, e.target.value || undefined)}>
        <option value="">{emptyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldFoot id={`${id}-foot`} message={message} prefilled={prefilled} hint={hint} />
    </div>
  );
}

/**
 * Choice buttons for a short enum (yes/no, single shot/catheter, in-plane/out-of-plane). Pressing the
 * chosen one again clears it (back to "not recorded"). Each button says its state (aria-pressed).
 */
export function ChoiceField({ path, label, options, hint }: { path: NotePath; label: string; options: readonly Option[]; hint?: ReactNode }) {
  const id = useId();
  const { value, prefilled, message } = useFieldState(path);
  return (
    <div className={`nf-field nf-choice${prefilled ? ' is-prefilled' : ''}`} role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-foot`}>
      <span className="nf-label" id={`${id}-label`}>
        {label}
      </span>
      <div className="nf-chips">
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            className="nf-chip"
            aria-pressed={value === o.value}
            aria-label={`${label}: ${o.label}`}
            onClick={() => setNoteField(path, value === o.value ? undefined : o.value)}
          >
            {o.label}
          </button>
        ))}
      </div>
      <FieldFoot id={`${id}-foot`} message={message} prefilled={prefilled} hint={hint} />
    </div>
  );
}

export const YES_NO: readonly Option[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

export function YesNoField({ path, label, hint }: { path: NotePath; label: string; hint?: ReactNode }) {
  return <ChoiceField path={path} label={label} options={YES_NO} hint={hint} />;
}

/** A checkbox for a boolean field. */
export function CheckField({ path, label, hint, disabled }: { path: NotePath; label: string; hint?: ReactNode; disabled?: boolean }) {
  const id = useId();
  const { value } = useFieldState(path);
  return (
    <div className="nf-field nf-check">
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={value === true} disabled={disabled} onChange={(e) => setNoteField(path, e.target.checked)} /> {label}
      </label>
      {hint && <div className="nf-foot nf-hint">{hint}</div>}
    </div>
  );
}

/**
 * A list of short texts: suggestions as checkboxes (e.g. the template's risks, the annotated
 * structures) plus free entries the user adds.
 */
export function ListField({ path, label, suggestions = [], addLabel }: { path: NotePath; label: string; suggestions?: readonly string[]; addLabel: string }) {
  const id = useId();
  const { note } = useForm();
  const { prefilled, message } = useFieldState(path);
  const items = (getAt(note, path) as string[] | undefined) ?? [];
  const [text, setText] = useState('');
  const all = [...suggestions, ...items.filter((i) => !suggestions.includes(i))];
  const toggle = (s: string, on: boolean) => setNoteField(path, on ? [...items, s] : items.filter((x) => x !== s));
  const add = () => {
    const t = text.trim();
    if (!t) return;
    if (!items.includes(t)) setNoteField(path, [...items, t]);
    setText('');
  };
  return (
    <fieldset className={`nf-field nf-wide nf-list${prefilled ? ' is-prefilled' : ''}`} aria-describedby={`${id}-foot`}>
      <legend>{label}</legend>
      {all.length > 0 && (
        <ul className="nf-checklist">
          {all.map((s) => (
            <li key={s}>
              <label>
                <input type="checkbox" checked={items.includes(s)} onChange={(e) => toggle(s, e.target.checked)} /> {s}
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="nf-row">
        <input
          type="text"
          value={text}
          aria-label={addLabel}
          placeholder={addLabel}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="nf-small-button" onClick={add} disabled={!text.trim()} aria-label={`${addLabel}: add`}>
          Add
        </button>
      </div>
      <FieldFoot id={`${id}-foot`} message={message} prefilled={prefilled} />
    </fieldset>
  );
}
