/**
 * Issue 10, defect 12: axe-core on the app's screens, light and dark, Korean and English: zero violations.
 * Screens reached here: library, reader (a sample, and the seed when ../shared/seed exists), find bar,
 * search results, settings dialog. Each violation is reported with its rule and the first nodes' targets.
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { briefingDrawn } from './pages.ts'

const SAMPLE_ID = 'sample-weekly-2025-11-14'
const SEED_ID = 'kostec-weekly-2023-04-07'

async function violations(page: Page, screen: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations.map(
    (v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`
  )
}

for (const locale of ['ko', 'en'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe: no violations on the library, reader, find bar, search and settings (${locale}, ${theme})`, async ({ page, app }) => {
      await app.services.api.updateSettings({ locale, theme })
      const found: string[] = []
      await page.goto('/')
      await expect(page.getByRole('listbox')).toBeVisible()
      found.push(...(await violations(page, 'library')))

      for (const id of app.seed ? [SAMPLE_ID, SEED_ID] : [SAMPLE_ID]) {
        await page.goto('/')
        await page.locator(`[role="option"][data-id="${id}"]`).click()
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
        await briefingDrawn(page)
        found.push(...(await violations(page, `reader ${id}`)))
      }

      await page.keyboard.press('Control+f')
      await page.keyboard.type('반도체')
      await expect(page.getByRole('search').last()).toBeVisible()
      found.push(...(await violations(page, 'find bar')))
      await page.keyboard.press('Escape')

      await page.keyboard.press('Control+k')
      await page.keyboard.type('반도체')
      await page.keyboard.press('Enter')
      await expect(page.locator('mark').first()).toBeVisible()
      found.push(...(await violations(page, 'search results')))
      await page.keyboard.press('Escape')
      await page.keyboard.press('Escape')

      await page.locator('header.topbar .tools button').last().click()
      await expect(page.getByRole('dialog')).toBeVisible()
      found.push(...(await violations(page, 'settings dialog')))
      if (!app.seed) console.log('a11y: the seed reader screen skipped: ../shared/seed not found')
      expect(found).toEqual([])
    })
  }
}
