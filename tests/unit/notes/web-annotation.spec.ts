import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { allItems, type Briefing } from '../../../archive/model/briefing.ts'
import { resolveAnnotation } from '../../../archive/notes/anchor.ts'
import { itemText } from '../../../archive/notes/item-text.ts'
import { DEFAULT_COLOR_MEANINGS, itemLink, type Annotation, type Bookmark, type Highlight } from '../../../archive/notes/model.ts'
import { NotesFileError } from '../../../archive/notes/notes-file-error.ts'
import { ANNO_CONTEXT, parseAnnotations, toAnnotationCollection, toWebAnnotation } from '../../../archive/notes/web-annotation.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import { NORMALIZER_VERSION, normalizeText } from '../../../archive/search/normalize.ts'
import { generatedAnnotations } from '../../helpers/generated-notes.ts'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..')
function sample(name: string): Briefing {
  const result = parseBriefing(readFileSync(join(REPO, 'archive/sample/briefings', `${name}.txt`), 'utf8'), { fileName: `${name}.txt` })
  if (!result.ok) throw new Error(result.error)
  return result.briefing
}

const list = generatedAnnotations(30)
const wholeBriefing: Bookmark = {
  id: 'urn:uuid:11111111-2222-4333-8444-555555555555',
  kind: 'bookmark',
  briefingId: 'kostec-weekly-2023-04-07',
  reason: '',
  state: 'done',
  tags: [],
  created: '2023-04-10T09:00:00+09:00',
  modified: '2023-04-11T09:00:00+09:00'
}
const bare: Highlight = { ...(list[0] as Highlight), id: 'urn:uuid:bare', comment: '', tags: [] }
delete (bare as Partial<Highlight>).position
delete (bare as Partial<Highlight>).itemHash
const emptyNote: Annotation = { ...(list.find((a) => a.kind === 'note') as Annotation), id: 'urn:uuid:empty-note', text: '', tags: ['빈'] } as Annotation
const all: Annotation[] = [...list, wholeBriefing, bare, emptyNote]

describe('export', () => {
  const collection = toAnnotationCollection(all, { colorMeanings: DEFAULT_COLOR_MEANINGS, generated: new Date('2026-03-02T03:00:00Z'), id: 'urn:uuid:c' })

  test('an AnnotationCollection with every annotation in its first page', () => {
    expect(collection['@context'][0]).toBe(ANNO_CONTEXT)
    expect(collection).toMatchObject({ id: 'urn:uuid:c', type: 'AnnotationCollection', total: all.length, generated: '2026-03-02T03:00:00.000Z' })
    expect(collection.first).toMatchObject({ type: 'AnnotationPage', partOf: 'urn:uuid:c', startIndex: 0 })
    expect(collection.first.items.map((w) => w.id)).toEqual(all.map((a) => a.id))
    expect(collection['briefingReader:colorMeanings']).toEqual(DEFAULT_COLOR_MEANINGS)
    expect(toAnnotationCollection([], { colorMeanings: DEFAULT_COLOR_MEANINGS }).id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/)
  })

  test('motivation, bodies, target and extension properties as documented', () => {
    const h = list.find((a): a is Highlight => a.kind === 'highlight' && a.comment !== '' && a.tags.length > 0)!
    expect(toWebAnnotation(h, DEFAULT_COLOR_MEANINGS)).toEqual({
      id: h.id,
      type: 'Annotation',
      motivation: 'highlighting',
      created: h.created,
      modified: h.modified,
      body: [
        { type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: h.comment },
        ...h.tags.map((value) => ({ type: 'TextualBody', purpose: 'tagging', value }))
      ],
      target: {
        source: `briefing-reader://item/${h.itemId}`,
        selector: [
          { type: 'TextQuoteSelector', exact: h.quote.exact, prefix: h.quote.prefix, suffix: h.quote.suffix },
          { type: 'TextPositionSelector', start: h.position!.start, end: h.position!.end }
        ]
      },
      'briefingReader:briefing': h.briefingId,
      'briefingReader:itemTitle': h.itemTitle,
      'briefingReader:color': h.color,
      'briefingReader:colorMeaning': DEFAULT_COLOR_MEANINGS[h.color],
      'briefingReader:text': h.text,
      'briefingReader:itemHash': h.itemHash,
      'briefingReader:normalizer': h.normalizer
    })
    const note = list.find((a) => a.kind === 'note')!
    expect(toWebAnnotation(note)).toMatchObject({ motivation: 'commenting', body: [{ purpose: 'commenting', format: 'text/markdown' }], target: { source: itemLink(note.itemId!) } })
    expect(toWebAnnotation(note).target).not.toHaveProperty('selector')
    expect(toWebAnnotation(wholeBriefing)).toMatchObject({
      motivation: 'bookmarking',
      body: [],
      target: { source: 'briefing-reader://briefing/kostec-weekly-2023-04-07' },
      'briefingReader:state': 'done'
    })
    const reasoned = list.find((a): a is Bookmark => a.kind === 'bookmark')!
    expect(toWebAnnotation(reasoned).body[0]).toEqual({ type: 'TextualBody', purpose: 'describing', value: reasoned.reason })
  })

  test('round trip: export, JSON, parse gives the same annotations', () => {
    const back = parseAnnotations(JSON.parse(JSON.stringify(collection)))
    expect(back.failed).toEqual([])
    expect(back.annotations).toEqual(all)
  })
})

describe('import', () => {
  const item = allItems(sample('sample-weekly-2026-03-06'))[2]
  const raw = itemText(item).raw
  const start = Math.floor(raw.length / 3)
  const displayed = raw.slice(start, start + 24)

  const hypothesis = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'https://hypothes.is/a/Zx1b2c3d4e5f',
    type: 'Annotation',
    created: '2026-03-10T01:02:03.456789+00:00',
    modified: '2026-03-10T01:05:00.000000+00:00',
    creator: 'acct:analyst@hypothes.is',
    body: [
      { type: 'TextualBody', value: '후속 **확인** 필요', format: 'text/markdown' },
      { type: 'TextualBody', purpose: 'tagging', value: 'climate policy' }
    ],
    target: [
      {
        source: itemLink(item.id),
        selector: [{ type: 'TextQuoteSelector', exact: displayed, prefix: raw.slice(Math.max(0, start - 60), start), suffix: raw.slice(start + 24, start + 84) }]
      }
    ]
  }

  test('another tool\'s annotation with only a TextQuoteSelector becomes a highlight that anchors', () => {
    const { annotations, failed } = parseAnnotations([hypothesis])
    expect(failed).toEqual([])
    const [h] = annotations as Highlight[]
    expect(h).toMatchObject({
      id: hypothesis.id,
      kind: 'highlight',
      briefingId: 'sample-weekly-2026-03-06',
      itemId: item.id,
      itemTitle: '',
      color: 'yellow',
      comment: '후속 **확인** 필요',
      tags: ['climate_policy'],
      normalizer: NORMALIZER_VERSION,
      created: hypothesis.created
    })
    expect(h.quote.exact).toBe(normalizeText(displayed).trim())
    expect(h.quote.prefix.length).toBeLessThanOrEqual(32)
    expect(h).not.toHaveProperty('position')
    expect(h).not.toHaveProperty('itemHash')
    const placement = resolveAnnotation(h, sample('sample-weekly-2026-03-06'))
    expect(placement.status).not.toBe('orphan')
    expect(placement.itemId).toBe(item.id)
  })

  test('an AnnotationPage, a collection with items, a bare array and one Annotation are all accepted', () => {
    const items = toAnnotationCollection(list.slice(0, 3), { colorMeanings: DEFAULT_COLOR_MEANINGS }).first.items
    const expected = list.slice(0, 3)
    expect(parseAnnotations({ type: 'AnnotationPage', items }).annotations).toEqual(expected)
    expect(parseAnnotations({ type: 'AnnotationCollection', items }).annotations).toEqual(expected)
    expect(parseAnnotations(items).annotations).toEqual(expected)
    expect(parseAnnotations(items[0]).annotations).toEqual(expected.slice(0, 1))
    expect(parseAnnotations([]).annotations).toEqual([])
    const paged = { type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: items.slice(0, 1), next: { type: 'AnnotationPage', items: items.slice(1) } } }
    expect(parseAnnotations(paged).annotations).toEqual(expected)
  })

  test('annotations that cannot be used are listed with their index and reason; the rest are kept', () => {
    const good = toWebAnnotation(list[1])
    const { annotations, failed } = parseAnnotations([
      good,
      { ...hypothesis, id: undefined },
      { ...hypothesis, target: 'https://example.org/article' },
      { ...hypothesis, target: { source: itemLink(item.id), selector: [{ type: 'TextQuoteSelector', exact: '  ' }] } },
      { ...hypothesis, body: [], target: { source: itemLink(item.id) }, motivation: 'commenting' },
      { ...hypothesis, created: 'yesterday', modified: undefined },
      { ...hypothesis, target: 'briefing-reader://briefing/sample-weekly-2026-03-06', motivation: 'commenting' },
      { type: 'Note' },
      { ...hypothesis, id: 'urn:x', 'briefingReader:color': 'pink', body: [{ type: 'TextualBody', purpose: 'tagging', value: 'x'.repeat(80) }] }
    ])
    expect(annotations.map((a) => a.id)).toEqual([list[1].id])
    expect(failed.map((f) => f.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(failed.map((f) => f.error)).toEqual([
      'has no id',
      'its target is not a Briefing Reader item or briefing (https://example.org/article)',
      'its TextQuoteSelector has no exact text',
      'has no quote and no text',
      'has no created or modified date',
      'a note needs an item, and its target is a briefing (briefing-reader://briefing/sample-weekly-2026-03-06)',
      'not an Annotation (type "Note")',
      expect.stringMatching(/^tags\.0: /)
    ])
    // an unknown colour is the first colour, not a failure
    expect(parseAnnotations([{ ...hypothesis, 'briefingReader:color': 'pink' }]).annotations[0]).toMatchObject({ color: 'yellow' })
  })

  test('another tool\'s positions are not kept, tags lose a leading #, a briefing that is not the target\'s fails', () => {
    const withPosition = {
      ...hypothesis,
      body: [{ type: 'TextualBody', purpose: 'tagging', value: '#반도체' }],
      target: { source: itemLink(item.id), selector: [...hypothesis.target[0].selector, { type: 'TextPositionSelector', start: 5000, end: 5024 }] }
    }
    const [h] = parseAnnotations([withPosition]).annotations as Highlight[]
    expect(h).not.toHaveProperty('position')
    expect(h.tags).toEqual(['반도체'])
    const ours = toWebAnnotation(list[0])
    const { failed } = parseAnnotations([{ ...ours, 'briefingReader:briefing': 'sample-weekly-2026-03-06' }])
    expect(failed).toEqual([{ index: 0, error: expect.stringMatching(/^its briefingReader:briefing \(sample-weekly-2026-03-06\) is not the briefing of its target/) }])
  })

  test('input that is not annotations at all is refused with a one-line NotesFileError', () => {
    const cases: unknown[] = [
      'text',
      42,
      null,
      { settings: { locale: 'ko' } },
      { type: 'Collection', items: [] },
      [1, 2, 3],
      [{ id: 'a', title: 'not an annotation' }],
      { type: 'AnnotationCollection', first: 'https://example.org/page1' },
      { type: 'AnnotationCollection', total: 3 },
      { type: 'AnnotationPage' }
    ]
    for (const input of cases) {
      let error: unknown
      try {
        parseAnnotations(input)
      } catch (e) {
        error = e
      }
      expect(error, JSON.stringify(input)).toBeInstanceOf(NotesFileError)
      expect((error as Error).message).not.toMatch(/\n/)
    }
    expect(() => parseAnnotations([1, 2, 3])).toThrow('not Web Annotation JSON (none of its 3 entries is an Annotation)')
  })
})
