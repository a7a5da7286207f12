/**
 * Issue 10, defect 12, for the screens a11y.e2e.ts does not reach: the search help page, the notes panel (with
 * notes, a highlight, tags and the note editor open), the all-notes view (a tag filter, detached notes, the JSON
 * import report), bookmarks, trash, the import progress card and report, the delete confirmation, the settings
 * dialog's archive-folder section and the damaged-store notice. Each screen: axe-core with zero violations,
 * light and dark, Korean and English.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { allItems } from '../../archive/model/briefing.ts'
import { itemText } from '../../archive/notes/item-text.ts'
import { generateBriefings } from '../../archive/sample/generate.ts'
import { expect, REPO_ROOT, test } from './fixtures.ts'
import type { AppHandle } from './fixtures.ts'

const SAMPLE_ID = 'sample-weekly-2025-11-14'
const item = (ref: string): string => `${SAMPLE_ID}/${ref}`

async function violations(page: Page, screen: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations.map(
    (v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`
  )
}

/**
 * Notes for the screens: a highlight with a comment and tags and an item note on the sample issue, a bookmark,
 * one note in the trash, and a note whose briefing was deleted (detached).
 */
async function seedNotes(app: AppHandle): Promise<void> {
  const api = app.services.api
  const briefing = await app.services.store.get(SAMPLE_ID)
  if (!briefing) throw new Error(`${SAMPLE_ID} is not in the archive`)
  const i02 = allItems(briefing).find((i) => i.id === item('I-02'))!
  const raw = itemText(i02).raw
  const quote = '희석냉동기, 단일광자 검출기'
  const start = raw.indexOf(quote)
  await api.createHighlight({ briefingId: SAMPLE_ID, itemId: i02.id, text: raw, start, end: start + quote.length, color: 'red', comment: '**국산화** 대상', tags: ['부품', '공급망'] })
  await api.addItemNote({ briefingId: SAMPLE_ID, itemId: item('I-01'), text: '연산력 바우처: [원문](https://example.org/a) 확인\n\n- 후속 질의', tags: ['예산'] })
  await api.toggleBookmark({ briefingId: SAMPLE_ID, itemId: item('I-03') })
  const gone = await api.addItemNote({ briefingId: SAMPLE_ID, itemId: item('II-01'), text: '지운 메모' })
  await api.deleteAnnotation({ id: gone.id })
  const other = (await app.services.store.list()).find((b) => b.id !== SAMPLE_ID)!
  await api.addItemNote({ briefingId: other.id, itemId: `${other.id}/I-01`, text: '지워질 브리핑의 메모' })
  await api.deleteBriefing({ id: other.id })
}

/** The home views' tabs, in order: library, all notes, bookmarks, trash (the same in both languages). */
const tab = (page: Page, n: number): ReturnType<Page['locator']> => page.locator('nav.tabs .tab').nth(n)

for (const locale of ['ko', 'en'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe: no violations on search help, notes panel, all notes, bookmarks, trash, import, delete, archive folder (${locale}, ${theme})`, async ({ page, app }) => {
      await app.services.api.updateSettings({ locale, theme })
      await seedNotes(app)
      const found: string[] = []
      await page.goto('/')
      await expect(page.getByRole('listbox')).toBeVisible()

      // The search help page: the search panel open with nothing typed.
      await page.keyboard.press('Control+k')
      await expect(page.locator('.help')).toBeVisible()
      found.push(...(await violations(page, 'search help')))
      await page.keyboard.press('Escape')

      // The reader with the notes panel open and an item's note editor open.
      await page.locator(`[role="option"][data-id="${SAMPLE_ID}"]`).click()
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await page.keyboard.press('Control+Shift+M')
      const panel = page.locator('aside.panel')
      await expect(panel.locator('ol.list > li')).toHaveCount(3)
      await page.locator(`[id="${item('I-04')}"] button[aria-label^="${locale === 'ko' ? '메모 추가:' : 'Add a note:'}"]`).click()
      await expect(page.locator(`[id="${item('I-04')}"] textarea`)).toBeVisible()
      found.push(...(await violations(page, 'notes panel + editor')))
      await page.locator(`[id="${item('I-04')}"] textarea`).press('Escape')

      // The all-notes view: notes, a detached one, a tag filter, the JSON import report.
      await page.goto('/')
      await tab(page, 1).click()
      const list = page.locator('ol.virtual')
      await expect(list.locator('li')).toHaveCount(4)
      found.push(...(await violations(page, 'all notes')))
      await page.locator('aside.filters button.chip').filter({ hasText: '#부품' }).click()
      await expect(list.locator('li')).toHaveCount(1)
      found.push(...(await violations(page, 'all notes, tag filter')))
      const foreign = join(app.root, 'foreign.json')
      await writeFile(foreign, JSON.stringify([{ type: 'Annotation', motivation: 'highlighting', body: [], target: { source: `briefing-reader://item/${item('I-02')}`, selector: [{ type: 'TextQuoteSelector', exact: '극저온 증폭기' }] } }, { type: 'Nothing' }]))
      app.services.openPath = foreign
      await page.locator('.notes-view .export').last().locator('button').last().click()
      await expect(page.locator('.import-report')).toBeVisible()
      found.push(...(await violations(page, 'all notes, JSON import report')))

      await tab(page, 2).click()
      await expect(page.locator('ol.virtual li')).toHaveCount(1)
      found.push(...(await violations(page, 'bookmarks')))

      await tab(page, 3).click()
      await expect(page.locator('main.trash li')).toHaveCount(1)
      found.push(...(await violations(page, 'trash')))

      // The import progress card, held before its 3rd file; then the report with a failed file and a new one.
      await tab(page, 0).click()
      const folder = join(app.root, 'incoming')
      await mkdir(folder, { recursive: true })
      // In the order the folder walk takes them (by name).
      const fresh = generateBriefings(3, { seed: 77, startDate: '2030-06-14' }).sort((a, b) => a.fileName.localeCompare(b.fileName))
      for (const b of fresh) await writeFile(join(folder, b.fileName), b.text)
      await writeFile(join(folder, 'z-cut.pdf'), readFileSync(join(REPO_ROOT, 'archive/sample/pdf/sample-weekly-2026-01-09.pdf')).subarray(0, 3000))
      let started = 0
      let release = (): void => {}
      const held = new Promise<void>((resolve) => (release = resolve))
      app.services.importGate = async () => {
        if (++started === 3) await held
      }
      app.services.importPaths = [folder]
      await page.locator('button[aria-keyshortcuts="Control+O"]').click()
      await expect(page.locator('section.progress')).toBeVisible()
      await expect(page.locator('section.progress .file')).toContainText(fresh[2].fileName)
      found.push(...(await violations(page, 'import progress')))
      release()
      const report = page.locator('dialog.report')
      await expect(report.locator('.row.failed')).toHaveCount(1)
      found.push(...(await violations(page, 'import report')))
      await report.locator('footer button').click()
      await expect(report).toBeHidden()

      // The delete confirmation, for a briefing with notes.
      await page.locator(`[role="option"][data-id="${SAMPLE_ID}"]`).focus()
      await page.keyboard.press('Delete')
      const confirm = page.locator('dialog.confirm')
      await expect(confirm).toBeVisible()
      found.push(...(await violations(page, 'delete confirmation')))
      await page.keyboard.press('Escape')
      await expect(confirm).toBeHidden()

      // The settings dialog's archive-folder section, with a refused folder's reason shown.
      const busy = join(app.root, 'documents')
      await mkdir(busy, { recursive: true })
      await writeFile(join(busy, 'thesis.docx'), 'not an archive')
      app.services.archiveFolderPath = busy
      await page.locator('header.topbar .tools button').last().click()
      const settings = page.getByRole('dialog')
      await expect(settings.locator('[data-testid="archive-folder"]')).toBeVisible()
      await settings.locator('.folder-actions button').first().click()
      await expect(settings.locator('.archive-folder .error')).toBeVisible()
      await settings.locator('.archive-folder').scrollIntoViewIfNeeded()
      found.push(...(await violations(page, 'settings, archive folder')))
      expect(found).toEqual([])
    })
  }
}

test.describe('the damaged-store notice', () => {
  test.use({ userDataFiles: { 'notes.json': '{"format":1,"annotations":[{"id":' } })
  for (const locale of ['ko', 'en'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      test(`axe: no violations on the store notice (${locale}, ${theme})`, async ({ page, app }) => {
        await app.services.api.updateSettings({ locale, theme })
        await page.goto('/')
        await expect(page.locator('.store-notice')).toBeVisible()
        expect(await violations(page, 'store notice')).toEqual([])
      })
    }
  }
})
