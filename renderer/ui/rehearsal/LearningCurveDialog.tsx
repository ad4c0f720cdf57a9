import { useMemo, useState } from 'react';
import { attemptsCsv, cusumProblem, DEFAULT_CUSUM, learningCurves, REHEARSAL_DEFAULTS, REHEARSAL_SOURCES, type CusumParameters } from '../../../core/rehearsal/index';
import { bridge } from '../../bridge';
import { notify, reportError } from '../../state/messages';
import { useRehearsal } from '../../state/rehearsal';
import { Modal } from '../Modal';
import { CusumChart, ScoreChart } from './charts';

const csvName = (d: Date) => `blockplan-rehearsal-attempts-${d.toISOString().slice(0, 10)}.csv`;

/**
 * Learning curves from the attempts stored on this computer: per trainee and block, the score over
 * attempts and the CUSUM of success and failure with settable acceptable / unacceptable failure rates
 * (Kestin 1995, as Barrington 2012 used for ultrasound-guided regional anaesthesia); the attempts in
 * a table; export as CSV for an educator.
 */
export function LearningCurveDialog({ onClose }: { onClose(): void }) {
  const attempts = useRehearsal((s) => s.attempts);
  const me = useRehearsal((s) => s.traineeName.trim());
  const passPercent = useRehearsal((s) => s.result?.passPercent ?? s.rehearsal?.passPercent ?? REHEARSAL_DEFAULTS.passPercent.value);
  const [p, setP] = useState<CusumParameters>(DEFAULT_CUSUM);
  const problem = cusumProblem(p);
  const curves = useMemo(() => (problem ? [] : learningCurves(attempts, p)), [attempts, p, problem]);
  const keyOf = (c: { trainee: string; blockId: string | null }) => `${c.trainee}\u0000${c.blockId ?? ''}`;
  const mine = curves.find((c) => c.trainee.trim().toLowerCase() === me.toLowerCase());
  const [chosen, setChosen] = useState<string | null>(null);
  const curve = curves.find((c) => keyOf(c) === chosen) ?? mine ?? curves[0];

  const exportCsv = async () => {
    const bytes = new TextEncoder().encode(attemptsCsv(attempts));
    const r = await bridge().saveFile({ kind: 'csv', suggestedName: csvName(new Date()), bytes, saveAs: true });
    if (!r.ok) reportError(r.error);
    else if (r.value) notify(`Exported ${attempts.length} attempt(s) as CSV.`, 'success');
  };
  const rate = (k: keyof CusumParameters, label: string, def: number) => (
    <label className="field">
      <span>{label}, %</span>
      <input
        type="number"
        min={1}
        max={99}
        step={1}
        value={Math.round(p[k] * 1000) / 10}
        onChange={(e) => setP({ ...p, [k]: Number(e.target.value) / 100 })}
        aria-describedby="cusum-defaults"
      />
      <span className="muted small">default {def * 100}%</span>
    </label>
  );

  return (
    <Modal title="Learning curve" onClose={onClose} wide>
      {attempts.length === 0 ? (
        <p className="dialog-text">No attempts are stored on this computer yet. Submit a rehearsal to start your curve.</p>
      ) : (
        <div className="curve-dialog">
          <label className="field">
            <span>Trainee and block</span>
            <select value={curve ? keyOf(curve) : ''} onChange={(e) => setChosen(e.target.value)}>
              {curves.map((c) => (
                <option key={keyOf(c)} value={keyOf(c)}>
                  {c.trainee} — {c.blockName ?? 'no block'} ({c.attempts.length} attempt{c.attempts.length === 1 ? '' : 's'})
                </option>
              ))}
            </select>
          </label>
          {curve && (
            <>
              <h3>Score over attempts</h3>
              <ScoreChart curve={curve} passPercent={passPercent} />
              <h3>CUSUM of failures</h3>
              <p className="small muted">
                Each passed attempt lowers the sum by s = {curve.cusum.s.toFixed(3)}, each failed one (not passed, or a critical error) raises it by 1 − s. Reaching h0 shows the acceptable failure rate
                {curve.cusum.acceptableAt ? ` (here at attempt ${curve.cusum.acceptableAt})` : ' (not yet)'}; reaching h1 the unacceptable one{curve.cusum.unacceptableAt ? ` (here at attempt ${curve.cusum.unacceptableAt})` : ''}.
              </p>
              <CusumChart c={curve.cusum} trainee={curve.trainee} />
            </>
          )}
          <fieldset className="cusum-params">
            <legend>CUSUM settings</legend>
            {rate('acceptableFailureRate', 'Acceptable failure rate', DEFAULT_CUSUM.acceptableFailureRate)}
            {rate('unacceptableFailureRate', 'Unacceptable failure rate', DEFAULT_CUSUM.unacceptableFailureRate)}
            {rate('alpha', 'α (type I error)', DEFAULT_CUSUM.alpha)}
            {rate('beta', 'β (type II error)', DEFAULT_CUSUM.beta)}
            {problem && (
              <p className="px-note" role="alert">
                {problem}
              </p>
            )}
            <p id="cusum-defaults" className="small muted">
              Method: {REHEARSAL_SOURCES.kestin1995.citation} Used for needle-visualisation learning curves by {REHEARSAL_SOURCES.barrington2012.citation} The rates and error levels are BlockPlan defaults; set them for
              your programme.
            </p>
          </fieldset>
          {curve && (
            <table className="task-table attempts-table">
              <caption className="small muted">Attempts of {curve.trainee}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Time</th>
                  <th scope="col">Case</th>
                  <th scope="col">Score</th>
                  <th scope="col">Passed</th>
                  <th scope="col">Critical errors</th>
                </tr>
              </thead>
              <tbody>
                {curve.attempts.map((a, i) => (
                  <tr key={a.id}>
                    <td>{i + 1}</td>
                    <td>{new Date(a.at).toLocaleString()}</td>
                    <td>{a.caseTitle}</td>
                    <td>
                      {a.score} / {a.maxScore}
                    </td>
                    <td>{a.passed ? 'yes' : 'no'}</td>
                    <td>{a.criticalErrors.map((c) => (c.structure ? `${c.kind}: ${c.structure}` : c.kind)).join('; ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary-button" disabled={attempts.length === 0} onClick={() => void exportCsv()}>
          Export all attempts as CSV…
        </button>
        <button type="button" className="primary-button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
