/**
 * The reading journey: library → open → contents → tables → reference link → typography → keyboard → zoom →
 * themes → back. It runs on the bundled sample archive (archive/sample/briefings, fictional), so it runs in
 * every clone; the checks of the real seed issue's own contents run only when ../shared/seed exists.
 * Runs the built renderer in Chromium against the real services (fixtures.ts).
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { allItems } from '../../archive/model/briefing.ts'
import type { Block } from '../../archive/model/briefing.ts'
import { PARSER_VERSION } from '../../archive/storage/index.ts'
import { readSeedFacts } from '../helpers/seed.ts'
import { expect, saveScreenshot, test } from './fixtures.ts'
import { pageBrightness, watchErrors } from './pages.ts'

/** The sample issue the journey reads: 9 items, two tables in I-04, a Chinese reference title in I-01. */
const SAMPLE_ID = 'sample-weekly-2025-11-14'
const sampleItem = (ref: string): string => `${SAMPLE_ID}/${ref}`
const SAMPLE_SERIES = '샘플 과학기술 정책 주간동향'
/** The sample badge every row and page of fictional content carries. */
const SAMPLE_BADGE = '샘플 · 가상 콘텐츠'

const SEED_ID = 'kostec-weekly-2023-04-07'
const seedItem = (ref: string): string => `${SEED_ID}/${ref}`
const SEED_SKIP = 'skipped: ../shared/seed not found'

const article = (page: Page, id: string): Locator => page.locator(`article[id="${id}"]`)

/** The id of the item whose contents link carries aria-current. */
async function currentItem(page: Page): Promise<string | null> {
  const nav = page.getByRole('navigation', { name: '목차' })
  const href = await nav.locator('a[aria-current="true"]').getAttribute('href', { timeout: 5_000 })
  return href ? decodeURIComponent(href.replace(/^#/, '')) : null
}

/** The reading text's size as drawn: its CSS size times the zoom of the whole window (the root's, in the bridge). */
async function readerFontSize(page: Page): Promise<number> {
  return page.getByRole('main').evaluate((main) => {
    const view = main.ownerDocument.defaultView
    const zoom = Number.parseFloat(main.ownerDocument.documentElement.style.zoom || '1')
    return Number.parseFloat(view?.getComputedStyle(main).fontSize ?? '') * zoom
  })
}

/** A computed style property of the first element `locator` matches. */
async function style(locator: Locator, property: string): Promise<string> {
  return locator.evaluate(
    (element, name) => element.ownerDocument.defaultView?.getComputedStyle(element).getPropertyValue(name) ?? '',
    property
  )
}

/** Presses `key` after each other and checks the current item follows `expected`, in view. */
async function stepThrough(page: Page, steps: Array<[key: string, expected: string]>): Promise<void> {
  for (const [key, expected] of steps) {
    await page.keyboard.press(key)
    await expect.poll(() => currentItem(page), { message: `after ${key}` }).toBe(expected)
    await expect(page.locator(`[id="${expected}"]`)).toBeInViewport()
  }
}

test('reads a sample briefing from the library to the last shortcut', async ({ page, app, context }) => {
  const errors = watchErrors(page)
  const summaries = await app.services.api.listBriefings({})
  const briefing = await app.services.api.getBriefing({ id: SAMPLE_ID })
  if (!briefing) throw new Error(`${SAMPLE_ID} missing from the archive`)
  await page.goto('/')
  const startUrl = page.url()

  // Library: every briefing of the archive, newest first; the five samples marked as fictional.
  const list = page.getByRole('listbox', { name: '브리핑 목록' })
  await expect(list).toBeVisible()
  const rows = list.getByRole('option')
  expect(summaries.filter((s) => s.sample)).toHaveLength(5)
  await expect(rows).toHaveCount(summaries.length)
  const dates = await rows.locator('time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')))
  expect(dates).toEqual(summaries.map((s) => s.published))
  expect(dates).toEqual([...dates].sort().reverse())
  await expect(rows.filter({ hasText: SAMPLE_BADGE })).toHaveCount(5)
  const sampleRow = rows.filter({ has: page.locator('time[datetime="2025-11-14"]') })
  await expect(sampleRow).toHaveCount(1)
  await expect(sampleRow).toContainText('9개 항목')
  await expect(sampleRow).toContainText(SAMPLE_SERIES)
  await expect(sampleRow).toContainText('Briefing Reader 샘플 편집부')
  await expect(sampleRow).toContainText('과기부는 AI를 기초연구 전 과정에 접목하는')
  await saveScreenshot(page, 'library')

  // Open it: the header, the sample badge and the summary.
  await sampleRow.click()
  const main = page.getByRole('main')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAMPLE_SERIES)
  await expect(main.getByText(SAMPLE_BADGE)).toBeVisible()
  await expect(main.locator('time[datetime="2025-11-14"]').first()).toBeVisible()
  await expect(page.getByRole('region', { name: '요약' }).getByRole('listitem')).toHaveCount(briefing.summary.length)
  const nav = page.getByRole('navigation', { name: '목차' })
  await expect(nav).toBeVisible()
  await saveScreenshot(page, 'reader')

  // Contents: 정책동향 → 기술전략/지역/통계 → items; 기술동향 → 양자정보/바이오; 단신동향's items directly.
  await expect(nav).toMatchAriaSnapshot(`
    - list:
      - listitem:
        - text: I 정책동향
        - list:
          - listitem:
            - text: 기술전략
            - list:
              - listitem:
                - link /^01 과기부, '인공지능\\+ 과학연구 행동지침' 발표$/
          - listitem:
            - text: 지역
            - list:
              - listitem:
                - link /^02 허페이, 양자정보 산업 클러스터/
              - listitem:
                - link "03 선전, 저고도경제 드론 시범구역 확대"
          - listitem:
            - text: 통계
            - list:
              - listitem:
                - link "04 샘플과학기술정보연구소, 2025년 중국 반도체 장비 기업 30강 발표"
      - listitem:
        - text: II 기술동향
        - list:
          - listitem:
            - text: 양자정보
            - list:
              - listitem:
                - link /^01 톈궁양자, 1,000km급 위성-지상 양자키분배/
          - listitem:
            - text: 바이오
            - list:
              - listitem:
                - link "02 우한대학, 합성생물학 기반 항체 생산 플랫폼 개발"
      - listitem:
        - text: III 단신동향
        - list:
          - listitem:
            - link "01 항저우, 2025 글로벌 디지털무역 박람회 개최"
          - listitem:
            - link "02 칭화대학-홍콩과기대학, 반도체 소재 공동실험실 설립"
          - listitem:
            - link "03 쓰촨성, 바이오의약 임상시험 심사 기간 단축"
  `)
  // One contents link and one article per item, in reading order.
  const items = allItems(briefing)
  expect(items).toHaveLength(9)
  await expect(nav.getByRole('link')).toHaveCount(items.length)
  const hrefs = await nav.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
  expect(hrefs.map((h) => decodeURIComponent(h?.replace(/^#/, '') ?? ''))).toEqual(items.map((i) => i.id))
  await expect(main.locator('article')).toHaveCount(items.length)
  for (const item of items) {
    await expect(article(page, item.id).getByRole('heading', { level: 3 })).toHaveText(`${item.number} ${item.title}`)
  }

  // A contents entry scrolls its item into view and makes it current.
  const shenzhen = nav.getByRole('link', { name: /선전, 저고도경제/ })
  await shenzhen.click()
  await expect(article(page, sampleItem('I-03'))).toBeInViewport()
  await expect(shenzhen).toHaveAttribute('aria-current', 'true')
  expect(await currentItem(page)).toBe(sampleItem('I-03'))

  // Tables: I-04's top-10 ranking (10 body rows × 5 columns) and its 4-column table of locations.
  const i04 = article(page, sampleItem('I-04'))
  await expect(i04.getByRole('table')).toHaveCount(2)
  const ranking = i04.getByRole('table', { name: /2025년 중국 반도체 장비 기업 상위 10위/ })
  await expect(ranking.getByRole('columnheader')).toHaveCount(5)
  await expect(ranking.getByRole('row')).toHaveCount(11)
  await expect(ranking.locator('tbody').getByRole('row')).toHaveCount(10)
  for (const row of await ranking.locator('tbody').getByRole('row').all()) {
    await expect(row.getByRole('cell')).toHaveCount(5)
  }
  const locations = i04.getByRole('table', { name: /소재지별 상위 30개 기업 수/ })
  await expect(locations.getByRole('columnheader')).toHaveCount(4)
  await expect(locations.locator('tbody').getByRole('row')).toHaveCount(6)
  for (const row of await locations.locator('tbody').getByRole('row').all()) {
    await expect(row.getByRole('cell')).toHaveCount(4)
  }
  // A cell of bullet entries (` • a • b`) is a list: I-01's table of tasks.
  const tasks = article(page, sampleItem('I-01')).getByRole('table', { name: /행동지침 주요 과제/ })
  await expect(tasks.locator('tbody').getByRole('row')).toHaveCount(5)
  await expect(tasks.getByRole('row', { name: /^1 데이터/ }).getByRole('cell').nth(2).getByRole('listitem')).toHaveText([
    /국가 과학데이터센터 20곳의 데이터 표준화/,
    /실험 장비 데이터 자동 수집 체계 구축/
  ])
  await ranking.scrollIntoViewIfNeeded()
  await saveScreenshot(page, 'reader-table')

  // A reference link goes to the bridge's openExternal with exactly its URL; the page stays put.
  const url = 'https://example.org/policy/202511/t20251106_0000101.shtml'
  const reference = article(page, sampleItem('I-01')).getByRole('link', { name: '科技部印发《人工智能+科学研究行动指引》的通知' })
  await expect(reference).toHaveAttribute('href', url)
  await reference.click()
  await expect.poll(() => app.opened()).toEqual([url])
  expect(page.url()).toBe(startUrl)
  expect(context.pages()).toHaveLength(1)

  // Typography: the briefing is Korean text in the Korean face; a title in Chinese only is lang="zh",
  // set in the Chinese face; the body text is at least 16 px.
  await expect(reference).toHaveAttribute('lang', 'zh')
  expect(await style(reference, 'font-family')).toMatch(/^"?Noto Sans CJK SC/)
  const headline = article(page, sampleItem('I-01')).getByText(/과학기술부\(科學技術部\)는 AI를 과학 연구/)
  await expect(headline).toBeVisible()
  expect(await headline.evaluate((element) => element.closest('[lang]')?.getAttribute('lang'))).toBe('ko')
  expect(await style(headline, 'font-family')).toMatch(/^"?Noto Sans CJK KR/)
  expect(await readerFontSize(page)).toBeGreaterThanOrEqual(16)

  // Keyboard: j/k move the current item (↑ ↓ scroll by lines since issue 10: reader-nav.e2e.ts).
  await shenzhen.click()
  await expect(shenzhen).toHaveAttribute('aria-current', 'true')
  await stepThrough(page, [
    ['j', sampleItem('I-04')],
    ['j', sampleItem('II-01')],
    ['k', sampleItem('I-04')],
    ['j', sampleItem('II-01')],
    ['k', sampleItem('I-04')],
    ['k', sampleItem('I-03')]
  ])

  // Zoom: Ctrl+= grows the whole window (the reading text with it), Ctrl+- brings it back.
  const base = await readerFontSize(page)
  await page.keyboard.press('Control+=')
  await expect.poll(() => readerFontSize(page)).toBeGreaterThan(base)
  await expect(page.getByRole('button', { name: /글자 크기 110%/ })).toBeVisible()
  await page.keyboard.press('Control+-')
  await expect.poll(() => readerFontSize(page)).toBe(base)
  expect((await app.services.api.getSettings({})).zoom).toBe(1)

  // Themes: the system's dark scheme darkens the page, light brings it back.
  const light = await pageBrightness(page)
  expect(light).toBeGreaterThan(200)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(() => pageBrightness(page)).toBeLessThan(60)
  await shenzhen.click()
  await saveScreenshot(page, 'reader-dark')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(() => pageBrightness(page)).toBe(light)

  // Escape returns to the library.
  await page.keyboard.press('Escape')
  await expect(page.getByRole('listbox', { name: '브리핑 목록' })).toBeVisible()
  await expect(nav).toHaveCount(0)
  expect(page.url()).toBe(startUrl)
  expect(errors).toEqual([])
})

test('reads the seed briefing: its contents, its 10-row table and its reference link', async ({ page, app, context }) => {
  test.skip(!app.seed, SEED_SKIP)
  const errors = watchErrors(page)
  const facts = readSeedFacts()
  await page.goto('/')
  const startUrl = page.url()

  // Library: the seed among the samples with its date and 15 items.
  const rows = page.getByRole('listbox', { name: '브리핑 목록' }).getByRole('option')
  const seedRow = rows.filter({ has: page.locator(`time[datetime="${facts.briefing.published}"]`) })
  await expect(seedRow).toHaveCount(1)
  await expect(seedRow).toContainText(`${facts.briefing.itemCount}개 항목`)
  await expect(seedRow).toContainText(facts.briefing.series)
  await expect(seedRow).not.toContainText(SAMPLE_BADGE)

  // Open it.
  await seedRow.click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(facts.briefing.series)
  const nav = page.getByRole('navigation', { name: '목차' })
  await expect(nav).toBeVisible()
  await saveScreenshot(page, 'reader-seed')

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
  await expect(nav.getByRole('link')).toHaveCount(facts.briefing.itemCount)
  // Every item of the facts file has its article, titled as the facts say.
  for (const section of facts.sections) {
    for (const item of section.items) {
      await expect(article(page, seedItem(`${section.number}-${item.no}`)).getByRole('heading', { level: 3 })).toContainText(
        item.title
      )
    }
  }

  // A contents entry scrolls its item into view and makes it current.
  const chongqing = nav.getByRole('link', { name: /충칭시/ })
  await chongqing.click()
  await expect(article(page, seedItem('I-03'))).toBeInViewport()
  await expect(chongqing).toHaveAttribute('aria-current', 'true')
  expect(await currentItem(page)).toBe(seedItem('I-03'))

  // The 10대 행동계획 table: 10 body rows, 3 columns.
  const table = page.getByRole('table', { name: /10대 행동계획/ })
  await expect(table.getByRole('columnheader')).toHaveCount(3)
  await expect(table.getByRole('row')).toHaveCount(11)
  await expect(table.locator('tbody').getByRole('row')).toHaveCount(10)
  for (const row of await table.locator('tbody').getByRole('row').all()) {
    await expect(row.getByRole('cell')).toHaveCount(3)
  }

  // A reference link goes to the bridge's openExternal with exactly its URL; the page stays put.
  const url = 'https://baijiahao.baidu.com/s?id=1761217386572710986&wfr=spider&for=pc'
  const reference = article(page, seedItem('I-01')).getByRole('link', { name: '百度联合北京量子院发起量子计算产业知识产权联盟' })
  await expect(reference).toHaveAttribute('href', url)
  await expect(reference).toHaveAttribute('lang', 'zh')
  await reference.click()
  await expect.poll(() => app.opened()).toEqual([url])
  expect(page.url()).toBe(startUrl)
  expect(context.pages()).toHaveLength(1)

  // Keyboard: j/k move the current item (↑ ↓ scroll by lines since issue 10: reader-nav.e2e.ts).
  await chongqing.click()
  await expect(chongqing).toHaveAttribute('aria-current', 'true')
  await stepThrough(page, [
    ['j', seedItem('I-04')],
    ['j', seedItem('I-05')],
    ['k', seedItem('I-04')],
    ['j', seedItem('I-05')],
    ['k', seedItem('I-04')],
    ['k', seedItem('I-03')]
  ])

  await page.keyboard.press('Escape')
  await expect(page.getByRole('listbox', { name: '브리핑 목록' })).toBeVisible()
  expect(errors).toEqual([])
})

test('never renders a non-http reference as a link', async ({ page, app }) => {
  const errors = watchErrors(page)
  // A stored briefing whose references were tampered with (or a future parser bug): the renderer must
  // still refuse to make links of them. Written straight into the archive folder, as the store would.
  const sample = await app.services.api.getBriefing({ id: SAMPLE_ID })
  if (!sample) throw new Error(`${SAMPLE_ID} missing from the archive`)
  const id = 'sample-weekly-2025-11-21'
  const bad = ['javascript:window.__pwned=1', 'file:///etc/passwd', 'data:text/html,<script>window.__pwned=1</script>']
  const tampered = structuredClone(sample)
  Object.assign(tampered, { id, published: '2025-11-21' })
  const first = tampered.sections[0].items[0]
  const kept: Block[] = first.blocks.filter((b) => b.kind !== 'reference')
  first.blocks = [...kept, ...bad.map((url, i): Block => ({ kind: 'reference', title: `위험한 링크 ${i + 1}`, url }))]
  await writeFile(
    join(app.services.store.dir, 'briefings', `${id}.json`),
    JSON.stringify({ parserVersion: PARSER_VERSION, ...tampered })
  )

  await page.goto('/')
  await page.getByRole('listbox', { name: '브리핑 목록' }).getByRole('option')
    .filter({ has: page.locator('time[datetime="2025-11-21"]') }).click()
  const tamperedArticle = article(page, first.id)
  for (let i = 1; i <= bad.length; i++) {
    await expect(tamperedArticle.getByText(`위험한 링크 ${i}`)).toBeVisible()
    await expect(tamperedArticle.getByRole('link', { name: `위험한 링크 ${i}` })).toHaveCount(0)
    await tamperedArticle.getByText(`위험한 링크 ${i}`).click()
  }
  await expect(page.locator('a[href^="javascript:"], a[href^="file:"], a[href^="data:"]')).toHaveCount(0)
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined()
  expect(await app.opened()).toEqual([])
  expect(errors).toEqual([])
})
