/**
 * The only DICOMweb requests BlockPlan sends, as a schema. The desktop main process and the
 * browser-mode forwarder validate every request from the renderer against it before resolving it
 * against a CONFIGURED server: the renderer cannot name a URL, a method, a header or a path of its
 * own, so neither is an open proxy.
 */
import { z } from 'zod';
import { isValidUid } from '../dicom/write/element';
import { ACCEPT_DICOM_AS_STORED, ACCEPT_DICOM_DEFAULT, ACCEPT_JSON } from './client';
import { ServerIdSchema } from './server';

/** Largest STOW-RS body the renderer may hand over, bytes. */
export const MAX_STORE_BODY_BYTES = 512 * 1024 ** 2;

const GET_SHAPES = [
  ['studies'],
  ['series'],
  ['instances'],
  ['studies', 'U'],
  ['studies', 'U', 'series'],
  ['studies', 'U', 'instances'],
  ['studies', 'U', 'series', 'U'],
  ['studies', 'U', 'series', 'U', 'instances'],
  ['studies', 'U', 'series', 'U', 'instances', 'U'],
];
const POST_SHAPES = [['studies'], ['studies', 'U']];

/** Whether `path` is a QIDO/WADO (GET) or STOW (POST) resource BlockPlan uses; every UID is checked. */
export function isAllowedPath(method: 'GET' | 'POST', path: string): boolean {
  const segs = path.split('/');
  const shapes = method === 'GET' ? GET_SHAPES : POST_SHAPES;
  return shapes.some((shape) => shape.length === segs.length && shape.every((s, i) => (s === 'U' ? isValidUid(segs[i]!) : s === segs[i])));
}

export const STOW_CONTENT_TYPE = /^multipart\/related; type="application\/dicom"; boundary=[A-Za-z0-9'()+_,./:=?-]{1,70}$/;

export const PacsHttpRequestSchema = z
  .object({
    serverId: ServerIdSchema,
    method: z.enum(['GET', 'POST']),
    path: z.string().min(1).max(400),
    query: z.array(z.tuple([z.string().regex(/^[A-Za-z0-9]{1,64}$/), z.string().max(256)])).max(64),
    accept: z.enum([ACCEPT_JSON, ACCEPT_DICOM_AS_STORED, ACCEPT_DICOM_DEFAULT]),
    contentType: z.string().regex(STOW_CONTENT_TYPE).nullable(),
    body: z
      .instanceof(Uint8Array)
      .refine((b) => b.byteLength <= MAX_STORE_BODY_BYTES, 'too large')
      .nullable(),
  })
  .strict()
  .refine((r) => isAllowedPath(r.method, r.path), { message: 'not a DICOMweb resource BlockPlan uses', path: ['path'] })
  .refine((r) => (r.method === 'POST') === (r.body !== null && r.contentType !== null), { message: 'a store (POST) has a multipart body; a search or retrieve (GET) has none', path: ['body'] });
export type PacsHttpRequest = z.infer<typeof PacsHttpRequestSchema>;

/** Response headers passed back to the renderer (nothing else: no cookies, no server details). */
export const PASSED_RESPONSE_HEADERS = ['content-type', 'content-length'] as const;
