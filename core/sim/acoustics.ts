/**
 * Acoustic properties the simulated B-mode image is made from, per tissue class, with their sources.
 * Physical values (attenuation, impedance) come from cited tables; what makes the image legible as
 * ultrasound but has no single source (mean echogenicity, scatterer density, display scale) is a
 * labelled BlockPlan default. The simulator is a teaching aid, not an acoustic model of a patient.
 *
 * Units: attenuation in dB per cm per MHz (one way; the echo travels both ways), impedance in MRayl
 * (10⁶ kg m⁻² s⁻¹), echogenicity in dB relative to a tissue of unit backscatter, lengths in mm.
 */
import type { AtlasCategory } from '../anatomy/atlas-manifest';

/** Tissue classes of the simulator: the atlas categories, the unlabelled background and aerated lung. */
export type TissueClass = AtlasCategory | 'background' | 'air' | 'cartilage';

/** Sources of the physical values below. */
export const ACOUSTIC_SOURCES = {
  attenuation:
    'Diagnostics 2023;13(5):855, doi:10.3390/diagnostics13050855, Table 4 “Attenuation coefficients of various media or tissues” (dB/cm at 1 MHz; taken as proportional to frequency)',
  impedance: 'Acoustic impedance table (Table 4.1, chapter “Acoustic impedance”, Elsevier, ISBN 978-0-7020-3041-3): air 0.0004, fat 1.38, water 1.48, blood 1.61, kidney 1.62, liver 1.65, muscle 1.70, soft tissue 1.63, bone 7.80 MRayl',
  probeFrequency: '/work/shared/reference/blocks.md header: linear ≈ 6–15 MHz, curvilinear ≈ 2–5 MHz [general, approximate]',
} as const;

export interface TissueAcoustics {
  /** Mean echo of the diffuse scatterers, dB relative to a unit-backscatter tissue (BlockPlan default). */
  echoDb: number;
  /** Scatterer density, 0 = sparse (spotty, K-distributed texture) … 1 = dense (fully developed speckle). BlockPlan default. */
  density: number;
  /** Attenuation, dB/cm/MHz (one way). */
  attenDbPerCmMHz: number;
  /** Characteristic impedance of the tissue, MRayl; the specular echo of its surface follows from it. */
  impedanceMRayl: number;
  /** Where each number comes from. */
  label: string;
}

/**
 * Per tissue class. Unlabelled tissue between structures (subcutaneous and connective tissue) is
 * taken as fat. Structures whose class has no entry in the cited tables borrow the nearest one,
 * said in `label`.
 */
export const TISSUE_ACOUSTICS: Record<TissueClass, TissueAcoustics> = {
  background: { echoDb: -6, density: 0.4, attenDbPerCmMHz: 0.8, impedanceMRayl: 1.38, label: 'tissue between the modelled structures (fat, fascia and the muscles the atlas lacks): 0.8 dB/cm/MHz, the mean of adipose (0.63) and muscle (0.96); fat 1.38 MRayl; echo and texture: BlockPlan default' },
  skin: { echoDb: 3, density: 0.9, attenDbPerCmMHz: 0.35, impedanceMRayl: 1.63, label: 'skin 0.35 dB/cm/MHz; soft-tissue average 1.63 MRayl (no skin value in the table); echo: BlockPlan default (bright dermis)' },
  muscle: { echoDb: -11, density: 0.25, attenDbPerCmMHz: 0.96, impedanceMRayl: 1.7, label: 'skeletal muscle, fibres across the beam, 0.96 dB/cm/MHz; muscle 1.70 MRayl; echo: BlockPlan default (hypoechoic with bright perimysial specks)' },
  organ: { echoDb: -2, density: 1, attenDbPerCmMHz: 0.5, impedanceMRayl: 1.65, label: 'liver 0.50 dB/cm/MHz and 1.65 MRayl (kidney: see ORGAN_OVERRIDES); echo: BlockPlan default (fine homogeneous parenchyma)' },
  vessel: { echoDb: -40, density: 1, attenDbPerCmMHz: 0.15, impedanceMRayl: 1.61, label: 'blood 0.15 dB/cm/MHz (posterior enhancement follows) and 1.61 MRayl; anechoic lumen' },
  nerve: { echoDb: -3, density: 0.45, attenDbPerCmMHz: 1.57, impedanceMRayl: 1.63, label: 'connective tissue 1.57 dB/cm/MHz (no nerve value in the table); soft-tissue average 1.63 MRayl; echo: BlockPlan default (fascicular)' },
  ganglion: { echoDb: -6, density: 0.4, attenDbPerCmMHz: 0.8, impedanceMRayl: 1.38, label: 'a ganglion or plexus region lies in fat and is not seen on ultrasound (blocks.md §1.3): as the surrounding tissue, no surface echo' },
  space: { echoDb: -8, density: 0.3, attenDbPerCmMHz: 0.63, impedanceMRayl: 1.38, label: 'fat-filled space: adipose 0.63 dB/cm/MHz, fat 1.38 MRayl; echo: BlockPlan default (hypoechoic)' },
  pleura: { echoDb: -3, density: 0.9, attenDbPerCmMHz: 1.57, impedanceMRayl: 1.63, label: 'pleural membrane: connective tissue 1.57 dB/cm/MHz; soft-tissue average 1.63 MRayl' },
  bone: { echoDb: -30, density: 1, attenDbPerCmMHz: 15, impedanceMRayl: 7.8, label: 'bone 15.0 dB/cm/MHz and 7.80 MRayl: the cortex reflects, little passes' },
  cartilage: { echoDb: -14, density: 0.6, attenDbPerCmMHz: 1.57, impedanceMRayl: 1.63, label: 'joint fibrocartilage: connective tissue 1.57 dB/cm/MHz, soft-tissue average 1.63 MRayl; echo: BlockPlan default (a hypoechoic cleft between the bones)' },
  air: { echoDb: -30, density: 1, attenDbPerCmMHz: 40, impedanceMRayl: 0.0004, label: 'aerated lung 40.0 dB/cm/MHz; air 0.0004 MRayl: total reflection at the pleura' },
};

/** Structure-specific values where the cited table has them (by atlas id prefix). */
export const ORGAN_OVERRIDES: { prefix: string; attenDbPerCmMHz: number; impedanceMRayl: number; label: string }[] = [
  { prefix: 'kidney', attenDbPerCmMHz: 1.0, impedanceMRayl: 1.62, label: 'kidney 1.00 dB/cm/MHz, 1.62 MRayl' },
];

/** Impedance of the tissue a surface echo is measured against (unlabelled tissue = fat), MRayl. */
export const SURROUNDING_IMPEDANCE_MRAYL = TISSUE_ACOUSTICS.background.impedanceMRayl;

/** Impedance of a steel needle, MRayl (stainless steel ≈ 45 MRayl; BlockPlan default, any value ≫ tissue gives r ≈ 0.94). */
export const NEEDLE_IMPEDANCE_MRAYL = 45;

/** Amplitude reflection coefficient of a flat interface at normal incidence: |Z₂ − Z₁| / (Z₂ + Z₁). */
export function reflectionAmplitude(z1MRayl: number, z2MRayl: number): number {
  return Math.abs(z2MRayl - z1MRayl) / (z2MRayl + z1MRayl);
}

/**
 * Display and scanner settings of the simulator (BlockPlan defaults; a real scanner's presets vary).
 * - `specularGain`: amplitude of a perfect reflector relative to unit-backscatter speckle (a bone
 *   cortex at normal incidence, r ≈ 0.70, shows ≈ 26 dB above soft tissue, as on clinical images).
 * - `specularExponent`: a smooth surface echoes back only near normal incidence; amplitude ∝ cosⁿ of
 *   the angle between the beam and the surface normal (n = 6: half amplitude at ≈ 26°).
 * - `roughness`: the part of a surface's echo that does not depend on the angle (rough cortex, fascia);
 *   small, because a surface echo comparable to the speckle already draws a visible line.
 * - `specularTexture`: how much the speckle modulates a surface echo along its line (dB per dB).
 * - `dynamicRangeDb`, `whiteDb`: log compression; `noiseFloorDb`: electronic noise.
 * - `residualDepthLossDbPerCm`: what the automatic TGC leaves (a slight darkening with depth).
 */
export const SCANNER_DEFAULTS = {
  specularGain: 30,
  specularExponent: 6,
  roughness: 0.04,
  specularTexture: 0.6,
  dynamicRangeDb: 60,
  whiteDb: 28,
  noiseFloorDb: -34,
  residualDepthLossDbPerCm: 0.4,
  /**
   * Effective share of α·f₀ a broadband echo loses: its centre frequency falls with depth as the high
   * frequencies are absorbed first (BlockPlan default, so a 3 cm muscle beside fat darkens the tissue
   * behind it by a few dB, not by the 15 dB the 10 MHz tables alone would give).
   */
  attenuationScale: 0.5,
  /** Smooth tissue heterogeneity (slow echo variation), dB standard deviation. */
  heterogeneityDb: 2,
  /** A-lines: reverberations of the pleural line at 2× and 3× its depth, dB below it. */
  aLineDb: [-16, -26],
  /** Haze below the pleural line (reverberation in the aerated lung), dB below the line, and its decay length, mm. */
  lungHazeDb: -22,
  lungHazeDecayMm: 18,
  /** Needle: reverberation copies below the shaft (comet tail), spacing mm and dB per copy. */
  needleReverbSpacingMm: 0.7,
  needleReverbDb: -9,
  needleOuterDiameterMm: 0.72,
  /** Extra attenuation behind the needle shaft, dB (its acoustic shadow). */
  needleShadowDb: 3,
} as const;

/** Centre frequency and resolution of the simulated probes (blocks.md ranges; the values are BlockPlan defaults). */
export const PROBE_ACOUSTICS = {
  linear: { frequencyMHz: 10, axialResolutionMm: 0.25, lateralResolutionMm: 0.5, label: 'linear 10 MHz (blocks.md: ≈ 6–15 MHz); resolution ≈ 1.6 λ axial (3-cycle pulse), ≈ 3 λ lateral (f-number ≈ 3)' },
  curvilinear: { frequencyMHz: 3.5, axialResolutionMm: 0.7, lateralResolutionMm: 1.4, label: 'curvilinear 3.5 MHz (blocks.md: ≈ 2–5 MHz); resolution ≈ 1.6 λ axial, ≈ 3 λ lateral' },
} as const;

/**
 * The simulator's tissue class of an atlas structure: lungs are aerated; joints the atlas files
 * under bone (the sacrococcygeal junction) are fibrocartilage, which a needle passes; unknown
 * categories are background.
 */
export function tissueClassOf(id: string, category: AtlasCategory | null): TissueClass {
  if (/^lung/.test(id)) return 'air';
  if (/junction$|-joint$/.test(id)) return 'cartilage';
  return category ?? 'background';
}
