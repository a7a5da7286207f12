/**
 * The first text laid out in a font face makes Chromium find and load that face: on Linux a synchronous wait
 * for the browser process, which copies the whole font file (19–27 MB for Noto CJK) into shared memory, 20–90 ms a
 * face in a fresh process (the app's every start). Inside a task that draws (the first render, opening a
 * briefing) that made the task a long one (issue 10, 13). So each face is first loaded by the font worker
 * (font-loader.ts), then laid out once here, off screen and hidden from everyone, in a task of its own (the
 * window's caches of that face): the window's own faces (APP_FACES) before the first render, while the library's
 * list is on its way; the faces only the reader uses (READER_FACES: Chinese regular and bold, the numerals'
 * serif) in idle moments after the start.
 *
 * Each size and weight of a face is then a font of its own, and the first text laid out in one asks the browser
 * for its rendering style (a synchronous round trip, 0.5–2 ms in a fresh process): opening the first briefing
 * asked 20–30 times, 10–15 ms inside the frame that draws it. So the steps of the type scale (app.css --fs-*) are
 * also laid out once in idle time, one weight per task (warmSizes).
 */
import type { FontSpecimen } from './font-loader.ts'

/** The window's own face, regular and bold (the library's rows and titles). */
export const APP_FACES: readonly FontSpecimen[] = [
  { family: 'var(--font-sans)', weight: 400, lang: 'ko', text: '브리핑 목록 Briefing 2026' },
  { family: 'var(--font-sans)', weight: 700, lang: 'ko', text: '브리핑 목록 Briefing 2026' }
]

export const READER_FACES: readonly FontSpecimen[] = [
  { family: 'var(--font-zh)', weight: 400, lang: 'zh', text: '北京量子计算 華為' },
  { family: 'var(--font-zh)', weight: 700, lang: 'zh', text: '北京量子计算 華為' },
  { family: 'var(--font-numeral)', weight: 700, lang: 'ko', text: 'Ⅰ Ⅱ Ⅲ Ⅳ' }
]

/** Lays out `specimen` once in `document` (the layout loads its face), then removes it. */
export function warmFont(document: Document, specimen: FontSpecimen): void {
  layOutOnce(document, specimen, (probe) => {
    probe.textContent = specimen.text
  })
}

/** Lays out a word of `specimen` in each of `steps` (CSS custom properties holding sizes) at once, then removes it. */
export function warmSizes(document: Document, specimen: FontSpecimen, steps: readonly string[]): void {
  layOutOnce(document, specimen, (probe) => {
    for (const step of steps) {
      const line = document.createElement('span')
      line.textContent = specimen.text
      line.style.fontSize = `var(${step})`
      probe.append(line)
    }
  })
}

/** A probe in `specimen`'s face, off screen and hidden from everyone, filled by `fill`, measured once, removed. */
function layOutOnce(document: Document, specimen: FontSpecimen, fill: (probe: HTMLSpanElement) => void): void {
  const probe = document.createElement('span')
  probe.setAttribute('aria-hidden', 'true')
  probe.lang = specimen.lang
  probe.style.cssText = `position: fixed; top: 0; left: 0; visibility: hidden; pointer-events: none; white-space: nowrap; font-family: ${specimen.family}; font-weight: ${specimen.weight}`
  fill(probe)
  document.body.append(probe)
  probe.getBoundingClientRect()
  probe.remove()
}
