import { describe, expect, it } from 'vitest';
import { basename, dirname, joinPath, relativePath } from '../../../../core/plan/paths';

describe('case paths', () => {
  it('stores clips relative to the case folder with / separators', () => {
    expect(relativePath('/home/u/cases', '/home/u/cases/clips/a.dcm')).toBe('clips/a.dcm');
    expect(relativePath('/home/u/cases', '/home/u/clips/a.dcm')).toBe('../clips/a.dcm');
    expect(relativePath('C:\\Users\\u\\cases', 'C:\\Users\\u\\cases\\clips\\a.dcm')).toBe('clips/a.dcm');
    expect(relativePath('C:\\Users\\u\\cases', 'c:\\users\\u\\Clips\\a.dcm')).toBe('../Clips/a.dcm');
  });

  it('keeps the address of a clip retrieved from a PACS as it is (not a path under the case folder)', () => {
    const at = 'pacs://orthanc/1.2.3/1.2.3.4/1.2.3.4.5.dcm';
    expect(relativePath('/home/u/cases', at)).toBe(at);
    expect(relativePath('', at)).toBe(at);
    expect(relativePath('C:\\Users\\u', at)).toBe(at);
    expect(joinPath('/home/u/cases', at)).toBe(at);
  });

  it('keeps an absolute path for a clip on another drive', () => {
    expect(relativePath('C:\\cases', 'D:\\clips\\a.dcm')).toBe('D:\\clips\\a.dcm');
  });

  it('keeps browser-mode names (no folders) as they are', () => {
    expect(relativePath('', 'a.dcm')).toBe('a.dcm');
    expect(relativePath('', 'study/a.dcm')).toBe('study/a.dcm');
  });

  it('resolves stored paths against the case folder', () => {
    expect(joinPath('/home/u/cases', 'clips/a.dcm')).toBe('/home/u/cases/clips/a.dcm');
    expect(joinPath('/home/u/cases', '../clips/a.dcm')).toBe('/home/u/clips/a.dcm');
    expect(joinPath('C:\\cases', 'clips/a.dcm')).toBe('C:\\cases\\clips\\a.dcm');
    expect(joinPath('/x', '/abs/a.dcm')).toBe('/abs/a.dcm');
    expect(joinPath('', 'a.dcm')).toBe('a.dcm');
  });

  it('round-trips: join(dir, relative(dir, p)) = p', () => {
    for (const [dir, p] of [
      ['/a/b/c', '/a/x/y.dcm'],
      ['/a', '/a/b/c/d.dcm'],
      ['C:\\a\\b', 'C:\\a\\c\\d.dcm'],
    ] as const) {
      expect(joinPath(dir, relativePath(dir, p))).toBe(p);
    }
  });

  it('splits folders and names', () => {
    expect(dirname('/a/b/c.bpcase')).toBe('/a/b');
    expect(dirname('c.bpcase')).toBe('');
    expect(dirname('C:\\a\\c.bpcase')).toBe('C:\\a');
    expect(dirname('C:\\c.bpcase')).toBe('C:\\');
    expect(basename('C:\\a\\c.bpcase')).toBe('c.bpcase');
    expect(basename('/a/b/')).toBe('b');
  });
});
