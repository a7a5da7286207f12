import { beforeEach, describe, expect, test, vi } from 'vitest'
import { APP_ENTRY_URL } from '../../../electron/main/security/app-origin.ts'
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security/csp.ts'

const electron = vi.hoisted(() => ({
  shell: { openExternal: vi.fn(async () => {}) }
}))
vi.mock('electron', () => ({
  BrowserWindow: class {},
  nativeTheme: { shouldUseDarkColors: false },
  screen: {},
  shell: electron.shell
}))
const { backgroundColorFor, guardWebContents, hardenSession } = await import(
  '../../../electron/main/main-window.ts'
)

type Listener = (...args: unknown[]) => void

function fakeContents() {
  const listeners = new Map<string, Listener[]>()
  let openHandler: ((details: { url: string }) => { action: string }) | undefined
  return {
    setWindowOpenHandler: (fn: typeof openHandler) => void (openHandler = fn),
    on(name: string, fn: Listener) {
      listeners.set(name, [...(listeners.get(name) ?? []), fn])
      return this
    },
    open: (url: string) => openHandler!({ url }),
    emit(name: string, url?: string) {
      const event = { preventDefault: vi.fn() }
      for (const fn of listeners.get(name) ?? []) fn(event, url)
      return event
    }
  }
}

describe('guardWebContents', () => {
  beforeEach(() => electron.shell.openExternal.mockClear())

  const urls = [
    { url: 'https://www.most.gov.cn/', external: true },
    { url: 'http://example.com/a', external: true },
    { url: 'file:///etc/passwd', external: false },
    { url: 'javascript:alert(1)', external: false },
    { url: APP_ENTRY_URL, external: false }
  ]

  for (const { url, external } of urls) {
    test(`denies window.open(${url})${external ? ' and opens it in the browser' : ''}`, () => {
      const contents = fakeContents()
      guardWebContents(contents as never, { openExternal: true })
      expect(contents.open(url)).toEqual({ action: 'deny' })
      expect(electron.shell.openExternal).toHaveBeenCalledTimes(external ? 1 : 0)
    })

    test(`blocks navigation to ${url}`, () => {
      const contents = fakeContents()
      guardWebContents(contents as never, { openExternal: true })
      expect(contents.emit('will-navigate', url).preventDefault).toHaveBeenCalled()
      expect(electron.shell.openExternal).toHaveBeenCalledTimes(external ? 1 : 0)
    })
  }

  test('the global guard denies without opening anything', () => {
    const contents = fakeContents()
    guardWebContents(contents as never)
    expect(contents.open('https://example.com/')).toEqual({ action: 'deny' })
    expect(contents.emit('will-navigate', 'https://example.com/').preventDefault).toHaveBeenCalled()
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
  })

  test('refuses to attach a <webview>', () => {
    const contents = fakeContents()
    guardWebContents(contents as never)
    expect(contents.emit('will-attach-webview').preventDefault).toHaveBeenCalled()
  })
})

describe('hardenSession', () => {
  function fakeSession() {
    const s = {
      request: undefined as unknown as (wc: unknown, p: string, cb: (ok: boolean) => void, d: unknown) => void,
      check: undefined as unknown as (wc: unknown, p: string, origin: string) => boolean,
      device: undefined as unknown as () => boolean,
      headers: undefined as unknown as (d: unknown, cb: (r: unknown) => void) => void,
      setPermissionRequestHandler: (fn: never) => void (s.request = fn),
      setPermissionCheckHandler: (fn: never) => void (s.check = fn),
      setDevicePermissionHandler: (fn: never) => void (s.device = fn),
      webRequest: { onHeadersReceived: (fn: never) => void (s.headers = fn) }
    }
    return s
  }

  const permissions = [
    'media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal',
    'clipboard-read', 'display-capture', 'hid', 'serial', 'usb', 'idle-detection', 'window-management',
    'local-fonts', 'storage-access', 'keyboardLock', 'screen-wake-lock', 'unknown'
  ]

  test('denies every permission request and check', () => {
    const session = fakeSession()
    hardenSession(session as never, CONTENT_SECURITY_POLICY)
    for (const permission of permissions) {
      const callback = vi.fn()
      session.request({}, permission, callback, { requestingUrl: APP_ENTRY_URL })
      expect(callback).toHaveBeenCalledWith(false)
      expect(session.check({}, permission, 'app://renderer')).toBe(false)
    }
    expect(session.device()).toBe(false)
  })

  test('allows only a sanitized clipboard write, and only from our renderer', () => {
    const session = fakeSession()
    hardenSession(session as never, CONTENT_SECURITY_POLICY)
    const ours = vi.fn()
    const theirs = vi.fn()
    session.request({}, 'clipboard-sanitized-write', ours, { requestingUrl: APP_ENTRY_URL })
    session.request({}, 'clipboard-sanitized-write', theirs, { requestingUrl: 'https://example.com/' })
    expect(ours).toHaveBeenCalledWith(true)
    expect(theirs).toHaveBeenCalledWith(false)
  })

  test('puts the CSP on every response', () => {
    const session = fakeSession()
    hardenSession(session as never, CONTENT_SECURITY_POLICY)
    const callback = vi.fn()
    session.headers({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback)
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: expect.objectContaining({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
    })
  })
})

describe('backgroundColorFor', () => {
  test('follows the theme setting, and the system only for "system"', () => {
    expect(backgroundColorFor('light', true)).toBe(backgroundColorFor('system', false))
    expect(backgroundColorFor('dark', false)).toBe(backgroundColorFor('system', true))
    expect(backgroundColorFor('light', false)).not.toBe(backgroundColorFor('dark', false))
  })
})
