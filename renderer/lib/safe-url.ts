const ALLOWED_PROTOCOLS = new Set(['http:', 'https:'])
// Same rules as the main process (electron/main/security/external-url.ts), which has the last word.
const MAX_URL_LENGTH = 8192
// Whitespace or control characters would be silently dropped by the URL parser, so the
// string we hand to openExternal would differ from what was checked.
const UNSAFE_CHARS = /[\s\u0000-\u001f\u007f]/

/** True for an absolute http(s) URL with a host and no embedded credentials. */
export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return false
  if (UNSAFE_CHARS.test(url)) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return false
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return false
  return true
}

/** The host of a URL without `www.`, for a compact caption under a link; the input when unparseable. */
export function displayHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return url
  }
}
