/**
 * Issue 8, defects 7 and 8: what `briefings parse` and `briefings import` do with input that is not a
 * briefing file — a named pipe, /dev/zero, a folder, a socket, a file over the size limit (a sparse file,
 * so it costs no disk), a symlink loop, a broken symlink, an unreadable file, UTF-16 without a byte-order
 * mark — each with its exact message, never a hang, a stack trace or a bare errno code. Cases the platform
 * cannot set up are skipped with the reason printed, never counted as passing.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { MAX_INPUT_BYTES } from '../../../../archive/storage/read-input.ts'

const BIN = resolve(import.meta.dirname, '../../../../bin/briefings.js')
const SAMPLE = resolve(import.meta.dirname, '../../../../archive/sample/briefings/sample-weekly-2026-01-09.txt')
const dir = mkdtempSync(join(tmpdir(), 'faults-input-'))
afterAll(() => {
  chmodSync(dir, 0o755)
  rmSync(dir, { recursive: true, force: true })
})

/** Runs the CLI; a hang is killed by the guard and fails the test through `signal`, never waited out. */
function run(...args: string[]): { code: number | null; signal: string | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr }
}

const isRoot = process.getuid?.() === 0
const mkfifo = (path: string): boolean => spawnSync('mkfifo', [path]).status === 0
function skip(reason: string): void {
  console.log(`skipped: ${reason}`)
}

/** `parse` prints exactly `line` and exits 2; `import` fails the file with the same reason, archive untouched. */
function expectRefused(path: string, reason: string): void {
  const parsed = run('parse', path, '--json')
  expect(parsed.signal).toBeNull()
  expect(parsed.stdout).toBe('')
  expect(parsed.stderr).toBe(`briefings: ${path}: ${reason}\n`)
  expect(parsed.code).toBe(2)
  const archive = mkdtempSync(join(dir, 'archive-'))
  const imported = run('import', path, '--archive', archive, '--json')
  expect(imported.signal).toBeNull()
  expect(imported.code).toBe(1)
  const report = JSON.parse(imported.stdout) as { imported: unknown[]; failed: Array<{ file: string; error: string }> }
  expect(report.imported).toEqual([])
  expect(report.failed).toEqual([{ file: path, error: `${path}: ${reason}` }])
  expect(readdirSync(join(archive, 'sources'))).toEqual([])
}

describe('parse and import accept regular files only, within one size limit', () => {
  test('a named pipe is refused at once (no writer, no hang)', (ctx) => {
    const fifo = join(dir, 'pipe.txt')
    if (!mkfifo(fifo)) {
      skip('mkfifo is not available here: named pipe case not run')
      ctx.skip()
    }
    expectRefused(fifo, 'not a regular file (a named pipe)')
  })

  test('/dev/zero is refused (no endless read)', (ctx) => {
    if (process.platform === 'win32') {
      skip('/dev/zero does not exist on Windows')
      ctx.skip()
    }
    expectRefused('/dev/zero', 'not a regular file (a character device)')
  })

  test('a folder is refused', () => {
    const folder = join(dir, 'folder.txt')
    mkdirSync(folder)
    const parsed = run('parse', folder)
    expect(parsed.stderr).toBe(`briefings: ${folder}: is a folder, not a file\n`)
    expect(parsed.code).toBe(2)
  })

  test('a socket is refused', async (ctx) => {
    if (process.platform === 'win32') {
      skip('no Unix sockets on Windows')
      ctx.skip()
    }
    const path = join(dir, 'sock.txt')
    const server = createServer()
    await new Promise<void>((done) => server.listen(path, done))
    try {
      const parsed = run('parse', path)
      expect(parsed.stderr).toBe(`briefings: ${path}: not a regular file (a socket)\n`)
      expect(parsed.code).toBe(2)
    } finally {
      server.close()
    }
  })

  test('a 300 MB file (sparse: no disk used) is too large, checked before reading', () => {
    const big = join(dir, 'huge.txt')
    writeFileSync(big, '')
    truncateSync(big, 300 * 1024 * 1024)
    expectRefused(big, 'too large (300 MB; the limit is 20 MB)')
  })

  test('a file one byte over the limit is too large; one at the limit is read', () => {
    expect(MAX_INPUT_BYTES).toBe(20 * 1024 * 1024)
    const over = join(dir, 'over.txt')
    writeFileSync(over, '')
    truncateSync(over, MAX_INPUT_BYTES + 1)
    expect(run('parse', over).stderr).toBe(`briefings: ${over}: too large (20.1 MB; the limit is 20 MB)\n`)
    const at = join(dir, 'at.txt')
    writeFileSync(at, '')
    truncateSync(at, MAX_INPUT_BYTES)
    // read in full: zero bytes are not text, which is the next check's message
    expect(run('parse', at).stderr).toBe(`briefings: ${at}: binary file, not a document\n`)
  })

  test('a symlink loop is named as one', (ctx) => {
    const a = join(dir, 'loop-a.txt')
    const b = join(dir, 'loop-b.txt')
    try {
      symlinkSync(b, a)
      symlinkSync(a, b)
    } catch (error) {
      skip(`symlinks cannot be made here (${String(error)})`)
      ctx.skip()
    }
    expectRefused(a, 'a symlink loop (too many levels of symbolic links)')
  })

  test('a broken symlink is named as one', (ctx) => {
    const link = join(dir, 'dangling.txt')
    try {
      symlinkSync(join(dir, 'nothing-here.txt'), link)
    } catch (error) {
      skip(`symlinks cannot be made here (${String(error)})`)
      ctx.skip()
    }
    expectRefused(link, 'a broken symlink (what it points to is not found)')
  })

  test('a missing file is "file not found"', () => {
    expectRefused(join(dir, 'missing.txt'), 'file not found')
  })

  test('an unreadable file is "permission denied", never EACCES', (ctx) => {
    if (isRoot || process.platform === 'win32') {
      skip('running as root (or on Windows): chmod 000 does not stop reading, unreadable-file case not run')
      ctx.skip()
    }
    const locked = join(dir, 'locked.txt')
    writeFileSync(locked, readFileSync(SAMPLE))
    chmodSync(locked, 0o000)
    expectRefused(locked, 'permission denied')
  })
})

describe('UTF-16 without a byte-order mark', () => {
  const text = readFileSync(SAMPLE, 'utf8')
  for (const [name, bytes] of [
    ['UTF-16LE', Buffer.from(text, 'utf16le')],
    ['UTF-16BE', Buffer.from(text, 'utf16le').swap16()]
  ] as const) {
    test(`${name} is detected and parses like the UTF-8 file`, () => {
      const file = join(dir, `sample-${name}.txt`)
      writeFileSync(file, bytes)
      const r = run('parse', file, '--json')
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      const expected = JSON.parse(run('parse', SAMPLE, '--json').stdout) as { sections: unknown; id: string }
      const got = JSON.parse(r.stdout) as { sections: unknown; id: string }
      expect(got.id).toBe(expected.id)
      expect(got.sections).toEqual(expected.sections)
    })
  }

  test('cut at an odd byte it is reported as UTF-16, not as invalid UTF-8', () => {
    const file = join(dir, 'cut-utf16.txt')
    writeFileSync(file, Buffer.from(text, 'utf16le').subarray(0, 1001))
    const r = run('parse', file)
    expect(r.stderr).toBe(`briefings: ${file}: invalid UTF-16LE (detected: no byte-order mark): odd number of bytes\n`)
    expect(r.code).toBe(2)
  })
})
