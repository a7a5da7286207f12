/**
 * The import journey in Chromium against the real services through the bridge: import from the library's
 * button (main's dialog, answered by the test), drop files on the window, follow the progress, read the report,
 * open a new briefing from it, find it by search, and delete one: its notes stay, listed as detached.
 */
import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import iconv from 'iconv-lite'
import { briefingHtml, SERIES_HEADER } from '../../scripts/pdf-fixtures.ts'
import { generateBriefings } from '../../archive/sample/generate.ts'
import { expect, REPO_ROOT, saveScreenshot, test } from './fixtures.ts'
import { watchErrors } from './pages.ts'

/** Two briefings the sample archive does not hold (the generator, dated 2030), as text files. */
const fresh = generateBriefings(3, { seed: 77, startDate: '2030-06-14' })

/** The text as far as CP949 can hold it (the generator writes some simplified Chinese and symbols it cannot). */
const cp949able = (text: string): string => [...text].filter((c) => iconv.decode(iconv.encode(c, 'cp949'), 'cp949') === c).join('')

/** A briefing printed to PDF the way the sample PDFs are (A4, running header, page numbers, bordered tables). */
async function printPdf(browser: Browser, text: string): Promise<Buffer> {
  const printer = await browser.newPage()
  try {
    await printer.setContent(briefingHtml(text, SERIES_HEADER), { waitUntil: 'load' })
    return await printer.pdf({ preferCSSPageSize: true, printBackground: true, tagged: false, outline: false })
  } finally {
    await printer.close()
  }
}

/** Drops files on the page the way a file manager does: a drag over the window, then the drop. */
async function dropFiles(page: Page, files: Array<{ name: string; text?: string; bytes?: Uint8Array }>, { drop = true } = {}): Promise<void> {
  const sent = files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes ?? new TextEncoder().encode(f.text ?? '')).toString('base64') }))
  await page.evaluate(
    ({ files, drop }) => {
      const transfer = new DataTransfer()
      for (const f of files) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name))
      const target = document.querySelector('main') ?? document.body
      const fire = (type: string): boolean => target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }))
      fire('dragenter')
      fire('dragover')
      if (drop) fire('drop')
    },
    { files: sent, drop }
  )
}

test('import from the dialog and by dropping files: progress, the report, open the new briefing, search finds it; delete one and its notes stay, detached', async ({ page, app, browser }) => {
  const errors = watchErrors(page)
  const folder = join(app.root, 'incoming')
  await mkdir(join(folder, 'sub'), { recursive: true })
  await writeFile(join(folder, fresh[0].fileName), fresh[0].text)
  // A PDF cut short (a download that did not finish): refused with its reason.
  await writeFile(join(folder, 'sub', 'cut.pdf'), readFileSync(join(REPO_ROOT, 'archive/sample/pdf/sample-weekly-2026-01-09.pdf')).subarray(0, 3000))
  await writeFile(join(folder, 'picture.png'), 'not picked: not an importable extension')

  await page.goto('/')
  // The list is virtualised (only rows near the window are drawn): the library's count says how many there are.
  const count = page.locator('#library-title + .count')
  await expect(count).toHaveText(/브리핑 \d+건/)
  const before = Number((await count.textContent())?.match(/\d+/)?.[0])
  const listed = (n: number): Promise<void> => expect(count).toHaveText(`브리핑 ${n}건`)

  // The library's button: main's dialog answers with a folder; it is walked, one file fails with its reason.
  app.services.importPaths = [folder]
  await page.getByRole('button', { name: '가져오기' }).click()
  const report = page.getByRole('dialog', { name: '가져오기 결과' })
  await expect(report).toBeVisible()
  await expect(report).toContainText('새로 1 · 갱신 0 · 변경 없음 0 · 실패 1')
  const results = report.getByRole('list', { name: '파일별 결과' }).getByRole('listitem')
  await expect(results).toHaveCount(2)
  await expect(results.filter({ hasText: '실패' })).toContainText('cut.pdf: not a readable PDF')
  await saveScreenshot(page, 'import-report')
  await listed(before + 1)

  // Each imported row opens its briefing.
  const published = fresh[0].expected.published
  await results.filter({ hasText: '새로 가져옴' }).getByRole('button').click()
  await expect(report).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.locator('time').first()).toHaveAttribute('datetime', published)

  // Search finds it (the index was refreshed before the report came).
  await page.keyboard.press('Control+k')
  await page.getByRole('combobox', { name: '브리핑 검색' }).fill(`발행:${published}`)
  await expect(page.getByRole('main', { name: /검색/ }).getByText(/건/).first()).toBeVisible()
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')

  // Dropping: the drop target while dragging, then two files imported: a PDF and a legacy CP949 text.
  await page.goto('/')
  const pdf = await printPdf(browser, fresh[1].text)
  const legacy = iconv.encode(cp949able(fresh[2].text), 'cp949')
  await dropFiles(page, [{ name: 'issue.pdf', bytes: pdf }], { drop: false })
  await expect(page.getByText('놓으면 보관함으로 가져옵니다')).toBeVisible()
  await saveScreenshot(page, 'import-drop-target')
  await dropFiles(page, [
    { name: 'issue.pdf', bytes: pdf },
    { name: 'legacy-cp949.txt', bytes: legacy }
  ])
  await expect(page.getByText('놓으면 보관함으로 가져옵니다')).toHaveCount(0)
  await expect(report).toBeVisible()
  await expect(report).toContainText('새로 2 · 갱신 0 · 변경 없음 0 · 실패 0')
  await report.getByRole('button', { name: '닫기' }).click()
  await listed(before + 3)

  // The same file again: unchanged.
  await dropFiles(page, [{ name: 'legacy-cp949.txt', bytes: legacy }])
  await expect(report).toContainText('새로 0 · 갱신 0 · 변경 없음 1 · 실패 0')
  await report.getByRole('button', { name: '닫기' }).click()

  // Delete one with a note on it: asked first; the note stays, listed as detached.
  const target = fresh[2].expected.id
  const item = `${target}/I-01`
  await app.services.api.addItemNote({ briefingId: target, itemId: item, text: '지워질 브리핑의 메모' })
  // Selected (focus follows the selection) with the keyboard, as a user moving through the list does.
  await page.locator(`[data-id="${target}"]`).focus()
  await expect(page.locator(`[data-id="${target}"]`)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Delete')
  const confirm = page.getByRole('dialog', { name: /보관함에서 지울까요/ })
  await expect(confirm).toContainText('메모 1개는 지워지지 않고')
  await saveScreenshot(page, 'import-delete-confirm')
  await confirm.getByRole('button', { name: '삭제' }).click()
  await listed(before + 2)
  await expect(page.getByRole('status').filter({ hasText: '메모 1개는 남아 있습니다' })).toBeVisible()
  expect(await app.services.store.get(target)).toBeNull()
  await page.getByRole('button', { name: '모든 메모' }).click()
  const list = page.getByRole('list', { name: '메모 목록' })
  await expect(list).toContainText('지워질 브리핑의 메모')
  await expect(list).toContainText('브리핑이 없는 메모')

  expect(errors).toEqual([])
})

test('a running import shows file n of m and can be cancelled: what was imported stays, the rest is not', async ({ page, app }) => {
  // In the order the folder walk takes them (by name).
  const many = generateBriefings(40, { seed: 5, startDate: '2031-12-26' }).sort((a, b) => a.fileName.localeCompare(b.fileName))
  const folder = join(app.root, 'many')
  await mkdir(folder, { recursive: true })
  for (const b of many) await writeFile(join(folder, b.fileName), b.text)
  await page.goto('/')
  // The import is held before its 4th file until the test lets it go.
  let started = 0
  let release = (): void => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  app.services.importGate = async () => {
    if (++started === 4) await held
  }
  app.services.importPaths = [folder]
  await page.getByRole('button', { name: '가져오기' }).click()
  const progress = page.getByRole('status', { name: '가져오는 중' })
  await expect(progress).toContainText('40개 중 4번째 파일')
  await expect(progress).toContainText(many[3].fileName)
  await saveScreenshot(page, 'import-progress')
  await progress.getByRole('button', { name: '취소' }).click()
  release()
  // The file in progress finishes; nothing after it is imported.
  const report = page.getByRole('dialog', { name: '가져오기를 취소했습니다' })
  await expect(report).toBeVisible()
  await expect(report).toContainText('새로 4 · 갱신 0 · 변경 없음 0 · 실패 0')
  await expect(progress).toHaveCount(0)
  const listed = (await app.services.store.list()).filter((b) => b.published >= '2031-01-01')
  expect(listed.map((b) => b.id).sort()).toEqual(many.slice(0, 4).map((b) => b.expected.id).sort())
})
