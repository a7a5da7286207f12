/**
 * `npm run bench:import-memory`: peak memory (resident set size) of `briefings import` and `briefings parse`
 * of one large briefing, each in a fresh process.
 *
 * The input is made from the bundled sample (archive/sample/briefings/sample-weekly-2026-01-09.txt): the body
 * of its first item repeated until the file is about 19 MB (the worst shape: one item with all the text, so
 * one search document, one normalised text and one token stream of that size), then the rest of the issue.
 * The child reports `process.resourceUsage().maxRSS` when it exits (a preload given with `--import`), so the
 * figure is the kernel's peak for the whole command: start-up, reading, parsing, storing, indexing.
 *
 * Options: BENCH_IMPORT_MB=19 (target size), BENCH_IMPORT_RUNS=3 (runs per command; the median is shown),
 * BENCH_NODE_FLAGS="--max-semi-space-size=8" (flags for the child Node, e.g. to see what a GC setting changes),
 * BENCH_IMPORT_SPACES=1 (one more run of each command under --trace-gc-verbose: the most each V8 heap space held
 * committed at any collection, which says where the peak goes: the young generation, the old one, large objects).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const sample = join(root, 'archive/sample/briefings/sample-weekly-2026-01-09.txt')
const targetMb = Number(process.env.BENCH_IMPORT_MB ?? 19)
const runs = Math.max(1, Number(process.env.BENCH_IMPORT_RUNS ?? 3))

/** The sample with its first item's body repeated up to `bytes`. */
function bigBriefing(bytes: number): string {
  const lines = readFileSync(sample, 'utf8').split('\n')
  const first = lines.findIndex((l) => l.startsWith('01 '))
  const second = lines.findIndex((l) => l.startsWith('02 '))
  if (first < 0 || second < first) throw new Error(`${sample}: no items 01 and 02 found`)
  const head = lines.slice(0, first + 1).join('\n') + '\n'
  const body = lines.slice(first + 1, second).join('\n') + '\n'
  const tail = lines.slice(second).join('\n')
  const repeat = Math.max(1, Math.floor((bytes - Buffer.byteLength(head + tail)) / Buffer.byteLength(body)))
  return head + body.repeat(repeat) + tail
}

const REPORT = 'data:text/javascript,' + encodeURIComponent(
  'process.on("exit", () => process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\\n`))'
)

const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean)

/** Runs the CLI once in a fresh Node (with `extra` flags); its peak RSS in MB, and its stdout. */
function run(args: string[], extra: string[] = []): { mb: number; stdout: string } {
  const child = spawnSync(process.execPath, [...nodeFlags, ...extra, '--import', REPORT, join(root, 'bin/briefings.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30
  })
  // bin/briefings.js re-runs itself once with its own flags (and these): each process reports; the peak is the
  // largest (the one doing the work)
  const reported = [...child.stderr.matchAll(/maxrss (\d+)/g)].map((m) => Number(m[1]))
  if (child.status !== 0 || reported.length === 0) {
    throw new Error(`briefings ${args.join(' ')} exited ${child.status}: ${child.stderr.trim().slice(0, 500)}`)
  }
  return { mb: Math.max(...reported) / 1024, stdout: child.stdout }
}

const peak = (args: string[]): number => run(args).mb

/**
 * The most each heap space had committed at any garbage collection of one run (--trace-gc-verbose prints the
 * spaces after each), in MB: `new` is the young generation (both semi-spaces), `lo` large objects.
 */
function spaces(args: string[]): string {
  const { mb, stdout } = run(args, ['--trace-gc-verbose'])
  const most = new Map<string, number>()
  for (const m of stdout.matchAll(/^\[[^\]]*\] (New space|Old space|Large object space|New large object space|Code space),.*committed:\s+(\d+) KB/gm)) {
    most.set(m[1], Math.max(most.get(m[1]) ?? 0, Number(m[2]) / 1024))
  }
  const show = [...most].map(([space, v]) => `${space.toLowerCase()} ${v.toFixed(0)}`).join(', ')
  return `peak RSS ${mb.toFixed(0)} MB; most committed (MB): ${show}`
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const dir = mkdtempSync(join(tmpdir(), 'bench-import-memory-'))
try {
  const file = join(dir, 'sample-weekly-2026-01-09.txt')
  writeFileSync(file, bigBriefing(targetMb * 1024 * 1024))
  const size = statSync(file).size / (1024 * 1024)
  console.log(`Node ${process.versions.node}, ${process.platform}/${process.arch}; input ${size.toFixed(1)} MB (one item)`)
  const imports: number[] = []
  const parses: number[] = []
  for (let r = 0; r < runs; r++) {
    const archive = join(dir, `archive-${r}`)
    imports.push(peak(['import', file, '--archive', archive]))
    rmSync(archive, { recursive: true, force: true })
    parses.push(peak(['parse', file, '--json']))
  }
  const show = (xs: number[]): string => `${median(xs).toFixed(0)} MB (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`
  const flags = nodeFlags.length > 0 ? ` (node ${nodeFlags.join(' ')})` : ''
  console.log(`briefings import: peak RSS ${show(imports)}${flags}`)
  console.log(`briefings parse --json: peak RSS ${show(parses)}${flags}`)
  if (process.env.BENCH_IMPORT_SPACES) {
    const archive = join(dir, 'archive-spaces')
    console.log(`  import, one more run: ${spaces(['import', file, '--archive', archive])}`)
    console.log(`  parse --json, one more run: ${spaces(['parse', file, '--json'])}`)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
