/**
 * `npm run bench:import`: import throughput per format, peak memory, and the time until new briefings are
 * searchable (issue 9's benchmark).
 *
 * Inputs, made each run from the project's generator (archive/sample/generate.ts) in a temp folder:
 * - 52 PDFs: 52 generated briefings printed once by headless Chromium as a KOSTEC weekly (scripts/pdf-fixtures.ts;
 *   cached under node_modules/.cache/briefing-reader/bench-pdf by the HTML's hash, so only the first run prints);
 * - 520 text files: generated briefings in the KOSTEC text layout;
 * - 100 HTML posts: one generated item each, as a saved publisher page (site menu, breadcrumb, the article, related
 *   posts, footer).
 *
 * Each phase runs in a fresh child process, which reports its own peak resident set size
 * (`process.resourceUsage().maxRSS`): read + parse (readDocument, then the layout registry), one file
 * after another; and, for the text files, the archive store's importFile into an empty archive followed by the
 * search index (ArchiveSearch.refresh) until a query finds the last briefing: the time until it is searchable.
 *
 * Options: BENCH_PDFS=52 BENCH_TEXTS=520 BENCH_POSTS=100. Prints a Markdown table.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const self = fileURLToPath(import.meta.url)

interface PhaseResult {
  phase: string
  files: number
  ok: number
  failed: string[]
  ms: number
  maxRssMB: number
  searchableMs?: number
  indexMs?: number
  hits?: number
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A saved web post of one generated item: chrome around the article, as a publisher's board page is. */
function postHtml(n: number, title: string, date: string, body: string[]): string {
  const paras = body
    .filter((l) => l.trim() && !l.includes('\t'))
    .map((l) => {
      const t = l.trim()
      return /^[-•○□■*]/.test(t) ? `<li>${esc(t.replace(/^[-•○□■*]\s*/, ''))}</li>` : `<p>${esc(t)}</p>`
    })
    .join('\n')
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>${esc(title)} | 샘플 동향 게시판</title>
<meta property="og:title" content="${esc(title)}"><meta property="article:published_time" content="${date}T09:00:00+09:00"></head>
<body><header><nav><ul><li><a href="/">홈</a></li><li><a href="/news">동향</a></li><li><a href="/report">보고서</a></li><li><a href="/about">기관소개</a></li></ul></nav></header>
<div class="breadcrumb">홈 &gt; 동향 &gt; 과학기술 동향</div>
<main><article><h1>${esc(title)}</h1><div class="meta">등록일 ${date} · 조회수 ${100 + n}</div>
${paras}
</article></main>
<aside><h2>관련 게시물</h2><ul><li><a href="/news/${n + 1}">다른 게시물 ${n + 1}</a></li><li><a href="/news/${n + 2}">다른 게시물 ${n + 2}</a></li></ul></aside>
<footer>샘플 기관 · 주소 서울 · 전화 02-000-0000 · Copyright 2026</footer></body></html>\n`
}

async function prepare(dir: string, pdfs: number, texts: number, posts: number): Promise<{ printMs: number; printed: number }> {
  const { generateBriefings } = await import('../archive/sample/generate.ts')
  mkdirSync(join(dir, 'text'))
  mkdirSync(join(dir, 'pdf'))
  mkdirSync(join(dir, 'html'))
  for (const b of generateBriefings(texts, { seed: 9 })) writeFileSync(join(dir, 'text', b.fileName), b.text)

  // posts: items of other generated briefings, one per page
  let written = 0
  for (const b of generateBriefings(Math.ceil(posts / 4) + 2, { seed: 11 })) {
    const lines = b.text.split('\n')
    const heads = lines.map((l, i) => (/^0\d \S/.test(l) ? i : -1)).filter((i) => i >= 0)
    for (let h = 0; h < heads.length && written < posts; h++) {
      const title = lines[heads[h]].replace(/^0\d\s+/, '')
      const body = lines.slice(heads[h] + 1, heads[h + 1] ?? heads[h] + 40)
      // the last item runs into the colophon: a post has none
      const colophon = body.findIndex((l) => l.trim() === 'CHINA')
      if (colophon >= 0) body.length = colophon
      writeFileSync(join(dir, 'html', `post-${String(written).padStart(3, '0')}.html`), postHtml(written, title, b.expected.published, body))
      written++
    }
  }

  const { PdfPrinter, briefingHtml } = await import('./pdf-fixtures.ts')
  const cache = join(root, 'node_modules/.cache/briefing-reader/bench-pdf')
  mkdirSync(cache, { recursive: true })
  const printer = new PdfPrinter()
  let printMs = 0
  let printed = 0
  try {
    for (const b of generateBriefings(pdfs, { seed: 52 })) {
      const html = briefingHtml(b.text, b.fileName.replace(/\.txt$/, ''))
      const cached = join(cache, `${createHash('sha256').update(html).digest('hex').slice(0, 24)}.pdf`)
      if (!existsSync(cached)) {
        const t = performance.now()
        writeFileSync(cached, await printer.print(html))
        printMs += performance.now() - t
        printed++
      }
      writeFileSync(join(dir, 'pdf', b.fileName.replace(/\.txt$/, '.pdf')), readFileSync(cached))
    }
  } finally {
    await printer.close()
  }
  return { printMs, printed }
}

/** One phase in this (child) process. */
async function runPhase(phase: string, dir: string): Promise<PhaseResult> {
  const { readDocument } = await import('../archive/import/read-document.ts')
  const { parseDocument } = await import('../archive/import/layouts/index.ts')
  const folder = join(dir, phase === 'store-text' ? 'text' : phase)
  const files = readdirSync(folder).sort()
  const failed: string[] = []
  let ok = 0
  if (phase === 'store-text') {
    const { openArchiveStore } = await import('../archive/storage/archive-store.ts')
    const { ArchiveSearch } = await import('../archive/storage/archive-search.ts')
    const archive = mkdtempSync(join(tmpdir(), 'bench-import-archive-'))
    try {
      const store = openArchiveStore(archive, { onWarning: () => {} })
      await store.ready
      const t0 = performance.now()
      let lastId = ''
      for (const f of files) {
        const outcome = await store.importFile(join(folder, f))
        if (outcome.status === 'failed') failed.push(outcome.error)
        else {
          ok++
          lastId = outcome.briefingId
        }
      }
      const imported = performance.now()
      const search = new ArchiveSearch(store)
      await search.refresh()
      const last = await store.get(lastId)
      const word = last?.sections[0]?.items[0]?.title.split(/\s+/).find((w) => w.length >= 2) ?? '양자'
      const hits = search.search(word).total
      const done = performance.now()
      search.close()
      return { phase, files: files.length, ok, failed, ms: imported - t0, indexMs: done - imported, searchableMs: done - t0, hits, maxRssMB: rss() }
    } finally {
      rmSync(archive, { recursive: true, force: true })
    }
  }
  const t0 = performance.now()
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(join(folder, f)))
    try {
      const read = await readDocument(bytes, f)
      if ('briefing' in read) throw new Error('unexpected briefing JSON')
      const briefing = parseDocument(read, { fileName: f, sourceHash: createHash('sha256').update(bytes).digest('hex'), importDate: '2026-12-02' })
      if (briefing.sections.length === 0) throw new Error('no sections')
      ok++
    } catch (error) {
      failed.push(`${f}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return { phase, files: files.length, ok, failed, ms: performance.now() - t0, maxRssMB: rss() }
}

const rss = (): number => process.resourceUsage().maxRSS / 1024

function child(phase: string, dir: string): PhaseResult {
  const out = execFileSync(process.execPath, [self, '--phase', phase, dir], { encoding: 'utf8', maxBuffer: 64 << 20 })
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as PhaseResult
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits)

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  if (argv[0] === '--phase') {
    process.stdout.write(JSON.stringify(await runPhase(argv[1], argv[2])) + '\n')
    return
  }
  const pdfs = Number(process.env.BENCH_PDFS ?? 52)
  const texts = Number(process.env.BENCH_TEXTS ?? 520)
  const posts = Number(process.env.BENCH_POSTS ?? 100)
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'))
  try {
    const { printMs, printed } = await prepare(dir, pdfs, texts, posts)
    const results = ['pdf', 'text', 'html', 'store-text'].map((p) => child(p, dir))
    const label: Record<string, string> = {
      pdf: 'PDF (readDocument → layouts)',
      text: 'text (readDocument → layouts)',
      html: 'HTML post (readDocument → layouts)',
      'store-text': 'text through the archive store (importFile)'
    }
    console.log(`Node ${process.version}, ${pdfs} PDFs (${printed} printed this run in ${fmt(printMs / 1000)} s, the rest cached), ${texts} text files, ${posts} HTML posts\n`)
    console.log('| input | files | read | time | files/s | peak RSS |')
    console.log('|---|---:|---:|---:|---:|---:|')
    for (const r of results) {
      console.log(`| ${label[r.phase]} | ${r.files} | ${r.ok} | ${fmt(r.ms / 1000, 2)} s | ${fmt(r.files / (r.ms / 1000))} | ${fmt(r.maxRssMB, 0)} MB |`)
    }
    const store = results.find((r) => r.phase === 'store-text')
    if (store?.searchableMs !== undefined) {
      console.log(
        `\n${store.ok} new briefings searchable ${fmt(store.searchableMs / 1000, 2)} s after the import started ` +
          `(import ${fmt(store.ms / 1000, 2)} s, then the index ${fmt((store.indexMs ?? 0) / 1000, 2)} s; a title word of the last one: ${store.hits} hits)`
      )
    }
    for (const r of results) for (const f of r.failed.slice(0, 5)) console.log(`failed (${r.phase}): ${f}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
