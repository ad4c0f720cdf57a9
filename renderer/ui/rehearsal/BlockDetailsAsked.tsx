import { BLOCK_DETAIL_ITEMS, BLOCK_DETAIL_RANGES, resolveRehearsal, type BlockDetailItem, type BlockDetails } from '../../../core/rehearsal/index';
import type { Case } from '../../../core/plan/schema';
import { useCase } from '../../state/case';
import { editSettings } from './teachingEdits';

const ITEM_LABEL: Record<BlockDetailItem, string> = { side: 'Side', approach: 'Approach', needle: 'Needle (gauge, length)', volume: 'Volume per site' };

/** Set one of the expert's block details (an empty field removes it). */
function setExpertDetail(key: keyof BlockDetails, raw: string): void {
  const plan = useCase.getState().history.present;
  const details: BlockDetails = { ...plan.rehearsal?.blockDetails };
  const v = raw.trim() === '' ? undefined : Number(raw);
  if (v === undefined) delete details[key];
  else if (Number.isFinite(v)) details[key] = v;
  else return;
  useCase.getState().apply({ type: 'set-block-details', details, coalesceKey: key }, { coalesce: true });
}

/**
 * "Choose the block details" for the educator: which details are asked, and the expert's needle and
 * volume (the answer the trainee's are compared with; side and approach come from the plan's block
 * choice). Only what the educator enters; nothing is prefilled from the template.
 */
export function BlockDetailsAsked({ plan }: { plan: Case }) {
  const s = plan.teaching?.rehearsal ?? {};
  const r = resolveRehearsal(plan);
  const asked = new Set<BlockDetailItem>(r.blockDetails);
  const d = plan.rehearsal?.blockDetails ?? {};
  const can: Record<BlockDetailItem, string | null> = {
    side: plan.block.side === null ? 'choose the side in the Plan tab' : null,
    approach: plan.block.templateId === null ? 'choose the block in the Plan tab' : null,
    needle: d.needleGaugeG === undefined && d.needleLengthMm === undefined ? 'enter the expert’s needle below' : null,
    volume: d.volumeMl === undefined ? 'enter the expert’s volume below' : null,
  };
  const toggle = (item: BlockDetailItem, on: boolean) => editSettings((x) => ({ ...x, blockDetails: BLOCK_DETAIL_ITEMS.filter((i) => (i === item ? on : asked.has(i)) && can[i] === null) }), 'details');
  const num = (key: keyof BlockDetails, label: string) => (
    <label className="field">
      <span className="small">{label}</span>
      <input type="number" min={BLOCK_DETAIL_RANGES[key].min} max={BLOCK_DETAIL_RANGES[key].max} step={BLOCK_DETAIL_RANGES[key].step} value={d[key] ?? ''} onChange={(e) => setExpertDetail(key, e.target.value)} />
    </label>
  );
  return (
    <fieldset className="plain-fieldset indent">
      <legend className="small">Block details asked{s.blockDetails ? '' : ' (by default: those the expert case states)'}</legend>
      {BLOCK_DETAIL_ITEMS.map((item) => (
        <label key={item} className="settings-row">
          <input type="checkbox" checked={asked.has(item)} disabled={can[item] !== null} onChange={(e) => toggle(item, e.target.checked)} /> {ITEM_LABEL[item]}
          {can[item] !== null && <span className="muted small"> — {can[item]}</span>}
        </label>
      ))}
      <div className="details-grid">
        {num('needleGaugeG', 'Expert’s needle gauge, G')}
        {num('needleLengthMm', 'Expert’s needle length, mm')}
        {num('volumeMl', 'Expert’s volume per site, mL')}
      </div>
    </fieldset>
  );
}
