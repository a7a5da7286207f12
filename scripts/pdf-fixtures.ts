/**
 * Printing briefings to PDF the way a KOSTEC weekly looks (for scripts/make-sample-pdfs.ts and
 * scripts/bench-import.ts): a sample text in the KOSTEC text layout becomes an A4 HTML page — the series name as
 * a running header from page 2, `- N -` page numbers in the footer, each source line a paragraph (its leading
 * spaces as an indent), blank lines as paragraph gaps, tab-separated rows as bordered tables (a header row repeated
 * in the text is printed once, as a <thead> Chromium repeats on every page the table spans) — and headless
 * Chromium (Playwright driving the system Chromium, Noto CJK fonts) prints it.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from '@playwright/test'
import { parseCell } from '../archive/parser/parse-table.ts'
import { chromiumPathOrThrow, realResolveDeps } from './chromium.ts'

export const SERIES_HEADER = '샘플 과학기술 정책 주간동향'

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export const PAGE_CSS = `
@page { size: A4; margin: 22mm 20mm 20mm 20mm;
  @top-center { content: "${SERIES_HEADER}"; font: 8.5pt 'Noto Sans CJK KR'; color: #444 }
  @bottom-center { content: "- " counter(page) " -"; font: 9pt 'Noto Sans CJK KR' } }
@page :first { @top-center { content: none } }
html { font-family: 'Noto Sans CJK KR', sans-serif; font-size: 10.5pt; line-height: 1.55; }
body { margin: 0; word-break: keep-all; overflow-wrap: anywhere; }
p { margin: 0.22em 0 0 0; }
p.gap { margin-top: 0.9em; }
table { border-collapse: collapse; width: 100%; margin: 0.9em 0 0 0; font-size: 9.5pt; line-height: 1.45; }
thead td { background: #e6e6e6; font-weight: bold; }
td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }
tr { break-inside: avoid; }
.cell-line { margin: 0; }
`

/** True for a table row of the KOSTEC text layout: a tab after the line's first visible character. */
const isRow = (line: string): boolean => line.replace(/^[ \t\u3000\u00A0]+/, '').includes('\t')

const rowKey = (cells: string[]): string => cells.map((c) => c.normalize('NFKC').replace(/\s+/g, '')).join('\u0001')

function cellHtml(raw: string): string {
  const cell = parseCell(raw)
  if (cell.list) return cell.list.map((e) => `<p class="cell-line">• ${esc(e)}</p>`).join('')
  return esc(cell.text)
}

/** The HTML page of one briefing text in the KOSTEC text layout. */
export function briefingHtml(text: string, title: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const out: string[] = []
  let gap = false
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]
    if (line.trim() === '') {
      gap = true
      i++
      continue
    }
    if (isRow(line)) {
      // a run of rows, blank lines between them included, with one column count: one table
      const split = (l: string): string[] => l.replace(/^[ \u3000\u00A0]+/, '').split('\t')
      const header = split(line)
      const body: string[][] = []
      let j = i + 1
      for (;;) {
        let k = j
        while (k < lines.length && lines[k].trim() === '') k++
        if (k >= lines.length || !isRow(lines[k]) || split(lines[k]).length !== header.length) break
        const cells = split(lines[k])
        if (rowKey(cells) !== rowKey(header)) body.push(cells)
        j = k + 1
      }
      const tr = (cells: string[]): string => `<tr>${cells.map((c) => `<td>${cellHtml(c)}</td>`).join('')}</tr>`
      out.push(`<table><thead>${tr(header)}</thead><tbody>${body.map(tr).join('')}</tbody></table>`)
      gap = true
      i = j
      continue
    }
    const lead = /^[ \u3000\u00A0]*/.exec(line)?.[0].length ?? 0
    const style = lead ? ` style="padding-left:${lead}em"` : ''
    out.push(`<p${gap ? ' class="gap"' : ''}${style}>${esc(line.trim())}</p>`)
    gap = false
    i++
  }
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${PAGE_CSS}</style></head><body>\n${out.join('\n')}\n</body></html>\n`
}

/** A small PNG (grey noise in blocks: it compresses well yet is clearly an image), made without a library. */
export async function makePng(width: number, height: number): Promise<Buffer> {
  const { deflateSync, crc32 } = await import('node:zlib')
  const raw = Buffer.alloc((width + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = ((x >> 4) + (y >> 4)) % 2 ? 200 : 90
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body) >>> 0)
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 0 // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0))
  ])
}

/** The Chromium to print with: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else what the e2e suite finds. */
export function printerPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  return chromiumPathOrThrow(realResolveDeps(), 'make-sample-pdfs')
}

/** One headless Chromium printing HTML pages to PDF bytes. */
export class PdfPrinter {
  private browser: Browser | undefined

  async print(html: string): Promise<Buffer> {
    this.browser ??= await chromium.launch({ executablePath: printerPath(), args: ['--no-sandbox', '--disable-gpu'] })
    const page = await this.browser.newPage()
    try {
      await page.setContent(html, { waitUntil: 'load' })
      return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: false, outline: false })
    } finally {
      await page.close()
    }
  }

  async close(): Promise<void> {
    await this.browser?.close()
    this.browser = undefined
  }
}
