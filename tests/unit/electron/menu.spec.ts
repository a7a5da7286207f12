import { describe, expect, test, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'

vi.mock('electron', () => ({ app: { name: 'Briefing Reader' }, Menu: {} }))
const { buildMenuTemplate } = await import('../../../electron/main/menu.ts')

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as MenuItemConstructorOptions[]) : [])
  ])
}
const roles = (items: MenuItemConstructorOptions[]): string[] =>
  flatten(items).flatMap((item) => (item.role ? [String(item.role)] : []))

describe('buildMenuTemplate', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    test(`has 파일, 보기 and 도움말 on ${platform}`, () => {
      const labels = buildMenuTemplate({ dev: false }, platform).map((item) => item.label)
      expect(labels).toEqual(expect.arrayContaining(['파일', '보기', '도움말']))
    })

    test(`has no zoom roles on ${platform}, so the renderer's zoom keys are not applied twice`, () => {
      for (const dev of [false, true]) {
        const r = roles(buildMenuTemplate({ dev }, platform))
        expect(r).not.toContain('zoomIn')
        expect(r).not.toContain('zoomOut')
        expect(r).not.toContain('resetZoom')
      }
    })

    test(`파일 ▸ 가져오기… (Ctrl/Cmd+O) opens the import on ${platform}`, () => {
      const onImport = vi.fn()
      const item = flatten(buildMenuTemplate({ dev: false, onImport }, platform)).find((i) => i.label === '가져오기…')
      expect(item?.accelerator).toBe('CmdOrCtrl+O')
      ;(item?.click as () => void)()
      expect(onImport).toHaveBeenCalledOnce()
    })

    test(`can quit on ${platform}`, () => {
      expect(roles(buildMenuTemplate({ dev: false }, platform))).toContain('quit')
    })
  }

  test('offers reload and developer tools only in development', () => {
    const prod = roles(buildMenuTemplate({ dev: false }, 'linux'))
    const dev = roles(buildMenuTemplate({ dev: true }, 'linux'))
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(prod).not.toContain(role)
      expect(dev).toContain(role)
    }
  })

  test('labels every item in Korean', () => {
    for (const item of flatten(buildMenuTemplate({ dev: true }, 'linux'))) {
      if (item.type === 'separator') continue
      expect(item.label).toMatch(/[가-힣]/)
    }
  })
})
