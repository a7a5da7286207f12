/**
 * The notes journey on a sample briefing, against the real notes store (electron-store on notes.json), the
 * real anchoring and the real Markdown export: bookmark an item, highlight a sentence (selected as with the
 * mouse) and a table cell (selected with the keyboard), with a comment and tags, add an item note, reload —
 * everything still there and painted; the notes panel and the all-notes view list them and filter; export;
 * delete and undo.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { allItems } from '../../archive/model/briefing.ts'
import { itemText } from '../../archive/notes/item-text.ts'
import { SAMPLE_DIR } from '../../archive/storage/sample-files.ts'
import { expect, REPO_ROOT, saveScreenshot, test } from './fixtures.ts'
import { watchErrors } from './pages.ts'

const SAMPLE_ID = 'sample-weekly-2025-11-14'
const item = (ref: string): string => `${SAMPLE_ID}/${ref}`

/** Selects `text` inside an item's article the way a mouse drag does (a DOM selection across text nodes). */
async function selectText(page: Page, itemId: string, text: string): Promise<void> {
  const found = await page.evaluate(
    ({ itemId, text }) => {
      const root = document.getElementById(itemId)
      if (!root) return false
      const walker = document.createTreeWalker(root.querySelector('.body') ?? root, NodeFilter.SHOW_TEXT)
      const nodes: Text[] = []
      let all = ''
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push(n as Text)
        all += (n as Text).data
      }
      const at = all.indexOf(text)
      if (at === -1) return false
      const locate = (offset: number): [Text, number] => {
        let seen = 0
        for (const node of nodes) {
          if (offset <= seen + node.length) return [node, offset - seen]
          seen += node.length
        }
        return [nodes[nodes.length - 1], nodes[nodes.length - 1].length]
      }
      const [a, ao] = locate(at)
      const [b, bo] = locate(at + text.length)
      document.getSelection()?.setBaseAndExtent(a, ao, b, bo)
      return true
    },
    { itemId, text }
  )
  expect(found, `"${text}" in ${itemId}`).toBe(true)
}

/** The export with what changes every run (note ids, times, today's date) masked. */
function mask(markdown: string): string {
  return markdown
    .replace(/urn:uuid:[0-9a-f-]{36}/g, 'urn:uuid:ID')
    .replace(/urn%3Auuid%3A[0-9a-f-]{36}/gi, 'urn%3Auuid%3AID')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g, 'TIME')
    .replaceAll(new Date().toISOString().slice(0, 10), 'TODAY')
}

/** Clicks the middle of the painted highlight whose text is `text`. */
async function clickHighlight(page: Page, text: string): Promise<void> {
  const point = await page.evaluate((text) => {
    for (const [, highlight] of CSS.highlights) {
      for (const range of highlight as unknown as Set<Range>) {
        if (range.toString() !== text) continue
        range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' })
        const rect = range.getClientRects()[0]
        return { x: rect.left + Math.min(rect.width / 2, 20), y: rect.top + rect.height / 2 }
      }
    }
    return null
  }, text)
  expect(point, `a highlight "${text}"`).not.toBeNull()
  await page.mouse.click(point!.x, point!.y)
}

/** The note highlights painted in the page: colour and text. */
async function painted(page: Page): Promise<Array<{ color: string; text: string; itemId: string | null }>> {
  return page.evaluate(() => {
    const out: Array<{ color: string; text: string; itemId: string | null }> = []
    for (const color of ['yellow', 'red', 'green', 'blue', 'purple', 'orange']) {
      for (const range of (CSS.highlights.get(`note-${color}`) as unknown as Set<Range> | undefined) ?? []) {
        const r = range
        const node = r.startContainer
        const element = node.nodeType === 1 ? (node as Element) : node.parentElement
        out.push({ color, text: r.toString(), itemId: element?.closest('article')?.id ?? null })
      }
    }
    return out
  })
}

test('bookmarks, highlights and notes survive a reload, are listed, filtered, exported and undone', async ({ page, app }) => {
  const errors = watchErrors(page)
  await page.goto('/')
  await page.getByRole('option', { name: /2025년 11월 14일/ }).click()
  await page.keyboard.press('Enter')
  const i02 = page.locator(`[id="${item('I-02')}"]`)
  await expect(i02).toBeVisible()

  // Bookmark I-02 with its button; the state and a reason are set under the title.
  await i02.getByRole('button', { name: /^북마크:/ }).click()
  await expect(i02.getByRole('button', { name: /^북마크:/ })).toHaveAttribute('aria-pressed', 'true')
  await i02.getByRole('combobox', { name: '북마크 상태' }).selectOption('review')
  await i02.getByRole('textbox', { name: '북마크 이유' }).fill('주간 회의 안건')
  await i02.getByRole('textbox', { name: '북마크 이유' }).press('Tab')

  // Highlight a sentence: select it, the toolbar appears, 2 = red (검토 필요).
  const sentence = '희석냉동기, 단일광자 검출기, 극저온 증폭기'
  await selectText(page, item('I-02'), sentence)
  const toolbar = page.getByRole('toolbar', { name: '하이라이트' })
  await expect(toolbar).toBeVisible()
  await saveScreenshot(page, 'notes-toolbar')
  await page.keyboard.press('2')
  await expect(toolbar).toHaveCount(0)
  await expect.poll(() => painted(page)).toEqual([{ color: 'red', text: sentence, itemId: item('I-02') }])

  // Click it: the popover takes a Markdown comment and tags (with completion later).
  await clickHighlight(page, sentence)
  const popover = page.getByRole('dialog', { name: '하이라이트 편집' })
  await expect(popover).toBeVisible()
  await popover.getByRole('textbox', { name: '코멘트 (Markdown)' }).fill('**국산화** 대상 부품 — 수입 의존도 확인')
  await popover.getByRole('combobox', { name: '태그 추가' }).fill('부품')
  await popover.getByRole('combobox', { name: '태그 추가' }).press('Enter')
  await expect(popover.getByRole('list', { name: '태그' })).toContainText('#부품')
  await saveScreenshot(page, 'notes-popover')
  await popover.getByRole('button', { name: '완료' }).click()
  await expect(popover).toHaveCount(0)

  // A table cell of I-04's ranking, selected like a drag over it, key 6 = orange.
  await selectText(page, item('I-04'), '식각 장비')
  await page.keyboard.press('6')
  await expect.poll(async () => (await painted(page)).filter((p) => p.itemId === item('I-04'))).toEqual([
    { color: 'orange', text: '식각 장비', itemId: item('I-04') }
  ])

  // With the keyboard only: J/K to II-01, Shift+Ctrl+→ twice selects its first two words, 3 = green.
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  const ii01 = page.locator(`[id="${SAMPLE_ID}/II-01"]`)
  await page.getByRole('link', { name: /톈궁양자/ }).click()
  await expect(ii01.getByRole('heading', { level: 3 })).toBeFocused()
  await page.keyboard.press('Shift+Control+ArrowRight')
  await page.keyboard.press('Shift+Control+ArrowRight')
  await expect(toolbar).toBeVisible()
  await page.keyboard.press('3')
  await expect.poll(async () => (await painted(page)).filter((p) => p.itemId === `${SAMPLE_ID}/II-01`).map((p) => p.color)).toEqual(['green'])
  const keyboardText = (await painted(page)).find((p) => p.color === 'green')?.text ?? ''
  expect(keyboardText.trim().split(/\s+/).length).toBe(2)

  // An item note on I-01.
  const i01 = page.locator(`[id="${item('I-01')}"]`)
  await i01.getByRole('button', { name: /^메모 추가:/ }).click()
  const editor = i01.getByRole('textbox', { name: /^항목 메모:/ })
  await editor.fill('연산력 바우처: [원문](https://example.org/a) 확인\n\n- 후속 질의')
  await editor.press('Control+Enter')
  await expect(i01.getByRole('region', { name: '항목 메모' }).getByRole('link', { name: '원문' })).toBeVisible()
  await saveScreenshot(page, 'notes-item-note')

  // Reload: everything is still there and painted.
  await page.reload()
  await page.getByRole('option', { name: /2025년 11월 14일/ }).click()
  await page.keyboard.press('Enter')
  await expect(i02).toBeVisible()
  await expect.poll(() => painted(page)).toHaveLength(3)
  expect((await painted(page)).map((p) => p.text).sort()).toEqual([sentence, '식각 장비', keyboardText].sort())
  await expect(i02.getByRole('button', { name: /^북마크:/ })).toHaveAttribute('aria-pressed', 'true')
  await expect(i02.getByRole('combobox', { name: '북마크 상태' })).toHaveValue('review')
  await expect(i01.getByRole('region', { name: '항목 메모' })).toContainText('연산력 바우처')

  // The notes panel lists them in document order.
  await page.keyboard.press('Control+Shift+M')
  const panel = page.getByRole('complementary', { name: '메모' })
  await expect(panel).toBeVisible()
  // (its own entries: a note's Markdown list has list items too)
  const entries = panel.locator('ol[aria-label="이 브리핑의 메모"] > li')
  await expect(entries).toHaveCount(5)
  await expect(entries.nth(0)).toContainText('I-01')
  await expect(entries.nth(1)).toContainText('I-02')
  await saveScreenshot(page, 'notes-panel')

  // Export: save to a file (the bridge's save dialog answers with this path), the Markdown is the core's.
  const savePath = `${app.root}/export.md`
  app.services.savePath = savePath
  await panel.getByRole('button', { name: 'Markdown 저장' }).click()
  await expect(page.getByRole('status').filter({ hasText: '저장했습니다' })).toBeVisible()
  const exported = await readFile(savePath, 'utf8')
  // Equal to the golden file once the note ids and times (new every run) are masked.
  const golden = join(REPO_ROOT, 'tests/fixtures/notes/e2e-export.md')
  if (process.env['UPDATE_GOLDEN']) await writeFile(golden, mask(exported))
  expect(mask(exported)).toBe(await readFile(golden, 'utf8'))
  // The analyst writes under I-01's heading in the file; a re-export (after one more note, on I-02) keeps it
  // where it was and adds the new note at its item.
  const edited = exported.replace('<!-- /briefing-reader:item -->', '<!-- /briefing-reader:item -->\n\n> 회의에서 논의할 것: 예산 규모\n')
  await writeFile(savePath, edited)
  await i02.getByRole('button', { name: /^메모 추가:/ }).click()
  await i02.getByRole('textbox', { name: /^항목 메모:/ }).fill('새로 덧붙인 메모')
  await i02.getByRole('textbox', { name: /^항목 메모:/ }).press('Control+Enter')
  await expect(panel.locator('ol[aria-label="이 브리핑의 메모"] > li')).toHaveCount(6)
  await panel.getByRole('button', { name: 'Markdown 저장' }).click()
  await expect.poll(async () => (await readFile(savePath, 'utf8')).includes('새로 덧붙인 메모')).toBe(true)
  const merged = await readFile(savePath, 'utf8')
  expect(merged).toContain('> 회의에서 논의할 것: 예산 규모')
  expect(merged.indexOf('회의에서 논의할 것')).toBeLessThan(merged.indexOf('새로 덧붙인 메모'))
  await i02.getByRole('region', { name: '항목 메모' }).getByRole('button', { name: '삭제' }).click()
  await expect(panel.locator('ol[aria-label="이 브리핑의 메모"] > li')).toHaveCount(5)

  // Delete the red highlight from its popover, then undo with Ctrl+Z.
  await clickHighlight(page, sentence)
  await page.getByRole('dialog', { name: '하이라이트 편집' }).getByRole('button', { name: '삭제', exact: true }).click()
  await expect.poll(async () => (await painted(page)).length).toBe(2)
  await expect(page.getByRole('status').filter({ hasText: '하이라이트를 삭제했습니다' })).toBeVisible()
  await page.locator('body').click({ position: { x: 5, y: 400 } })
  await page.keyboard.press('Control+z')
  await expect.poll(async () => (await painted(page)).length).toBe(3)

  // The all-notes view: every note across the archive, filtered by colour and by tag.
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: '모든 메모' }).click()
  const list = page.getByRole('list', { name: '메모 목록' })
  await expect(list.getByRole('listitem')).toHaveCount(5)
  await saveScreenshot(page, 'notes-all')
  await page.getByRole('button', { name: /검토 필요/ }).first().click()
  await expect(list.getByRole('listitem')).toHaveCount(1)
  await expect(list).toContainText('희석냉동기')

  // The trash keeps the note deleted above; 되돌리기 brings it back into the list.
  await page.getByRole('button', { name: '휴지통' }).click()
  const trash = page.getByRole('list', { name: '휴지통' })
  await expect(trash.getByRole('listitem')).toHaveCount(1)
  await expect(trash).toContainText('새로 덧붙인 메모')
  await saveScreenshot(page, 'notes-trash')
  await trash.getByRole('button', { name: '되돌리기' }).click()
  await expect(page.getByText('휴지통이 비어 있습니다')).toBeVisible()
  await page.getByRole('button', { name: '모든 메모' }).click()
  await expect(page.getByRole('list', { name: '메모 목록' }).getByRole('listitem')).toHaveCount(6)
  expect(errors).toEqual([])
})

test('a corrected briefing: the notes that moved and the one that could not be placed are shown', async ({ page, app }) => {
  const errors = watchErrors(page)
  const id = 'sample-weekly-2026-03-06'
  const original = await readFile(join(SAMPLE_DIR, `${id}.txt`), 'utf8')
  const briefing = await app.services.store.get(id)
  if (!briefing) throw new Error(`${id} is not in the archive`)
  const i02 = allItems(briefing).find((i) => i.id === `${id}/I-02`)!
  const raw = itemText(i02).raw
  const highlight = async (phrase: string, color: 'yellow' | 'red'): Promise<string> => {
    const start = raw.indexOf(phrase)
    expect(start, phrase).toBeGreaterThan(-1)
    const created = await app.services.api.createHighlight({ briefingId: id, itemId: i02.id, text: raw, start, end: start + phrase.length, color })
    return created.id
  }
  const stays = '홍콩 연구자가 선전 연구기관에서 일하면'
  const goes = '연구 인력이 두 지역을 자유롭게 오갈 수 있도록 복수 통행증 발급 절차를 간소화'
  await highlight(stays, 'yellow')
  await highlight(goes, 'red')
  await app.services.api.addItemNote({ briefingId: id, itemId: i02.id, text: '6G 협력 후속 확인' })

  await page.goto('/')
  await page.getByRole('option', { name: /2026년 3월 6일/ }).click()
  await page.keyboard.press('Enter')
  await expect.poll(async () => (await painted(page)).length).toBe(2)

  // The corrected issue: a new item 02 renumbers the section, and the sentence of the red highlight is gone.
  const inserted = ['02 선전시, 가상 반도체 설계 지원책 발표', '', '■ 선전시는 가상의 반도체 설계 기업에 연구비를 지원하는 정책을 발표(3.1)', '', '- 이 항목은 시험을 위해 끼워 넣은 것이다', '', ''].join('\n')
  const corrected = original
    .replace('03 훙투로봇,', '04 훙투로봇,')
    .replace('02 광둥성·홍콩,', `${inserted}03 광둥성·홍콩,`)
    .replace(`- ${goes}\n`, '')
  expect(corrected).not.toContain(goes)
  const outcome = await app.services.store.importBytes(`${id}.txt`, new TextEncoder().encode(corrected))
  expect(outcome.status).toBe('updated')
  await app.services.searchService.refresh()
  const report = await app.services.notes.briefingChanged(id)
  expect(report?.entries.map((e) => [e.kind, e.status, e.to ?? null])).toEqual([
    ['highlight', 'moved', `${id}/I-03`],
    ['highlight', 'orphan', null],
    ['note', 'moved', `${id}/I-03`]
  ])

  // The open reader follows: the notice names what moved and what could not be placed.
  await page.reload()
  await page.getByRole('option', { name: /2026년 3월 6일/ }).click()
  await page.keyboard.press('Enter')
  const notice = page.getByRole('status', { name: '고쳐진 판으로 바뀐 브리핑' })
  await expect(notice).toContainText('메모 2개가 새 위치로 옮겨졌고, 1개는 위치를 찾지 못했습니다')
  await expect(notice).toContainText('I-02 → I-03')
  await saveScreenshot(page, 'notes-reanchored')
  // The yellow highlight is painted in I-03 now, the note is there too; the red one is kept as unplaced.
  await expect.poll(() => painted(page)).toEqual([{ color: 'yellow', text: stays, itemId: `${id}/I-03` }])
  await expect(page.locator(`[id="${id}/I-03"]`).getByRole('region', { name: '항목 메모' })).toContainText('6G 협력 후속 확인')
  await notice.getByRole('button', { name: '메모 패널에서 보기' }).click()
  const unplaced = page.getByRole('region', { name: /위치를 찾지 못한 메모/ })
  await expect(unplaced).toContainText(goes)
  await saveScreenshot(page, 'notes-unplaced')
  await notice.getByRole('button', { name: '확인' }).click()
  await expect(notice).toHaveCount(0)
  expect(errors).toEqual([])
})

test('a note typed and not yet saved (the window closed within the typing debounce) is saved all the same', async ({ page, app }) => {
  await page.goto('/')
  await page.getByRole('option', { name: /2025년 11월 14일/ }).click()
  await page.keyboard.press('Enter')
  const i01 = page.locator(`[id="${item('I-01')}"]`)
  await i01.getByRole('button', { name: /^메모 추가:/ }).click()
  const editor = i01.getByRole('textbox', { name: /^항목 메모:/ })
  await editor.pressSequentially('닫기 직전에 쓴 메모')
  // No blur, no Ctrl+Enter: the editor is still focused and its debounce still running when the page goes.
  await expect(editor).toBeFocused()
  await page.close({ runBeforeUnload: true })
  const saved = (): string | undefined => {
    const note = app.services.notesStore.list({ itemId: item('I-01'), kind: 'note' })[0]
    return note?.kind === 'note' ? note.text : undefined
  }
  await expect.poll(saved).toBe('닫기 직전에 쓴 메모')
})

test('Web Annotation JSON: export every note from the all-notes view, import another tool\'s file by its quotes, idempotently, and refuse a bad file', async ({ page, app }) => {
  const errors = watchErrors(page)
  const briefing = await app.services.store.get(SAMPLE_ID)
  if (!briefing) throw new Error(`${SAMPLE_ID} is not in the archive`)
  const i02 = allItems(briefing).find((i) => i.id === item('I-02'))!
  const raw = itemText(i02).raw
  const mine = '희석냉동기, 단일광자 검출기'
  const start = raw.indexOf(mine)
  await app.services.api.createHighlight({ briefingId: SAMPLE_ID, itemId: i02.id, text: raw, start, end: start + mine.length, color: 'green', tags: ['부품'] })

  await page.goto('/')
  await page.getByRole('button', { name: '모든 메모' }).click()
  const exchange = page.getByRole('group', { name: /W3C Web Annotation JSON/ })
  const out = join(app.root, 'exported.jsonld')
  app.services.savePath = out
  await exchange.getByRole('button', { name: 'JSON 내보내기' }).click()
  await expect(page.getByRole('status').filter({ hasText: '메모 1개를 저장했습니다' })).toBeVisible()
  const collection = JSON.parse(await readFile(out, 'utf8')) as {
    type: string
    total: number
    first: { items: Array<{ type: string; motivation: string; target: { source: string; selector: Array<{ type: string; exact?: string }> } }> }
  }
  expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 1 })
  expect(collection.first.items[0]).toMatchObject({ type: 'Annotation', motivation: 'highlighting', target: { source: `briefing-reader://item/${i02.id}` } })
  expect(collection.first.items[0].target.selector.find((sel) => sel.type === 'TextQuoteSelector')?.exact).toBe(mine)

  // Another tool's file: a quote selector only (no positions, no hash), a comment and a tag.
  const theirs = '극저온 증폭기'
  const foreign = join(app.root, 'hypothesis.json')
  await writeFile(
    foreign,
    JSON.stringify([
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'https://hypothes.is/a/Xk3-example',
        type: 'Annotation',
        motivation: 'highlighting',
        created: '2026-11-20T09:00:00Z',
        modified: '2026-11-20T09:00:00Z',
        body: [
          { type: 'TextualBody', purpose: 'commenting', value: '공급망 점검', format: 'text/markdown' },
          { type: 'TextualBody', purpose: 'tagging', value: '공급망' }
        ],
        target: { source: `briefing-reader://item/${i02.id}`, selector: [{ type: 'TextQuoteSelector', exact: theirs }] }
      }
    ])
  )
  app.services.openPath = foreign
  const importButton = exchange.getByRole('button', { name: 'JSON 가져오기' })
  await importButton.click()
  const report = page.getByRole('status', { name: '가져오기 결과' })
  await expect(report).toHaveText(/hypothesis\.json: 새로 1 · 갱신 0 · 변경 없음 0 · 위치를 찾지 못함 0 · 실패 0/)
  const list = page.getByRole('list', { name: '메모 목록' })
  await expect(list).toContainText(theirs)
  await expect(list).toContainText('#공급망')
  await saveScreenshot(page, 'notes-import-json')
  // The same file again: nothing changes.
  await importButton.click()
  await expect(report).toHaveText(/새로 0 · 갱신 0 · 변경 없음 1/)
  expect(app.services.notesStore.list()).toHaveLength(2)

  // Not JSON: refused with the file's name, the store as it was.
  const before = app.services.notesStore.list()
  const bad = join(app.root, 'notes.txt')
  await writeFile(bad, 'these are not annotations')
  app.services.openPath = bad
  await importButton.click()
  await expect(page.getByRole('alert')).toContainText(`${bad}: not valid JSON`)
  expect(app.services.notesStore.list()).toBe(before)

  // In the reader, the imported highlight is painted where its quote is.
  await list.getByRole('button').filter({ hasText: theirs }).click()
  await expect.poll(async () => (await painted(page)).map((p) => p.text)).toEqual(expect.arrayContaining([mine, theirs]))
  expect(errors).toEqual([])
})

test('the colours mean what the user names them, in the toolbar and in the settings', async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto('/')
  await page.getByRole('button', { name: '설정' }).click()
  const settings = page.getByRole('dialog', { name: '설정' })
  const yellow = settings.getByRole('textbox', { name: '노랑' })
  await expect(yellow).toHaveValue('중요')
  await yellow.fill('핵심 쟁점')
  await yellow.press('Enter')
  await saveScreenshot(page, 'notes-settings-colors')
  await settings.getByRole('button', { name: '닫기' }).click()
  await page.getByRole('option', { name: /2025년 11월 14일/ }).click()
  await page.keyboard.press('Enter')
  await selectText(page, item('I-02'), '희석냉동기')
  await expect(page.getByRole('toolbar', { name: '하이라이트' }).getByRole('button', { name: '노랑 · 핵심 쟁점 (1)' })).toBeVisible()
  // After a reload the name is still the user's.
  await page.reload()
  await page.getByRole('button', { name: '설정' }).click()
  await expect(page.getByRole('dialog', { name: '설정' }).getByRole('textbox', { name: '노랑' })).toHaveValue('핵심 쟁점')
  expect(errors).toEqual([])
})

test('bookmarks from the search results, found again with is:bookmarked and listed in the bookmarks view', async ({ page, app }) => {
  const errors = watchErrors(page)
  await page.goto('/')
  await page.keyboard.press('Control+k')
  const box = page.getByRole('combobox', { name: '브리핑 검색' })
  await box.fill('양자')
  const results = page.getByRole('listbox', { name: '검색 결과' })
  const first = results.getByRole('option').first()
  await expect(first).toBeVisible()
  const itemId = await first.getAttribute('data-item-id')
  // The hit's toggle is for the mouse (the option is what the keyboard and screen readers reach): hidden from them.
  const toggle = first.locator('.icon-button.bookmark')
  await expect(toggle).toHaveAttribute('aria-hidden', 'true')
  await toggle.click()
  await expect(toggle).toHaveAttribute('data-pressed', 'true')
  // The click bookmarked; it did not open the result.
  await expect(results).toBeVisible()
  // Ctrl+D bookmarks the selected hit from the keyboard.
  const second = results.getByRole('option').nth(1)
  const secondId = await second.getAttribute('data-item-id')
  await second.focus()
  await page.keyboard.press('Control+d')
  await expect(second.locator('.icon-button.bookmark')).toHaveAttribute('data-pressed', 'true')
  await expect(results).toBeVisible()
  await box.fill('is:bookmarked')
  await expect(results.getByRole('option')).toHaveCount(2)
  expect((await results.getByRole('option').evaluateAll((os) => os.map((o) => o.getAttribute('data-item-id')))).sort()).toEqual([itemId, secondId].sort())
  await box.fill('양자 tag:없는태그')
  await expect(page.getByRole('main', { name: '검색' }).getByText(/맞는 항목이 없습니다/)).toBeVisible()
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: '북마크', exact: true }).click()
  const list = page.getByRole('list', { name: '메모 목록' })
  await expect(list.getByRole('listitem')).toHaveCount(2)
  await expect(list).toContainText('읽지 않음')
  await saveScreenshot(page, 'notes-bookmarks')
  // The list as a Markdown digest on the clipboard, grouped by briefing.
  await page.getByRole('group', { name: '목록 내보내기' }).getByRole('button', { name: '복사' }).click()
  await expect(page.getByRole('status').filter({ hasText: '클립보드에 복사했습니다' })).toBeVisible()
  const digest = app.services.clipboard.at(-1) ?? ''
  expect(digest).toMatch(/^---\ntitle: "북마크"\n/)
  expect(digest).toContain(`briefing-reader://item/${itemId}`)
  expect(digest).toContain('북마크 · 읽지 않음')
  expect(errors).toEqual([])
})

test('a briefing-reader:// link (from an exported file, a second instance) opens the reader at its item or note', async ({ page, app }) => {
  const errors = watchErrors(page)
  const connected = page.waitForResponse((r) => r.url().endsWith('/api/events'))
  await page.goto('/')
  await connected
  // What main emits after a second instance was started with briefing-reader://item/<id>.
  app.services.events.emit('openLink', { kind: 'item', id: item('III-01') })
  const target = page.locator(`[id="${item('III-01')}"]`)
  await expect(target).toBeInViewport()
  await expect(page.getByRole('navigation').getByRole('link', { name: /항저우/ })).toHaveAttribute('aria-current', 'true')
  // A note link goes to the note's item, in another briefing.
  const note = await app.services.api.addItemNote({ briefingId: 'sample-weekly-2026-03-06', itemId: 'sample-weekly-2026-03-06/II-02', text: '링크로 찾아갈 메모' })
  app.services.events.emit('openLink', { kind: 'note', id: note.id })
  await expect(page.locator('[id="sample-weekly-2026-03-06/II-02"]')).toBeInViewport()
  await expect(page.locator('[id="sample-weekly-2026-03-06/II-02"]').getByRole('region', { name: '항목 메모' })).toContainText('링크로 찾아갈 메모')
  expect(errors).toEqual([])
})

test.describe('a damaged notes store', () => {
  const good = {
    format: 1,
    annotations: [
      { id: 'urn:uuid:00000000-0000-4000-8000-000000000001', kind: 'bookmark', briefingId: SAMPLE_ID, itemId: item('I-02'), itemTitle: '허페이', reason: '백업에 있던 북마크', state: 'review', tags: [], created: '2026-11-30T09:00:00+09:00', modified: '2026-11-30T09:00:00+09:00' }
    ],
    trash: [],
    colorMeanings: { yellow: '중요', red: '검토 필요', green: '인용', blue: '배경', purple: '수치', orange: '후속' }
  }
  test.use({
    userDataFiles: { 'backups/notes-2026-11-30.json': JSON.stringify(good), 'notes.json': '{"format":1,"annotations":[{"id":' }
  })

  test('is set aside byte-identical, the newest good backup restored, and the user is told where the bad file is', async ({ page, app }) => {
    const notice = page.getByRole('alert').filter({ hasText: '메모 저장소 파일이 손상되어 있었습니다' })
    await page.goto('/')
    await expect(notice).toBeVisible()
    await expect(notice).toContainText('notes-2026-11-30.json')
    const badFile = app.services.notesStore.recovered?.badFile ?? ''
    await expect(notice).toContainText(badFile)
    expect(await readFile(badFile, 'utf8')).toBe('{"format":1,"annotations":[{"id":')
    await saveScreenshot(page, 'notes-store-recovered')
    await notice.getByRole('button', { name: '확인' }).click()
    await page.getByRole('button', { name: '북마크', exact: true }).click()
    await expect(page.getByRole('list', { name: '메모 목록' })).toContainText('백업에 있던 북마크')
  })
})
