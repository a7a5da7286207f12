import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { readBriefingJson } from '../../../archive/import/json.ts'
import { ImportError } from '../../../archive/import/types.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import type { Briefing } from '../../../archive/model/briefing.ts'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

function sample(): Briefing {
  const text = readFileSync('archive/sample/briefings/sample-weekly-2026-01-09.txt', 'utf8')
  const parsed = parseBriefing(text, { fileName: 'sample-weekly-2026-01-09.txt' })
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.briefing
}

function reason(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError)
    return (error as ImportError).reason
  }
  throw new Error('expected an ImportError')
}

describe('readBriefingJson', () => {
  test('a parsed sample briefing round-trips through its JSON', () => {
    const b = sample()
    expect(readBriefingJson(enc(JSON.stringify(b, null, 2)))).toEqual(b)
  })

  test('the new optional fields are accepted', () => {
    const b: Briefing = { ...sample(), kind: 'post', title: '제목', format: 'pdf', layout: { name: 'kistep-post', version: 2 }, publishedFrom: 'import-date' }
    expect(readBriefingJson(enc(JSON.stringify(b)))).toEqual(b)
  })

  test('a stored archive file ({ parserVersion, checksum, …briefing }) is accepted when its checksum matches', () => {
    const b = sample()
    const checksum = `sha256:${createHash('sha256').update(JSON.stringify(b)).digest('hex')}`
    expect(readBriefingJson(enc(JSON.stringify({ parserVersion: 3, checksum, ...b })))).toEqual(b)
    const tampered = { parserVersion: 3, checksum, ...b, series: 'other' }
    expect(reason(() => readBriefingJson(enc(JSON.stringify(tampered))))).toBe('damaged briefing JSON (checksum mismatch)')
  })

  test('the first zod issue is named by its path', () => {
    const b = sample() as unknown as { sections: { items: { blocks: unknown[] }[] }[] }
    b.sections[0].items[0].blocks[0] = { kind: 'bullet', text: 'x', level: 0 }
    expect(reason(() => readBriefingJson(enc(JSON.stringify(b))))).toMatch(
      /^not a Briefing Reader briefing: sections\[0\]\.items\[0\]\.blocks\[0\]\.level: /
    )
    expect(reason(() => readBriefingJson(enc(JSON.stringify({ ...sample(), published: '2024.1.1' }))))).toBe(
      'not a Briefing Reader briefing: published: expected a date YYYY-MM-DD'
    )
  })

  test('strict objects: an unknown key (also __proto__) is refused', () => {
    expect(reason(() => readBriefingJson(enc(JSON.stringify({ ...sample(), extra: 1 }))))).toMatch(
      /^not a Briefing Reader briefing: \(the top level\): .*extra/
    )
    const proto = JSON.stringify(sample()).replace(/^\{/, '{"__proto__":{"polluted":true},')
    expect(() => readBriefingJson(enc(proto))).toThrow(ImportError)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test('invalid JSON, too deep JSON, JSON that is not an object', () => {
    expect(reason(() => readBriefingJson(enc('{"id": ')))).toMatch(/^invalid JSON \(/)
    expect(reason(() => readBriefingJson(enc('['.repeat(100) + ']'.repeat(100))))).toBe('JSON nested deeper than 64 levels')
    expect(reason(() => readBriefingJson(enc('[1]')))).toMatch(/^not a Briefing Reader briefing: \(the top level\): /)
  })
})
