/**
 * Body weight for dosing: ideal body weight (Devine 1974), BMI, and the weight the mg/kg maxima (and
 * the lipid-emulsion volumes, last.ts) are applied to. Pure; kg, cm and kg/m² throughout.
 */

export type Sex = 'male' | 'female' | 'other' | 'unknown';

/** Citation for the ideal-body-weight formula. */
export const DEVINE_1974 = 'Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650–655';
/** The formula in words, shown beside every ideal weight. */
export const DEVINE_FORMULA = `Devine 1974: men 50 kg + 2.3 kg per inch over 5 ft; women 45.5 kg + 2.3 kg per inch over 5 ft (${DEVINE_1974})`;
/** Centimetres per inch (exact, by definition). */
const CM_PER_INCH = 2.54;
/** Five feet in inches. */
const FIVE_FEET_IN = 60;
/** WHO: a BMI of 30 kg/m² or more is obesity. */
export const OBESITY_BMI_KG_M2 = 30;

/**
 * Ideal body weight, kg, by Devine (1974): men 50 kg + 2.3 kg per inch over 5 ft; women 45.5 kg +
 * 2.3 kg per inch over 5 ft. Returns null when sex is not male/female (the formula has no other form)
 * or the height is not usable. Below 5 ft the formula extrapolates (it is not validated there): the
 * caller gets `belowFiveFeet` to warn.
 */
export function idealBodyWeightKg(heightCm: number | undefined, sex: Sex | undefined): { kg: number; belowFiveFeet: boolean } | null {
  if (heightCm === undefined || !Number.isFinite(heightCm) || heightCm <= 0) return null;
  if (sex !== 'male' && sex !== 'female') return null;
  const inchesOver5ft = heightCm / CM_PER_INCH - FIVE_FEET_IN;
  const base = sex === 'male' ? 50 : 45.5;
  const kg = base + 2.3 * inchesOver5ft;
  if (kg <= 0) return null;
  return { kg, belowFiveFeet: inchesOver5ft < 0 };
}

/** Body-mass index, kg/m², or undefined without a usable weight and height. */
export function bmiKgM2(weightKg: number | undefined, heightCm: number | undefined): number | undefined {
  if (weightKg === undefined || heightCm === undefined || !(weightKg > 0) || !(heightCm > 0)) return undefined;
  return weightKg / (heightCm / 100) ** 2;
}

/**
 * The lean/ideal weight for a patient, kg: the lower of the actual and the ideal body weight (the
 * ideal weight of a patient lighter than it is not a weight they have), or the actual weight when the
 * ideal one is unknown (`basis` says which).
 */
export function leanOrIdealWeightKg(actualKg: number | undefined, heightCm: number | undefined, sex: Sex | undefined): { kg: number; basis: 'ideal' | 'actual'; idealKg?: number } | null {
  const ibw = idealBodyWeightKg(heightCm, sex);
  const actual = actualKg !== undefined && actualKg > 0 ? actualKg : undefined;
  if (ibw && (actual === undefined || ibw.kg <= actual)) return { kg: ibw.kg, basis: 'ideal', idealKg: ibw.kg };
  if (actual !== undefined) return { kg: actual, basis: 'actual', idealKg: ibw?.kg };
  return null;
}
