import { beforeEach, describe, expect, test, vi } from 'vitest'

type AppShown = typeof import('../../../renderer/lib/app-shown.ts')

/** A fresh copy of the module (it holds whether the app is shown). */
async function fresh(): Promise<AppShown> {
  vi.resetModules()
  return import('../../../renderer/lib/app-shown.ts')
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve))

describe('app-shown', () => {
  let shown: AppShown
  beforeEach(async () => {
    shown = await fresh()
  })

  test('work waiting for the app runs once it is shown, not before', async () => {
    const ran: string[] = []
    shown.whenAppShown(() => ran.push('first'))
    shown.whenAppShown(() => ran.push('second'))
    await settle()
    expect(ran).toEqual([])
    expect(shown.isAppShown()).toBe(false)

    shown.markAppShown()
    expect(shown.isAppShown()).toBe(true)
    await settle()
    expect(ran).toEqual(['first', 'second'])
  })

  test('work cancelled before the app is shown never runs', async () => {
    const ran: string[] = []
    const cancel = shown.whenAppShown(() => ran.push('cancelled'))
    shown.whenAppShown(() => ran.push('kept'))
    cancel()
    shown.markAppShown()
    await settle()
    expect(ran).toEqual(['kept'])
  })

  test('work asked for once the app is shown runs in the next microtask', async () => {
    shown.markAppShown()
    const ran: string[] = []
    shown.whenAppShown(() => ran.push('late'))
    expect(ran).toEqual([])
    await Promise.resolve()
    await Promise.resolve()
    expect(ran).toEqual(['late'])
  })
})

describe('afterHiddenMount', () => {
  test('while the app is hidden, draws in the next task, not in the mount’s; cancelled, never', async () => {
    const shown = await fresh()
    const drawn: string[] = []
    shown.afterHiddenMount(() => drawn.push('rows'))
    const cancel = shown.afterHiddenMount(() => drawn.push('cancelled'))
    cancel()
    expect(drawn).toEqual([])
    await settle()
    expect(drawn).toEqual(['rows'])
  })

  test('once the app is shown, leaves the drawing to the caller (nothing runs later)', async () => {
    const shown = await fresh()
    shown.markAppShown()
    const drawn: string[] = []
    shown.afterHiddenMount(() => drawn.push('late'))
    await settle()
    expect(drawn).toEqual([])
  })
})
