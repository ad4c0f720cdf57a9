import { useCallback, useEffect, useMemo, useState } from 'react';
import { deidentify, regionRects, scanImage, type DeidentifyFileReport } from '../../../core/app/deidentify';
import { decodeFrame, openDicom, toRgba, type DicomImage } from '../../../core/dicom/index';
import { mergeRects, padRect, type Rect } from '../../../core/deid/text-detect';
import { lossyBlockPx, MASK_PAD_PX, outsideRegionRects, planMasks } from '../../../core/deid/pixels';
import { DEFAULT_DEID_OPTIONS, type DeidOptions } from '../../../core/deid/profile';
import type { ScanResult } from '../../../core/deid/scan';
import { bridge } from '../../bridge';
import { reportError } from '../../state/messages';
import { browserOcr as ocr, pageCodecs } from '../../services/deidPorts';
import { Modal } from '../Modal';
import { MaskCanvas } from './MaskCanvas';
import './deid.css';

type Phase = 'idle' | 'scanning' | 'ready' | 'exporting' | 'done';

const OPTION_LABELS: [keyof DeidOptions, string][] = [
  ['retainLongitudinalModifiedDates', 'Keep time intervals, shift dates (Modified Dates option)'],
  ['cleanDescriptors', 'Keep descriptions, cleaned of names and IDs (Clean Descriptors option)'],
  ['retainDeviceIdentity', 'Keep scanner identity (Retain Device Identity option)'],
];

/**
 * The educator's de-identify dialog for one clip: find burned-in text (pre-check + OCR), review the
 * mask rectangles on the clip (add, move, remove, or mask everything outside the regions), preview,
 * then de-identify with core/app/deidentify.ts — header per PS3.15, masks on every frame, lossless
 * re-encoding, the PHI check — and save. Burned In Annotation becomes NO only for masks reviewed here.
 */
export function DeidDialog({ name, bytes, onClose }: { name: string; bytes: Uint8Array; onClose(): void }) {
  const img = useMemo<DicomImage | string>(() => {
    const o = openDicom(bytes, { fileName: name });
    return o.ok ? o.value : o.error.message;
  }, [bytes, name]);
  const [frame, setFrame] = useState(0);
  const [rgba, setRgba] = useState<Uint8ClampedArray | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [status, setStatus] = useState('');
  const [scan, setScan] = useState<ScanResult | null>(null);
  const [masks, setMasks] = useState<Rect[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [preview, setPreview] = useState(false);
  const [options, setOptions] = useState<DeidOptions>(DEFAULT_DEID_OPTIONS);
  const [report, setReport] = useState<DeidentifyFileReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const image = typeof img === 'string' ? null : img;
  const regions = useMemo(() => (image ? regionRects(image) : []), [image]);

  useEffect(() => {
    if (!image) return;
    let live = true;
    void decodeFrame(image, frame, pageCodecs()).then((d) => {
      if (live && d.ok) setRgba(toRgba(d.value));
      else if (live && !d.ok) setStatus(d.error.message);
    });
    return () => {
      live = false;
    };
  }, [image, frame]);

  const find = useCallback(async () => {
    if (!image) return;
    setPhase('scanning');
    setStatus('Loading the OCR engine and reading the frames…');
    try {
      const s = await scanImage(image, { codecs: pageCodecs(), ocr: await ocr() }, { onProgress: (d, t) => setStatus(`Looking for text: frame ${d} of ${t}`) });
      setScan(s);
      setMasks(planMasks('auto', s, image.meta.columns, image.meta.rows, regions, lossyBlockPx(image.meta.transferSyntaxUid, image.meta.samplesPerPixel)));
      setStatus(`${s.words.length} word(s) read on ${s.ocrFrames.length} frame(s); ${s.outsideLines.length + s.insideTextLines.length} text area(s) proposed as masks. Review them before applying.`);
      setPhase('ready');
    } catch (e) {
      setPhase('idle');
      setStatus('');
      reportError({ code: 'deid/ocr-failed', title: 'The text search could not run.', action: 'Draw the mask rectangles by hand, or try again.', detail: e instanceof Error ? e.message : String(e), file: name });
    }
  }, [image, regions, name]);

  const maskOutside = () => {
    if (!image) return;
    const inside = (scan?.insideTextLines ?? []).map((r) => padRect(r, MASK_PAD_PX, image.meta.columns, image.meta.rows));
    setMasks([...outsideRegionRects(image.meta.columns, image.meta.rows, regions), ...mergeRects(inside)]);
    setSelected(null);
  };

  const apply = async () => {
    if (!image) return;
    setPhase('exporting');
    setFailure(null);
    setStatus('De-identifying: header, masks on every frame, lossless re-encoding, PHI check…');
    try {
      const r = await deidentify(
        { files: [{ name, bytes, masks }], mask: 'none', options },
        {
          codecs: pageCodecs(),
          ocr: await ocr(),
          randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
          write: async (out, data) => {
            // TODO(lead): a 'dicom' SaveKind in electron/ipc-contract; 'note-sr' offers the .dcm filter meanwhile.
            const saved = await bridge().saveFile({ kind: 'note-sr', suggestedName: out, bytes: data });
            if (!saved.ok) throw new Error(saved.error.title);
          },
        },
      );
      if (!r.ok) {
        setFailure(`${r.error.title}\n${r.error.detail ?? ''}\n${r.error.action ?? ''}`);
        setPhase('ready');
        setStatus('');
        return;
      }
      setReport(r.value.files[0]!);
      setPhase('done');
      setStatus('Saved. The PHI check found no identifying value in the output.');
    } catch (e) {
      setPhase('ready');
      reportError({ code: 'deid/failed', title: 'The clip could not be de-identified.', detail: e instanceof Error ? e.message : String(e), file: name });
    }
  };

  const busy = phase === 'scanning' || phase === 'exporting';
  const found = useMemo(() => [...new Map((scan?.words ?? []).map((w) => [`${w.rect.x0},${w.rect.y0}`, w.rect])).values()], [scan]);

  return (
    <Modal title="De-identify clip for teaching" onClose={onClose} wide>
      {typeof img === 'string' ? (
        <p role="alert">{img}</p>
      ) : (
        <div className="deid">
          <div className="deid-stage">
            {rgba && image ? (
              <MaskCanvas rgba={rgba} width={image.meta.columns} height={image.meta.rows} regions={regions} found={found} masks={masks} selected={selected} preview={preview} onSelect={setSelected} onChange={setMasks} />
            ) : (
              <div className="deid-loading">Decoding frame…</div>
            )}
            <label className="deid-frame">
              Frame {frame + 1} of {image!.availableFrames}
              <input type="range" min={0} max={image!.availableFrames - 1} value={frame} onChange={(e) => setFrame(Number(e.target.value))} aria-label="Frame shown" />
            </label>
            <p className="deid-legend muted">
              <span className="sw sw-region" /> ultrasound region <span className="sw sw-found" /> text found <span className="sw sw-mask" /> mask
            </p>
          </div>
          <div className="deid-side">
            <div className="deid-actions">
              <button type="button" className="primary-button" onClick={() => void find()} disabled={busy}>
                Find burned-in text
              </button>
              <button type="button" className="secondary-button" onClick={maskOutside} disabled={busy}>
                Mask everything outside the regions
              </button>
              <button type="button" className="secondary-button" onClick={() => (setMasks([]), setSelected(null))} disabled={busy || masks.length === 0}>
                Clear masks
              </button>
              <label className="deid-check">
                <input type="checkbox" checked={preview} onChange={(e) => setPreview(e.target.checked)} /> Preview masked frame
              </label>
            </div>
            <h3 className="deid-h">Masks ({masks.length}) — applied to every frame</h3>
            <ul className="deid-masks" aria-label="Mask rectangles">
              {masks.map((r, i) => (
                <li key={i} className={i === selected ? 'selected' : ''}>
                  <button type="button" className="link-button" onClick={() => setSelected(i)} aria-pressed={i === selected}>
                    {i + 1}: {r.x0},{r.y0} · {r.x1 - r.x0}×{r.y1 - r.y0} px
                  </button>
                  <button type="button" className="link-button" aria-label={`Remove mask ${i + 1}`} onClick={() => (setMasks(masks.filter((_, k) => k !== i)), setSelected(null))}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
            {scan && scan.words.length > 0 && (
              <p className="deid-words">
                <strong>Text found:</strong> {[...new Set(scan.words.map((w) => w.text))].join(' ')}
              </p>
            )}
            <fieldset className="deid-options">
              <legend>PS3.15 options (header)</legend>
              {OPTION_LABELS.map(([k, label]) => (
                <label key={k} className="deid-check">
                  <input type="checkbox" checked={options[k]} onChange={(e) => setOptions({ ...options, [k]: e.target.checked })} /> {label}
                </label>
              ))}
            </fieldset>
            <button type="button" className="primary-button" onClick={() => void apply()} disabled={busy || phase === 'idle'} title={phase === 'idle' ? 'Find burned-in text first, then review the masks' : undefined}>
              Apply masks, de-identify and save…
            </button>
            <p className="deid-status" role="status" aria-live="polite">
              {status}
            </p>
            {failure && (
              <p className="deid-failure" role="alert">
                {failure}
              </p>
            )}
            {report && (
              <div className="deid-report" aria-label="De-identification report">
                <p>
                  Header: {report.counts.removed} removed, {report.counts.emptied} emptied, {report.counts.dummy} replaced, {report.counts.uids} UIDs replaced, {report.counts.cleaned} cleaned,{' '}
                  {report.counts.private} private removed.
                </p>
                <p>
                  Pixels: {report.masks.length} rectangle(s) masked on every frame, re-encoded RLE lossless; Burned In Annotation {report.burnedInAnnotation}.
                  {report.dateShiftDays !== undefined ? ` Dates shifted by ${report.dateShiftDays} days.` : ''}
                </p>
              </div>
            )}
          </div>
        </div>
      )}
    </Modal>
  );
}
