/**
 * The app is shown a few tasks after its scripts are evaluated (mounted hidden, then shown once its font faces
 * have loaded, see start.ts; one task for all was the start's longest, issue 10), so the page's load event can
 * come before it and a key pressed at once (Ctrl+K) would find no handler, or a hidden search box.
 * The keys pressed until then are held and, once the app is shown, dispatched again where focus is.
 */

/** What is kept of a key event (the DOM's KeyboardEvent has all of it, and takes it as its init). */
export interface HeldKey {
  key: string
  code: string
  location: number
  repeat: boolean
  ctrlKey: boolean
  shiftKey: boolean
  altKey: boolean
  metaKey: boolean
}

/** The window, as far as holding keys needs it (typed without the DOM library, so Node tests can pass one). */
export interface KeyWindow {
  addEventListener(type: 'keydown', listener: (event: HeldKey) => void, capture: boolean): void
  removeEventListener(type: 'keydown', listener: (event: HeldKey) => void, capture: boolean): void
  document: { activeElement: EventTarget | null; body: EventTarget | null }
}

type KeyEventClass = new (type: 'keydown', init: HeldKey & { bubbles: boolean; cancelable: boolean }) => Event

/** Holds the keys pressed in `page` from now; the function returned stops holding and dispatches them again. */
export function holdEarlyKeys(page: KeyWindow, KeyEvent: KeyEventClass): () => void {
  const held: HeldKey[] = []
  const hold = (event: HeldKey): void => void held.push(event)
  page.addEventListener('keydown', hold, true)
  return () => {
    page.removeEventListener('keydown', hold, true)
    for (const { key, code, location, repeat, ctrlKey, shiftKey, altKey, metaKey } of held.splice(0)) {
      const init = { key, code, location, repeat, ctrlKey, shiftKey, altKey, metaKey, bubbles: true, cancelable: true }
      ;(page.document.activeElement ?? page.document.body)?.dispatchEvent(new KeyEvent('keydown', init))
    }
  }
}
