/**
 * Restoring the main window where the user left it, but never off-screen (a monitor may have been unplugged
 * since). Pure: displays come in as plain rectangles.
 */

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** What the settings store remembers about the window. */
export interface SavedBounds {
  x?: number
  y?: number
  width?: number
  height?: number
}

export interface BoundsLimits {
  defaultWidth: number
  defaultHeight: number
  minWidth: number
  minHeight: number
}

export const WINDOW_LIMITS: BoundsLimits = {
  defaultWidth: 1280,
  defaultHeight: 860,
  minWidth: 720,
  minHeight: 480
}

/** How much of the window's top strip (where the title bar is) must be on a display to keep the position. */
const MIN_VISIBLE_WIDTH = 120
const MIN_VISIBLE_HEIGHT = 40

function finite(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n)
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), Math.max(lo, hi))
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))
  }
}

function sizeFor(saved: SavedBounds | undefined, area: Rect, limits: BoundsLimits): { width: number; height: number } {
  const width = finite(saved?.width) ? Math.round(saved.width) : limits.defaultWidth
  const height = finite(saved?.height) ? Math.round(saved.height) : limits.defaultHeight
  return {
    width: clamp(width, Math.min(limits.minWidth, area.width), area.width),
    height: clamp(height, Math.min(limits.minHeight, area.height), area.height)
  }
}

function centered(size: { width: number; height: number }, area: Rect): Rect {
  return {
    x: Math.round(area.x + (area.width - size.width) / 2),
    y: Math.round(area.y + (area.height - size.height) / 2),
    ...size
  }
}

/**
 * The bounds to open the window with.
 *
 * @param saved what was stored last time (may be partial, absent or garbage)
 * @param workAreas the work areas of all connected displays
 * @param primary the primary display's work area (fallback target)
 * @returns a rectangle lying entirely inside one display's work area; centred on the primary display when
 * the saved position is unknown or its title strip is not visible on any display
 */
export function restoreBounds(
  saved: SavedBounds | undefined,
  workAreas: readonly Rect[],
  primary: Rect,
  limits: BoundsLimits = WINDOW_LIMITS
): Rect {
  if (!saved || !finite(saved.x) || !finite(saved.y)) return centered(sizeFor(saved, primary, limits), primary)

  const wanted = sizeFor(saved, primary, limits)
  const titleStrip: Rect = { x: Math.round(saved.x), y: Math.round(saved.y), width: wanted.width, height: MIN_VISIBLE_HEIGHT }
  let best: Rect | undefined
  let bestArea = 0
  for (const area of workAreas) {
    const o = overlap(titleStrip, area)
    if (o.width >= Math.min(MIN_VISIBLE_WIDTH, wanted.width) && o.height >= MIN_VISIBLE_HEIGHT) {
      if (o.width * o.height > bestArea) {
        best = area
        bestArea = o.width * o.height
      }
    }
  }
  if (!best) return centered(wanted, primary)

  const size = sizeFor(saved, best, limits)
  return {
    x: clamp(Math.round(saved.x), best.x, best.x + best.width - size.width),
    y: clamp(Math.round(saved.y), best.y, best.y + best.height - size.height),
    ...size
  }
}

export interface Debounced {
  (): void
  /** Runs a pending call now (for example on close). */
  flush(): void
  cancel(): void
}

/** Collapses bursts of move/resize events into one save, `waitMs` after the last. */
export function debounce(fn: () => void, waitMs: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined
  const run = (): void => {
    timer = undefined
    fn()
  }
  const debounced = (() => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(run, waitMs)
  }) as Debounced
  debounced.flush = () => {
    if (timer === undefined) return
    clearTimeout(timer)
    run()
  }
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  return debounced
}
