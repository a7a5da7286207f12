/**
 * The store destroys nothing it does not own: a folder that is not an archive is refused, untouched, with a
 * message naming it and why (issue 8, defect 1); an empty or absent folder is made one; an archive whose
 * marker was damaged, holding only the archive's own files, gets it back and says so.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { isArchiveFolder, isArchiveFolderSync, openArchiveStore } from '../../../../archive/storage/index.ts'
import { BIN, NODE, briefingText, buildArchive, runSearch, snapshot, tempDir } from './fault-kit.ts'

const cleanups: Array<() => void> = []
afterAll(() => {
  while (cleanups.length) cleanups.pop()?.()
})

const cli = (...args: string[]): { code: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(NODE, [BIN, ...args], { encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** A user's folder: notes in index/, a draft whose name looks like a temp file, a JSON of another program. */
function userFolder(): string {
  const dir = tempDir('user-folder-', cleanups)
  mkdirSync(join(dir, 'index'))
  writeFileSync(join(dir, 'index', 'notes.md'), 'x\n')
  writeFileSync(join(dir, 'draft.tmp-1.docx'), 'y\n')
  mkdirSync(join(dir, 'sources'))
  writeFileSync(join(dir, 'sources', 'My Paper.PDF'), 'z')
  return dir
}

describe('a folder that is not an archive', () => {
  test('issue 8 defect 1, `briefings search a --archive r1`: every user file untouched, a message naming the folder and why', () => {
    const dir = userFolder()
    const before = snapshot(dir)
    const r = cli('search', 'a', '--archive', dir)
    expect(snapshot(dir)).toEqual(before)
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain(`archive ${dir}: not a Briefing Reader archive (no archive.json) and it holds other files`)
    expect(r.stderr).toContain('nothing was changed')
    expect(r.stderr).not.toMatch(/\n\s+at /) // no stack trace
  })

  test('`briefings import` into it: nothing written, a non-zero exit and the reason', () => {
    const dir = userFolder()
    const input = tempDir('user-input-', cleanups)
    writeFileSync(join(input, 'a.txt'), briefingText('2024-05-10'))
    const before = snapshot(dir)
    const r = cli('import', input, '--archive', dir, '--json')
    expect(snapshot(dir)).toEqual(before)
    expect(r.code).not.toBe(0)
    expect(r.stdout + r.stderr).toContain(`archive ${dir}: not a Briefing Reader archive`)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  test('the store fails each import into it, naming the file and the folder', async () => {
    const dir = userFolder()
    const before = snapshot(dir)
    const store = openArchiveStore(dir, { onWarning: () => undefined })
    const outcome = await store.importBytes('a.txt', new TextEncoder().encode(briefingText('2024-05-10')))
    expect(outcome).toMatchObject({ status: 'failed' })
    expect(outcome.status === 'failed' && outcome.error).toMatch(/^a\.txt: not imported: archive .*: not a Briefing Reader archive/)
    expect(snapshot(dir)).toEqual(before)
  })

  test('the store refuses it for listing, reading and importing, and leaves it byte for byte', async () => {
    const dir = userFolder()
    const before = snapshot(dir)
    const store = openArchiveStore(dir, { onWarning: () => undefined })
    await expect(store.list()).rejects.toThrow(/not a Briefing Reader archive \(no archive\.json\) and it holds other files \(draft\.tmp-1\.docx, index\/notes\.md, sources\/My Paper\.PDF\)/)
    expect(await store.importBytes('a.txt', new TextEncoder().encode(briefingText('2024-05-10')))).toMatchObject({ status: 'failed' })
    const run = await runSearch(dir)
    expect(run.failure).toMatch(/not a Briefing Reader archive/)
    expect(snapshot(dir)).toEqual(before)
    expect(await isArchiveFolder(dir)).toBe(false)
  })

  test('a damaged marker beside user files is refused too, and the marker left as it was', async () => {
    const dir = userFolder()
    writeFileSync(join(dir, 'archive.json'), '{"app": "another program"}')
    const before = snapshot(dir)
    const store = openArchiveStore(dir, { onWarning: () => undefined })
    await expect(store.list()).rejects.toThrow(/archive\.json is not an archive marker\) and it holds other files/)
    expect(snapshot(dir)).toEqual(before)
  })

  test('a file where the folder should be is refused with a message', async () => {
    const parent = tempDir('user-file-', cleanups)
    writeFileSync(join(parent, 'plain'), 'text')
    await expect(openArchiveStore(join(parent, 'plain'), { onWarning: () => undefined }).list()).rejects.toThrow(/archive .*plain: not a folder/)
    expect(readFileSync(join(parent, 'plain'), 'utf8')).toBe('text')
  })
})

describe('a folder that becomes or is an archive', () => {
  test('an absent or an empty folder is made an archive with its marker', async () => {
    const parent = tempDir('new-archive-', cleanups)
    for (const dir of [join(parent, 'absent', 'deeper'), join(parent, 'empty')]) {
      if (dir.endsWith('empty')) mkdirSync(dir)
      const store = openArchiveStore(dir, { onWarning: () => undefined })
      expect(await store.importBytes('a.txt', new TextEncoder().encode(briefingText('2024-05-10')))).toMatchObject({ status: 'imported' })
      expect(JSON.parse(readFileSync(join(dir, 'archive.json'), 'utf8'))).toEqual({ format: 1 })
      expect(await isArchiveFolder(dir)).toBe(true)
      expect(isArchiveFolderSync(dir)).toBe(true)
      expect(existsSync(join(dir, 'archive.lock'))).toBe(false) // the lock is held only while writing
    }
  })

  test('an archive that lost its marker (only its own files) gets it back, and that is reported', async () => {
    const dir = tempDir('lost-marker-', cleanups)
    await buildArchive(dir)
    const { rmSync } = await import('node:fs')
    rmSync(join(dir, 'archive.json'))
    expect(await isArchiveFolder(dir)).toBe(true) // still skipped by a folder walk
    const run = await runSearch(dir)
    expect(run.items).toHaveLength(3)
    expect(run.warnings.map((w) => `${w.file}: ${w.message}`)).toEqual([
      "archive.json: archive marker missing; rewritten (the folder holds only the archive's own files)"
    ])
  })

  test('isArchiveFolder: an archive inside an import folder is recognised, an ordinary folder is not', async () => {
    const input = tempDir('import-folder-', cleanups)
    await buildArchive(join(input, 'my-archive'))
    mkdirSync(join(input, 'plain'))
    writeFileSync(join(input, 'plain', 'a.txt'), 'x')
    expect(await isArchiveFolder(join(input, 'my-archive'))).toBe(true)
    expect(await isArchiveFolder(join(input, 'plain'))).toBe(false)
    expect(await isArchiveFolder(join(input, 'missing'))).toBe(false)
    expect(isArchiveFolderSync(join(input, 'plain'))).toBe(false)
  })
})
