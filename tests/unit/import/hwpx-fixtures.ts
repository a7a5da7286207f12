/**
 * HWPX files built in the tests from XML strings (no binary fixture committed): the mimetype entry first and
 * stored, as KS X 6101 requires, then the package files deflated.
 */
import { zipSync, type Zippable } from 'fflate'

const NS =
  'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph" ' +
  'xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head"'

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

/** A paragraph of runs; each run is text (with `\t` as hp:tab and `\n` as hp:lineBreak) or raw run XML. */
export function para(text: string, style = '0', shape = '0'): string {
  const t = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\t/g, '<hp:tab/>')
    .replace(/\n/g, '<hp:lineBreak/>')
  return `<hp:p paraPrIDRef="${shape}" styleIDRef="${style}"><hp:run charPrIDRef="0"><hp:t>${t}</hp:t></hp:run></hp:p>`
}

export function cell(text: string, row: number, col: number, span = { col: 1, row: 1 }): string {
  return `<hp:tc><hp:subList>${para(text)}</hp:subList><hp:cellAddr colAddr="${col}" rowAddr="${row}"/>` +
    `<hp:cellSpan colSpan="${span.col}" rowSpan="${span.row}"/></hp:tc>`
}

export function table(rows: string[][]): string {
  const trs = rows.map((r, i) => `<hp:tr>${r.map((c, j) => cell(c, i, j)).join('')}</hp:tr>`).join('')
  return `<hp:p><hp:run><hp:tbl rowCnt="${rows.length}" colCnt="${rows[0].length}">${trs}</hp:tbl></hp:run></hp:p>`
}

export const section = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><hs:sec ${NS}>${body}</hs:sec>`

export const HEADER = `<?xml version="1.0" encoding="UTF-8"?><hh:head ${NS}><hh:refList><hh:styles>` +
  '<hh:style id="0" type="PARA" name="바탕글" engName="Normal"/>' +
  '<hh:style id="2" type="PARA" name="개요 1" engName="Outline 1"/>' +
  '<hh:style id="3" type="PARA" name="개요 2" engName="Outline 2"/>' +
  '</hh:styles><hh:bullets><hh:bullet id="1" char="\uf06c" useImage="0"/><hh:bullet id="2" char="-" useImage="0"/></hh:bullets>' +
  '<hh:paraProperties><hh:paraPr id="0"><hh:heading type="NONE" idRef="0" level="0"/></hh:paraPr>' +
  '<hh:paraPr id="5"><hh:heading type="BULLET" idRef="1" level="0"/></hh:paraPr>' +
  '<hh:paraPr id="6"><hh:heading type="NUMBER" idRef="1" level="0"/></hh:paraPr>' +
  '<hh:paraPr id="7"><hh:heading type="OUTLINE" idRef="0" level="2"/></hh:paraPr>' +
  '</hh:paraProperties></hh:refList></hh:head>'

export function contentHpf(sections: string[], title = ''): string {
  const items = sections.map((s) => `<opf:item id="${s.replace(/\.xml$/, '')}" href="Contents/${s}" media-type="application/xml"/>`)
  const refs = sections.map((s) => `<opf:itemref idref="${s.replace(/\.xml$/, '')}" linear="yes"/>`)
  return '<?xml version="1.0" encoding="UTF-8"?><opf:package xmlns:opf="http://www.idpf.org/2007/opf/">' +
    `<opf:metadata><opf:title>${title}</opf:title><opf:meta name="creator" content="text">테스트</opf:meta></opf:metadata>` +
    '<opf:manifest><opf:item id="header" href="Contents/header.xml" media-type="application/xml"/>' +
    `${items.join('')}</opf:manifest><opf:spine><opf:itemref idref="header" linear="yes"/>${refs.join('')}</opf:spine></opf:package>`
}

export interface HwpxParts {
  /** section file name (`section0.xml`) → its XML */
  sections: Record<string, string>
  /** spine order; default: the keys of `sections` */
  spine?: string[]
  title?: string
  manifest?: string
  extra?: Zippable
  mimetype?: string | null
}

export function buildHwpx(parts: HwpxParts): Uint8Array {
  const files: Zippable = {}
  if (parts.mimetype !== null) files.mimetype = [enc(parts.mimetype ?? 'application/hwp+zip'), { level: 0 }]
  files['version.xml'] = enc('<?xml version="1.0"?><hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version" major="5" minor="1"/>')
  files['META-INF/container.xml'] = enc('<?xml version="1.0"?><ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container"><ocf:rootfiles><ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/></ocf:rootfiles></ocf:container>')
  if (parts.manifest) files['META-INF/manifest.xml'] = enc(parts.manifest)
  files['Contents/content.hpf'] = enc(contentHpf(parts.spine ?? Object.keys(parts.sections), parts.title))
  files['Contents/header.xml'] = enc(HEADER)
  for (const [name, xml] of Object.entries(parts.sections)) files[`Contents/${name}`] = enc(xml)
  Object.assign(files, parts.extra ?? {})
  return zipSync(files, { level: 6 })
}

/** A small valid HWPX document: a heading, paragraphs, a table. */
export function simpleHwpx(): Uint8Array {
  return buildHwpx({
    title: '가상 브리핑',
    sections: {
      'section0.xml': section(para('중국 AI 정책 (가상 예시)', '2') + para('□ 첫째 문단\t탭') + table([['구분', '값'], ['예산', '10억']]))
    }
  })
}

export interface RawEntry {
  name: string
  /** the entry's data as stored in the zip (deflated when method is 8) */
  data: Uint8Array
  method: 0 | 8
  crc: number
  /** the uncompressed size the headers declare (a bomb may lie) */
  size: number
  flags?: number
}

/** A zip written byte by byte, for entries whose headers the test controls (bombs, lies, encryption flags). */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const enc8 = new TextEncoder()
  const locals: Uint8Array[] = []
  const centrals: Uint8Array[] = []
  let offset = 0
  for (const e of entries) {
    const name = enc8.encode(e.name)
    const loc = new Uint8Array(30 + name.length)
    const lv = new DataView(loc.buffer)
    lv.setUint32(0, 0x04034b50, true)
    lv.setUint16(4, 20, true)
    lv.setUint16(6, (e.flags ?? 0) | 0x800, true)
    lv.setUint16(8, e.method, true)
    lv.setUint32(14, e.crc >>> 0, true)
    lv.setUint32(18, e.data.length, true)
    lv.setUint32(22, e.size, true)
    lv.setUint16(26, name.length, true)
    loc.set(name, 30)
    const cen = new Uint8Array(46 + name.length)
    const cv = new DataView(cen.buffer)
    cv.setUint32(0, 0x02014b50, true)
    cv.setUint16(4, 20, true)
    cv.setUint16(6, 20, true)
    cv.setUint16(8, (e.flags ?? 0) | 0x800, true)
    cv.setUint16(10, e.method, true)
    cv.setUint32(16, e.crc >>> 0, true)
    cv.setUint32(20, e.data.length, true)
    cv.setUint32(24, e.size, true)
    cv.setUint16(28, name.length, true)
    cv.setUint32(42, offset, true)
    cen.set(name, 46)
    locals.push(loc, e.data)
    centrals.push(cen)
    offset += loc.length + e.data.length
  }
  const cdSize = centrals.reduce((a, c) => a + c.length, 0)
  const eocd = new Uint8Array(22)
  const ev = new DataView(eocd.buffer)
  ev.setUint32(0, 0x06054b50, true)
  ev.setUint16(8, entries.length, true)
  ev.setUint16(10, entries.length, true)
  ev.setUint32(12, cdSize, true)
  ev.setUint32(16, offset, true)
  const parts = [...locals, ...centrals, eocd]
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
