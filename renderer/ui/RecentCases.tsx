import { useCallback, useEffect, useState } from 'react';
import type { RecentCase } from '../bridge/types';
import { listRecentCases, openRecentCase, removeRecentCase } from '../services/recentCases';
import { Icon } from './Icon';
import './RecentCases.css';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What the row says about the case's clips: all found, some need permission, some missing. */
export function clipStatus(r: RecentCase): { text: string; ok: boolean } {
  if (!r.available) return { text: 'The case file is no longer available here.', ok: false };
  const { total, reachable, needPermission } = r.clips;
  if (r.bundled) return { text: `${plural(total, 'clip')} inside the bundle`, ok: true };
  if (total === 0) return { text: 'No clips', ok: true };
  if (reachable === total) return { text: total === 1 ? 'Its clip is found' : `All ${total} clips found`, ok: true };
  const parts: string[] = [];
  if (needPermission) parts.push(`${plural(needPermission, 'clip')} need${needPermission === 1 ? 's' : ''} your permission again`);
  const missing = total - reachable - needPermission;
  if (missing) parts.push(`${missing} of ${plural(total, 'clip')} not found: you will be asked to locate ${missing === 1 ? 'it' : 'them'}`);
  return { text: parts.join('; '), ok: false };
}

/**
 * The recent cases on the empty screen: file name, block, when it changed and whether its clips can
 * be reached; open one with a click or Enter, take one off the list. Patient names stay hidden
 * unless the user asks to see them.
 */
export function RecentCases() {
  const [rows, setRows] = useState<RecentCase[] | null>(null);
  const [showPatient, setShowPatient] = useState(false);
  const refresh = useCallback(() => void listRecentCases().then(setRows), []);
  useEffect(refresh, [refresh]);
  if (!rows?.length) return null;
  const anyPatient = rows.some((r) => r.patientName);
  return (
    <section className="recent-cases" aria-labelledby="recent-cases-title">
      <div className="recent-head">
        <h2 id="recent-cases-title">Recent cases</h2>
        {anyPatient && (
          <label className="recent-show-patient">
            <input type="checkbox" checked={showPatient} onChange={(e) => setShowPatient(e.target.checked)} /> Show patient names
          </label>
        )}
      </div>
      <ul className="recent-list">
        {rows.map((r) => {
          const status = clipStatus(r);
          const time = r.modifiedAt ? `Changed ${when(r.modifiedAt)}` : `Opened ${when(r.openedAt)}`;
          return (
            <li key={r.path} className="recent-row" data-testid="recent-case">
              <button
                type="button"
                className="recent-open"
                disabled={!r.available}
                title={r.path}
                aria-label={`Open ${r.name}${r.block ? `, ${r.block}` : ''}. ${time}. ${status.text}`}
                onClick={() => void openRecentCase(r.path).then((opened) => !opened && refresh())}
              >
                <span className="recent-name">
                  <Icon name="folder" /> {r.name}
                </span>
                <span className="recent-block">{r.block ?? 'No block chosen'}</span>
                {showPatient && r.patientName && <span className="recent-patient">Patient: {r.patientName}</span>}
                <span className="recent-meta">
                  <span>{time}</span>
                  <span className={status.ok ? 'recent-clips' : 'recent-clips recent-clips-warn'}>
                    {!status.ok && <Icon name="warn" />} {status.text}
                  </span>
                </span>
              </button>
              <button type="button" className="recent-remove" aria-label={`Remove ${r.name} from the recent list`} title="Remove from the list (the file stays where it is)" onClick={() => void removeRecentCase(r.path).then(refresh)}>
                <Icon name="close" />
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
