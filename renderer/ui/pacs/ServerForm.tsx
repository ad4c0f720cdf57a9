import { useId, useState } from 'react';
import { serverIdFor } from '../../../core/dicomweb/server';
import type { PacsServerListing } from '../../bridge/pacs';
import { pacsBridge } from '../../bridge/pacs';
import { usePacs } from '../../state/pacs';
import { removeServer, saveServer } from './actions';

/** Add or edit a PACS: name, DICOMweb address, login, time-outs. The password is never shown back. */
export function ServerForm({ server }: { server: PacsServerListing | null }) {
  const id = useId();
  const servers = usePacs((s) => s.servers);
  const draftUrl = usePacs((s) => s.draftUrl);
  const [name, setName] = useState(server?.name ?? (draftUrl?.replace(/^https?:\/\//i, '').split(/[/?#]/)[0] ?? ''));
  const [baseUrl, setBaseUrl] = useState(server?.baseUrl ?? draftUrl ?? '');
  const [auth, setAuth] = useState<'none' | 'basic' | 'bearer'>(server?.auth.kind ?? 'none');
  const [user, setUser] = useState(server?.auth.kind === 'basic' ? server.auth.user : '');
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(false);
  const [timeoutS, setTimeoutS] = useState(String(Math.round((server?.timeouts.responseMs ?? 30_000) / 1000)));
  const [problem, setProblem] = useState<string | null>(null);
  const desktop = pacsBridge().mode === 'electron';

  const submit = async () => {
    const t = Number(timeoutS);
    if (!name.trim()) return setProblem('Give the server a name.');
    if (!/^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/i.test(baseUrl.trim())) return setProblem('The address must start with http:// or https://, without a user name (e.g. https://pacs.example.org/dicom-web).');
    if (auth === 'basic' && (!user.trim() || user.includes(':'))) return setProblem('Enter the user name (without ":").');
    if (!Number.isFinite(t) || t < 1 || t > 600) return setProblem('The time-out is 1 to 600 seconds.');
    setProblem(null);
    await saveServer(
      {
        id: server?.id ?? serverIdFor(name, servers.map((s) => s.id)),
        name: name.trim(),
        baseUrl: baseUrl.trim().replace(/\/+$/, ''),
        auth: auth === 'basic' ? { kind: 'basic', user: user.trim() } : { kind: auth },
        timeouts: { responseMs: t * 1000, idleMs: t * 1000 },
        maxRetrieveMb: server?.maxRetrieveMb ?? 4096,
      },
      auth !== 'none' && secret ? secret : null,
      remember,
    );
  };

  return (
    <form
      className="pacs-server-form"
      aria-label={server ? `Edit ${server.name}` : 'Add a PACS'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="Hospital PACS" />
      <label htmlFor={`${id}-url`}>DICOMweb address</label>
      <input id={`${id}-url`} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://pacs.example.org/dicom-web" spellCheck={false} />
      <label htmlFor={`${id}-auth`}>Login</label>
      <select id={`${id}-auth`} value={auth} onChange={(e) => setAuth(e.target.value as typeof auth)}>
        <option value="none">None</option>
        <option value="basic">User name and password</option>
        <option value="bearer">Token (bearer)</option>
      </select>
      {auth === 'basic' && (
        <>
          <label htmlFor={`${id}-user`}>User name</label>
          <input id={`${id}-user`} value={user} onChange={(e) => setUser(e.target.value)} autoComplete="off" />
        </>
      )}
      {auth !== 'none' && (
        <>
          <label htmlFor={`${id}-secret`}>{auth === 'basic' ? 'Password' : 'Token'}</label>
          <input id={`${id}-secret`} type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" placeholder={server && server.secret !== 'none' ? 'unchanged' : ''} />
          <label className="pacs-check">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Remember it {desktop ? '(encrypted by the system keychain)' : '(written to the local settings file; browser mode has no keychain)'}
          </label>
        </>
      )}
      <label htmlFor={`${id}-timeout`}>Time-out, s</label>
      <input id={`${id}-timeout`} type="number" min={1} max={600} value={timeoutS} onChange={(e) => setTimeoutS(e.target.value)} />
      {problem && (
        <p className="pacs-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="pacs-row">
        <button type="submit" className="primary">
          Save server
        </button>
        <button type="button" onClick={() => usePacs.getState().set({ editing: null })}>
          Cancel
        </button>
        {server && (
          <button type="button" className="danger" onClick={() => void removeServer(server.id)}>
            Remove
          </button>
        )}
      </div>
    </form>
  );
}
