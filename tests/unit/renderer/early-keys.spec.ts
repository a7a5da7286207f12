import { describe, expect, test } from 'vitest'
import { holdEarlyKeys, type HeldKey, type KeyWindow } from '../../../renderer/lib/early-keys.ts'

/** A key event as the DOM's KeyboardEvent makes one: an Event carrying its init's keys and modifiers. */
class KeyEvent extends Event {
  readonly init: HeldKey
  constructor(type: 'keydown', init: HeldKey & { bubbles: boolean; cancelable: boolean }) {
    super(type, init)
    this.init = init
  }
}

const press = (key: string, mods: Partial<HeldKey> = {}): HeldKey => ({
  key,
  code: `Key${key.toUpperCase()}`,
  location: 0,
  repeat: false,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  ...mods
})

/** A window whose keydown listeners can be called, with a focused element and a body that record what reaches them. */
function fakeWindow(): KeyWindow & { press(key: HeldKey): void; focused: EventTarget | null; body: EventTarget; reached: { where: string; key: HeldKey }[] } {
  const listeners = new Set<(event: HeldKey) => void>()
  const body = new EventTarget()
  const reached: { where: string; key: HeldKey }[] = []
  const page = {
    body,
    focused: null as EventTarget | null,
    reached,
    addEventListener: (_type: 'keydown', listener: (event: HeldKey) => void) => void listeners.add(listener),
    removeEventListener: (_type: 'keydown', listener: (event: HeldKey) => void) => void listeners.delete(listener),
    press: (key: HeldKey) => listeners.forEach((listener) => listener(key)),
    document: {
      get activeElement() {
        return page.focused
      },
      body
    }
  }
  body.addEventListener('keydown', (event) => reached.push({ where: 'body', key: (event as KeyEvent).init }))
  return page
}

describe('holdEarlyKeys', () => {
  test('the keys pressed before the app is mounted reach it afterwards, in order, with their modifiers', () => {
    const page = fakeWindow()
    const replay = holdEarlyKeys(page, KeyEvent)
    page.press(press('k', { ctrlKey: true }))
    page.press(press('j', { shiftKey: true, repeat: true }))
    expect(page.reached).toEqual([])
    replay()
    const dispatched = { bubbles: true, cancelable: true }
    expect(page.reached.map((r) => r.key)).toEqual([
      { ...press('k', { ctrlKey: true }), ...dispatched },
      { ...press('j', { shiftKey: true, repeat: true }), ...dispatched }
    ])
  })

  test('they are dispatched where focus is, bubbling and cancelable as a real key event', () => {
    const page = fakeWindow()
    const box = new EventTarget()
    const seen: Event[] = []
    box.addEventListener('keydown', (event) => seen.push(event))
    const replay = holdEarlyKeys(page, KeyEvent)
    page.press(press('/'))
    page.focused = box
    replay()
    expect(seen).toHaveLength(1)
    expect(seen[0].bubbles && seen[0].cancelable).toBe(true)
    expect(page.reached).toEqual([])
  })

  test('once replayed, keys are no longer held, and each held key is dispatched once', () => {
    const page = fakeWindow()
    const replay = holdEarlyKeys(page, KeyEvent)
    page.press(press('a'))
    replay()
    page.press(press('b'))
    replay()
    expect(page.reached.map((r) => r.key.key)).toEqual(['a'])
  })
})
