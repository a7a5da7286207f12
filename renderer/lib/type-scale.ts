/**
 * The type scale (app.css --fs-*), as App lays it out in idle time (warmSizes, warm-fonts.ts). A unit test keeps this list and
 * app.css the same.
 */

/** The type scale's steps: every size of the window's own text and the reader's. */
export const SCALE_STEPS: readonly string[] = [
  '--fs-2xs',
  '--fs-xs',
  '--fs-sm',
  '--fs-md',
  '--fs-base',
  '--fs-reader',
  '--fs-lg',
  '--fs-xl',
  '--fs-2xl',
  '--fs-3xl',
  '--fs-4xl'
]

/** The weights the CSS uses with them (400, 600 and 700; 500 in a few places only). */
export const SCALE_WEIGHTS: readonly number[] = [400, 600, 700]
