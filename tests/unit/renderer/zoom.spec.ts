import { describe, expect, test } from 'vitest'
import { clampZoom, formatZoom, ZOOM_MAX, ZOOM_MIN, zoomIn, zoomOut } from '../../../renderer/lib/zoom.ts'

describe('zoomIn / zoomOut', () => {
  test('step through the fixed steps around 100 %', () => {
    expect(zoomIn(1)).toBe(1.1)
    expect(zoomOut(1)).toBe(0.9)
    expect(zoomOut(zoomIn(1))).toBe(1)
  })
  test('go from a value between steps to the neighbouring step', () => {
    expect(zoomIn(1.05)).toBe(1.1)
    expect(zoomOut(1.05)).toBe(1)
  })
  test('stop at the contract limits', () => {
    expect(zoomIn(ZOOM_MAX)).toBe(ZOOM_MAX)
    expect(zoomOut(ZOOM_MIN)).toBe(ZOOM_MIN)
    expect([ZOOM_MIN, ZOOM_MAX]).toEqual([0.5, 3])
  })
})

describe('clampZoom', () => {
  test('keeps values inside 0.5 – 3 and repairs non-numbers', () => {
    expect(clampZoom(10)).toBe(3)
    expect(clampZoom(0)).toBe(0.5)
    expect(clampZoom(Number.NaN)).toBe(1)
  })
})

describe('formatZoom', () => {
  test('shows a whole percentage', () => {
    expect(formatZoom(1.1)).toBe('110%')
    expect(formatZoom(0.67)).toBe('67%')
  })
})
