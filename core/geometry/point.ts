/**
 * The 2D point every image-space computation shares. It lives here, in a file that imports nothing,
 * so core/dicom (regions, calibration) and core/geometry (shapes, measurements) both take it from one
 * place without either package owning the other's vocabulary.
 */

/** A point in image pixel coordinates (column x, row y; origin at the top-left pixel's top-left corner), px. */
export interface Point2 {
  x: number;
  y: number;
}
