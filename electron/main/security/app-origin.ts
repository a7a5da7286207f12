/**
 * Where the renderer comes from, and who may talk to the main process.
 * Pure: no `electron` import, so the rules are unit-tested in plain Node.
 */

/** The privileged custom scheme the built renderer is served from (instead of file://). */
export const APP_SCHEME = 'app'
/** The only host of {@link APP_SCHEME}: `app://renderer/index.html`. */
export const APP_HOST = 'renderer'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/**
 * True for `app://renderer` (any path). The host is compared case-insensitively: `app` is registered as a
 * standard scheme, so Chromium lower-cases it, while Node's URL leaves non-special hosts as written.
 */
export function isAppOrigin(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.host.toLowerCase() === APP_HOST && url.port === ''
}

/**
 * True when `url` belongs to our renderer: `app://renderer/…`, or in development the electron-vite dev
 * server's origin (`devServerUrl`, from ELECTRON_RENDERER_URL).
 *
 * @remarks Compares parsed protocol and host, never string prefixes: `app://renderer.evil/` and
 * `http://localhost:5173.evil.com/` must not pass. Node gives non-special schemes an opaque origin (`null`),
 * so `URL.origin` cannot be used for `app:`.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  const parsed = parse(url)
  if (!parsed) return false
  if (parsed.username || parsed.password) return false
  if (isAppOrigin(parsed)) return true
  if (devServerUrl) {
    const dev = parse(devServerUrl)
    return dev !== null && /^https?:$/.test(dev.protocol) && parsed.origin === dev.origin
  }
  return false
}

/** The parts of Electron's `WebFrameMain` the sender check looks at. */
export interface SenderFrame {
  readonly url: string
  readonly parent: unknown
}

/**
 * Electron security checklist #17: an IPC message is trusted only when it comes from a top-level frame
 * (no parent: not an iframe) whose URL is our renderer. A destroyed or navigated-away frame (`null`) is refused.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, devServerUrl?: string): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, devServerUrl)
}
