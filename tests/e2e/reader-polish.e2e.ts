/**
 * Issue 10, defects 3–6: note boxes say their title once, no line starts with `·` or closing punctuation,
 * tables size their columns from their content and never overflow the page, the top bar shows the issue's
 * whole name while there is room. Runs on the bundled samples (and the seed when ../shared/seed exists).
 */
import type { Page } from '@playwright/test'
import { allItems } from '../../archive/model/briefing.ts'
import type { Briefing } from '../../archive/model/briefing.ts'
import { expect, saveScreenshot, test, type AppHandle } from './fixtures.ts'
import { briefingDrawn, watchErrors } from './pages.ts'

const SEED_ID = 'kostec-weekly-2023-04-07'

/** Every briefing of the test archive with its parsed content. */
async function briefings(app: AppHandle): Promise<Briefing[]> {
  const summaries = await app.services.api.listBriefings({})
  const out: Briefing[] = []
  for (const s of summaries) {
    const b = await app.services.api.getBriefing({ id: s.id })
    if (b) out.push(b)
  }
  return out
}

const hasTables = (b: Briefing): boolean => allItems(b).some((i) => i.blocks.some((x) => x.kind === 'table'))
const hasNotes = (b: Briefing): boolean => allItems(b).some((i) => i.blocks.some((x) => x.kind === 'note'))

async function openBriefing(page: Page, id: string): Promise<void> {
  await page.goto('/')
  await page.locator(`[role="option"][data-id="${id}"]`).click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await briefingDrawn(page)
}

test('a ※ 참고 box says its title once, in the text and in its accessible name', async ({ page, app }) => {
  const withNotes = (await briefings(app)).filter(hasNotes)
  expect(withNotes.length).toBeGreaterThan(0)
  for (const briefing of withNotes) {
    await openBriefing(page, briefing.id)
    const notes = allItems(briefing).flatMap((i) => i.blocks.flatMap((b) => (b.kind === 'note' ? [b] : [])))
    const boxes = page.locator('aside.note')
    await expect(boxes).toHaveCount(notes.length)
    for (const [index, note] of notes.entries()) {
      expect(note.label).not.toContain(note.title)
      await expect(boxes.nth(index)).toHaveAccessibleName(`${note.label} ${note.title}`)
      const head = ((await boxes.nth(index).locator('.head').textContent()) ?? '').replace(/\s+/g, ' ')
      expect(head.split(note.title), `${briefing.id}: ${head}`).toHaveLength(2)
    }
  }
})

/** Characters Korean typography never puts at the start of a line. */
const NO_LINE_START = '·)]}〉》」』】’”,.!?:;、。，'

/** The rendered line starts inside the reader's prose that are one of NO_LINE_START, with their context. */
async function badLineStarts(page: Page): Promise<string[]> {
  return page.evaluate((forbidden) => {
    const bad: string[] = []
    const root = document.querySelector('main')
    if (!root) return ['no main']
    const range = document.createRange()
    const rectOf = (node: Node, i: number): DOMRect | undefined => {
      range.setStart(node, i)
      range.setEnd(node, i + 1)
      const rect = range.getClientRects()[0]
      return rect && rect.width > 0 ? rect : undefined
    }
    const blocks = root.querySelectorAll('p, li, td, th, h1, h2, h3, h4, caption, dd, dt')
    for (const block of blocks) {
      // The last character drawn before this one (measured only when a forbidden character follows it).
      let last: { node: Node; i: number } | undefined
      let before = ''
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? ''
        const parent = node.parentElement
        // Links (URLs) may break anywhere; nested blocks are measured on their own.
        if (!parent || parent.closest('a') || parent.closest('p, li, td, th, h1, h2, h3, h4, caption, dd, dt') !== block) continue
        for (let i = 0; i < text.length; i++) {
          if (/\s/.test(text[i])) continue
          if (forbidden.includes(text[i]) && last) {
            const rect = rectOf(node, i)
            const previous = rectOf(last.node, last.i)
            if (rect && previous && rect.top > previous.top + rect.height / 2) bad.push(`${before.slice(-12)}⏎${text.slice(i, i + 8)}`)
          }
          last = { node, i }
          before += text[i]
        }
      }
    }
    return bad
  }, NO_LINE_START)
}

// Issue 10 defect 4: Chromium breaks before U+00B7 between Hangul words even with line-break: strict, so the reader
// glues each middle dot to the character before it (renderer/lib/line-breaks.ts). Before that, 3 cases failed here on
// the samples and the seed (주택⏎·자녀, 물류⏎·금융, 광둥⏎·홍콩).
test('no line of the reader starts with · or closing punctuation, at 125 % and several widths', async ({ page, app }) => {
  const errors = watchErrors(page)
  await app.services.api.updateSettings({ zoom: 1.25 })
  const all = await briefings(app)
  const found: string[] = []
  for (const briefing of all) {
    await openBriefing(page, briefing.id)
    for (const width of [800, 1024, 1280, 1600, 1920]) {
      await page.setViewportSize({ width, height: 900 })
      for (const start of await badLineStarts(page)) found.push(`${width}px ${briefing.id}: ${start}`)
    }
  }
  expect(found).toEqual([])
  expect(errors).toEqual([])
})

interface TableFacts {
  /** The table's box (its scrolling wrapper) and the column it sits in. */
  boxRight: number
  columnRight: number
  pageOverflow: number
  /** Table wider than its box, and whether the box then scrolls. */
  wider: boolean
  scrolls: boolean
  columns: Array<{ kind: string; width: number; align: string; numeric: string; header: string; chars: number }>
}

async function tableFacts(page: Page): Promise<TableFacts[]> {
  return page.locator('main table').evaluateAll((tables) =>
    tables.map((table) => {
      const box = table.parentElement as HTMLElement
      const column = box.parentElement as HTMLElement
      const style = getComputedStyle(column)
      const firstRow = table.querySelector('tbody tr')
      const cells = firstRow ? [...firstRow.children] : []
      const heads = [...table.querySelectorAll('thead th')]
      return {
        boxRight: box.getBoundingClientRect().right,
        columnRight: column.getBoundingClientRect().right - Number.parseFloat(style.paddingRight),
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        wider: table.scrollWidth > box.clientWidth + 1,
        scrolls: ['auto', 'scroll'].includes(getComputedStyle(box).overflowX),
        columns: cells.map((cell, index) => ({
          kind: cell.className.split(/\s+/).find((c) => ['ordinal', 'numeric', 'compact', 'text'].includes(c)) ?? '',
          width: cell.getBoundingClientRect().width,
          align: getComputedStyle(cell).textAlign,
          numeric: getComputedStyle(cell).fontVariantNumeric,
          header: heads[index]?.textContent ?? '',
          chars:
            [...table.querySelectorAll('tbody tr')].reduce((sum, row) => sum + (row.children[index]?.textContent?.trim().length ?? 0), 0) /
            Math.max(1, table.querySelectorAll('tbody tr').length)
        }))
      }
    })
  )
}

test('tables at 800 px: inside their box, counts right-aligned in tabular figures, prose wider than short columns', async ({ page, app }) => {
  const errors = watchErrors(page)
  const withTables = (await briefings(app)).filter(hasTables)
  expect(withTables.length).toBeGreaterThan(0)
  await page.setViewportSize({ width: 800, height: 900 })
  let numericColumns = 0
  let prosePairs = 0
  for (const briefing of withTables) {
    await openBriefing(page, briefing.id)
    await page.evaluate(() => document.fonts.ready)
    const facts = await tableFacts(page)
    expect(facts.length).toBeGreaterThan(0)
    for (const [index, t] of facts.entries()) {
      const where = `${briefing.id} table ${index + 1}`
      expect(t.pageOverflow, `${where}: the page overflows`).toBeLessThanOrEqual(0)
      expect(t.boxRight, `${where}: its box overflows the column`).toBeLessThanOrEqual(t.columnRight + 0.5)
      if (t.wider) expect(t.scrolls, `${where}: wider than its box and not scrolling`).toBe(true)
      for (const c of t.columns.filter((c) => c.kind === 'numeric')) {
        numericColumns++
        expect(c.align, `${where} ${c.header}`).toBe('right')
        expect(c.numeric, `${where} ${c.header}`).toContain('tabular-nums')
      }
      // Prose: a column of sentences (20 characters a cell or more), the kind the issue saw squeezed to 77 px.
      const prose = t.columns.filter((c) => c.kind === 'text' && c.chars >= 20)
      const short = t.columns.filter((c) => c.kind !== 'text')
      if (prose.length > 0 && short.length > 0) {
        prosePairs++
        const widest = Math.max(...short.map((c) => c.width))
        const widestProse = Math.max(...prose.map((c) => c.width))
        expect(widestProse, `${where}: the prose columns are narrower than a short one`).toBeGreaterThan(widest)
      }
    }
  }
  expect(numericColumns).toBeGreaterThan(0)
  expect(prosePairs).toBeGreaterThan(0)
  expect(errors).toEqual([])
})

test('the seed I-06 count column (해당 기업 수) is numeric, not centred like a rank', async ({ page, app }) => {
  test.skip(!app.seed, 'skipped: ../shared/seed not found')
  await page.setViewportSize({ width: 800, height: 900 })
  await openBriefing(page, SEED_ID)
  const tables = page.locator(`article[id="${SEED_ID}/I-06"] table`)
  const found: string[][] = []
  for (let t = 0; t < (await tables.count()); t++) {
    const heads = await tables.nth(t).locator('thead th').allTextContents()
    const index = heads.findIndex((h) => /기업\s*수/.test(h))
    if (index < 0) continue
    const cell = tables.nth(t).locator('tbody tr').first().locator('td').nth(index)
    found.push(await cell.evaluate((c) => [getComputedStyle(c).textAlign, getComputedStyle(c).fontVariantNumeric]))
  }
  expect(found.length, 'a 기업 수 column in I-06').toBeGreaterThan(0)
  for (const f of found) expect(f).toEqual(['right', 'tabular-nums'])
})

test('a long table keeps its header row in view while its rows scroll by', async ({ page, app }) => {
  const all = await briefings(app)
  const long = all.flatMap((b) =>
    allItems(b).flatMap((i) => i.blocks.flatMap((x) => (x.kind === 'table' && x.table.rows.length >= 8 ? [{ b, i }] : [])))
  )[0]
  expect(long, 'a table of 8 rows or more among the briefings').toBeDefined()
  await page.setViewportSize({ width: 1280, height: 600 })
  await openBriefing(page, long.b.id)
  const table = page.locator(`article[id="${long.i.id}"] table`).first()
  const lastRow = table.locator('tbody tr').last()
  await lastRow.scrollIntoViewIfNeeded()
  await page.evaluate(() => window.scrollBy(0, 0))
  // The header cells stick (a <thead> box itself never moves).
  const head = table.locator('thead th').first()
  const first = table.locator('tbody tr').first()
  await expect(first).not.toBeInViewport()
  await expect(head).toBeInViewport()
  const topbar = await page.locator('header.topbar').evaluate((h) => h.getBoundingClientRect().bottom)
  const headTop = await head.evaluate((h) => h.getBoundingClientRect().top)
  expect(headTop).toBeGreaterThanOrEqual(topbar - 1)
})

test('the top bar shows the whole issue name while there is room, with a tooltip and lang="ko" in English', async ({ page, app }) => {
  const errors = watchErrors(page)
  await app.services.api.updateSettings({ locale: 'en' })
  const [first] = await briefings(app)
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 800 })
    await openBriefing(page, first.id)
    const context = page.locator('header.topbar .context')
    await expect(context).toBeVisible()
    const full = await context.getAttribute('title')
    expect(full).toBeTruthy()
    expect(await context.innerText()).toBe(full)
    await expect(context).toHaveAttribute('lang', 'ko')
    const cut = await context.evaluate((el) => el.scrollWidth > el.clientWidth + 1)
    expect(cut, `${width}px: the name is cut`).toBe(false)
  }
  // At 800 px the name may be cut, but only with an ellipsis and never pushing the bar wider than the window.
  await page.setViewportSize({ width: 800, height: 800 })
  const context = page.locator('header.topbar .context')
  expect(await context.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis')
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
  expect(errors).toEqual([])
})

test('the contents sidebar\'s key hint wraps between shortcuts, never inside one (ko and en, 800 to 1920 px)', async ({ page, app }) => {
  const errors = watchErrors(page)
  const [first] = await briefings(app)
  for (const locale of ['ko', 'en'] as const) {
    await app.services.api.updateSettings({ locale })
    for (const width of [800, 1024, 1280, 1920]) {
      await page.setViewportSize({ width, height: 800 })
      await openBriefing(page, first.id)
      const hint = page.locator('nav .hint, aside .hint').first()
      await expect(hint).toBeVisible()
      // Every character of one shortcut ("Ctrl F 찾기") on one line: its text's boxes all share one top.
      const split = await hint.evaluate((el) => {
        const text = el.textContent ?? ''
        const parts = [...el.children].length > 0 ? [...el.children].map((c) => c.textContent ?? '') : text.split('·').map((p) => p.trim()).filter(Boolean)
        const lines: string[] = []
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
        const tops: Array<{ ch: string; top: number }> = []
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const range = document.createRange()
          for (let i = 0; i < (node.textContent ?? '').length; i++) {
            range.setStart(node, i)
            range.setEnd(node, i + 1)
            const rect = range.getClientRects()[0]
            const ch = node.textContent?.[i] ?? ''
            if (rect && rect.width > 0 && !/[\s·]/.test(ch)) tops.push({ ch, top: Math.round(rect.top) })
          }
        }
        let at = 0
        for (const part of parts) {
          const letters = part.replace(/[\s·]/g, '')
          const mine = tops.slice(at, at + letters.length)
          at += letters.length
          if (new Set(mine.map((m) => m.top)).size > 1) lines.push(part)
        }
        return { parts: parts.length, split: lines }
      })
      expect(split.parts, `${locale} ${width}px: the hint's shortcuts`).toBeGreaterThan(2)
      expect(split.split, `${locale} ${width}px: shortcuts cut across lines`).toEqual([])
    }
  }
  expect(errors).toEqual([])
})

test('screenshots: library, reader and tables at 800, 1280 and 1920 px, light and dark', async ({ page, app }) => {
  const all = await briefings(app)
  const withTable = all.find((b) => b.id === SEED_ID) ?? all.find(hasTables) ?? all[0]
  const item = allItems(withTable).find((i) => i.blocks.some((b) => b.kind === 'table'))
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const width of [800, 1280, 1920]) {
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/')
      await expect(page.getByRole('listbox', { name: '브리핑 목록' }).getByRole('option').first()).toBeVisible()
      await saveScreenshot(page, `polish-library-${width}-${scheme}`)
      // The view tabs line up with the view under them (the library is narrower than the notes views).
      for (const tab of ['보관함', '모든 메모', '휴지통']) {
        await page.getByRole('navigation', { name: '보기' }).getByRole('button', { name: tab }).click()
        const tabsLeft = await page.getByRole('navigation', { name: '보기' }).getByRole('button').first().evaluate((b) => b.getBoundingClientRect().left)
        const headLeft = await page.locator('main h1').first().evaluate((h) => h.getBoundingClientRect().left)
        expect(Math.abs(tabsLeft - headLeft), `${width}px ${tab}: tabs at ${tabsLeft}, heading at ${headLeft}`).toBeLessThanOrEqual(1)
      }
      await page.getByRole('navigation', { name: '보기' }).getByRole('button', { name: '보관함' }).click()
      await openBriefing(page, withTable.id)
      await saveScreenshot(page, `polish-reader-${width}-${scheme}`)
      // The reader's tool row lines up with the page under it.
      const [toolsLeft, pageLeft] = await page.evaluate(() =>
        ['main .tools', 'main .page'].map((s) => Math.round(document.querySelector(s)?.getBoundingClientRect().left ?? -1))
      )
      expect(Math.abs(toolsLeft - pageLeft), `${width}px: tools at ${toolsLeft}, page at ${pageLeft}`).toBeLessThanOrEqual(1)
      if (item) {
        await page.locator(`article[id="${item.id}"] table`).first().scrollIntoViewIfNeeded()
        await saveScreenshot(page, `polish-table-${width}-${scheme}`)
      }
    }
  }
  expect(item).toBeDefined()
})
