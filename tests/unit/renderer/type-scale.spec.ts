import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { SCALE_STEPS, SCALE_WEIGHTS } from '../../../renderer/lib/type-scale.ts'

const RENDERER = join(import.meta.dirname, '../../../renderer')

/** Every .svelte and .css file under the renderer, with its text. */
function styleSources(dir: string = RENDERER): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return styleSources(path)
    return /\.(svelte|css)$/.test(entry.name) ? [{ path, text: readFileSync(path, 'utf8') }] : []
  })
}

describe('type scale', () => {
  test('the steps warmed in idle time are the ones app.css declares, in order', () => {
    const css = readFileSync(join(RENDERER, 'styles/app.css'), 'utf8')
    const declared = [...css.matchAll(/^\s*(--fs-[\w-]+):/gm)].map((m) => m[1])
    expect(declared).toEqual(SCALE_STEPS)
  })

  test('no font size in rem or px outside the scale (each new size is another font for Chromium)', () => {
    const outside = styleSources().flatMap(({ path, text }) =>
      [...text.matchAll(/font-size:\s*([^;}]+)/g)]
        .map((m) => m[1].trim())
        .filter((value) => /\d(rem|px)\b/.test(value) && !path.endsWith('app.css'))
        .map((value) => `${path.slice(RENDERER.length + 1)}: ${value}`)
    )
    expect(outside).toEqual([])
  })

  test('the weights in use are the ones warmed, and 500', () => {
    const weights = new Set(
      styleSources().flatMap(({ text }) => [...text.matchAll(/font-weight:\s*(\d+)/g)].map((m) => Number(m[1])))
    )
    expect([...weights].filter((w) => !SCALE_WEIGHTS.includes(w) && w !== 500)).toEqual([])
  })
})
