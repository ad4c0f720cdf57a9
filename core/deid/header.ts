/**
 * Header de-identification: PS3.15 Annex E Basic Application Level Confidentiality Profile with the
 * options of ./profile.ts, applied to every attribute at every depth of the data set.
 *
 * - D: a dummy value valid for the VR (`dummyValue`); Z: zero length; X: removed; K: kept;
 *   U: each UID replaced by `mapUid(key, uid)` (the same original → the same replacement);
 *   C: dates shifted by the patient's keyed offset (Modified Dates), text cleaned of the header's
 *   identifying values (Clean Descriptors, Retain Device Identity "C"), sequences kept and recursed.
 * - Private attributes (odd groups) are removed unless their creator and element are safe-listed.
 * - Attributes not in Table E.1-1 are kept (sequences recursed).
 * - Overlay groups (60xx) whose Overlay Data is removed are removed whole (an overlay without data
 *   breaks the Overlay Plane module).
 */
import { asciiValue, findElement, textOf, type RawElement } from './dataset';
import { textVariants, type Identifier } from './identifiers';
import { dateShiftDays, mapUid, shiftDa, shiftDt, type DeidKey } from './keyed';
import { privateAttributesRow, resolveAction, type DeidAction, type DeidOptions } from './profile';

/** A private attribute that may be kept: its Private Creator and the element's low byte (PS3.5 §7.8.1). */
export interface SafePrivateTag {
  creator: string;
  /** Odd group, e.g. 0x0009. */
  group: number;
  /** Element low byte 0x00–0xFF (the xx of (gggg,10xx) for the block the creator reserved). */
  elementOffset: number;
}

/** One change made to the header, for the report. Values are never included. */
export interface HeaderChange {
  /** `(GGGG,EEEE)`, nested as `(0040,A730)[0].(0010,0010)`. */
  path: string;
  /** Attribute name from Table E.1-1 (or "Private attribute"). */
  name: string;
  action: DeidAction;
  /** Which column decided (Basic Profile or an option). */
  source: string;
}

export interface HeaderResult {
  elements: RawElement[];
  changes: HeaderChange[];
  /** Days the dates were shifted by (Modified Dates option), else undefined. */
  dateShiftDays?: number;
}

export interface HeaderContext {
  options: DeidOptions;
  key: DeidKey;
  /** Identifying values of the original (for Clean). */
  identifiers: readonly Identifier[];
  safePrivate?: readonly SafePrivateTag[];
}

const tagText = (t: number) => {
  const h = (t >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return `(${h.slice(0, 4)},${h.slice(4)})`;
};

/** A dummy value for action D (PS3.15 E.1: non-zero length, consistent with the VR). */
export function dummyValue(vr: string): Uint8Array {
  switch (vr) {
    case 'PN':
      return asciiValue('ANONYMOUS');
    case 'DA':
      return asciiValue('19000101');
    case 'DT':
      return asciiValue('19000101000000');
    case 'TM':
      return asciiValue('000000');
    case 'AS':
      return asciiValue('000Y');
    case 'DS':
    case 'IS':
      return asciiValue('0 ');
    case 'SH':
    case 'AE':
    case 'CS':
      return asciiValue('ANONYMIZED');
    case 'US':
    case 'SS':
      return new Uint8Array(2);
    case 'UL':
    case 'SL':
    case 'FL':
    case 'AT':
      return new Uint8Array(4);
    case 'FD':
      return new Uint8Array(8);
    case 'UI':
      return asciiValue('2.25.0');
    default:
      return asciiValue('ANONYMIZED');
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Remove every text form of the identifying values from a free-text value (Clean): each occurrence,
 * case-insensitive, bounded by non-alphanumerics, becomes "XXX". Longer forms first.
 */
export function cleanText(text: string, identifiers: readonly Identifier[]): string {
  const forms = [...new Set(identifiers.filter((i) => i.kind !== 'uid').flatMap(textVariants))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const f of forms) {
    out = out.replace(new RegExp(`(^|[^0-9A-Za-z])${escapeRe(f)}(?=$|[^0-9A-Za-z])`, 'gi'), (_m, pre: string) => `${pre}XXX`);
  }
  return out;
}

function latin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

function patientIdOf(elements: readonly RawElement[]): string {
  return textOf(findElement(elements, 0x00100020)) ?? '';
}

/** De-identify a data set (group 0002 excluded). The input is not modified. */
export function deidentifyHeader(elements: readonly RawElement[], ctx: HeaderContext): HeaderResult {
  const changes: HeaderChange[] = [];
  const shift = ctx.options.retainLongitudinalModifiedDates ? dateShiftDays(ctx.key, patientIdOf(elements)) : undefined;
  const safe = ctx.safePrivate ?? [];

  const mapUids = (el: RawElement): Uint8Array => {
    const t = textOf(el) ?? '';
    return asciiValue(
      t
        .split('\\')
        .map((u) => (u.trim() ? mapUid(ctx.key, u.trim()) : ''))
        .join('\\'),
    );
  };

  const clean = (el: RawElement): RawElement => {
    if (el.items) return { ...el, items: el.items.map((it) => walk(it, '')) };
    const t = textOf(el);
    if (t === undefined) return el;
    if (el.vr === 'DA' && shift !== undefined) return { ...el, value: asciiValue(t.split('\\').map((d) => shiftDa(d, shift) ?? '19000101').join('\\')) };
    if (el.vr === 'DT' && shift !== undefined) return { ...el, value: asciiValue(t.split('\\').map((d) => shiftDt(d, shift) ?? '19000101').join('\\')) };
    if (el.vr === 'TM') return el;
    return { ...el, value: latin1(cleanText(t, ctx.identifiers)) };
  };

  const creatorOf = (els: readonly RawElement[], tag: number): string | undefined => {
    const g = tag >>> 16;
    const block = (tag >>> 8) & 0xff;
    return textOf(els.find((e) => e.tag === ((g << 16) | block) >>> 0));
  };

  function walk(els: readonly RawElement[], prefix: string): RawElement[] {
    const out: RawElement[] = [];
    const removedOverlayGroups = new Set<number>();
    for (const el of els) {
      const g = el.tag >>> 16;
      if (g >= 0x6000 && g <= 0x601e && g % 2 === 0 && (el.tag & 0xffff) === 0x3000) removedOverlayGroups.add(g);
    }
    for (const el of els) {
      const path = prefix + tagText(el.tag);
      const g = el.tag >>> 16;
      if (g % 2 === 1) {
        const elem = el.tag & 0xffff;
        const isCreator = elem >= 0x10 && elem <= 0xff;
        const creator = isCreator ? textOf(el) : creatorOf(els, el.tag);
        const keep =
          creator !== undefined &&
          safe.some((s) => s.group === g && s.creator === creator && (isCreator || s.elementOffset === (elem & 0xff)));
        if (keep) out.push(el.items ? { ...el, items: el.items.map((it, i) => walk(it, `${path}[${i}].`)) } : el);
        else changes.push({ path, name: privateAttributesRow().name, action: 'X', source: 'basic' });
        continue;
      }
      if (removedOverlayGroups.has(g) && (el.tag & 0xffff) !== 0x3000) {
        changes.push({ path, name: 'Overlay Plane attribute (overlay data removed)', action: 'X', source: 'basic' });
        continue;
      }
      const r = resolveAction(el.tag, el.vr, ctx.options);
      if (!r) {
        out.push(el.items ? { ...el, items: el.items.map((it, i) => walk(it, `${path}[${i}].`)) } : el);
        continue;
      }
      const note = (action: DeidAction) => changes.push({ path, name: r.row.name, action, source: r.source });
      switch (r.action) {
        case 'X':
          note('X');
          break;
        case 'Z':
          note('Z');
          out.push(el.items ? { tag: el.tag, vr: 'SQ', items: [] } : { tag: el.tag, vr: el.vr, value: new Uint8Array(0) });
          break;
        case 'D':
          note('D');
          if (el.items) out.push({ tag: el.tag, vr: 'SQ', items: [] });
          else out.push({ tag: el.tag, vr: el.vr, value: el.vr === 'UI' ? mapUids(el) : dummyValue(el.vr) });
          break;
        case 'U':
          note('U');
          if (el.items) out.push({ ...el, items: el.items.map((it, i) => walk(it, `${path}[${i}].`)) });
          else out.push({ tag: el.tag, vr: el.vr, value: mapUids(el) });
          break;
        case 'C':
          note('C');
          out.push(el.items ? { ...el, items: el.items.map((it, i) => walk(it, `${path}[${i}].`)) } : clean(el));
          break;
        case 'K':
          if (r.source !== 'basic') note('K');
          out.push(el.items ? { ...el, items: el.items.map((it, i) => walk(it, `${path}[${i}].`)) } : el);
          break;
      }
    }
    return out;
  }

  const result = walk(elements, '');
  return { elements: result, changes, ...(shift !== undefined ? { dateShiftDays: shift } : {}) };
}
