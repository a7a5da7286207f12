import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** ../shared/seed beside the repository (override with BRIEFING_READER_SEED_DIR). */
export const SEED_DIR = process.env.BRIEFING_READER_SEED_DIR ?? resolve(REPO, '../shared/seed')
export const SEED_FILE = join(SEED_DIR, 'kostec-weekly-2023-04-07.txt')
export const SEED_FACTS_FILE = join(SEED_DIR, 'kostec-weekly-2023-04-07.facts.json')

/** True when the seed briefing is present; logs the reason the seed tests are skipped otherwise. */
export function seedAvailable(): boolean {
  const ok = existsSync(SEED_FILE) && existsSync(SEED_FACTS_FILE)
  if (!ok) console.log(`skipped: ${SEED_DIR} not found (the seed briefing lives outside the repository)`)
  return ok
}

/** The seed briefing's text. */
export function readSeedText(): string {
  return readFileSync(SEED_FILE, 'utf8')
}

/** The seed's facts file, parsed. */
export function readSeedFacts(): SeedFacts {
  return JSON.parse(readFileSync(SEED_FACTS_FILE, 'utf8')) as SeedFacts
}

export interface SeedTableFact {
  caption: string
  columns: string[]
  rows: number
}

export interface SeedItemFact {
  no: string
  title: string
  category?: string
  source?: string
  date: string
  regions?: string[]
  headlines?: number
  references: number
  tables?: number | SeedTableFact[]
  captions?: string[]
}

export interface SeedFacts {
  briefing: {
    series: string
    published: string
    publisher: string
    publisherEnglish: string
    issuer: string
    website: string
    summaryBullets: number
    itemCount: number
  }
  contents: Array<{ section: string; categories: Record<string, number> }>
  sections: Array<{ number: string; title: string; items: SeedItemFact[] }>
  searchExpectations: Array<{ query: string; mustFind: string[]; why?: string }>
}
