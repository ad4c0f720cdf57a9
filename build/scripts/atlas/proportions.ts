/**
 * Proportions of the BlockPlan schematic atlas, with a source beside every number.
 *
 * Units: millimetres (mm) and degrees (deg). Frame: LPS (+X patient left, +Y posterior,
 * +Z superior); x = 0 is the midsagittal plane, y = 0 the antero-posterior centre of the
 * vertebral bodies, z = 0 the centre of the sacrococcygeal junction.
 *
 * `estimate: true` marks numbers that are our own estimates (schematic choices, interpolations or
 * values chosen to be consistent with a cited statement) rather than a measured mean from a source.
 * The atlas is schematic: an adult of average build, a straight (non-lordotic, non-kyphotic) spine
 * above the sacrum, symmetric except where noted. It is a teaching and planning aid, not a patient.
 */

export interface Sourced<T = number> {
  value: T;
  unit: 'mm' | 'deg' | 'count';
  source: string;
  estimate?: boolean;
  note?: string;
}

const S = {
  panjabi91: 'Panjabi MM et al. Thoracic human vertebrae: quantitative three-dimensional anatomy. Spine 1991;16(8):888–901 (PMID 1948374)',
  egwu19: 'Egwu OA et al. Typical thoracic vertebrae morphometry: a cadaveric study. J Anat Soc India 2019;68(2):110–118 (T2–T9 posterior body height 17.6 mm at T2 to 20.5 mm at T9; lamina thickness 6.6–7.3 mm)',
  ijapb15: 'A morphometric study of the vertebral body in dry human typical thoracic vertebrae. Int J Anat Physiol Biochem 2015;1(1) (typical thoracic: AP depth 20.78 ± 3.36 mm, transverse diameter 27.02 ± 2.06 mm)',
  jones23: 'Jones A et al. Empirical guide to a safe thoracic paravertebral block based on dimensions of paravertebral space. Reg Anesth Pain Med 2024;49(2):133–138 (TP thickness 0.9–1.1 cm; midline-to-TP-tip mean − 2 SD ≈ 1.8–2.7 cm)',
  ctPvs: 'Computerized tomographic anatomic relationships of the thoracic paravertebral space (42 CT scans, T4): TP-tip-to-pleura depth 12 ± 2.7 mm; J Cardiothorac Vasc Anesth (see https://discovery.researcher.life/article/…/483cceb2d1533fed903abbd3d6c4644e)',
  blocksTpvb: '/work/shared/reference/blocks.md §1.1 (S6): landmark-series median skin-to-paravertebral-space depth ~55 mm; deeper at T1–3 and T9–12; the space is ~1–2 cm beyond the TP',
  blocksCeliac: '/work/shared/reference/blocks.md §1.2 (S7): plexus in front of and beside the aorta at T12–L2 around the celiac trunk origin; target at or just cephalad to the origin',
  blocksImpar: '/work/shared/reference/blocks.md §1.3 (S8): ganglion in front of the sacrococcygeal junction; tip a few mm beyond its front [?]',
  rusu21: 'Rusu MC et al. Aortic origins of the celiac trunk and superior mesenteric artery. Diagnostics 2021;11(6):1111 (CT origin upper T12 to lower L1; CT–SMA distance 1.82 ± 0.66 cm in males)',
  nepjol: 'Anatomical variations of the celiac trunk and SMA: a CT study. Nepal Med J (nmmj v6i2.89105): CT most often at T12–L1, SMA at upper/mid L1; aorta–SMA angle 52.7° ± 20.7°',
  aortaCt: 'Positional relationships among the celiac trunk, SMA and renal artery. Surg Radiol Anat 2013;35(5):411–417 (PMID 23262554): transverse aortic diameter at the left renal artery 20.1 ± 2.9 mm',
  aortaNormal: 'Normal infrarenal abdominal aorta up to 2.0 cm (aneurysm ≥ 3.0 cm), e.g. ESVS 2019 AAA guideline (Wanhainen A et al., Eur J Vasc Endovasc Surg 2019;57:8–93)',
  celiacDiam: 'Celiac trunk mean length 1.9 cm and diameter 0.78 cm (anatomical series quoted in secondary sources; value not re-checked against the primary paper)',
  ivc: 'Normal IVC diameter < 2.1 cm (ASE chamber quantification, Lang RM et al. J Am Soc Echocardiogr 2015); AP diameter 16.3 ± 2.9 mm at the renal veins (Indian adults, secondary source)',
  kidney: 'Normal adult kidney length 9–12 cm (Current Medical Diagnosis & Treatment 2020, Imaging studies of the kidney); width 4–6 cm, thickness 3–5 cm (ultrasound references)',
  coccyx: 'Woon JTK et al. CT morphology and morphometry of the normal adult coccyx. Eur Spine J 2013;22(4):863–870 (curved length 4.4 ± 0.8 cm in men; first-to-last segment angle 138° ± 25°)',
  legaye: 'Legaye J et al. Pelvic incidence: a fundamental pelvic parameter for three-dimensional regulation of spinal sagittal curves. Eur Spine J 1998;7:99–103 (sacral slope ≈ 41°)',
  bp3d: 'Cross-checked against the bounding boxes of BodyParts3D meshes in /work/shared/fixtures/anatomy (ranges only; no data copied)',
  est: 'Estimate for a schematic adult (no single source); see the note',
} as const;

export const SOURCES = S;

/** Vertebral levels of the atlas, top to bottom. */
export const THORACIC = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12'] as const;
export const LUMBAR = ['L1', 'L2', 'L3', 'L4', 'L5'] as const;
export type Level = (typeof THORACIC)[number] | (typeof LUMBAR)[number];

/** Vertebral body height (posterior), mm. T2 and T9 from Egwu 2019; T3–T8 interpolated; T1, T10–T12 and lumbar estimated. */
export const bodyHeightMm: Sourced<Record<Level, number>> = {
  value: { T1: 16, T2: 17.6, T3: 17.9, T4: 18.2, T5: 18.6, T6: 19.0, T7: 19.4, T8: 19.8, T9: 20.5, T10: 21.5, T11: 22.5, T12: 23.5, L1: 25, L2: 26, L3: 27, L4: 27, L5: 26 },
  unit: 'mm',
  source: `${S.egwu19}; ${S.panjabi91}`,
  estimate: true,
  note: 'T2 and T9 are the measured means; T3–T8 linear interpolation; T1, T10–T12 and L1–L5 estimated toward the larger lumbar bodies.',
};

/** Vertebral body width (transverse), mm, shaped around the 27.0 mm mean of T2–T9. */
export const bodyWidthMm: Sourced<Record<Level, number>> = {
  value: { T1: 27, T2: 25, T3: 25, T4: 26, T5: 27, T6: 28, T7: 29, T8: 30, T9: 31, T10: 33, T11: 36, T12: 40, L1: 42, L2: 44, L3: 46, L4: 48, L5: 50 },
  unit: 'mm',
  source: `${S.ijapb15}; ${S.panjabi91}`,
  estimate: true,
  note: 'Mean of T2–T9 = 27.4 mm against the cited 27.0 mm; per-level gradient and lumbar values estimated.',
};

/** Vertebral body depth (antero-posterior), mm, shaped around the 20.8 mm mean of typical thoracic bodies. */
export const bodyDepthMm: Sourced<Record<Level, number>> = {
  value: { T1: 16, T2: 17, T3: 18, T4: 19, T5: 20, T6: 21, T7: 22, T8: 23, T9: 24, T10: 25, T11: 27, T12: 29, L1: 31, L2: 32, L3: 33, L4: 34, L5: 34 },
  unit: 'mm',
  source: `${S.ijapb15}; ${S.panjabi91}`,
  estimate: true,
  note: 'Mean of T2–T9 = 20.5 mm against the cited 20.8 mm; gradient and lumbar values estimated.',
};

/** Intervertebral disc height below each level, mm (L5 = the L5/S1 gap at its posterior edge). */
export const discBelowMm: Sourced<Record<Level, number>> = {
  value: { T1: 5, T2: 5, T3: 5, T4: 5, T5: 5, T6: 5.5, T7: 5.5, T8: 6, T9: 6, T10: 7, T11: 7, T12: 8, L1: 9, L2: 10, L3: 11, L4: 11, L5: 16 },
  unit: 'mm',
  source: S.est,
  estimate: true,
  note: 'Thoracic discs thinner than lumbar; the L5/S1 value is the gap at the S1 endplate centre, wedge-shaped because S1 is tilted by the sacral slope.',
};

/** Midline to transverse-process tip, mm. */
export const tpTipLateralMm: Sourced<Record<Level, number>> = {
  value: { T1: 38, T2: 37, T3: 37, T4: 36, T5: 36, T6: 36, T7: 36, T8: 36, T9: 34, T10: 32, T11: 28, T12: 24, L1: 38, L2: 42, L3: 45, L4: 42, L5: 40 },
  unit: 'mm',
  source: `${S.jones23}; ${S.bp3d}`,
  estimate: true,
  note: 'Chosen above the cited mean − 2 SD (18–27 mm) and within the ±33–38 mm half-widths of BodyParts3D thoracic vertebrae; L3 TPs longest.',
};

/** Transverse-process thickness (antero-posterior), mm. */
export const tpThicknessMm: Sourced = { value: 10, unit: 'mm', source: S.jones23, note: 'Cited 0.9 ± 0.1 cm (women) and 1.1 ± 0.2 cm (men).' };

/** Thoracic transverse-process height (cranio-caudal), mm. */
export const tpHeightMm: Sourced = { value: 10, unit: 'mm', source: S.est, estimate: true, note: 'Leaves an intertransverse gap of about 13 mm at mid-thoracic levels.' };

/** Lamina thickness, mm. */
export const laminaThicknessMm: Sourced = { value: 7, unit: 'mm', source: S.egwu19, note: 'Cited range of means 6.6–7.3 mm.' };

/** Pedicle length (body to lamina), spinal canal depth and width, mm. */
export const pedicleLengthMm: Sourced = { value: 10, unit: 'mm', source: S.est, estimate: true };
export const canalDepthMm: Sourced = { value: 15, unit: 'mm', source: S.est, estimate: true, note: 'Thoracic; lumbar uses +2 mm.' };

/** Depth of the TP tip's anterior surface to the parietal pleura, mm. */
export const tpToPleuraMm: Sourced = { value: 12, unit: 'mm', source: S.ctPvs };

/** Skin-to-paravertebral-space depth (the space lies 1–2 cm beyond the TP), mm. */
export const skinToPvsMm: Sourced = { value: 55, unit: 'mm', source: S.blocksTpvb };

/**
 * Skin to the posterior surface of the TP tip, mm, per thoracic level: 55 mm minus ~15 mm (the
 * space is 1–2 cm beyond the TP) at mid-thoracic levels, deeper at T1–3 and T9–12 as the source says.
 */
export const skinToTpMm: Sourced<Record<(typeof THORACIC)[number], number>> = {
  value: { T1: 46, T2: 44, T3: 42, T4: 40, T5: 40, T6: 40, T7: 40, T8: 40, T9: 42, T10: 44, T11: 46, T12: 48 },
  unit: 'mm',
  source: S.blocksTpvb,
  estimate: true,
  note: 'Derived: 55 − 15 = 40 mm mid-thoracic; the extra depth at the ends is our estimate of "deeper".',
};

/** Aortic radius (half the diameter), mm, along the descending aorta. */
export const aortaRadiusMm: Sourced<{ thoracic: number; celiac: number; infrarenal: number }> = {
  value: { thoracic: 12.5, celiac: 11, infrarenal: 10 },
  unit: 'mm',
  source: `${S.aortaCt}; ${S.aortaNormal}`,
  estimate: true,
  note: 'Infrarenal 20 mm (upper normal), 22 mm at the celiac level (cited 20.1 mm at the renal arteries plus proximal taper), 25 mm thoracic (estimate).',
};

/** Celiac trunk: length from the aortic wall and radius, mm. */
export const celiacTrunk: Sourced<{ lengthMm: number; radiusMm: number }> = { value: { lengthMm: 19, radiusMm: 3.9 }, unit: 'mm', source: S.celiacDiam };

/** Vertical distance from the celiac trunk origin down to the SMA origin, mm; SMA take-off angle, deg. */
export const celiacToSmaMm: Sourced = { value: 18, unit: 'mm', source: S.rusu21 };
export const aortaSmaAngleDeg: Sourced = { value: 52, unit: 'deg', source: S.nepjol };
export const smaRadiusMm: Sourced = { value: 3.5, unit: 'mm', source: S.est, estimate: true };

/** Celiac trunk origin level. */
export const celiacLevel: Sourced<string> = { value: 'T12/L1 disc', unit: 'count', source: `${S.nepjol}; ${S.rusu21}; ${S.blocksCeliac}` };

/** IVC cross-section half-axes (transverse, AP), mm. */
export const ivcHalfAxesMm: Sourced<[number, number]> = { value: [11, 8], unit: 'mm', source: S.ivc, estimate: true, note: '22 × 16 mm: AP from the cited 16.3 mm, transverse estimated.' };

/** Kidney length, width, thickness, mm; the right kidney lies lower. */
export const kidneySizeMm: Sourced<[number, number, number]> = { value: [110, 54, 34], unit: 'mm', source: S.kidney, note: 'Within the cited normal ranges.' };
export const rightKidneyLowerMm: Sourced = { value: 15, unit: 'mm', source: S.est, estimate: true, note: 'The right kidney usually lies lower (liver); 1–2 cm is the usual textbook statement.' };

/** Sacrum: slope of the S1 endplate, chord length S1-top to apex, total curvature; coccyx length and curvature. */
export const sacralSlopeDeg: Sourced = { value: 41, unit: 'deg', source: S.legaye };
export const sacrumLengthMm: Sourced = { value: 100, unit: 'mm', source: S.est, estimate: true, note: 'Curved anterior length of an adult sacrum, about 10 cm.' };
export const sacralCurvatureDeg: Sourced = { value: 40, unit: 'deg', source: S.est, estimate: true, note: 'Total change of direction along the sacrum (concave forward).' };
export const coccyxLengthMm: Sourced = { value: 44, unit: 'mm', source: S.coccyx };
export const coccyxCurvatureDeg: Sourced = { value: 42, unit: 'deg', source: S.coccyx, note: '180° − 138° between the first and last segments.' };
export const scjThicknessMm: Sourced = { value: 4, unit: 'mm', source: S.est, estimate: true, note: 'Height of the sacrococcygeal joint space (disc) along the bone axis.' };
export const skinToScjMm: Sourced = { value: 15, unit: 'mm', source: `${S.blocksImpar}; ${S.est}`, estimate: true, note: 'blocks.md says only "shallow".' };
export const ganglionImparOffsetMm: Sourced = { value: 3, unit: 'mm', source: S.blocksImpar, estimate: true, note: '"a few mm" in front of the SCJ; [?] in the source.' };
export const retrorectalGapMm: Sourced = { value: 12, unit: 'mm', source: S.est, estimate: true, note: 'Presacral space between the SCJ front and the rectal wall.' };

/**
 * Rib drop: how far the anterior end of each rib lies below its head, mm (ribs slope downward
 * anteriorly), and the anterior end's distance from the midline.
 */
export const ribDropMm: Sourced<number[]> = {
  value: [40, 65, 85, 100, 110, 120, 125, 130, 135, 135, 90, 50],
  unit: 'mm',
  source: `${S.bp3d}; ${S.est}`,
  estimate: true,
  note: 'BodyParts3D rib bounding boxes span ~58 mm (rib 1) to ~150 mm (rib 10) vertically including the rib thickness.',
};

/** Inner half-width of the thorax (pleura) at each thoracic level, mm. */
export const thoraxHalfWidthMm: Sourced<number[]> = {
  value: [60, 80, 96, 108, 116, 122, 126, 128, 128, 126, 122, 116],
  unit: 'mm',
  source: `${S.bp3d}; ${S.est}`,
  estimate: true,
  note: 'BodyParts3D 6th ribs reach x = ±133–135 mm (outer surface).',
};

/** Antero-posterior position (y) of the inner anterior chest wall at each thoracic level, mm. */
export const thoraxAnteriorYmm: Sourced<number[]> = {
  value: [-45, -70, -95, -112, -125, -135, -140, -140, -135, -128, -120, -112],
  unit: 'mm',
  source: `${S.bp3d}; ${S.est}`,
  estimate: true,
  note: 'BodyParts3D 6th ribs span ~190 mm antero-posteriorly from the costovertebral joint.',
};

/** Trunk outline (skin) half-width and anterior skin y by level, mm. */
export const trunkHalfWidthMm: Sourced<Record<string, number>> = {
  value: { T1: 120, T3: 140, T5: 150, T8: 152, T10: 148, T12: 142, L2: 138, L4: 142, S1: 155, SCJ: 140 },
  unit: 'mm',
  source: S.est,
  estimate: true,
};
export const anteriorSkinYmm: Sourced<Record<string, number>> = {
  value: { T9: -150, T10: -139, T11: -128, T12: -119, L1: -115, L2: -117, L3: -122, L4: -128, L5: -126, S1: -124 },
  unit: 'mm',
  source: S.est,
  estimate: true,
  note: 'About 9 cm skin-to-aorta in the epigastrium of a lean adult; blocks.md gives no celiac depth [?].',
};
export const skinThicknessMm: Sourced = { value: 2, unit: 'mm', source: S.est, estimate: true, note: 'Epidermis + dermis of the back and abdomen, about 1–3 mm.' };
export const lumbarSkinToTpMm: Sourced = { value: 55, unit: 'mm', source: S.est, estimate: true };
