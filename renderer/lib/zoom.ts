/** Reader zoom factors the keyboard steps through (the contract allows 0.5 – 3). */
export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const
export const ZOOM_DEFAULT = 1
export const ZOOM_MIN = ZOOM_STEPS[0]
export const ZOOM_MAX = ZOOM_STEPS[ZOOM_STEPS.length - 1]

/** The zoom clamped into the allowed range; a non-finite value becomes the default. */
export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return ZOOM_DEFAULT
  return Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, zoom))
}

/** The next larger step (a value between steps goes to the step above it). */
export function zoomIn(zoom: number): number {
  const current = clampZoom(zoom)
  return ZOOM_STEPS.find((step) => step > current + 1e-9) ?? ZOOM_MAX
}

/** The next smaller step. */
export function zoomOut(zoom: number): number {
  const current = clampZoom(zoom)
  return [...ZOOM_STEPS].reverse().find((step) => step < current - 1e-9) ?? ZOOM_MIN
}

/** `125%`. */
export function formatZoom(zoom: number): string {
  return `${Math.round(clampZoom(zoom) * 100)}%`
}
