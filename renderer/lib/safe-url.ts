// The renderer's copy of the main process's link rule (electron/shared/external-url.ts), so that it can
// decide what to render as a link without a runtime import from electron/ (the house lint rule).
// The main process has the last word on what opens: it checks again. tests/unit/renderer/safe-url.spec.ts
// checks that both rules agree.

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:'])
const MAX_EXTERNAL_URL_LENGTH = 8192

/** True for a well-formed http(s) URL with a host and no credentials, control characters or whitespace. */
export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return false
  if (/[\u0000-\u0020\u007f]/.test(url)) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return EXTERNAL_PROTOCOLS.has(parsed.protocol) && parsed.hostname !== '' && parsed.username === '' && parsed.password === ''
}

/** The host of a URL without `www.`, for a compact caption under a link; the input when unparseable. */
export function displayHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return url
  }
}
