/**
 * Main's events reach the screen: the index state is pushed (no polling while nothing changes), and a
 * search open while the index rebuilds is asked again once it is ready. Runs on the bundled sample archive
 * against the real services; the events come from the real search service, or are emitted on the real
 * event hub where a state (building, failed) cannot be held on screen long enough to look at.
 */
import { expect, test } from './fixtures.ts'
import type { IndexProgress } from '../../electron/shared/ipc-contract.ts'
import { SearchPage, watchErrors } from './pages.ts'
import { fictionalBriefing } from '../helpers/fictional-briefing.ts'

test('shows the index state from main\'s events and polls nothing', async ({ page, app }) => {
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  const statusCalls: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/api/indexStatus')) statusCalls.push(request.url())
  })
  await page.clock.install()
  // The event stream is open once its response has arrived (the bridge listens before it answers).
  const connected = page.waitForResponse((r) => r.url().endsWith('/api/events'))
  await page.goto('/')
  await expect(page.getByRole('listbox', { name: '브리핑 목록' })).toBeVisible()
  await connected
  await page.keyboard.press('Control+k')

  const building: IndexProgress = { state: 'building', done: 1, total: 3, loaded: 0, built: 1 }
  app.services.events.emit('indexProgress', building)
  const progress = search.panel.getByRole('status').filter({ hasText: '검색 색인을 만드는 중… 1 / 3' })
  await expect(progress).toBeVisible()
  await expect(progress.getByRole('progressbar')).toHaveAttribute('value', '1')
  app.services.events.emit('indexProgress', { ...building, done: 2, built: 2 })
  await expect(search.panel.getByRole('status').filter({ hasText: '검색 색인을 만드는 중… 2 / 3' })).toBeVisible()
  // The real state again: ready, and the progress goes away.
  app.services.events.emit('indexProgress', app.services.searchService.search.progress())
  await expect(search.panel.getByRole('status').filter({ hasText: '검색 색인을 만드는' })).toHaveCount(0)

  // Ten minutes of the page's timers later, the state was asked for once, at the start: nothing polls.
  await page.clock.runFor(10 * 60_000)
  expect(statusCalls).toHaveLength(1)

  // A failed index is said so, with the reason.
  app.services.events.emit('indexProgress', { state: 'error', done: 0, total: 3, loaded: 0, built: 0, error: 'disk full' })
  await expect(search.panel.getByRole('alert')).toContainText('검색 색인을 준비하지 못했습니다')
  await expect(search.panel.getByRole('alert')).toContainText('disk full')
  expect(errors).toEqual([])
})

test('asks again when the index becomes ready after a rebuild', async ({ page, app }) => {
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  const connected = page.waitForResponse((r) => r.url().endsWith('/api/events'))
  await page.goto('/')
  await connected
  await page.keyboard.press('Control+k')
  await search.box.fill('가상시')
  await expect(search.panel.getByText(/맞는 항목이 없습니다/)).toBeVisible()

  // A briefing arrives and the real search service rebuilds: its events (loading, building, ready) reach
  // the page, and the open search answers again with the new item, without a keystroke.
  const added = await app.services.store.importBytes(
    'added.txt',
    new TextEncoder().encode(fictionalBriefing({ published: '2026-05-01', items: 1 }))
  )
  expect(added.status).toBe('imported')
  await app.services.searchService.refresh()
  await expect(search.hits).toHaveCount(1)
  await expect(search.hits.first()).toContainText('가상시')
  expect(errors).toEqual([])
})
