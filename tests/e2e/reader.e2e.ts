/**
 * The reading journey on the real seed issue: library → open → contents → table → reference link →
 * keyboard → zoom → back. Runs the built renderer in Chromium against the real services (fixtures.ts).
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { Block } from '../../archive/model/briefing.ts'
import { PARSER_VERSION } from '../../archive/storage/index.ts'
import { expect, saveScreenshot, test } from './fixtures.ts'
import { watchErrors } from './pages.ts'

const SEED_ID = 'kostec-weekly-2023-04-07'
const item = (ref: string): string => `${SEED_ID}/${ref}`


/** The id of the item whose contents link carries aria-current. */
async function currentItem(page: Page): Promise<string | null> {
  const nav = page.getByRole('navigation', { name: '목차' })
  const href = await nav.locator('a[aria-current="true"]').getAttribute('href', { timeout: 5_000 })
  return href ? decodeURIComponent(href.replace(/^#/, '')) : null
}

async function readerFontSize(page: Page): Promise<number> {
  return page
    .getByRole('main')
    .evaluate((main) => Number.parseFloat(main.ownerDocument.defaultView?.getComputedStyle(main).fontSize ?? ''))
}

test('reads the seed briefing from the library to the last shortcut', async ({ page, app, context }) => {
  const errors = watchErrors(page)
  await page.goto('/')
  const startUrl = page.url()

  // Library: newest first, the seed among them with its date and 15 items.
  const list = page.getByRole('listbox', { name: '브리핑 목록' })
  await expect(list).toBeVisible()
  const rows = list.getByRole('option')
  const dates = await rows.locator('time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')))
  expect(dates.length).toBeGreaterThanOrEqual(1)
  expect(dates).toEqual([...dates].sort().reverse())
  const seedRow = rows.filter({ has: page.locator('time[datetime="2023-04-07"]') })
  await expect(seedRow).toHaveCount(1)
  await expect(seedRow).toContainText('15개 항목')
  await expect(seedRow).toContainText('중국 과학기술 정책 주간동향')
  await saveScreenshot(page, 'library')

  // Open it.
  await seedRow.click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('중국 과학기술 정책 주간동향')
  const nav = page.getByRole('navigation', { name: '목차' })
  await expect(nav).toBeVisible()
  await saveScreenshot(page, 'reader')

  // Contents: 정책동향 → 기술전략/지역/기업/통계 → items; 기술동향 → 양자정보/바이오.
  await expect(nav).toMatchAriaSnapshot(`
    - list:
      - listitem:
        - text: /정책동향/
        - list:
          - listitem:
            - text: 기술전략
            - list:
              - listitem:
                - link /베이징·우시/
          - listitem:
            - text: 지역
            - list:
              - listitem:
                - link /저장성/
              - listitem:
                - link /충칭시/
              - listitem:
                - link /상하이/
          - listitem:
            - text: 기업
            - list:
              - listitem:
                - link /후베이/
          - listitem:
            - text: 통계
            - list:
              - listitem:
                - link /후룬연구원/
      - listitem:
        - text: /기술동향/
        - list:
          - listitem:
            - text: 양자정보
            - list:
              - listitem:
                - link /베이징양자정보과학연구원/
          - listitem:
            - text: 바이오
            - list:
              - listitem:
                - link /우한과기대학/
  `)
  await expect(nav.getByRole('link')).toHaveCount(15)

  // A contents entry scrolls its item into view and makes it current.
  const chongqing = nav.getByRole('link', { name: /충칭시/ })
  await chongqing.click()
  const chongqingArticle = page.locator(`[id="${item('I-03')}"]`)
  await expect(chongqingArticle).toBeInViewport()
  await expect(chongqing).toHaveAttribute('aria-current', 'true')
  expect(await currentItem(page)).toBe(item('I-03'))

  // The 10대 행동계획 table: 10 body rows, 3 columns.
  const table = page.getByRole('table', { name: /10대 행동계획/ })
  await expect(table.getByRole('columnheader')).toHaveCount(3)
  await expect(table.getByRole('row')).toHaveCount(11)
  await expect(table.locator('tbody').getByRole('row')).toHaveCount(10)
  for (const row of await table.locator('tbody').getByRole('row').all()) {
    await expect(row.getByRole('cell')).toHaveCount(3)
  }
  await table.scrollIntoViewIfNeeded()
  await saveScreenshot(page, 'reader-table')

  // A reference link goes to the bridge's openExternal with exactly its URL; the page stays put.
  const url = 'https://baijiahao.baidu.com/s?id=1761217386572710986&wfr=spider&for=pc'
  const reference = page
    .locator(`[id="${item('I-01')}"]`)
    .getByRole('link', { name: '百度联合北京量子院发起量子计算产业知识产权联盟' })
  await expect(reference).toHaveAttribute('href', url)
  await reference.click()
  await expect.poll(() => app.opened()).toEqual([url])
  expect(page.url()).toBe(startUrl)
  expect(context.pages()).toHaveLength(1)

  // Keyboard: j/k and ArrowDown/ArrowUp move the current item.
  await chongqing.click()
  await expect(chongqing).toHaveAttribute('aria-current', 'true')
  const steps: Array<[string, string]> = [
    ['j', 'I-04'],
    ['j', 'I-05'],
    ['k', 'I-04'],
    ['ArrowDown', 'I-05'],
    ['ArrowUp', 'I-04'],
    ['ArrowUp', 'I-03']
  ]
  for (const [key, expected] of steps) {
    await page.keyboard.press(key)
    await expect.poll(() => currentItem(page), { message: `after ${key}` }).toBe(item(expected))
    await expect(page.locator(`[id="${item(expected)}"]`)).toBeInViewport()
  }

  // Zoom: Ctrl+= grows the reading text, Ctrl+- brings it back.
  const base = await readerFontSize(page)
  await page.keyboard.press('Control+=')
  await expect.poll(() => readerFontSize(page)).toBeGreaterThan(base)
  await expect(page.getByRole('button', { name: /글자 크기 110%/ })).toBeVisible()
  await page.keyboard.press('Control+-')
  await expect.poll(() => readerFontSize(page)).toBe(base)
  expect((await app.services.api.getSettings({})).zoom).toBe(1)

  // Dark theme screenshot of the reader.
  await page.emulateMedia({ colorScheme: 'dark' })
  await chongqing.click()
  await saveScreenshot(page, 'reader-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  // Escape returns to the library.
  await page.keyboard.press('Escape')
  await expect(page.getByRole('listbox', { name: '브리핑 목록' })).toBeVisible()
  await expect(nav).toHaveCount(0)
  expect(page.url()).toBe(startUrl)
  expect(errors).toEqual([])
})

test('never renders a non-http reference as a link', async ({ page, app }) => {
  const errors = watchErrors(page)
  // A stored briefing whose references were tampered with (or a future parser bug): the renderer must
  // still refuse to make links of them. Written straight into the archive folder, as the store would.
  const seed = await app.services.api.getBriefing({ id: SEED_ID })
  if (!seed) throw new Error('seed missing from the archive')
  const id = 'kostec-weekly-2023-04-14'
  const bad = ['javascript:window.__pwned=1', 'file:///etc/passwd', 'data:text/html,<script>window.__pwned=1</script>']
  const tampered = structuredClone(seed)
  Object.assign(tampered, { id, published: '2023-04-14' })
  const first = tampered.sections[0].items[0]
  const kept: Block[] = first.blocks.filter((b) => b.kind !== 'reference')
  first.blocks = [...kept, ...bad.map((url, i): Block => ({ kind: 'reference', title: `위험한 링크 ${i + 1}`, url }))]
  await writeFile(
    join(app.services.store.dir, 'briefings', `${id}.json`),
    JSON.stringify({ parserVersion: PARSER_VERSION, ...tampered })
  )

  await page.goto('/')
  await page.getByRole('listbox', { name: '브리핑 목록' }).getByRole('option')
    .filter({ has: page.locator('time[datetime="2023-04-14"]') }).click()
  const article = page.locator(`[id="${first.id}"]`)
  for (let i = 1; i <= bad.length; i++) {
    await expect(article.getByText(`위험한 링크 ${i}`)).toBeVisible()
    await expect(article.getByRole('link', { name: `위험한 링크 ${i}` })).toHaveCount(0)
    await article.getByText(`위험한 링크 ${i}`).click()
  }
  await expect(page.locator('a[href^="javascript:"], a[href^="file:"], a[href^="data:"]')).toHaveCount(0)
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined()
  expect(await app.opened()).toEqual([])
  expect(errors).toEqual([])
})
