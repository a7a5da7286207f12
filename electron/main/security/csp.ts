/**
 * The Content-Security-Policy sent with every renderer response (Electron security checklist #7).
 * Pure: no `electron` import.
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
].join('; ')

/**
 * The policy for this run. In development the electron-vite dev server also needs its HMR websocket, so
 * `connect-src` gains the dev server's ws(s) origin; nothing else is relaxed.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) return CONTENT_SECURITY_POLICY
  let dev: URL
  try {
    dev = new URL(devServerUrl)
  } catch {
    return CONTENT_SECURITY_POLICY
  }
  const ws = `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`
  return CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ${ws}`)
}

/** Headers added to every response served to the renderer. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer'
  }
}

/**
 * Merges the security headers into a `webRequest.onHeadersReceived` header map, replacing any policy the
 * response already carried (header names compared case-insensitively).
 */
export function withSecurityHeaders(
  headers: Record<string, string[]> | undefined,
  csp: string
): Record<string, string[]> {
  const extra = securityHeaders(csp)
  const lower = new Set(Object.keys(extra).map((name) => name.toLowerCase()))
  const merged: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!lower.has(name.toLowerCase())) merged[name] = value
  }
  for (const [name, value] of Object.entries(extra)) merged[name] = [value]
  return merged
}
