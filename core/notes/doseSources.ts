/**
 * The publications the dose table and the LAST data cite, by id: one label, SmPC, formulary entry or
 * guideline each, with its link. Split from doses.ts (the table itself); doses.ts re-exports them.
 */
/** A publication a dose row comes from: one label, SmPC, formulary entry or guideline. */
export interface DoseSource {
  id: string;
  /** The publication, as a reader would look it up. */
  citation: string;
  url: string;
  /**
   * `document`: the publication itself. `search`: the official register's search for it (used where
   * no stable per-product address could be confirmed; the first hit is the SmPC named).
   */
  urlKind: 'document' | 'search';
}

const dailymed = (setid: string) => `https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=${setid}`;
const emcSearch = (q: string) => `https://www.medicines.org.uk/emc/search?q=${encodeURIComponent(q)}`;

/** The sources of the dose table and the LAST data, by id. */
export const DOSE_SOURCES = {
  xylocaine: {
    id: 'dailymed-xylocaine',
    citation: 'Xylocaine (lidocaine HCl, and with epinephrine) injection, Fresenius Kabi: US prescribing information (DailyMed SPL), "Maximum recommended dosages"',
    url: dailymed('4dd52202-8eef-4136-92dd-ada573b7cf74'),
    urlKind: 'document',
  },
  bnfLidocaine: {
    id: 'bnf-lidocaine',
    citation: 'British National Formulary: lidocaine hydrochloride, infiltration anaesthesia (NICE BNF)',
    url: 'https://bnf.nice.org.uk/drugs/lidocaine-hydrochloride/',
    urlKind: 'document',
  },
  bupivacaineUs: {
    id: 'dailymed-bupivacaine',
    citation: 'Bupivacaine HCl injection and bupivacaine HCl and epinephrine injection: US prescribing information (DailyMed SPL), section 2 Dosage and administration',
    url: dailymed('3c0f567f-b7f8-4ee8-bfb2-61cd82550498'),
    urlKind: 'document',
  },
  marcainPlainUk: {
    id: 'emc-marcain',
    citation: 'Marcain Polyamp Steripack 0.25% and 0.5% (bupivacaine), Aspen: UK SmPC section 4.2 (EMC)',
    url: emcSearch('Marcain Polyamp Steripack'),
    urlKind: 'search',
  },
  marcainAdrenalineUk: {
    id: 'emc-marcain-adrenaline',
    citation: 'Marcain 0.25% and 0.5% with Adrenaline (bupivacaine with adrenaline 1:200 000), Aspen: UK SmPC section 4.2 (EMC)',
    url: emcSearch('Marcain with Adrenaline'),
    urlKind: 'search',
  },
  chirocaine: {
    id: 'emc-chirocaine',
    citation: 'Chirocaine (levobupivacaine), AbbVie: UK SmPC section 4.2 (EMC)',
    url: emcSearch('Chirocaine'),
    urlKind: 'search',
  },
  naropin: {
    id: 'dailymed-naropin',
    citation: 'Naropin (ropivacaine HCl) injection, Fresenius Kabi: US prescribing information (DailyMed SPL), section 2 Dosage and administration',
    url: dailymed('dff4a1e4-4b2a-4a64-b6d8-ea470dee88f7'),
    urlKind: 'document',
  },
  exparel: {
    id: 'dailymed-exparel',
    citation: 'Exparel (bupivacaine liposome injectable suspension), Pacira: US prescribing information (DailyMed SPL), section 2 Dosage and administration',
    url: dailymed('bb5a9e59-0f51-11df-8a39-0800200c9a66'),
    urlKind: 'document',
  },
  nesacaine: {
    id: 'dailymed-nesacaine',
    citation: 'Nesacaine and Nesacaine-MPF (chloroprocaine HCl) injection: US prescribing information (DailyMed SPL), Dosage and administration',
    url: dailymed('917d3e31-1c3d-4db6-a54e-268761b17af9'),
    urlKind: 'document',
  },
  carbocaine: {
    id: 'pfizer-carbocaine',
    citation: 'Carbocaine (mepivacaine HCl) injection, Pfizer: US prescribing information, Dosage and administration',
    url: 'https://www.pfizermedicalinformation.com/carbocaine/dosage-admin',
    urlKind: 'document',
  },
  rosenberg2004: {
    id: 'rosenberg-2004',
    citation: 'Rosenberg PH, Veering BT, Urmey WF. Maximum recommended doses of local anesthetics: a multifactorial concept. Reg Anesth Pain Med 2004;29:564–575 (PMID 15635516)',
    url: 'https://doi.org/10.1016/j.rapm.2004.08.003',
    urlKind: 'document',
  },
} as const satisfies Record<string, DoseSource>;
