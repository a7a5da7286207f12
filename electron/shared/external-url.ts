/**
 * Which URLs may leave the app for the user's browser (Electron security checklist #15).
 * Pure: no `electron` import; shared by the main process (which has the last word) and the renderer
 * (which renders only such URLs as links).
 */

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:'])
const MAX_EXTERNAL_URL_LENGTH = 8192

/**
 * True for a well-formed http(s) URL with a host and no credentials. Everything else (file:, smb:,
 * javascript:, data:, custom schemes, UNC paths, relative URLs) is refused, because `shell.openExternal`
 * hands the string to the OS, which may run it.
 */
export function isExternalWebUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return false
  // Control characters and whitespace have no place in a link we hand to the OS.
  if (/[\u0000-\u0020\u007f]/.test(url)) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) return false
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return false
  return true
}
