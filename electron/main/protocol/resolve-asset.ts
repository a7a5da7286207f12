/**
 * Serving the built renderer over `app://renderer/…` (Electron security checklist #18: no file://).
 * No `electron` import: the request handler takes a WHATWG `Request` and returns a `Response`, so it runs
 * (and is tested) in plain Node; app-protocol.ts hands it to `protocol.handle`.
 */
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, sep } from 'node:path'
import { isAppOrigin } from '../security/app-origin.ts'

export type AssetLookup = { ok: true; path: string } | { ok: false; status: 400 | 403 | 404 }

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm'
}

/** The Content-Type for a served file; unknown extensions are opaque bytes (and `nosniff` keeps them so). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Maps `app://renderer/<path>` to a file under `rootDir`, or says why not.
 *
 * @remarks Chromium canonicalises standard-scheme URLs before the handler sees them, but the resolver does
 * not rely on it: every segment is percent-decoded and refused if it is `.`/`..` or still holds a separator,
 * a backslash, a colon (drive letters, NTFS streams) or NUL; the joined path must stay inside `rootDir`.
 */
export function resolveAssetPath(rootDir: string, requestUrl: string): AssetLookup {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return { ok: false, status: 400 }
  }
  if (!isAppOrigin(url)) return { ok: false, status: 404 }

  const segments: string[] = []
  for (const raw of url.pathname.split('/')) {
    if (raw === '') continue
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return { ok: false, status: 400 }
    }
    if (segment === '.' || segment === '..' || /[/\\:\u0000]/.test(segment)) {
      return { ok: false, status: 403 }
    }
    segments.push(segment)
  }
  if (segments.length === 0) segments.push('index.html')

  const candidate = join(rootDir, ...segments)
  if (!isInside(rootDir, candidate)) return { ok: false, status: 403 }
  return { ok: true, path: candidate }
}

function isInside(rootDir: string, candidate: string): boolean {
  const rel = relative(rootDir, candidate)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}

/**
 * Follows symlinks and checks the real file is still inside the real root (a link in out/renderer must not
 * expose the rest of the disk). Returns the real path of a regular file, or null.
 */
export async function realFileInside(rootDir: string, candidate: string): Promise<string | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(candidate)])
    if (!isInside(realRoot, realFile)) return null
    return (await stat(realFile)).isFile() ? realFile : null
  } catch {
    return null
  }
}

/**
 * The `protocol.handle` callback: GET/HEAD only, files under `rootDir` only, security headers (CSP included)
 * on every response, errors included.
 */
export function createAssetHandler(
  rootDir: string,
  headers: Record<string, string>
): (request: Request) => Promise<Response> {
  const fail = (status: number): Response => new Response(null, { status, headers })
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405)
    const lookup = resolveAssetPath(rootDir, request.url)
    if (!lookup.ok) return fail(lookup.status)
    const file = await realFileInside(rootDir, lookup.path)
    if (!file) return fail(404)
    const body = request.method === 'HEAD' ? null : await readFile(file)
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache' }
    })
  }
}
