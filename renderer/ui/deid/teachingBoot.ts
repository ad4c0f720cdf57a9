import { notify, reportError } from '../../state/messages';
import { routeFiles } from '../../services/fileRouting';

/**
 * A published teaching folder (`blockplan publish`) opens the app as `index.html?teaching=<path>`:
 * fetch that bundle from the page's own origin (a relative .bpcasez path only) and open it as if the
 * user had chosen it. The published copy is never written to: saving goes to the user's own files.
 */
export async function openTeachingCaseFromUrl(loc: Location = window.location): Promise<void> {
  const want = new URLSearchParams(loc.search).get('teaching');
  if (!want) return;
  if (!/^[A-Za-z0-9_-][A-Za-z0-9_./-]*\.bpcasez$/.test(want) || want.split('/').includes('..')) {
    reportError({ code: 'teaching/bad-url', title: 'The teaching case named in the address is not a bundle beside the app.', action: 'Open teach.html of the published folder.' });
    return;
  }
  const url = new URL(want, loc.href);
  if (url.origin !== loc.origin) return;
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const name = want.split('/').pop()!;
    await routeFiles([{ path: name, name, bytes }]);
    notify('Teaching case opened. It is a de-identified copy; your changes stay in this browser.', 'info');
  } catch (e) {
    reportError({ code: 'teaching/fetch-failed', title: 'The teaching case could not be loaded.', action: 'Reload the page; check that the web server serves the teaching folder.', detail: e instanceof Error ? e.message : String(e) });
  }
}
