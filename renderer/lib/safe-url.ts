// The main process has the last word on what opens (it checks again); the renderer uses the same rule
// to decide what to render as a link.
export { isExternalWebUrl as isSafeExternalUrl } from '../../electron/shared/external-url.ts'

/** The host of a URL without `www.`, for a compact caption under a link; the input when unparseable. */
export function displayHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return url
  }
}
