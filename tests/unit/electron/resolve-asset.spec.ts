import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative, sep } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  contentTypeFor,
  createAssetHandler,
  realFileInside,
  resolveAssetPath
} from '../../../electron/main/protocol/resolve-asset.ts'

const ROOT = '/srv/app/out/renderer'

describe('resolveAssetPath', () => {
  const ok = [
    { name: 'the root maps to index.html', url: 'app://renderer/', file: 'index.html' },
    { name: 'no path maps to index.html', url: 'app://renderer', file: 'index.html' },
    { name: 'an asset', url: 'app://renderer/assets/index-abc.js', file: 'assets/index-abc.js' },
    { name: 'query and hash are ignored', url: 'app://renderer/index.html?x=1#/b', file: 'index.html' },
    { name: 'percent-encoded Hangul', url: 'app://renderer/fonts/%ED%95%9C.woff2', file: 'fonts/한.woff2' },
    { name: 'dot segments the URL parser resolves inside the root', url: 'app://renderer/a/../index.html', file: 'index.html' },
    { name: 'duplicate slashes', url: 'app://renderer//assets//x.css', file: 'assets/x.css' }
  ]
  for (const { name, url, file } of ok) {
    test(`serves ${name}`, () => {
      const lookup = resolveAssetPath(ROOT, url)
      expect(lookup.ok).toBe(true)
      if (lookup.ok) expect(relative(ROOT, lookup.path)).toBe(join(file))
    })
  }

  const refused = [
    { name: 'a traversal the URL parser clamps', url: 'app://renderer/../../etc/passwd', status: 404, clamped: true },
    { name: 'an encoded slash', url: 'app://renderer/..%2f..%2fetc%2fpasswd', status: 403 },
    { name: 'an encoded backslash', url: 'app://renderer/..%5c..%5cwindows%5cwin.ini', status: 403 },
    { name: 'a literal backslash', url: 'app://renderer/..\\..\\secret', status: 403 },
    { name: 'double-encoded dots', url: 'app://renderer/%252e%252e/x', status: 404, clamped: true },
    { name: 'a NUL byte', url: 'app://renderer/index.html%00.png', status: 403 },
    { name: 'a drive letter', url: 'app://renderer/C:%5cWindows', status: 403 },
    { name: 'an NTFS stream', url: 'app://renderer/index.html::$DATA', status: 403 },
    { name: 'broken percent-encoding', url: 'app://renderer/%E0%A4%A', status: 400 },
    { name: 'another host', url: 'app://evil/index.html', status: 404 },
    { name: 'a port on our host', url: 'app://renderer:8080/index.html', status: 404 },
    { name: 'another scheme', url: 'file:///srv/app/out/renderer/index.html', status: 404 },
    { name: 'not a URL', url: 'renderer/index.html', status: 400 }
  ]
  for (const { name, url, status, clamped } of refused) {
    test(`refuses ${name}`, () => {
      const lookup = resolveAssetPath(ROOT, url)
      if (clamped && lookup.ok) {
        // WHATWG URL parsing already removed the `..`: whatever is left must be inside the root.
        expect(relative(ROOT, lookup.path).startsWith('..')).toBe(false)
        return
      }
      expect(lookup).toEqual({ ok: false, status })
    })
  }

  test('never resolves outside the root, whatever the path', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '..%2f', '%5c..', '..\\', '%00', 'C:', 'a', 'index.html'),
      fc.string({ maxLength: 6 })
    )
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const lookup = resolveAssetPath(ROOT, `app://renderer/${segments.join('/')}`)
        if (!lookup.ok) return
        const rel = relative(ROOT, lookup.path)
        // `.. ` (dot dot space) is a legal file name inside the root; only `..` itself climbs out.
        expect(rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)).toBe(false)
      }),
      { numRuns: 5000 }
    )
  })

  test('a segment that only starts with dots is a file name, not a way up', () => {
    // The counterexample fast-check once found: the old assertion mistook `.. ` for `..`.
    const lookup = resolveAssetPath(ROOT, 'app://renderer/.. /')
    expect(lookup).toEqual({ ok: true, path: join(ROOT, '.. ') })
  })
})

describe('contentTypeFor', () => {
  test('knows the types a Vite build emits', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2')
    expect(contentTypeFor('/x/a.svg')).toBe('image/svg+xml')
  })
  test('falls back to opaque bytes', () => {
    expect(contentTypeFor('/x/Makefile')).toBe('application/octet-stream')
  })
})

describe('createAssetHandler', () => {
  let base: string
  let root: string
  const headers = { 'Content-Security-Policy': "default-src 'none'", 'X-Content-Type-Options': 'nosniff' }

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'briefing-asset-'))
    root = join(base, 'renderer')
    await mkdir(join(root, 'assets'), { recursive: true })
    await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>')
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)')
    await writeFile(join(base, 'secret.txt'), 'secret')
    await symlink(join(base, 'secret.txt'), join(root, 'leak.txt'))
    await symlink(join(root, 'index.html'), join(root, 'alias.html'))
  })
  afterAll(async () => {
    await rm(base, { recursive: true, force: true })
  })

  test('serves index.html with the security headers', async () => {
    const res = await createAssetHandler(root, headers)(new Request('app://renderer/'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'")
    expect(await res.text()).toContain('<title>t</title>')
  })

  test('serves a script with a JavaScript type', async () => {
    const res = await createAssetHandler(root, headers)(new Request('app://renderer/assets/app.js'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  test('answers a missing file with 404 and still sends the policy', async () => {
    const res = await createAssetHandler(root, headers)(new Request('app://renderer/nope.js'))
    expect(res.status).toBe(404)
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'")
  })

  test('refuses a symlink that leaves the root', async () => {
    const res = await createAssetHandler(root, headers)(new Request('app://renderer/leak.txt'))
    expect(res.status).toBe(404)
  })

  test('follows a symlink that stays inside the root', async () => {
    expect(await realFileInside(root, join(root, 'alias.html'))).toBe(await realFileInside(root, join(root, 'index.html')))
  })

  test('refuses a folder', async () => {
    const res = await createAssetHandler(root, headers)(new Request('app://renderer/assets'))
    expect(res.status).toBe(404)
  })

  test('refuses methods other than GET and HEAD', async () => {
    const res = await createAssetHandler(root, headers)(new Request('app://renderer/', { method: 'POST', body: 'x' }))
    expect(res.status).toBe(405)
  })

  test('answers HEAD without a body', async () => {
    const res = await createAssetHandler(root, headers)(new Request('app://renderer/', { method: 'HEAD' }))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })
})
