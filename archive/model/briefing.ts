/**
 * The briefing model: what a parsed weekly issue looks like to every other part of the app.
 *
 * @remarks Korean headings (정책동향, 기술전략 …) stay as data; identifiers are English.
 */

/** A stable briefing id: series slug + publication date, e.g. `kostec-weekly-2023-04-07`. */
export type BriefingId = string
/** A stable item id: briefing id + section number + item number, e.g. `kostec-weekly-2023-04-07/I-01`. */
export type ItemId = string

/** One cell of a table; `list` is set when the cell holds bullet entries (` • a • b`). */
export interface TableCell {
  text: string
  list?: string[]
}

/** A table with its caption (from the 〈…〉 line above it), one header row and body rows. */
export interface Table {
  caption?: string
  columns: string[]
  rows: TableCell[][]
}

/** A link under 참고자료 (reference) or a short-news 출처 line (source). */
export interface Link {
  title: string
  url: string
}

export type Block =
  /** ■ headline: the item's lead sentence. */
  | { kind: 'headline'; text: string }
  /** Plain text the parser kept as is (also every line it did not understand). */
  | { kind: 'paragraph'; text: string }
  /** A bullet (-, ●, ○, □, ◦, ▪, ·); level 1 is the outermost. */
  | { kind: 'bullet'; text: string; level: number }
  /** A footnote line (`*`, `**`) explaining the text above it. */
  | { kind: 'footnote'; marker: string; text: string; level: number }
  /** A figure caption 〈…〉 whose image was not extracted. */
  | { kind: 'caption'; text: string }
  /** A reference box 〈※ 참고: title〉 with its ✓ entries. */
  | { kind: 'note'; label: string; title: string; items: string[] }
  | { kind: 'table'; table: Table }
  /** One 참고자료 entry. */
  | { kind: 'reference'; title: string; url: string }
  /** A short-news source line: `출처: 고신망 (03.27)` and its URL. */
  | { kind: 'source'; name: string; date?: string; url?: string }
  /** An image credit (`* 출처: <url>` under a figure caption); not a reference. */
  | { kind: 'figureSource'; url: string }

export type BlockKind = Block['kind']

export interface Item {
  id: ItemId
  /** Section number as printed: I, II, III. */
  section: string
  /** Item number as printed, two digits: 01, 02 … */
  number: string
  title: string
  /** The title as the contents list prints it, when it differs from the body title. */
  contentsTitle?: string
  /** Category from the contents (기술전략, 지역 …); absent for items the contents does not list. */
  category?: string
  /** Event date, YYYY-MM-DD, resolved against the publication year. */
  date?: string
  /** Regions named at the start of the title (베이징, 우시 …). */
  regions: string[]
  /** News outlet for short-news items (고신망, 인민망 …). */
  source?: string
  blocks: Block[]
}

export interface Section {
  number: string
  title: string
  items: Item[]
}

export interface ContentsEntry {
  title: string
  /** The body item this contents line points at, when matched. */
  itemId?: ItemId
}

export interface ContentsCategory {
  title: string
  entries: ContentsEntry[]
}

export interface ContentsSection {
  /** As printed: `1`, `2` … */
  number: string
  title: string
  categories: ContentsCategory[]
}

export interface Colophon {
  series?: string
  published?: string
  issuer?: string
  publisher?: string
  publisherEnglish?: string
  address?: string
  tel?: string
  website?: string
  /** The "본 보고서는 …" notice printed under the contents. */
  notice?: string
  /** Other lines of the back page (masthead words such as CHINA / SCIENCE), kept as printed. */
  masthead?: string[]
}

export interface ParseWarning {
  /** 1-based line in the source text. */
  line: number
  message: string
  text: string
}

export interface Briefing {
  id: BriefingId
  series: string
  /** Publication date, YYYY-MM-DD. */
  published: string
  publisher: string
  publisherEnglish?: string
  issuer: string
  website?: string
  contents: ContentsSection[]
  summary: string[]
  sections: Section[]
  colophon: Colophon
  /** sha256 of the source bytes (hex). */
  sourceHash: string
  /** File name the briefing was parsed from, when known. */
  sourceFile?: string
  /** True for the project's fictional sample content. */
  sample?: boolean
  warnings: ParseWarning[]
  /**
   * `weekly`: an issue of a series, identified by series and date; `post`: a single post (a publisher posts
   * several a day), identified by series, date and title. Absent: `weekly` (briefings stored before import).
   */
  kind?: BriefingKind
  /** A post's own title (a weekly issue's title is its series). */
  title?: string
  /** The format the source was read as. Absent: `text`. */
  format?: SourceFormat
  /** The layout module that parsed it and its version (a newer version re-parses). Absent: the KOSTEC weekly parser. */
  layout?: { name: string; version: number }
  /** `import-date`: the source had no date; `published` is the day it was imported. Absent: from the document. */
  publishedFrom?: 'document' | 'import-date'
  /** When this version was imported (ISO 8601), for the library's sort by import date. */
  importedAt?: string
}

export type BriefingKind = 'weekly' | 'post'
export type SourceFormat = 'text' | 'pdf' | 'html' | 'markdown' | 'hwpx' | 'json'

/** What the library list shows for one briefing. */
export interface BriefingSummary {
  id: BriefingId
  series: string
  published: string
  publisher: string
  itemCount: number
  /** The first summary bullet, for a one-line preview. */
  summaryLine: string
  sample: boolean
  warningCount: number
  /** sha256 of the source, to tell whether a saved search index is still current. */
  sourceHash: string
  /** Absent: `weekly`. */
  kind?: BriefingKind
  /** A post's own title. */
  title?: string
  importedAt?: string
}

/** Every item of a briefing in reading order. */
export function allItems(briefing: Briefing): Item[] {
  return briefing.sections.flatMap((s) => s.items)
}

/** The tables of an item in order. */
export function itemTables(item: Item): Table[] {
  return item.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []))
}

/** The references of an item: 참고자료 entries and short-news sources with a URL. */
export function itemReferences(item: Item): Link[] {
  return item.blocks.flatMap((b): Link[] => {
    if (b.kind === 'reference') return [{ title: b.title, url: b.url }]
    if (b.kind === 'source' && b.url) {
      return [{ title: b.date ? `${b.name} (${b.date})` : b.name, url: b.url }]
    }
    return []
  })
}

/** The library row for a briefing. */
export function summarizeBriefing(briefing: Briefing): BriefingSummary {
  return {
    id: briefing.id,
    series: briefing.series,
    published: briefing.published,
    publisher: briefing.publisher,
    itemCount: allItems(briefing).length,
    summaryLine: briefing.summary[0] ?? '',
    sample: briefing.sample === true,
    warningCount: briefing.warnings.length,
    sourceHash: briefing.sourceHash,
    ...(briefing.kind ? { kind: briefing.kind } : {}),
    ...(briefing.title ? { title: briefing.title } : {}),
    ...(briefing.importedAt ? { importedAt: briefing.importedAt } : {})
  }
}
