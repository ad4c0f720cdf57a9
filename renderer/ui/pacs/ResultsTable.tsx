import { usePacs, type StudyRow } from '../../state/pacs';
import { retrieve, search } from './actions';

const fmtDate = (da: string) => (/^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : da || '—');
const personName = (pn: string) => pn.replace(/\^+$/, '').replace(/\^/g, ', ');

function Images({ row }: { row: StudyRow }) {
  if (row.images === 'loading') return <span className="muted">…</span>;
  if ('error' in row.images) return <span title={row.images.error.title}>?</span>;
  const { instances, frames } = row.images;
  return (
    <span>
      {instances} / {frames}
    </span>
  );
}

/** Studies found: date, patient (hidden unless shown), description, ultrasound instances / frames, retrieve. */
export function ResultsTable() {
  const { rows, showPatient, more, offset, job, searching } = usePacs();
  if (rows.length === 0) return null;
  return (
    <div className="pacs-results">
      <table aria-label="Studies found">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Patient</th>
            <th scope="col">Description</th>
            <th scope="col" title="Ultrasound instances / frames">
              US img / frames
            </th>
            <th scope="col">
              <span className="visually-hidden">Retrieve</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.study.studyUid}>
              <td>{fmtDate(r.study.date)}</td>
              <td>{showPatient ? `${personName(r.study.patient.name) || '—'} (${r.study.patient.id || '—'})` : <span className="muted">hidden</span>}</td>
              <td>{r.study.description || <span className="muted">(no description)</span>}</td>
              <td className="num">
                <Images row={r} />
              </td>
              <td>
                <button
                  type="button"
                  disabled={!!job || (typeof r.images === 'object' && !('error' in r.images) && r.images.instances === 0)}
                  aria-label={`Retrieve and open the ultrasound clips of the study of ${fmtDate(r.study.date)}${r.study.description ? `, ${r.study.description}` : ''}`}
                  onClick={() => void retrieve(r.study.studyUid, r.study.description || fmtDate(r.study.date))}
                >
                  Open
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pacs-row">
        <button type="button" disabled={offset === 0 || searching} onClick={() => void search(Math.max(0, offset - 25))}>
          Previous
        </button>
        <span className="muted small">
          {offset + 1}–{offset + rows.length}
        </span>
        <button type="button" disabled={!more || searching} onClick={() => void search(offset + 25)}>
          Next
        </button>
      </div>
    </div>
  );
}
