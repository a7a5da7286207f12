/**
 * The one BrowserWindow: locked-down webPreferences, remembered bounds, no navigation, no new windows, no
 * permissions, CSP on every response, content from app://renderer/ (or the dev server).
 */
import { BrowserWindow, nativeTheme, screen, shell } from 'electron'
import type { Session, WebContents } from 'electron'
import type { ThemePreference } from '../shared/ipc-contract.ts'
import { APP_ENTRY_URL } from './security/app-origin.ts'
import { withSecurityHeaders } from './security/csp.ts'
import { isExternalWebUrl } from '../shared/external-url.ts'
import { isPermissionAllowed } from './security/permissions.ts'
import { secureWebPreferences } from './security/web-preferences.ts'
import type { SettingsBackend, WindowState } from './services/settings-store.ts'
import { debounce, restoreBounds, WINDOW_LIMITS } from './window-bounds.ts'

export type WindowStateBackend = Pick<SettingsBackend, 'getWindowState' | 'setWindowState'>

export interface MainWindowOptions {
  preloadPath: string
  windowState: WindowStateBackend
  theme: ThemePreference
  csp: string
  /** electron-vite dev server (ELECTRON_RENDERER_URL); app://renderer/ when absent. */
  devServerUrl?: string
}

/** The renderer's --bg (renderer/styles/app.css), so no flash of another colour before first paint. */
const BACKGROUND = { light: '#f6f5f2', dark: '#141619' } as const
const SAVE_DELAY_MS = 500

export function backgroundColorFor(theme: ThemePreference, systemDark: boolean): string {
  const dark = theme === 'dark' || (theme === 'system' && systemDark)
  return dark ? BACKGROUND.dark : BACKGROUND.light
}

function openIfExternal(url: string): void {
  if (isExternalWebUrl(url)) {
    shell.openExternal(url).catch((error: unknown) => console.warn('openExternal failed:', error))
  }
}

/**
 * Denies navigation, new windows and <webview> for any web contents (also installed globally from
 * `web-contents-created`). With `openExternal`, http(s) links go to the user's browser instead.
 */
export function guardWebContents(contents: WebContents, options: { openExternal?: boolean } = {}): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (options.openExternal) openIfExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    if (options.openExternal) openIfExternal(url)
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

const hardenedSessions = new WeakSet<Session>()

/** Permissions denied, CSP and security headers on every response (dev server included). */
export function hardenSession(session: Session, csp: string, devServerUrl?: string): void {
  if (hardenedSessions.has(session)) return
  hardenedSessions.add(session)
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, devServerUrl))
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, devServerUrl)
  )
  session.setDevicePermissionHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, csp) })
  })
}

function initialBounds(saved: WindowState | undefined): Electron.Rectangle {
  const displays = screen.getAllDisplays().map((display) => display.workArea)
  return restoreBounds(saved, displays, screen.getPrimaryDisplay().workArea)
}

function readWindowState(backend: WindowStateBackend): WindowState | undefined {
  try {
    return backend.getWindowState()
  } catch (error) {
    console.warn('window state unreadable, using defaults:', error)
    return undefined
  }
}

function trackWindowState(win: BrowserWindow, backend: WindowStateBackend): void {
  const save = (): void => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return
    try {
      backend.setWindowState({ ...win.getNormalBounds(), maximized: win.isMaximized() })
    } catch (error) {
      console.warn('window state not saved:', error)
    }
  }
  const later = debounce(save, SAVE_DELAY_MS)
  win.on('move', later)
  win.on('resize', later)
  win.on('maximize', later)
  win.on('unmaximize', later)
  win.on('close', () => {
    later.cancel()
    save()
  })
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = readWindowState(options.windowState)
  const win = new BrowserWindow({
    ...initialBounds(saved),
    minWidth: WINDOW_LIMITS.minWidth,
    minHeight: WINDOW_LIMITS.minHeight,
    show: false,
    backgroundColor: backgroundColorFor(options.theme, nativeTheme.shouldUseDarkColors),
    webPreferences: secureWebPreferences(options.preloadPath)
  })
  if (saved?.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())
  // A window that never becomes ready (renderer missing from out/) would otherwise stay invisible.
  win.webContents.once('did-fail-load', () => win.show())

  hardenSession(win.webContents.session, options.csp, options.devServerUrl)
  guardWebContents(win.webContents, { openExternal: true })
  void win.webContents.setVisualZoomLevelLimits(1, 1)
  trackWindowState(win, options.windowState)

  win.webContents.on('render-process-gone', (_event, details) => {
    console.error('renderer process gone:', details.reason, details.exitCode)
  })

  void win.loadURL(options.devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => {
    console.error('renderer failed to load:', error)
  })
  return win
}
