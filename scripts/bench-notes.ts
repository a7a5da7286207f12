/**
 * `npm run bench:notes [-- BRIEFINGS NOTES]`: the notes core at the scale of issue 7, in plain Node (no
 * Chromium: `npm run bench:notes-ui` measures the all-notes view painted). Generates BRIEFINGS briefings
 * (default 2,600) with the project's generator, parses them, and makes NOTES annotations (default 10,000:
 * 70 % highlights whose quotes are taken from the items' text with describeQuote/anchorQuote, 20 % item notes,
 * 10 % bookmarks), 200 of them on the first briefing and the rest spread over the others. Then measures:
 * - store load: openNotesStore through real conf, in a fresh process (what the app and the CLI pay) and warm
 *   in this one, once as the first open of a day (it writes the daily backup) and once as a later open;
 * - one save: `update` of one annotation's tags (one journal line, fsynced), SAVES runs, p50/p95; the checkpoint that
 *   folds the journal into notes.json; a fresh load with a journal of SAVES changes left by a killed session;
 * - re-anchoring the 200 notes of the first briefing after a re-parse (resolveAll on a freshly parsed copy,
 *   cold caches), on the same text and on a corrected text where every item's hash changed;
 * - Markdown export of that briefing (exportBriefingMarkdown with placements from resolveAll);
 * - the all-notes view filtered by a tag: buildViews of every annotation, then queryViews by tag.
 * Figures are medians of several runs unless marked; the machine may be shared, expect ±30 %.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { anchorQuote, describeQuote, resolveAll } from '../archive/notes/anchor.ts'
import { exportBriefingMarkdown } from '../archive/notes/export-markdown.ts'
import { itemText } from '../archive/notes/item-text.ts'
import { isoWithOffset } from '../archive/notes/local-time.ts'
import { COLORS, DEFAULT_COLOR_MEANINGS, type Annotation } from '../archive/notes/model.ts'
import { buildViews, queryViews } from '../archive/notes/query-notes.ts'
import type { Briefing } from '../archive/model/briefing.ts'
import { parseBriefing } from '../archive/parser/parse-briefing.ts'
import { generateBriefings } from '../archive/sample/generate.ts'
import { NORMALIZER_VERSION } from '../archive/search/normalize.ts'
import { journalFile } from '../archive/storage/notes-journal.ts'
import { CHECKPOINT_IDLE_MS, openNotesStore, type OpenConf } from '../archive/storage/notes-store.ts'

const open: OpenConf = (o) => new Conf(o as never) as never
const DAY = 86_400_000

// A child: `--load FILE DAYS` opens the store once in a fresh process (DAYS from now: a new day writes the
// daily backup) and prints the time.
if (process.argv[2] === '--load') {
  const [file, days] = [process.argv[3], Number(process.argv[4])]
  const t = performance.now()
  const store = await openNotesStore(file, { open, now: () => new Date(Date.now() + days * DAY) })
  const ms = performance.now() - t
  await store.close()
  console.log(JSON.stringify({ ms, notes: store.list().length }))
  process.exit(0)
}

const [briefingCount = 2600, noteCount = 10_000] = process.argv.slice(2).map(Number).filter((n) => n > 0)
const ON_ONE = Math.min(200, noteCount)
const SAVES = 200
const TAG = '반도체'

const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b)
const at = (xs: number[], q: number): number => {
  const s = sorted(xs)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]
}
const median = (xs: number[]): number => at(xs, 0.5)
const ms = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`)
function timed<T>(fn: () => T): [T, number] {
  const t = performance.now()
  const value = fn()
  return [value, performance.now() - t]
}
function parse(text: string, fileName: string): Briefing {
  const result = parseBriefing(text, { fileName })
  if (!result.ok) throw new Error(result.error)
  return result.briefing
}

process.stderr.write(`generating and parsing ${briefingCount} briefings …\n`)
const generated = generateBriefings(briefingCount, { seed: 7 })
const [briefings, parseMs] = timed(() => generated.map((g) => parse(g.text, g.fileName)))
const byId = new Map(briefings.map((b) => [b.id, b]))

process.stderr.write(`making ${noteCount} annotations …\n`)
const annotations: Annotation[] = []
const created = new Date('2026-11-02T09:00:00+09:00').getTime()
for (let i = 0; annotations.length < noteCount; i++) {
  const n = annotations.length
  // the first ON_ONE on the first briefing, then round the others
  const briefing = n < ON_ONE ? briefings[0] : briefings[1 + ((n - ON_ONE) % Math.max(1, briefings.length - 1))]
  const items = briefing.sections.flatMap((s) => s.items)
  const item = items[(i * 7) % items.length]
  const time = new Date(created + n * 60_000).toISOString()
  const common = {
    id: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    briefingId: briefing.id,
    created: time,
    modified: time,
    tags: n % 5 === 0 ? [TAG, `주제${n % 30}`] : [`주제${n % 30}`]
  }
  const kind = n % 10 < 7 ? 'highlight' : n % 10 < 9 ? 'note' : 'bookmark'
  if (kind === 'highlight') {
    const raw = itemText(item).raw
    const length = 12 + (i % 40)
    const start = (i * 13) % Math.max(1, raw.length - length)
    const described = describeQuote(raw, start, start + length)
    if (!described) continue
    const anchor = anchorQuote(item, described.quote, start)
    annotations.push({
      ...common,
      kind,
      itemId: item.id,
      itemTitle: item.title,
      quote: described.quote,
      text: described.text,
      ...(anchor.position ? { position: anchor.position } : {}),
      itemHash: anchor.itemHash,
      normalizer: NORMALIZER_VERSION,
      color: COLORS[n % COLORS.length],
      comment: n % 3 === 0 ? `**검토 필요**: 예산 규모와 일정 (${n})` : ''
    })
  } else if (kind === 'note') {
    annotations.push({ ...common, kind, itemId: item.id, itemTitle: item.title, text: `후속 확인 — 관련 부처 발표 비교\n\n- 항목 ${n}` })
  } else {
    annotations.push({ ...common, kind, itemId: item.id, itemTitle: item.title, reason: '주간 회의', state: 'review' })
  }
}
const first = briefings[0]
const onFirst = annotations.filter((a) => a.briefingId === first.id)

// The store: written once (one import), then measured.
const dir = mkdtempSync(join(tmpdir(), 'bench-notes-'))
const file = join(dir, 'notes.json')
{
  const writer = await openNotesStore(file, { open })
  writer.importAnnotations(annotations)
  await writer.close()
}
const fileMB = statSync(file).size / 2 ** 20

process.stderr.write('store load …\n')
const child = (days: number): number => {
  const out = execFileSync(process.execPath, [import.meta.filename, '--load', file, String(days)], { encoding: 'utf8' })
  return (JSON.parse(out.trim().split('\n').at(-1) as string) as { ms: number }).ms
}
const LOADS = 5
const coldFirstOfDay: number[] = []
const coldLater: number[] = []
for (let run = 1; run <= LOADS; run++) {
  coldFirstOfDay.push(child(run)) // a day not seen yet: the daily backup is written
  coldLater.push(child(run)) // the same day again: no backup
}
const warmLater: number[] = []
for (let run = 0; run < LOADS; run++) {
  const t = performance.now()
  const store = await openNotesStore(file, { open, now: () => new Date(Date.now() + LOADS * DAY) })
  warmLater.push(performance.now() - t)
  await store.close()
}

process.stderr.write('saves …\n')
const store = await openNotesStore(file, { open, now: () => new Date(Date.now() + LOADS * DAY) })
const ids = store.list().map((a) => a.id)
const saves: number[] = []
for (let run = 0; run < SAVES; run++) {
  const id = ids[(run * 37) % ids.length]
  const t = performance.now()
  store.update(id, { tags: [`주제${run % 30}`, '저장'] })
  saves.push(performance.now() - t)
}
// The store as a session killed now leaves it: notes.json and a journal of SAVES changes not folded in yet.
const crashedDir = mkdtempSync(join(tmpdir(), 'bench-notes-crashed-'))
const crashedFile = join(crashedDir, 'notes.json')
copyFileSync(file, crashedFile)
copyFileSync(journalFile(file), journalFile(crashedFile))
const journalKB = statSync(journalFile(file)).size / 1024
// The checkpoint: the journal folded into notes.json through conf (opened then, the first time), as when
// the app has been idle CHECKPOINT_IDLE_MS or quits.
const [, firstCheckpoint] = timed(() => store.checkpoint())
store.update(ids[0], { tags: ['저장'] })
const [, laterCheckpoint] = timed(() => store.checkpoint())
await store.close()
const withJournal: number[] = []
for (let run = 1; run <= LOADS; run++) {
  const copy = join(crashedDir, `run-${run}`)
  mkdirSync(copy)
  copyFileSync(crashedFile, join(copy, 'notes.json'))
  copyFileSync(journalFile(crashedFile), journalFile(join(copy, 'notes.json')))
  const out = execFileSync(process.execPath, [import.meta.filename, '--load', join(copy, 'notes.json'), '0'], { encoding: 'utf8' })
  withJournal.push((JSON.parse(out.trim().split('\n').at(-1) as string) as { ms: number }).ms)
}
rmSync(crashedDir, { recursive: true, force: true })

process.stderr.write('re-anchoring, export, filter …\n')
const RUNS = 7
const g0 = generated[0]
// A corrected issue: a correction paragraph at the top of every item of a fresh parse, so every item's text
// (and hash) changes and every offset moves: the cascade checks positions and searches quotes instead of
// taking the hash shortcut.
const correctedParse = (): Briefing => {
  const b = parse(g0.text, g0.fileName)
  for (const item of b.sections.flatMap((s) => s.items)) item.blocks.unshift({ kind: 'paragraph', text: '(정정) 일부 수치와 기관명을 바로잡았다.' })
  return b
}
const hashes = (b: Briefing): string[] => b.sections.flatMap((s) => s.items).map((item) => itemText(item).hash)
const changedItems = ((a: string[], b: string[]) => `${a.filter((h, i) => h !== b[i]).length} of ${a.length}`)(hashes(parse(g0.text, g0.fileName)), hashes(correctedParse()))
const reanchorSame: number[] = []
const reanchorChanged: number[] = []
/** How many were placed, and by which step of the cascade (`hash 140, item 60`). */
const placedBy = (placements: ReadonlyArray<{ status: string; via: string }>): string => {
  const steps = new Map<string, number>()
  for (const p of placements) steps.set(p.via, (steps.get(p.via) ?? 0) + 1)
  const placed = placements.filter((p) => p.status !== 'orphan').length
  return `${placed} placed: ${[...steps].map(([via, n]) => `${via} ${n}`).join(', ')}`
}
let placedSame = ''
let placedChanged = ''
for (let run = 0; run < RUNS; run++) {
  const fresh = parse(g0.text, g0.fileName)
  const [same, t1] = timed(() => resolveAll(onFirst, fresh))
  reanchorSame.push(t1)
  placedSame = placedBy(same)
  const changed = correctedParse()
  const [moved, t2] = timed(() => resolveAll(onFirst, changed))
  reanchorChanged.push(t2)
  placedChanged = placedBy(moved)
}

const exportOnce = (): { md: string; resolveMs: number; exportMs: number } => {
  const fresh = parse(g0.text, g0.fileName)
  const [placements, resolveMs] = timed(() => new Map(resolveAll(onFirst, fresh).map((p) => [p.id, p])))
  const [md, exportMs] = timed(() =>
    exportBriefingMarkdown({
      briefing: fresh,
      annotations: onFirst,
      placements,
      colorMeanings: DEFAULT_COLOR_MEANINGS,
      lang: 'ko',
      exported: isoWithOffset(new Date())
    })
  )
  return { md, resolveMs, exportMs }
}
const firstExport = exportOnce()
const exports = Array.from({ length: RUNS }, exportOnce)

const builds: number[] = []
const filters: number[] = []
const pages: number[] = []
let matched = 0
for (let run = 0; run < RUNS; run++) {
  const [views, tb] = timed(() => buildViews(annotations, byId))
  builds.push(tb)
  const [all, tf] = timed(() => queryViews(views, { tags: [TAG] }))
  filters.push(tf)
  matched = all.total
  // what the all-notes view asks for: the first page of 200
  pages.push(timed(() => queryViews(views, { tags: [TAG], limit: 200 }))[1])
}
rmSync(dir, { recursive: true, force: true })

const mark = (value: number, target: number): string => `≤ ${target} ms ${value <= target ? '✓' : '**missed**'}`
const rows: Array<[string, string, string]> = [
  [`store load, fresh process, first open of a day (writes the daily backup)`, `${ms(median(coldFirstOfDay))} (max ${ms(Math.max(...coldFirstOfDay))})`, mark(median(coldFirstOfDay), 300)],
  [`store load, fresh process, later opens`, `${ms(median(coldLater))} (max ${ms(Math.max(...coldLater))})`, mark(median(coldLater), 300)],
  [`store load, warm (same process)`, ms(median(warmLater)), '—'],
  [`store load, fresh process, after a session killed with a journal of ${SAVES} changes (${journalKB.toFixed(0)} KB) not folded in`, `${ms(median(withJournal))} (max ${ms(Math.max(...withJournal))})`, mark(median(withJournal), 300)],
  [`one save (update of one annotation: a journal line, fsynced), ${SAVES} runs, p50 / p95`, `${ms(at(saves, 0.5))} / ${ms(at(saves, 0.95))}`, `p95 ${mark(at(saves, 0.95), 30)}`],
  [`checkpoint (the journal folded into notes.json through conf; after ${CHECKPOINT_IDLE_MS / 1000} s idle and at quit), first (opens conf) / later`, `${ms(firstCheckpoint)} / ${ms(laterCheckpoint)}`, '—'],
  [`re-anchoring the ${onFirst.length} notes of a briefing after a re-parse (resolveAll, same text)`, `${ms(median(reanchorSame))} (${placedSame})`, '—'],
  [`re-anchoring them on a corrected issue (${changedItems} items' texts changed)`, `${ms(median(reanchorChanged))} (${placedChanged})`, '—'],
  [`Markdown export of a briefing with ${onFirst.length} notes (exportBriefingMarkdown), first call / warm`, `${ms(firstExport.exportMs)} / ${ms(median(exports.map((e) => e.exportMs)))}`, mark(firstExport.exportMs, 200)],
  [`  … with its resolveAll, first call / warm`, `${ms(firstExport.exportMs + firstExport.resolveMs)} / ${ms(median(exports.map((e) => e.exportMs + e.resolveMs)))}`, mark(firstExport.exportMs + firstExport.resolveMs, 200)],
  [`all-notes views built (buildViews of ${annotations.length})`, ms(median(builds)), '—'],
  [`filter by a tag (queryViews, #${TAG}: ${matched} of ${annotations.length}), all / first page of 200`, `${ms(median(filters))} / ${ms(median(pages))}`, mark(median(filters), 100)]
]

process.stdout.write(
  [
    `Node ${process.versions.node}, ${process.platform}/${process.arch}, ${availableParallelism()} cores; ${new Date().toISOString().slice(0, 10)}`,
    `${briefings.length} briefings (parsed in ${ms(parseMs)}), ${annotations.length} annotations (store ${fileMB.toFixed(1)} MB), ` +
      `export ${(Buffer.byteLength(firstExport.md) / 1024).toFixed(0)} KB`,
    '',
    '| what | figure | target |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`)
  ].join('\n') + '\n'
)
