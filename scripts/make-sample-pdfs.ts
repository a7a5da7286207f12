/**
 * `node scripts/make-sample-pdfs.ts`: prints the bundled sample briefings (archive/sample/briefings/*.txt) to
 * archive/sample/pdf/*.pdf as a KOSTEC weekly looks (scripts/pdf-fixtures.ts), and the PDF reader's hand-made
 * fixtures to tests/fixtures/import/pdf/. Run once when the samples change; the outputs are committed. The text
 * is the same on every run (Chromium stamps its own creation date into the file).
 *
 * Needs a Chromium (CHROMIUM_PATH, /usr/bin/chromium or the e2e suite's) and the Noto CJK fonts.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PAGE_CSS, PdfPrinter, SERIES_HEADER, briefingHtml, makePng } from './pdf-fixtures.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const samples = join(root, 'archive/sample/briefings')
const sampleOut = join(root, 'archive/sample/pdf')
const fixtureOut = join(root, 'tests/fixtures/import/pdf')

/** The fixtures are two or three pages: the running header is on every page, so it repeats on most of them. */
const EVERY_PAGE = `@page :first { @top-center { content: "${SERIES_HEADER}" } }`

const page = (title: string, body: string, css = EVERY_PAGE): string =>
  `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>${title}</title><style>${PAGE_CSS}${css}</style></head><body>\n${body}\n</body></html>\n`

/** Hand-made fixtures: what each one holds is what tests/unit/import/pdf-reader.spec.ts asserts. */
async function fixtures(): Promise<Record<string, string>> {
  const sentence = '연구팀은 새로운 촉매를 이용하여 이산화탄소를 메탄올로 바꾸는 반응의 효율을 기존보다 두 배 이상 높였으며'
  const wrapped = [
    `<p>□ ${sentence} 상용화를 위한 시험 설비를 2026년까지 구축하기로 하였다. ${sentence} 후속 연구를 이어가기로 했다.</p>`,
    `<p class="gap" style="padding-left:1em">○ 톈무산(天目山) 관측소는 ${sentence} 결과를 공개하였다.</p>`,
    `<p style="padding-left:2em">- 짧은 하위 항목</p>`,
    `<p class="gap">마지막 문단은 한 줄이다.</p>`
  ].join('\n')
  const rows = Array.from({ length: 46 }, (_, i) => `<tr><td>${i + 1}</td><td>기업${i + 1}</td><td>${(i + 1) * 7}</td></tr>`).join('')
  const table = [
    '<p>〈긴 표〉</p>',
    `<table><thead><tr><td>순위</td><td>기업명</td><td>매출(억 위안)</td></tr></thead><tbody>${rows}</tbody></table>`,
    '<p class="gap">표 다음 문단.</p>'
  ].join('\n')
  const png = (await makePng(320, 200)).toString('base64')
  const img = `<img src="data:image/png;base64,${png}" style="width:120mm">`
  // a scanned page inside a text PDF: an image and nothing else, not even the running header
  const imagePage = [
    '<p>첫 쪽은 글이 있는 쪽이다.</p>',
    `<div class="scan">${img}</div>`,
    '<p style="break-before:page">셋째 쪽도 글이 있다.</p>'
  ].join('\n')
  const scanCss = `${EVERY_PAGE} @page scan { @top-center { content: none } @bottom-center { content: none } } .scan { page: scan; break-before: page }`
  const noFurniture = '@page { @top-center { content: none } @bottom-center { content: none } }'
  // a paragraph that starts at the foot of page 1 and goes on at the head of page 2
  const crossing = [
    '<div style="height:228mm"></div>',
    `<p>- ${sentence} 상용화를 위한 시험 설비를 구축하기로 하였다. ${sentence} 후속 연구를 이어가고 ${sentence} 결과를 공개하였다.</p>`,
    '<p class="gap">참고자료</p>'
  ].join('\n')
  return {
    'wrapped-paragraph.pdf': page('wrapped', wrapped, ''),
    'paragraph-page-break.pdf': page('crossing', crossing),
    'table-page-break.pdf': page('table', table),
    'image-page.pdf': page('image page', imagePage, scanCss),
    'scanned.pdf': page('scan', `<div>${img}</div><div style="break-before:page">${img}</div>`, noFurniture)
  }
}

const printer = new PdfPrinter()
try {
  mkdirSync(sampleOut, { recursive: true })
  mkdirSync(fixtureOut, { recursive: true })
  for (const file of readdirSync(samples).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(join(samples, file), 'utf8')
    const name = basename(file, '.txt')
    const pdf = await printer.print(briefingHtml(text, `${name} (${name.slice(-10)})`))
    writeFileSync(join(sampleOut, `${name}.pdf`), pdf)
    console.log(`${join('archive/sample/pdf', name + '.pdf')}: ${(pdf.length / 1024).toFixed(0)} KB`)
  }
  for (const [file, html] of Object.entries(await fixtures())) {
    const pdf = await printer.print(html)
    writeFileSync(join(fixtureOut, file), pdf)
    console.log(`${join('tests/fixtures/import/pdf', file)}: ${(pdf.length / 1024).toFixed(0)} KB`)
  }
} finally {
  await printer.close()
}
