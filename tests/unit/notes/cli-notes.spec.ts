import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Conf from 'conf'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { allItems, type Briefing } from '../../../archive/model/briefing.ts'
import { anchorQuote, describeQuote, resolveAnnotation } from '../../../archive/notes/anchor.ts'
import { itemText } from '../../../archive/notes/item-text.ts'
import { DEFAULT_COLOR_MEANINGS, type Annotation, type Highlight, type NotesData } from '../../../archive/notes/model.ts'
import { parseAnnotations, toAnnotationCollection } from '../../../archive/notes/web-annotation.ts'
import { openArchiveStore } from '../../../archive/storage/archive-store.ts'
import { openNotesStore } from '../../../archive/storage/notes-store.ts'
import { SAMPLE_DIR } from '../../../archive/storage/sample-files.ts'

const BIN = resolve(import.meta.dirname, '../../../bin/briefings.js')

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

let work: string
let archive: string
let annotations: Annotation[]
const T = '2026-03-10T09:00:00+09:00'

function highlight(briefing: Briefing, index: number, from: number, length: number, id: string): Highlight {
  const item = allItems(briefing)[index]
  const raw = itemText(item).raw
  const described = describeQuote(raw, from, from + length)!
  const anchor = anchorQuote(item, described.quote)
  return {
    id,
    kind: 'highlight',
    briefingId: briefing.id,
    itemId: item.id,
    itemTitle: item.title,
    quote: described.quote,
    text: described.text,
    ...(anchor.position ? { position: anchor.position } : {}),
    itemHash: anchor.itemHash,
    normalizer: anchor.normalizer,
    color: 'green',
    comment: '인용 후보',
    tags: ['인용'],
    created: T,
    modified: T
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cli-notes-'))
  archive = join(work, 'archive')
  expect(run('import', SAMPLE_DIR, '--archive', archive, '--json').code).toBe(0)
  const store = openArchiveStore(archive)
  const briefing = (await store.get('sample-weekly-2026-03-06'))!
  const item = allItems(briefing)[1]
  annotations = [
    highlight(briefing, 0, 5, 20, 'urn:uuid:10000000-0000-4000-8000-000000000001'),
    highlight(briefing, 2, 10, 30, 'urn:uuid:10000000-0000-4000-8000-000000000002'),
    { ...highlight(briefing, 3, 0, 12, 'urn:uuid:10000000-0000-4000-8000-000000000003'), quote: { exact: '어디에도 없는 문장으로 바뀐 인용문입니다', prefix: '', suffix: '' }, itemHash: 'x' },
    { id: 'urn:uuid:10000000-0000-4000-8000-000000000004', kind: 'note', briefingId: briefing.id, itemId: item.id, itemTitle: item.title, text: '메모 **본문**', tags: [], created: T, modified: T },
    { id: 'urn:uuid:10000000-0000-4000-8000-000000000005', kind: 'bookmark', briefingId: briefing.id, reason: '전체 검토', state: 'review', tags: [], created: T, modified: T },
    // a briefing the archive does not have
    { id: 'urn:uuid:10000000-0000-4000-8000-000000000006', kind: 'note', briefingId: 'kostec-weekly-1999-01-01', itemId: 'kostec-weekly-1999-01-01/I-01', itemTitle: '옛 항목', text: '없는 브리핑', tags: [], created: T, modified: T }
  ]
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

function collectionFile(name: string, list: readonly Annotation[] = annotations): string {
  const file = join(work, name)
  writeFileSync(file, JSON.stringify(toAnnotationCollection(list, { colorMeanings: DEFAULT_COLOR_MEANINGS })))
  return file
}

describe('briefings notes import', () => {
  test('creates the store, imports everything, counts the unplaced; again: all unchanged', async () => {
    const store = join(work, 'a', 'notes.json')
    const file = collectionFile('all.json')
    const first = run('notes', 'import', file, '--store', store, '--archive', archive, '--json')
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toEqual({ imported: 6, updated: 0, unchanged: 0, unplaced: 2, failed: [] })
    const saved = JSON.parse(readFileSync(store, 'utf8')) as NotesData
    expect(saved.annotations).toEqual(annotations)
    // the two unplaced: the highlight whose quote is gone and the note on a briefing the archive lacks
    const briefing = (await openArchiveStore(archive).get('sample-weekly-2026-03-06'))!
    expect(annotations.slice(0, 5).map((a) => resolveAnnotation(a, briefing).status === 'orphan')).toEqual([false, false, true, false, false])

    const again = run('notes', 'import', file, '--store', store, '--archive', archive, '--json')
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toEqual({ imported: 0, updated: 0, unchanged: 6, unplaced: 0, failed: [] })

    const later = annotations.slice(0, 2).map((a) => ({ ...a, tags: ['갱신'], modified: '2026-04-01T00:00:00+09:00' }))
    const updated = run('notes', 'import', collectionFile('later.json', later), '--store', store, '--archive', archive, '--json')
    expect(JSON.parse(updated.stdout)).toEqual({ imported: 0, updated: 2, unchanged: 0, unplaced: 0, failed: [] })
    expect(readFileSync(store, 'utf8')).toContain('갱신')
    expect(readdirSync(join(work, 'a')).filter((n) => n.includes('tmp'))).toEqual([])
  })

  test('an annotation that cannot be used: exit 1, listed with its index; the others are imported', () => {
    const store = join(work, 'b.json')
    const file = join(work, 'mixed.json')
    const items = toAnnotationCollection(annotations.slice(0, 2), { colorMeanings: DEFAULT_COLOR_MEANINGS }).first.items
    writeFileSync(file, JSON.stringify([items[0], { ...items[1], target: 'https://example.org/x' }]))
    const r = run('notes', 'import', file, '--store', store, '--archive', archive, '--json')
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout)).toEqual({
      imported: 1,
      updated: 0,
      unchanged: 0,
      unplaced: 0,
      failed: [{ index: 1, error: 'its target is not a Briefing Reader item or briefing (https://example.org/x)' }]
    })
  })

  test('an unreadable or invalid file: exit 2, one line naming it, the store byte-identical', () => {
    const store = join(work, 'c.json')
    expect(run('notes', 'import', collectionFile('two.json', annotations.slice(0, 2)), '--store', store, '--archive', archive).code).toBe(0)
    const before = readFileSync(store)
    const notJson = join(work, 'notes.txt')
    writeFileSync(notJson, '{"type": "AnnotationCollection", ')
    const notAnnotations = join(work, 'settings.json')
    writeFileSync(notAnnotations, JSON.stringify({ locale: 'ko', theme: 'dark' }))
    const cases: Array<[string, RegExp]> = [
      [join(work, 'missing.json'), /^briefings: cannot read .*missing\.json: no such file\n$/],
      [notJson, /^briefings: cannot import .*notes\.txt: not valid JSON \(.*\)\n$/],
      [notAnnotations, /^briefings: cannot import .*settings\.json: not Web Annotation JSON \(an object with no type; .*\)\n$/]
    ]
    for (const [file, message] of cases) {
      const r = run('notes', 'import', file, '--store', store, '--archive', archive, '--json')
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(r.stdout).toBe('')
      expect(readFileSync(store)).toEqual(before)
    }
    // nor is a store created for a bad file
    const fresh = join(work, 'never.json')
    expect(run('notes', 'import', notJson, '--store', fresh, '--archive', archive).code).toBe(2)
    expect(existsSync(fresh)).toBe(false)
  })

  test('while the app holds the store: import refused (exit 2, the message), export still works', async () => {
    const store = join(work, 'held', 'notes.json')
    const app = await openNotesStore(store, { open: (o) => new Conf<NotesData>(o) })
    try {
      app.add(annotations[0])
      const r = run('notes', 'import', collectionFile('held.json'), '--store', store, '--archive', archive, '--json')
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(`briefings: notes store ${store} is open in Briefing Reader; close the app to write to it\n`)
      const out = join(work, 'held-export.json')
      const e = run('notes', 'export', '--format', 'json', '--out', out, '--store', store, '--archive', archive, '--json')
      expect(e.code).toBe(0)
      expect(JSON.parse(e.stdout)).toEqual({ files: [out], annotations: 1 })
    } finally {
      await app.close()
    }
  })

  test('usage errors exit 1', () => {
    expect(run('notes').code).toBe(1)
    expect(run('notes', 'import', '--store', 'x.json').code).toBe(1)
    expect(run('notes', 'export', '--store', 'x.json').code).toBe(1)
    const r = run('notes', 'export', '--format', 'docx', '--out', 'x', '--store', join(work, 'x.json'))
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/unknown --format docx \(known: json/)
  })
})

describe('briefings notes export --format json', () => {
  test('writes an AnnotationCollection that imports back into another store unchanged', () => {
    const store = join(work, 'd.json')
    expect(run('notes', 'import', collectionFile('d-in.json'), '--store', store, '--archive', archive).code).toBe(0)
    const out = join(work, 'export.json')
    const r = run('notes', 'export', '--format', 'json', '--out', out, '--store', store, '--archive', archive)
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe(out)
    const text = readFileSync(out, 'utf8')
    expect(text.endsWith('\n')).toBe(true)
    const json = JSON.parse(text) as { '@context': unknown[]; type: string; total: number }
    expect(json).toMatchObject({ type: 'AnnotationCollection', total: annotations.length })
    expect(json['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld')
    expect(parseAnnotations(json).annotations).toEqual(annotations)

    const other = join(work, 'e.json')
    const back = run('notes', 'import', out, '--store', other, '--archive', archive, '--json')
    expect(JSON.parse(back.stdout)).toMatchObject({ imported: annotations.length, failed: [] })
    expect((JSON.parse(readFileSync(other, 'utf8')) as NotesData).annotations).toEqual(annotations)
  })

  test('a store that does not exist exports an empty collection and is not created', () => {
    const store = join(work, 'nothing.json')
    const out = join(work, 'empty.json')
    expect(run('notes', 'export', '--out', out, '--store', store).code).toBe(0)
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ total: 0, first: { items: [] } })
    expect(existsSync(store)).toBe(false)
    const r = run('notes', 'export', '--out', join(work, 'no', 'such', 'dir.json'), '--store', store)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/cannot write .*dir\.json: no such folder/)
  })
})

describe('briefings notes import: another tool\'s annotation, --store as the userData folder', () => {
  test('a quote-only highlight gets its position, hash and item title from the archive; the folder is created', async () => {
    const briefing = (await openArchiveStore(archive).get('sample-weekly-2026-03-06'))!
    const item = allItems(briefing)[2]
    const raw = itemText(item).raw
    const start = Math.floor(raw.length / 2)
    const hypothesis = {
      id: 'https://hypothes.is/a/cli-1',
      type: 'Annotation',
      created: '2026-03-11T01:00:00.000000+00:00',
      body: [{ type: 'TextualBody', value: '확인 필요', format: 'text/markdown' }],
      target: [{ source: `briefing-reader://item/${item.id}`, selector: [{ type: 'TextQuoteSelector', exact: raw.slice(start, start + 20) }] }]
    }
    const file = join(work, 'hypothesis.json')
    writeFileSync(file, JSON.stringify([hypothesis]))
    const userData = join(work, 'userData-new')
    const r = run('notes', 'import', file, '--store', userData, '--archive', archive, '--json')
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toEqual({ imported: 1, updated: 0, unchanged: 0, unplaced: 0, failed: [] })
    const [saved] = (JSON.parse(readFileSync(join(userData, 'notes.json'), 'utf8')) as NotesData).annotations as Highlight[]
    expect(saved).toMatchObject({ id: hypothesis.id, itemId: item.id, itemTitle: item.title, comment: '확인 필요', modified: hypothesis.created })
    expect(saved.itemHash).toBe(itemText(item).hash)
    expect(saved.position).toBeDefined()
    expect(resolveAnnotation(saved, briefing)).toMatchObject({ status: 'exact', via: 'hash' })
  })
})

describe('briefings notes export --format markdown', () => {
  const briefingId = 'sample-weekly-2026-03-06'
  const later = (id: string, text: string): Annotation[] => {
    const note = annotations[3]
    return [{ ...note, id, text, created: '2026-03-12T09:00:00+09:00', modified: '2026-03-12T09:00:00+09:00' } as Annotation]
  }

  test('one briefing to a file; a re-export after the user edited it keeps the edits and adds the new note', () => {
    const store = join(work, 'md-store')
    expect(run('notes', 'import', collectionFile('md-in.json'), '--store', store, '--archive', archive).code).toBe(0)
    const first = run('notes', 'export', '--format', 'markdown', '--briefing', briefingId, '--out', join(work, 'md-out.md'), '--store', store, '--archive', archive, '--json')
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const target = join(work, 'md-out.md')
    expect(JSON.parse(first.stdout)).toEqual({ files: [target], annotations: 5 })
    const text = readFileSync(target, 'utf8')
    expect(text.startsWith(`---\ntitle: `)).toBe(true)
    expect(text).toContain(`briefing: "${briefingId}"`)
    expect(text).toContain('notes: 5\n')
    expect(text).toContain(`[앱에서 열기](briefing-reader://item/${annotations[0].itemId})`)
    expect(text).toContain('위치를 찾지 못한 메모')
    expect(text).not.toContain('없는 브리핑')

    // the user writes outside the managed regions
    const itemStart = text.indexOf(`<!-- briefing-reader:item id=${annotations[0].itemId} -->\n`)
    expect(itemStart).toBeGreaterThan(0)
    const itemEnd = '<!-- /briefing-reader:item -->\n'
    const cut = text.indexOf(itemEnd, itemStart) + itemEnd.length
    const edited = `${text.slice(0, cut)}\n직접 쓴 검토 의견: 예산 규모 재확인.\n${text.slice(cut)}\n## 내 결론\n\n보고서에 반영할 것.\n`
    writeFileSync(target, edited)

    expect(run('notes', 'import', collectionFile('md-later.json', later('urn:uuid:10000000-0000-4000-8000-000000000007', '새로 추가한 메모')), '--store', store, '--archive', archive).code).toBe(0)
    const again = run('notes', 'export', '--format', 'markdown', '--briefing', briefingId, '--out', target, '--store', store, '--archive', archive)
    expect(again.code).toBe(0)
    const merged = readFileSync(target, 'utf8')
    expect(merged).toContain(`${itemEnd}\n직접 쓴 검토 의견: 예산 규모 재확인.\n`)
    expect(merged.endsWith('\n## 내 결론\n\n보고서에 반영할 것.\n')).toBe(true)
    expect(merged).toContain('새로 추가한 메모')
    expect(merged).toContain('notes: 6\n')
    expect(readdirSync(work).filter((n) => n.includes('.tmp-'))).toEqual([])
    // a folder that is not there: exit 2, nothing written
    const nowhere = run('notes', 'export', '--format', 'markdown', '--briefing', briefingId, '--out', join(work, 'no-such', 'x.md'), '--store', store, '--archive', archive)
    expect(nowhere.code).toBe(2)
    expect(nowhere.stderr).toMatch(/^briefings: cannot write .*x\.md: no such folder\n$/)
  })

  test('--lang en, and --out a folder for one briefing', () => {
    const store = join(work, 'md-en')
    expect(run('notes', 'import', collectionFile('md-en.json'), '--store', store, '--archive', archive).code).toBe(0)
    const dir = mkdtempSync(join(work, 'md-en-out-'))
    const r = run('notes', 'export', '--format', 'markdown', '--briefing', briefingId, '--out', dir, '--store', store, '--archive', archive, '--lang', 'en', '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ files: [join(dir, `${briefingId}.md`)], annotations: 5 })
    const text = readFileSync(join(dir, `${briefingId}.md`), 'utf8')
    expect(text).toContain('[Open in app](briefing-reader://item/')
    expect(text).toContain('Unplaced notes')
  })

  test('without --briefing: one file per briefing with notes; notes of a briefing the archive lacks: exit 1, named', () => {
    const store = join(work, 'md-all')
    expect(run('notes', 'import', collectionFile('md-all.json'), '--store', store, '--archive', archive).code).toBe(0)
    const dir = join(work, 'md-all-out', 'nested')
    const r = run('notes', 'export', '--format', 'markdown', '--out', dir, '--store', store, '--archive', archive, '--json')
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout)).toEqual({
      files: [join(dir, `${briefingId}.md`)],
      annotations: 5,
      missing: [{ briefingId: 'kostec-weekly-1999-01-01', annotations: 1 }]
    })
    expect(r.stderr).toBe(`briefings: 1 notes of briefing kostec-weekly-1999-01-01 not exported: it is not in archive ${archive}\n`)
    expect(readdirSync(dir)).toEqual([`${briefingId}.md`])
  })

  test('a briefing not in the archive: exit 2; usage errors: exit 1', () => {
    const store = join(work, 'md-bad')
    const out = join(work, 'md-bad.md')
    const r = run('notes', 'export', '--format', 'markdown', '--briefing', 'kostec-weekly-1999-01-01', '--out', out, '--store', store, '--archive', archive)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`briefings: no briefing kostec-weekly-1999-01-01 in archive ${archive}\n`)
    expect(existsSync(out)).toBe(false)
    expect(run('notes', 'export', '--format', 'markdown', '--out', out, '--store', store).code).toBe(1)
    expect(run('notes', 'export', '--format', 'markdown', '--out', out, '--store', store, '--archive', archive, '--lang', 'fr').code).toBe(1)
    expect(run('notes', 'export', '--format', 'json', '--briefing', briefingId, '--out', out, '--store', store).code).toBe(1)
  })
})
