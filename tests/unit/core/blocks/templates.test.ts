import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BlockTemplateSchema, blockTemplates, getBlockTemplate, rawBlockTemplates, type BlockTemplate } from '../../../../core/blocks/index';
import { blocksReference } from '../../../support/shared';

// The reference the templates were transcribed from; values are checked against its text, not
// against numbers repeated here.
const blocksMd = readFileSync(blocksReference(), 'utf8');

/** The body of "### <number> …" up to the next heading. */
function section(num: string): string {
  const start = blocksMd.indexOf(`### ${num} `);
  if (start < 0) throw new Error(`section ${num} not found in blocks.md`);
  const next = blocksMd.indexOf('\n#', start + 4);
  return blocksMd.slice(start, next < 0 ? undefined : next);
}

/** The first bullet line of a section starting with `- <key>:` (or containing `key:` after a `.`). */
function line(sec: string, re: RegExp): string {
  const l = sec.split('\n').find((x) => re.test(x));
  if (!l) throw new Error(`no line matching ${re} in section:\n${sec.slice(0, 200)}`);
  return l;
}

/** Parse "a–b unit" (en dash or hyphen) after a label into numbers, converting cm to mm. */
function parseRange(text: string, label: RegExp, unit: 'mL' | 'mm' | 'cm' | 'MHz'): [number, number] {
  const at = text.search(label);
  expect(at, `label ${label} in "${text}"`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(at);
  const m = rest.match(new RegExp(`(\\d+(?:\\.\\d+)?)\\s*[–-]\\s*(\\d+(?:\\.\\d+)?)\\s*${unit}`));
  if (!m) throw new Error(`no ${unit} range after ${label} in "${text}"`);
  const k = unit === 'cm' ? 10 : 1;
  return [Number(m[1]) * k, Number(m[2]) * k];
}

const SECTION: Record<string, string> = {
  'thoracic-paravertebral': '1.1',
  'celiac-plexus': '1.2',
  'ganglion-impar': '1.3',
  'erector-spinae-plane': '1.4',
  'transversus-abdominis-plane': '1.5',
  'quadratus-lumborum-anterior': '1.6',
  'quadratus-lumborum-lateral': '1.6',
  'quadratus-lumborum-posterior': '1.6',
  interscalene: '1.7',
  supraclavicular: '1.8',
  femoral: '1.9',
  peng: '1.10',
  'stellate-ganglion': '1.11',
  genicular: '1.12',
  'suprascapular-anterior': '1.13',
  'suprascapular-posterior': '1.13',
  'spinal-cord-stimulator-trial': '1.14',
};

function t(id: string): BlockTemplate {
  const x = getBlockTemplate(id);
  if (!x) throw new Error(`no template ${id}`);
  return x;
}

describe('block templates', () => {
  it('covers exactly the blocks named in issue 5', () => {
    expect(blockTemplates.map((x) => x.id).sort()).toEqual(Object.keys(SECTION).sort());
  });

  it.each(blockTemplates.map((x) => [x.id, x] as const))('%s cites a source URL, has a target and an at-risk structure with a reason', (_id, tpl) => {
    expect(tpl.sources.flatMap((s) => s.urls).length).toBeGreaterThan(0);
    for (const u of tpl.sources.flatMap((s) => s.urls)) expect(() => new URL(u)).not.toThrow();
    expect(tpl.structures.filter((s) => s.role === 'target').length).toBeGreaterThan(0);
    const atRisk = tpl.structures.filter((s) => s.role === 'at-risk');
    expect(atRisk.length).toBeGreaterThan(0);
    for (const s of atRisk) expect(s.why.length).toBeGreaterThan(3);
    // Each template's sources are the ones its blocks.md section cites.
    const heading = section(SECTION[tpl.id]!).split('\n')[0]!;
    const cited = heading.match(/\[(S[^\]]+)\]/)?.[1] ?? '';
    const ids = cited.split(',').flatMap((part) => {
      const r = part.trim().match(/^S(\d+)[–-]S(\d+)$/);
      if (!r) return [part.trim()];
      return Array.from({ length: Number(r[2]) - Number(r[1]) + 1 }, (_, i) => `S${Number(r[1]) + i}`);
    });
    expect(tpl.sources.map((s) => s.id).sort()).toEqual(ids.sort());
  });

  it('every source URL is one blocks.md lists (DOI/PMID written as doi.org/pubmed links)', () => {
    const srcSection = blocksMd.slice(blocksMd.indexOf('## Sources'));
    for (const tpl of blockTemplates) {
      for (const s of tpl.sources) {
        const entry = srcSection.split('\n').find((l) => l.startsWith(`- ${s.id}:`));
        expect(entry, s.id).toBeDefined();
        for (const u of s.urls) {
          const doi = u.match(/^https:\/\/doi\.org\/(.+)$/)?.[1];
          const pmid = u.match(/^https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/(\d+)\/$/)?.[1];
          if (doi) expect(entry).toContain(doi);
          else if (pmid) expect(entry).toContain(`PMID ${pmid}`);
          else expect(entry).toContain(u);
        }
      }
    }
  });

  it('the raw data validates and ids are unique', () => {
    for (const raw of rawBlockTemplates) expect(BlockTemplateSchema.safeParse(raw).success, raw.id).toBe(true);
    expect(new Set(blockTemplates.map((x) => x.id)).size).toBe(blockTemplates.length);
  });

  it('the schema rejects a template without an at-risk structure or citing an unlisted source', () => {
    const base = rawBlockTemplates[0]!;
    const noRisk = { ...base, structures: base.structures.filter((s) => s.role !== 'at-risk') };
    expect(BlockTemplateSchema.safeParse(noRisk).success).toBe(false);
    const noSources = { ...base, sources: base.sources.slice(0, 1).map((s) => ({ ...s, id: 'S99' })) };
    expect(BlockTemplateSchema.safeParse(noSources).success).toBe(false);
  });
});

describe('values match ../shared/reference/blocks.md', () => {
  it('TPVB volume, needle length, depth and complication rates', () => {
    const sec = section('1.1');
    const tp = t('thoracic-paravertebral');
    const [vmin, vmax] = parseRange(line(sec, /^- volume:/), /volume:/, 'mL');
    expect([tp.volumeMl.min, tp.volumeMl.max]).toEqual([vmin, vmax]);
    const [lmin, lmax] = parseRange(line(sec, /^- needle:/), /needle:/, 'mm');
    expect([tp.needle.lengthMm.min, tp.needle.lengthMm.max]).toEqual([lmin, lmax]);
    const depth = Number(line(sec, /^- depth:/).match(/~(\d+) mm/)![1]);
    expect(tp.depthMm.typical).toBe(depth);
    // "vascular puncture 6.8%, hypotension 4.0%, …" → each rate appears on the template
    const doc = line(sec, /^- document:/);
    const rates = [...doc.matchAll(/([a-z/ ]+?) (\d+(?:\.\d+)?)%/gi)].map((m) => [m[1]!.trim().toLowerCase(), Number(m[2])] as const);
    expect(rates.length).toBeGreaterThanOrEqual(6);
    for (const [name, rate] of rates) {
      const key = name.split(/[ /]/)[0]!; // "vascular", "hypotension", "epidural", "pleural", "ptx", …
      const c = tp.complications.find((x) => x.ratePercent === rate && (x.name.toLowerCase().includes(key) || (key === 'ptx' && /pneumothorax/i.test(x.name)) || /any complication/i.test(x.name)));
      expect(c, `${name} ${rate}%`).toBeDefined();
    }
  });

  it('probe frequencies (MHz) where a block gives them', () => {
    const cases: [string, string, RegExp][] = [
      ['interscalene', '1.7', /^- probe:/],
      ['stellate-ganglion', '1.11', /^- probe:/],
      ['genicular', '1.12', /probe:/],
      ['thoracic-paravertebral', '1.1', /^- probe:/],
    ];
    for (const [id, num, re] of cases) {
      const [a, b] = parseRange(line(section(num), re), /probe:/, 'MHz');
      const f = t(id).probe.frequencyMHz;
      expect([f.min, f.max], id).toEqual([a, b]);
    }
    const [a, b] = parseRange(line(section('1.13'), /^- posterior approach:/), /linear/, 'MHz');
    expect([t('suprascapular-posterior').probe.frequencyMHz.min, t('suprascapular-posterior').probe.frequencyMHz.max]).toEqual([a, b]);
  });

  it('depths given in cm are stored in mm', () => {
    for (const [id, num] of [['interscalene', '1.7'], ['supraclavicular', '1.8'], ['femoral', '1.9']] as const) {
      const [a, b] = parseRange(line(section(num), /depth:/), /depth:/, 'cm');
      expect([t(id).depthMm.min, t(id).depthMm.max, t(id).depthMm.unit], id).toEqual([a, b, 'mm']);
    }
    const [a, b] = parseRange(line(section('1.13'), /^- posterior approach:/), /Depth/, 'cm');
    expect([t('suprascapular-posterior').depthMm.min, t('suprascapular-posterior').depthMm.max]).toEqual([a, b]);
    const anterior = Number(line(section('1.13'), /^- anterior approach:/).match(/Depth ~(\d+) mm/)![1]);
    expect(t('suprascapular-anterior').depthMm.typical).toBe(anterior);
  });

  it('volumes (mL)', () => {
    const cases: [string, string, RegExp][] = [
      ['erector-spinae-plane', '1.4', /volume:/],
      ['transversus-abdominis-plane', '1.5', /volume:/],
      ['quadratus-lumborum-anterior', '1.6', /volume:/],
      ['interscalene', '1.7', /volume:/],
      ['supraclavicular', '1.8', /volume:/],
      ['femoral', '1.9', /volume:/],
      ['peng', '1.10', /^- volume:/],
      ['stellate-ganglion', '1.11', /^- volume:/],
      ['genicular', '1.12', /volume:/],
      ['ganglion-impar', '1.3', /^- injectate:/],
    ];
    for (const [id, num, re] of cases) {
      const l = line(section(num), re);
      const [a, b] = parseRange(l, re.source.includes('injectate') ? /steroid,/ : /volume:/, 'mL');
      expect([t(id).volumeMl.min, t(id).volumeMl.max], id).toEqual([a, b]);
    }
  });

  it('values marked [?] in blocks.md are unknown or flagged uncertain', () => {
    for (const tpl of blockTemplates) {
      const sec = section(SECTION[tpl.id]!);
      const depthLine = sec.split('\n').find((l) => /depth/i.test(l) && /\[\?\]/.test(l.slice(l.search(/depth/i))));
      if (depthLine) expect(tpl.depthMm.status !== 'known' || tpl.depthMm.uncertain, `${tpl.id} depth`).toBe(true);
    }
    // celiac "volume [?]", "no figure found [?]" for depth; probe "~2–5 MHz [?]"
    expect(t('celiac-plexus').volumeMl.status).toBe('unknown');
    expect(t('celiac-plexus').depthMm.status).toBe('unknown');
    expect(line(section('1.2'), /probe:/)).toMatch(/\[\?\]/);
    expect(t('celiac-plexus').probe.frequencyMHz.uncertain).toBe(true);
    // ganglion impar needle length "(~7–9 cm [?])"
    expect(line(section('1.3'), /^- needle:/)).toMatch(/cm \[\?\]/);
    expect(t('ganglion-impar').needle.lengthMm.uncertain).toBe(true);
    // stellate / genicular gauge "22–25G [?]"
    for (const [id, num] of [['stellate-ganglion', '1.11'], ['genicular', '1.12']] as const) {
      expect(section(num)).toMatch(/22–25G \[\?\]/);
      expect(t(id).needle.gaugeG.uncertain, id).toBe(true);
    }
    // unknown values carry null numbers so the UI cannot show a made-up figure
    for (const tpl of blockTemplates) {
      for (const v of [tpl.depthMm, tpl.volumeMl, tpl.probe.frequencyMHz, tpl.needle.gaugeG, tpl.needle.lengthMm]) {
        if (v.status !== 'known') expect([v.min, v.max, v.typical]).toEqual([null, null, null]);
      }
    }
  });

  it('the SCS trial template says it is fluoroscopic, with the rates blocks.md gives', () => {
    const sec = section('1.14');
    expect(line(sec, /^- guidance:/)).toMatch(/fluoroscopy/);
    const scs = t('spinal-cord-stimulator-trial');
    expect(scs.guidance.primary).toBe('fluoroscopy');
    expect(scs.probe.type).toBe('none');
    const rates = line(sec, /complication rates:/);
    const migration = Number(rates.match(/Lead migration[^(]*\((\d+(?:\.\d+)?)%/)![1]);
    const infection = Number(rates.match(/infection (\d+(?:\.\d+)?)%/)![1]);
    expect(scs.complications.find((c) => /migration/i.test(c.name))?.ratePercent).toBe(migration);
    expect(scs.complications.find((c) => /^infection/i.test(c.name))?.ratePercent).toBe(infection);
    const gauge = Number(line(sec, /technique:/).match(/(\d+)G Tuohy/)![1]);
    expect(scs.needle.gaugeG.min).toBe(gauge);
  });

  it('nomenclature: blocks outside both consensus documents say so', () => {
    const outside = blocksMd.match(/- (Celiac, ganglion impar, stellate and SCS) are outside both consensus documents/);
    expect(outside).not.toBeNull();
    for (const id of ['celiac-plexus', 'ganglion-impar', 'stellate-ganglion', 'spinal-cord-stimulator-trial']) {
      expect(t(id).nomenclature.consensus, id).toBe('outside-consensus');
    }
    // "exact wording not retrieved [?]" → the template flags its name as uncertain
    for (const tpl of blockTemplates.filter((x) => !x.id.startsWith('quadratus-lumborum'))) {
      const notRetrieved = /wording not retrieved \[\?\]/.test(section(SECTION[tpl.id]!));
      expect(tpl.nomenclature.wordingUncertain, tpl.id).toBe(notRetrieved);
    }
    // QL: "Exact consensus wording for lateral and posterior was only partly retrieved [?]"
    expect(line(section('1.6'), /only partly retrieved/)).toMatch(/lateral and posterior/);
    expect(t('quadratus-lumborum-anterior').nomenclature.wordingUncertain).toBe(false);
    expect(t('quadratus-lumborum-lateral').nomenclature.wordingUncertain).toBe(true);
    expect(t('quadratus-lumborum-posterior').nomenclature.wordingUncertain).toBe(true);
  });
});
