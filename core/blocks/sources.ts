import type { RangeValue, Source, ValueUnit } from './schema';

/**
 * The sources of ../shared/reference/blocks.md ("Sources" section), with the reference's own ids so
 * each value in a template can cite them. A DOI or PMID given without a link is written as its
 * doi.org / pubmed URL.
 */
export const SOURCES = {
  S1: {
    id: 'S1',
    citation: 'El-Boghdadly et al. 2021, ASRA-ESRA Delphi consensus on abdominal wall, paraspinal and chest wall block nomenclature (RAPM 46:571); Kim 2022 paraspinal classification',
    urls: [
      'https://rapm.bmj.com/content/46/7/571',
      'https://docslib.org/doc/4049356/an-international-delphi-consensus-study',
      'https://ekja.org/journal/view.php?doi=10.4097/kja.22138',
    ],
  },
  S2: {
    id: 'S2',
    citation: 'El-Boghdadly et al. 2024, ASRA-ESRA consensus on limb block nomenclature (RAPM 49:782), Table 1',
    urls: ['https://rapm.bmj.com/content/49/11/782'],
  },
  S3: {
    id: 'S3',
    citation: 'NYSORA: thoracic paravertebral block',
    urls: ['http://www.nysora.com/techniques/neuraxial-and-perineuraxial-techniques/ultrasound-guided/3277-thoracic-paravertebral-block.html'],
  },
  S4: {
    id: 'S4',
    citation: 'Naja & Lönnqvist, Anaesthesia 2001;56:1184 (landmark TPVB complications, n=662); Pace, Anesth Analg 2016 (US-guided TPVB)',
    urls: [
      'https://pubmed.ncbi.nlm.nih.gov/11736777/',
      'http://journals.lww.com/anesthesia-analgesia/subjects/Regional%20Anesthesia/Fulltext/2016/04000/Ultrasound_Guided_Thoracic_Paravertebral_Blockade_.32.aspx',
    ],
  },
  S5: {
    id: 'S5',
    citation: 'USRA, BAPA and Hadzic atlas: thoracic paravertebral block',
    urls: [
      'https://usra.ca/regional-anesthesia/specific-blocks/trunk/thoracicparavertebral.php',
      'https://bapaonline.co.uk/thoracic-paravertebral-block/',
      'https://doctorlib.info/neurology/peripheral/23.html',
    ],
  },
  S6: {
    id: 'S6',
    citation: 'Textbook chapter (secondary source) for the ~55 mm median skin-to-paravertebral-space depth',
    urls: ['http://www.docstoc.com/docs/80304282/Chapt12-(PDF)'],
  },
  S7: {
    id: 'S7',
    citation: 'Celiac plexus block: StatPearls; ASRA "How I do it"; Ghai (US anterior approach); OpenAnesthesia; needle-tip CT study; retrocrural geometry; Aneskey',
    urls: [
      'https://statpearls.com/articlelibrary/viewarticle/19100',
      'https://asra.com/guidelines-articles/original-articles/acute-pain-medicine/acute-pain-medicine/asra-news/2023/02/01/how-i-do-it-celiac-plexus-block',
      'https://apicareonline.com/oldsite/wordpress/ultrasound-guided-celiac-plexus-neurolysis-by-anterior-approach-for-pain-management-in-upper-abdominal-malignancy-our-experience',
      'https://www.openanesthesia.org/keywords/celiac_plexus_block_complications/',
      'https://pubs.asahq.org/anesthesiology/article/87/6/1301/36387',
      'https://koreamed.org/SearchBasic.php?RID=2278270',
      'https://aneskey.com/ultrasound-guided-celiac-plexus-block-anterior-approach/',
    ],
  },
  S8: {
    id: 'S8',
    citation: 'Ganglion impar: Hunter & Diwan (Aneskey); fluoroscopic technique (Musculoskeletal Key); NCT06886568; StatPearls sympathetic blocks',
    urls: [
      'https://aneskey.com/ganglion-impar-block-2',
      'https://musculoskeletalkey.com/ganglion-impar-injection-fluoroscopic-guidance',
      'https://crick.ai/trials/NCT06886568',
      'https://statpearls.com/ArticleLibrary/viewarticle/29798',
    ],
  },
  S9: {
    id: 'S9',
    citation: 'Erector spinae plane block: NYSORA; NYSORA LMS; ACEP Now',
    urls: [
      'https://nysora.com/erector-spinae-plane-block',
      'https://nysoralms.com/courses/erector-spinae-plane-block/',
      'https://acepnow.com/article/how-to-perform-an-erector-spinae-plane-block/3',
    ],
  },
  S10: {
    id: 'S10',
    citation: 'TAP block: NYSORA (AccessAnesthesiology); Tsai 2017; StatPearls',
    urls: [
      'https://accessanesthesiology.mhmedical.com/content.aspx?bookid=518&sectionid=41534332',
      'https://pmc.ncbi.nlm.nih.gov/articles/PMC5684553',
      'https://www.statpearls.com/sp/md/160/90672/',
    ],
  },
  S11: {
    id: 'S11',
    citation: 'Quadratus lumborum blocks: Elsharkawy 2019; Can J Anesth 2019; motor-weakness case report',
    urls: [
      'https://anesthesiology.pubs.asahq.org/article.aspx?articleid=2719863',
      'https://link.springer.com/article/10.1007/s12630-019-01312-z',
      'https://medworm.com/263000571/unexpected-motor-weakness-following-quadratus-lumborum-block-for-gynaecological-laparoscopy/',
    ],
  },
  S12: {
    id: 'S12',
    citation: 'Interscalene block: NYSORA; OpenAnesthesia complications; El-Boghdadly 2017',
    urls: [
      'https://nysora.com/techniques/upper-extremity/intescalene/ultrasound-guided-interscalene-brachial-plexus-block',
      'https://www.openanesthesia.org/keywords/interscalene_block_complications/',
      'http://anesthesiology.pubs.asahq.org/article.aspx?articleid=2628647',
    ],
  },
  S13: {
    id: 'S13',
    citation: 'Supraclavicular block: NYSORA; FPnotebook',
    urls: [
      'https://nysora.com/regional-anesthesia-for-specific-surgical-procedures/upper-extremity-regional-anesthesia-for-specific-surgical-procedures/anesthesia-and-analgesia-for-elbow-and-forearm-procedures/ultrasound-guided-supraclavicular-brachial-plexus-block',
      'https://fpnotebook.com/Surgery/Pharm/SprclvclrNrvBlck.htm',
    ],
  },
  S14: {
    id: 'S14',
    citation: 'NYSORA: ultrasound-guided femoral nerve block',
    urls: ['https://www.nysora.com/techniques/lower-extremity/ultrasound-guided-femoral-nerve-block/'],
  },
  S15: {
    id: 'S15',
    citation: 'PENG block: NYSORA handbook (hip block); ASRA "How I do it"; Radiopaedia',
    urls: [
      'https://www.nysora.com/nysora-regional-anesthesia-handbook/chapter20-hip-block-preview/',
      'https://asra.com/guidelines-articles/how-i-do-it/by-publication-date/asra-news/2023/08/01/how-i-do-it-pericapsular-nerve-group-(peng)-block',
      'https://images.radiopaedia.org/articles/pericapsular-nerve-group-block-ultrasound-guided',
    ],
  },
  S16: {
    id: 'S16',
    citation: 'Stellate ganglion block: Aneskey (sympathetic trunk); Bhatia 2012; Gofeld 2009 (RAPM); Ghai 2016',
    urls: [
      'https://aneskey.com/sympathetic-trunk',
      'https://link.springer.com/article/10.1007%2Fs12630-012-9779-4',
      'https://doi.org/10.1097/AAP.0b013e3181b494de',
      'https://pmc.ncbi.nlm.nih.gov/articles/PMC4799607',
    ],
  },
  S17: {
    id: 'S17',
    citation: 'Genicular nerve block: NYSORA; ACEP Now; Anesth Pain Med 2019',
    urls: [
      'https://nysora.com/nysora-com-genicular-nerve-blocks',
      'https://acepnow.com/article/the-ultrasound-guided-genicular-nerve-block/2',
      'http://www.anesth-pain-med.org/journal/view.php?doi=10.17085/apm.2019.14.1.67',
    ],
  },
  S18: {
    id: 'S18',
    citation: 'Suprascapular nerve block: ASRA (Peng 2019); Clinical Gate; KoreaMed Synapse',
    urls: [
      'https://www.asra.com/guidelines-articles/original-articles/chronic-pain-medicine/chronic-pain-medicine/legacy-b-blog-posts/2019/08/06/suprascapular-nerve-block',
      'https://clinicalgate.com/suprascapular-block',
      'https://synapse.koreamed.org/articles/1013561',
    ],
  },
  S19: {
    id: 'S19',
    citation: 'SCS trial: The Procedure Guide; ASRA News 2019 (complications); Blackburn 2021 meta-analysis (summary); Narouze 2018 (ASRA pain-procedure anticoagulation guideline)',
    urls: [
      'https://theprocedureguide.com/spinal-cord-stimulator-trial-technique-and-overview/',
      'https://www.asra.com/news-publications/asra-newsletter/newsletter-item/asra-news/2019/08/07/complications-of-spinal-cord-stimulator-implantation',
      'https://www.physiciansweekly.com/spinal-cord-stimulation-via-percutaneous-and-open-implantation-systematic-review-and-meta-analysis-examining-complication-rates/',
      'https://rapm.bmj.com/content/43/3/225',
    ],
  },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;

/** The listed sources, as a mutable array for a template's `sources`. */
export function sources(...ids: SourceId[]): Source[] {
  return ids.map((id) => ({ ...SOURCES[id], urls: [...SOURCES[id].urls] }));
}

interface ValueOptions {
  uncertain?: boolean;
  note?: string;
  typical?: number | null;
}

/** A known range (min–max, same unit), citing the sources it comes from. */
export function range(min: number | null, max: number | null, unit: ValueUnit, sourceIds: SourceId[], opts: ValueOptions = {}): RangeValue {
  return { status: 'known', min, max, typical: opts.typical ?? null, unit, uncertain: opts.uncertain ?? false, note: opts.note, sourceIds };
}

/** A single typical value (e.g. a series median) with no stated range. */
export function typical(value: number, unit: ValueUnit, sourceIds: SourceId[], opts: Omit<ValueOptions, 'typical'> = {}): RangeValue {
  return { status: 'known', min: null, max: null, typical: value, unit, uncertain: opts.uncertain ?? false, note: opts.note, sourceIds };
}

/**
 * A value the sources do not give. `uncertain` defaults to true: the reference marks these "[?]"
 * or gives no figure; `note` says what the sources do say (e.g. "measure it from the image").
 */
export function unknown(unit: ValueUnit, note?: string, sourceIds: SourceId[] = [], uncertain = true): RangeValue {
  return { status: 'unknown', min: null, max: null, typical: null, unit, uncertain, note, sourceIds };
}

/** A quantity that does not apply to this procedure. */
export function notApplicable(unit: ValueUnit, note: string): RangeValue {
  return { status: 'not-applicable', min: null, max: null, typical: null, unit, uncertain: false, note, sourceIds: [] };
}

/** blocks.md: "Probe defaults where a block gives no frequency" (general, approximate). */
export const GENERAL_LINEAR_MHZ_NOTE = 'The block sources give no frequency; a high-frequency linear probe is the general default (no sourced range).';
export const GENERAL_CURVILINEAR_MHZ_NOTE = 'The block sources give no frequency; a low-frequency curvilinear probe is the general default (no sourced range).';
