/**
 * Choosing the archive folder in Settings, in Chromium against the real services through the bridge (main's
 * folder dialog answered by the test): a folder with other files is refused with its reason and nothing
 * changes; a second archive (a shared team folder, built here) opens with its briefings and its own index,
 * search finds them; back to the default folder.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateBriefings } from '../../archive/sample/generate.ts'
import { openArchiveStore } from '../../archive/storage/index.ts'
import { expect, saveScreenshot, test } from './fixtures.ts'
import { SearchPage, watchErrors } from './pages.ts'

/** Two briefings the sample archive does not hold (the generator, dated 2032). */
const team = generateBriefings(2, { seed: 91, startDate: '2032-05-14' })

test('choose another archive folder in Settings: refused with its reason, then a team archive with its briefings and search, then back to the default', async ({ page, app }) => {
  const errors = watchErrors(page)
  // The team's archive, made the way any copy of the app makes one (its index is built when it is opened).
  const teamDir = join(app.root, 'team-share', 'briefings')
  const teamStore = openArchiveStore(teamDir, { onWarning: () => undefined })
  await mkdir(join(app.root, 'files'))
  for (const generated of team) {
    const file = join(app.root, 'files', generated.fileName)
    await writeFile(file, generated.text)
    expect((await teamStore.importFile(file)).status).toBe('imported')
  }
  const teamIds = team.map((g) => g.expected.id)
  // A folder of other things: not an archive, and not to be made one.
  const documents = join(app.root, 'documents')
  await mkdir(documents)
  await writeFile(join(documents, 'minutes.docx'), 'not a briefing archive')
  const defaultDir = app.services.store.dir

  await page.goto('/')
  const count = page.locator('#library-title + .count')
  await expect(count).toHaveText(/브리핑 \d+건/)
  const before = Number((await count.textContent())?.match(/\d+/)?.[0])
  expect(before).toBeGreaterThan(0)

  await page.getByRole('button', { name: '설정' }).click()
  const settings = page.getByRole('dialog', { name: '설정' })
  const section = settings.getByRole('region', { name: '보관함 폴더' })
  const folder = section.getByTestId('archive-folder')
  const choose = section.getByRole('button', { name: '다른 폴더 선택…' })
  const useDefault = section.getByRole('button', { name: '기본 폴더로' })
  await expect(folder).toHaveText(defaultDir)
  const badge = section.getByText('기본 폴더', { exact: true })
  await expect(badge).toBeVisible()
  await expect(section).toContainText('여러 사람이 함께 쓰는 공유 폴더도 됩니다. 메모는 이 컴퓨터에 따로 저장됩니다.')
  await expect(useDefault).toBeDisabled()
  await section.getByText('여러 사람이').scrollIntoViewIfNeeded()
  await saveScreenshot(page, 'archive-folder-settings')

  // A folder with other files and no archive.json: the archive's reason, nothing changed.
  app.services.archiveFolderPath = documents
  await choose.click()
  const refused = section.getByRole('alert')
  await expect(refused).toContainText('이 폴더로 바꾸지 못했습니다')
  await expect(refused).toContainText('not a Briefing Reader archive (no archive.json) and it holds other files (minutes.docx)')
  await expect(refused).toContainText('nothing was changed')
  await expect(folder).toHaveText(defaultDir)
  await expect(useDefault).toBeDisabled()
  await refused.scrollIntoViewIfNeeded()
  await saveScreenshot(page, 'archive-folder-refused')

  // The team's folder: the library switches to its briefings.
  app.services.archiveFolderPath = teamDir
  await choose.click()
  await expect(folder).toHaveText(teamDir)
  await expect(refused).toHaveCount(0)
  await expect(useDefault).toBeEnabled()
  await expect(badge).toHaveCount(0)
  await saveScreenshot(page, 'archive-folder-team-chosen')
  await settings.getByRole('button', { name: '닫기' }).click()
  await expect(count).toHaveText('브리핑 2건')
  for (const id of teamIds) await expect(page.locator(`[data-id="${id}"]`)).toBeVisible()
  await saveScreenshot(page, 'archive-folder-team-library')

  // Its index answers: a word of a team briefing's title finds items of the team's briefings only.
  const title = team[0].expected.list[0].title
  const word = /[\p{Script=Hangul}]{2,}/u.exec(title)?.[0] ?? ''
  expect(word).not.toBe('')
  const search = new SearchPage(page)
  await page.keyboard.press('Control+k')
  await search.box.fill(word)
  await expect(search.hit(team[0].expected.list[0].id)).toBeVisible()
  const ids = await search.hitIds()
  expect(ids.length).toBeGreaterThan(0)
  expect(ids.filter((id) => !teamIds.some((b) => id.startsWith(`${b}/`)))).toEqual([])
  await saveScreenshot(page, 'archive-folder-team-search')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')

  // Back to the default folder: its briefings again.
  await page.getByRole('button', { name: '설정' }).click()
  await useDefault.click()
  await expect(folder).toHaveText(defaultDir)
  await expect(useDefault).toBeDisabled()
  await expect(badge).toBeVisible()
  await settings.getByRole('button', { name: '닫기' }).click()
  await expect(count).toHaveText(`브리핑 ${before}건`)
  for (const id of teamIds) await expect(page.locator(`[data-id="${id}"]`)).toHaveCount(0)
  expect(errors).toEqual([])
})

test('a briefing open in the reader is read again from the new archive: not found there, with the way back', async ({ page, app }) => {
  const errors = watchErrors(page)
  const empty = join(app.root, 'empty-team')
  await page.goto('/')
  const first = page.locator('[data-id]').first()
  const id = await first.getAttribute('data-id')
  expect(id).not.toBeNull()
  await first.click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  app.services.archiveFolderPath = empty
  await page.getByRole('button', { name: '설정' }).click()
  const settings = page.getByRole('dialog', { name: '설정' })
  await settings.getByRole('button', { name: '다른 폴더 선택…' }).click()
  await expect(settings.getByTestId('archive-folder')).toHaveText(empty)
  await settings.getByRole('button', { name: '닫기' }).click()
  await expect(page.getByText('이 브리핑을 찾을 수 없습니다')).toBeVisible()
  await saveScreenshot(page, 'archive-folder-reader-not-found')
  await page.getByRole('main').getByRole('button', { name: '보관함으로 돌아가기' }).click()
  await expect(page.getByText('아직 보관함에 브리핑이 없습니다')).toBeVisible()
  await expect(page.getByRole('main')).toContainText(empty)
  expect(errors).toEqual([])
})
