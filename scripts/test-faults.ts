/**
 * npm run test:faults: the archive's long fault runs (issue 8). A child process imports a batch of
 * briefings (and refreshes the index), or refreshes an index that was removed or left stale, and is killed
 * with SIGKILL at a random moment; after each kill the archive is opened as the app or the command line
 * opens it, and checked:
 *
 * - no user file touched (a folder of the user's beside the archive, and the import folder);
 * - no crash, no error: listing and searching work at once (the dead writer's lock is taken over, its temp
 *   files swept);
 * - 0 briefings lost: every briefing listed before the trial is listed after it;
 * - correct results: each query's hits are exactly the reference archive's hits on the briefings present;
 * - what was repaired is reported (counted and listed by kind);
 * - no temp file or lock left behind once the archive was opened again.
 *
 * At the end every input is imported to completion and the archive must equal the reference with nothing left
 * to repair. Usage: node scripts/test-faults.ts [--trials N] [--seed S] [--keep]. Exit 1 when any check failed.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { generateBriefings } from '../archive/sample/generate.ts'
import { ArchiveSearch } from '../archive/storage/archive-search.ts'
import { openArchiveStore, type StoreWarning } from '../archive/storage/index.ts'

const ROOT = resolve(import.meta.dirname, '..')
const CHILD = join(ROOT, 'tests/unit/archive/faults/archive-child.ts')
const NODE = process.execPath
const QUERIES = ['베이징', '반도체', '인공지능', '양자', '상하이 정책']

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const TRIALS = arg('--trials', 120)
const SEED = arg('--seed', Date.now() % 100_000)
const KEEP = process.argv.includes('--keep')

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = mulberry32(SEED)

function snapshot(dir: string, skip?: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name)
    if (skip && (path === skip || path.startsWith(`${skip}/`))) continue
    out[path] = e.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'dir'
  }
  return out
}

const work = mkdtempSync(join(tmpdir(), 'test-faults-'))
const userDir = join(work, 'user') // the user's folder: their files, and the archive inside it
const archive = join(userDir, 'archive')
const inputDir = join(work, 'in')
mkdirSync(userDir)
mkdirSync(inputDir)
writeFileSync(join(userDir, 'my notes.docx'), 'the user’s own file beside the archive\n')
writeFileSync(join(userDir, 'draft.tmp-1.docx'), 'a user file whose name looks like a temp file\n')
writeFileSync(join(inputDir, 'keep-me.pdf'), '%PDF user file in the import folder\n')

const generated = generateBriefings(48, { seed: 11 })
const inputs = generated.map((g) => {
  const path = join(inputDir, g.fileName)
  writeFileSync(path, g.text)
  return path
})

interface Run {
  ids: string[]
  hits: Record<string, string[]>
  warnings: StoreWarning[]
  failure?: string
  built: number
}

/** Opens the archive in this process, lists it, refreshes its index and runs the queries. */
async function open(dir: string): Promise<Run> {
  const warnings: StoreWarning[] = []
  const store = openArchiveStore(dir, { onWarning: (w) => warnings.push(w), lockWaitMs: 5000 })
  const ids = (await store.list()).map((s) => s.id).sort()
  const search = new ArchiveSearch(store, { onProgress: () => undefined })
  await search.refresh()
  const hits: Record<string, string[]> = {}
  for (const q of QUERIES) hits[q] = search.search(q, { limit: 100_000 }).hits.map((h) => h.itemId).sort()
  const run = { ids, hits, warnings, failure: search.failure(), built: search.progress().built }
  search.close()
  return run
}

function child(args: string[], killAfterMs?: number): Promise<{ ms: number; killed: boolean; code: number | null; stderr: string }> {
  return new Promise((done) => {
    const t0 = performance.now()
    const p = spawn(NODE, [CHILD, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    let killed = false
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => {
      killed = p.kill('SIGKILL')
    }, killAfterMs)
    p.on('close', (code, signal) => {
      clearTimeout(timer)
      done({ ms: performance.now() - t0, killed: killed && signal === 'SIGKILL', code, stderr })
    })
  })
}

const failures: string[] = []
const fail = (trial: number | string, message: string): void => {
  failures.push(`trial ${trial}: ${message}`)
}

// the reference: every input imported into a clean archive, without interruptions
const reference = join(work, 'reference')
{
  const r = await child(['import', reference, ...inputs])
  if (r.code !== 0) throw new Error(`reference import failed: ${r.stderr}`)
}
const ref = await open(reference)
const refBriefingOf = (item: string): string => item.slice(0, item.indexOf('/'))

// how long an uninterrupted batch import and a full index rebuild take: the kill window
const batch = (): string[] => inputs.filter(() => random() < 0.3)
const firstBatch = inputs.slice(0, 12)
const importMs = (await child(['import', archive, ...firstBatch])).ms
rmSync(join(archive, 'index'), { recursive: true, force: true })
const refreshMs = (await child(['refresh', archive])).ms
const userBefore = snapshot(userDir, archive)
const inputBefore = snapshot(inputDir)

const stats = { trials: 0, killed: 0, finished: 0, lost: 0, repairs: 0, rebuilt: 0, byKind: new Map<string, number>(), verifyMs: [] as number[] }
const kindOf = (w: StoreWarning): string =>
  `${w.file.replace(/\d{4}-[0-9a-f]{16}/, '<shard>').replace(/sample-weekly-[\d-]+/, '<id>')}: ${w.message.replace(/sample-weekly-[\d-]+/g, '<id>').replace(/\d{4}-[0-9a-f]{16}/g, '<shard>').replace(/\(\d+ of \d+ bytes\)|\d+ bytes, the manifest says \d+/g, '…')}`

for (let trial = 1; trial <= TRIALS; trial++) {
  const before = (await open(archive)).ids
  const kind = random() < 0.6 ? 'import' : 'refresh'
  let args: string[]
  let window: number
  if (kind === 'import') {
    // some files changed since their last import (an update), most new or unchanged
    const files = batch().map((f) => {
      if (random() < 0.25) {
        const changed = join(inputDir, `changed-${trial}-${f.slice(inputDir.length + 1)}`)
        writeFileSync(changed, `${readFileSync(f, 'utf8')}\n`)
        return changed
      }
      return f
    })
    args = ['import', archive, ...files]
    window = importMs * (files.length / firstBatch.length) * 1.2 + 50
  } else {
    // a stale or missing index to rebuild
    if (random() < 0.5) rmSync(join(archive, 'index'), { recursive: true, force: true })
    else rmSync(join(archive, 'index', 'manifest.json'), { force: true })
    args = ['refresh', archive]
    window = refreshMs * 1.2
  }
  const r = await child(args, random() * window)
  stats.trials++
  if (r.killed) stats.killed++
  else {
    stats.finished++
    if (r.code !== 0) fail(trial, `${kind} exited ${r.code}: ${r.stderr}`)
  }
  const t0 = performance.now()
  let after: Run
  try {
    after = await open(archive)
  } catch (error) {
    fail(trial, `opening after the kill threw: ${error instanceof Error ? error.stack : String(error)}`)
    continue
  }
  stats.verifyMs.push(performance.now() - t0)
  if (after.failure) fail(trial, `search failed: ${after.failure}`)
  const lost = before.filter((id) => !after.ids.includes(id))
  stats.lost += lost.length
  if (lost.length > 0) fail(trial, `lost ${lost.join(', ')}`)
  const present = new Set(after.ids)
  for (const q of QUERIES) {
    const want = ref.hits[q].filter((item) => present.has(refBriefingOf(item)))
    if (JSON.stringify(want) !== JSON.stringify(after.hits[q])) fail(trial, `"${q}": ${after.hits[q].length} hits, the reference has ${want.length}`)
  }
  stats.repairs += after.warnings.length
  if (after.built > 0) stats.rebuilt++
  for (const w of after.warnings) stats.byKind.set(kindOf(w), (stats.byKind.get(kindOf(w)) ?? 0) + 1)
  const stray = ['', 'sources', 'briefings', 'index']
    .flatMap((sub) => (existsSync(join(archive, sub)) ? readdirSync(join(archive, sub)).map((n) => join(sub, n)) : []))
    .filter((n) => n.includes('.tmp-') || n === 'archive.lock')
  if (stray.length > 0) fail(trial, `left behind: ${stray.join(', ')}`)
  if (JSON.stringify(snapshot(userDir, archive)) !== JSON.stringify(userBefore)) fail(trial, 'a user file beside the archive changed')
  if (trial % 10 === 0) process.stdout.write(`  ${trial}/${TRIALS} trials, ${stats.killed} killed, ${failures.length} failures\n`)
}

// finally everything, uninterrupted: the archive must be the reference, with nothing left to repair
const final = await child(['import', archive, ...inputs])
if (final.code !== 0) fail('final', `import exited ${final.code}: ${final.stderr}`)
const clean = await open(archive)
if (JSON.stringify(clean.ids) !== JSON.stringify(ref.ids)) fail('final', `${clean.ids.length} briefings, the reference has ${ref.ids.length}`)
if (JSON.stringify(clean.hits) !== JSON.stringify(ref.hits)) fail('final', 'hits differ from the reference')
if (clean.warnings.length > 0 || clean.built > 0) fail('final', `still repairing: ${clean.warnings.map((w) => `${w.file}: ${w.message}`).join('; ')}`)
for (const [k, v] of Object.entries(inputBefore)) {
  if (!k.includes('changed-') && snapshot(inputDir)[k] !== v) fail('final', `input file changed: ${k}`)
}
if (JSON.stringify(snapshot(userDir, archive)) !== JSON.stringify(userBefore)) fail('final', 'a user file beside the archive changed')

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
process.stdout.write(
  [
    `test:faults (seed ${SEED}): ${stats.trials} trials, ${stats.killed} killed with SIGKILL mid-way, ${stats.finished} finished before the kill`,
    `  briefings lost: ${stats.lost}; repairs reported: ${stats.repairs}; index shards (re)built by the check after ${stats.rebuilt} trials (the index the killed process had not finished)`,
    ...[...stats.byKind.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `    ${v} × ${k}`),
    `  uninterrupted: a batch import of ${firstBatch.length} ${importMs.toFixed(0)} ms, an index rebuild ${refreshMs.toFixed(0)} ms (child processes, Node start included)`,
    `  open + list + index refresh + ${QUERIES.length} queries after a kill: median ${median(stats.verifyMs).toFixed(0)} ms, max ${Math.max(...stats.verifyMs).toFixed(0)} ms`,
    failures.length === 0 ? 'all checks passed' : `${failures.length} FAILED:\n${failures.map((f) => `  ${f}`).join('\n')}`
  ].join('\n') + '\n'
)
if (!KEEP) rmSync(work, { recursive: true, force: true })
else process.stdout.write(`kept ${work}\n`)
process.exitCode = failures.length === 0 ? 0 : 1
