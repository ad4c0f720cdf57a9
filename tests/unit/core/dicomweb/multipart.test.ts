import { describe, expect, it } from 'vitest';
import { boundaryOf, buildMultipart, contentTypeParam, MultipartError, MultipartParser } from '../../../../core/dicomweb/multipart';
import { mulberry32 } from '../../../../core/samples/synth/prng';

const enc = (s: string) => new TextEncoder().encode(s);

function parse(body: Uint8Array, boundary: string, chunkSizes: () => number): { parts: Uint8Array[]; headers: Map<string, string>[]; finished: boolean } {
  const parts: Uint8Array[] = [];
  const headers: Map<string, string>[] = [];
  let cur: number[] = [];
  const p = new MultipartParser(boundary, {
    begin: (h) => {
      headers.push(new Map(h));
      cur = [];
    },
    data: (b) => cur.push(...b),
    end: () => parts.push(Uint8Array.from(cur)),
  });
  for (let o = 0; o < body.length; ) {
    const n = Math.max(1, chunkSizes());
    p.push(body.slice(o, o + n));
    o += n;
  }
  p.finish();
  return { parts, headers, finished: p.complete };
}

describe('multipart/related parser', () => {
  const rnd = mulberry32(7);
  // Parts full of the delimiter's own prefixes (CR, CRLF, CRLF--, CRLF--bound…) to stress the carry-over.
  const tricky = (n: number, boundary: string) => {
    const pieces = ['\r', '\r\n', '\r\n-', '\r\n--', `\r\n--${boundary.slice(0, 5)}`, `\r\n--${boundary.slice(0, -1)}`, 'x'];
    let s = '';
    while (s.length < n) s += pieces[Math.floor(rnd() * pieces.length)];
    const b = enc(s);
    for (let i = 0; i < b.length; i += 7) b[i] = Math.floor(rnd() * 256) === 13 ? 0 : b[i]!;
    return b;
  };

  it('gives back every part byte for byte, whatever the chunking (1 byte to whole body)', () => {
    const parts = [tricky(5000, 'blockplan-'), new Uint8Array([1, 2, 3]), tricky(20_000, 'blockplan-'), Uint8Array.from({ length: 70_000 }, () => Math.floor(rnd() * 256))];
    const { body, contentType } = buildMultipart(parts);
    const boundary = boundaryOf(contentType)!;
    expect(contentTypeParam(contentType, 'type')).toBe('application/dicom');
    for (const sizes of [() => 1, () => 2, () => 3, () => 17, () => 1 + Math.floor(rnd() * 9000), () => body.length]) {
      const r = parse(body, boundary, sizes);
      expect(r.finished).toBe(true);
      expect(r.parts.length).toBe(parts.length);
      r.parts.forEach((p, i) => expect(Buffer.from(p).equals(Buffer.from(parts[i]!))).toBe(true));
      expect(r.headers[0]!.get('content-type')).toBe('application/dicom');
    }
  });

  it('reads a server-style body: preamble, quoted boundary, part Content-Length, transport padding, epilogue', () => {
    const ct = 'multipart/related; type="application/dicom"; boundary="ab:cd"';
    expect(boundaryOf(ct)).toBe('ab:cd');
    const body = enc('preamble text\r\n--ab:cd  \r\nContent-Type: application/dicom\r\nContent-Length: 4\r\n\r\nDATA\r\n--ab:cd\r\n\r\nno headers\r\n--ab:cd--\r\nepilogue');
    const r = parse(body, 'ab:cd', () => 5);
    expect(r.parts.map((p) => new TextDecoder().decode(p))).toEqual(['DATA', 'no headers']);
    expect(r.headers[0]!.get('content-length')).toBe('4');
    expect(r.headers[1]!.size).toBe(0);
  });

  it('refuses bodies that are not complete multipart', () => {
    const cases: [string, RegExp][] = [
      ['--b\r\nContent-Type: application/dicom\r\n\r\nhalf an instance', /middle of an instance/],
      ['--b\r\nContent-Type: application/dicom\r\n\r\nDATA\r\n--b\r\n', /without its closing boundary|middle/],
      ['{"not": "multipart"}', /no multipart boundary/],
      ['--b\r\nBroken header line\r\n\r\nDATA\r\n--b--', /Name: value/],
      ['--bX\r\n', /not followed by CRLF|no multipart boundary|closing/],
    ];
    for (const [text, re] of cases) expect(() => parse(enc(text), 'b', () => 3), text).toThrow(re);
    expect(() => parse(enc(`--b\r\n${'X-Long: y\r\n'.repeat(2000)}\r\nDATA\r\n--b--`), 'b', () => 100)).toThrow(MultipartError);
  });

  it('finds no boundary in a Content-Type that is not multipart', () => {
    expect(boundaryOf('application/dicom+json')).toBeNull();
    expect(boundaryOf('multipart/related; type="application/dicom"')).toBeNull();
    expect(boundaryOf(null)).toBeNull();
  });
});
