import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { debounce, restoreBounds, WINDOW_LIMITS } from '../../../electron/main/window-bounds.ts'
import type { Rect } from '../../../electron/main/window-bounds.ts'

const PRIMARY: Rect = { x: 0, y: 0, width: 1920, height: 1040 }
const RIGHT: Rect = { x: 1920, y: 0, width: 1280, height: 984 }
const LAPTOP: Rect = { x: 0, y: 0, width: 1366, height: 728 }

function inside(rect: Rect, area: Rect): boolean {
  return (
    rect.x >= area.x &&
    rect.y >= area.y &&
    rect.x + rect.width <= area.x + area.width &&
    rect.y + rect.height <= area.y + area.height
  )
}

describe('restoreBounds', () => {
  test('keeps a saved position that is fully visible', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1000, height: 700 }, [PRIMARY], PRIMARY)).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700
    })
  })

  test('centres the default size on the primary display when nothing was saved', () => {
    const b = restoreBounds(undefined, [PRIMARY], PRIMARY)
    expect(b.width).toBe(WINDOW_LIMITS.defaultWidth)
    expect(b.height).toBe(WINDOW_LIMITS.defaultHeight)
    expect(b.x).toBe((PRIMARY.width - b.width) / 2)
    expect(b.y).toBe((PRIMARY.height - b.height) / 2)
  })

  test('centres a saved size without a position', () => {
    const b = restoreBounds({ width: 800, height: 600 }, [PRIMARY], PRIMARY)
    expect(b).toEqual({ x: 560, y: 220, width: 800, height: 600 })
  })

  test('moves a window from an unplugged monitor back to the primary display', () => {
    const b = restoreBounds({ x: 2200, y: 100, width: 1000, height: 700 }, [LAPTOP], LAPTOP)
    expect(inside(b, LAPTOP)).toBe(true)
    expect(b.width).toBe(1000)
  })

  test('keeps a window on a secondary display', () => {
    const b = restoreBounds({ x: 2000, y: 40, width: 1000, height: 700 }, [PRIMARY, RIGHT], PRIMARY)
    expect(b).toEqual({ x: 2000, y: 40, width: 1000, height: 700 })
  })

  test('pulls a window hanging off the bottom-right edge back inside', () => {
    const b = restoreBounds({ x: 1500, y: 900, width: 1000, height: 700 }, [PRIMARY], PRIMARY)
    expect(inside(b, PRIMARY)).toBe(true)
    expect(b.width).toBe(1000)
  })

  test('re-centres a window whose title bar is above the screen', () => {
    const b = restoreBounds({ x: 100, y: -600, width: 1000, height: 700 }, [PRIMARY], PRIMARY)
    expect(inside(b, PRIMARY)).toBe(true)
  })

  test('shrinks a window larger than its display', () => {
    const b = restoreBounds({ x: 0, y: 0, width: 4000, height: 3000 }, [LAPTOP], LAPTOP)
    expect(b).toEqual({ x: 0, y: 0, width: LAPTOP.width, height: LAPTOP.height })
  })

  test('enforces the minimum size', () => {
    const b = restoreBounds({ x: 10, y: 10, width: 5, height: 5 }, [PRIMARY], PRIMARY)
    expect(b.width).toBe(WINDOW_LIMITS.minWidth)
    expect(b.height).toBe(WINDOW_LIMITS.minHeight)
  })

  test('treats garbage as nothing saved', () => {
    const b = restoreBounds({ x: Number.NaN, y: Infinity, width: -1 as number }, [PRIMARY], PRIMARY)
    expect(inside(b, PRIMARY)).toBe(true)
  })

  test('always lands fully on some display', () => {
    const areas = [PRIMARY, RIGHT]
    for (let x = -3000; x <= 4000; x += 350) {
      for (let y = -1500; y <= 2000; y += 250) {
        const b = restoreBounds({ x, y, width: 1100, height: 800 }, areas, PRIMARY)
        expect(areas.some((a) => inside(b, a))).toBe(true)
      }
    }
  })
})

describe('debounce', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  test('runs once after a burst', () => {
    const fn = vi.fn()
    const d = debounce(fn, 500)
    for (let i = 0; i < 10; i++) d()
    vi.advanceTimersByTime(499)
    expect(fn).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(fn).toHaveBeenCalledTimes(1)
  })

  test('flush runs a pending call at once and only once', () => {
    const fn = vi.fn()
    const d = debounce(fn, 500)
    d()
    d.flush()
    expect(fn).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1000)
    expect(fn).toHaveBeenCalledTimes(1)
    d.flush()
    expect(fn).toHaveBeenCalledTimes(1)
  })

  test('cancel drops a pending call', () => {
    const fn = vi.fn()
    const d = debounce(fn, 500)
    d()
    d.cancel()
    vi.advanceTimersByTime(1000)
    expect(fn).not.toHaveBeenCalled()
  })
})
