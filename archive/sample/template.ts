/**
 * The small text engine of the sample generator: a seeded PRNG, Korean particles, template filling
 * (slot syntax documented in vocabulary.ts) and UTC day arithmetic. No clock, no Math.random.
 */
import type { Named } from './vocabulary.ts'

/** A pseudo-random source of floats in [0, 1). */
export type Rng = () => number

/** The mulberry32 PRNG: small, fast and good enough for sample text. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const DAY_MS = 86_400_000
/** A random integer in [lo, hi]. */
export const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1))
/** A random element of `list`. */
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]
/** True with probability `p`. */
export const chance = (rng: Rng, p: number): boolean => rng() < p
/** Two-digit zero padding. */
export const pad = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** A shuffled copy of `list` (Fisher–Yates). */
export function shuffled<T>(rng: Rng, list: readonly T[]): T[] {
  const out = list.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    const t = out[i]
    out[i] = out[j]
    out[j] = t
  }
  return out
}

/** 1234567 → "1,234,567". */
export function fmt(n: number): string {
  const s = String(n)
  if (s.length <= 3) return s
  let out = ''
  for (let i = 0; i < s.length; i++) out += (i > 0 && (s.length - i) % 3 === 0 ? ',' : '') + s[i]
  return out
}

const DIGIT_CODA = [21, 8, 0, 16, 0, 0, 1, 8, 8, 0] // 영 일 이 삼 사 오 육 칠 팔 구

/** The final consonant index (0 = none, 8 = ㄹ) of a word as read aloud; glosses and quotes are skipped. */
function coda(word: string): number {
  const w = word.replace(/\([^()]*\)$/, '').replace(/['’”」』》〉\s]+$/, '')
  const ch = w.charCodeAt(w.length - 1)
  if (ch >= 0xac00 && ch <= 0xd7a3) return (ch - 0xac00) % 28
  if (ch >= 48 && ch <= 57) return DIGIT_CODA[ch - 48]
  const last = w.charAt(w.length - 1).toUpperCase()
  return last === 'L' ? 8 : last === 'M' ? 16 : last === 'N' ? 4 : 0
}

/** The particle form that fits `word`: 은/는, 이/가, 을/를, 과/와, 으로/로. */
export function particle(word: string, form: string): string {
  const c = coda(word)
  switch (form) {
    case '은': case '는': return c ? '은' : '는'
    case '이': case '가': return c ? '이' : '가'
    case '을': case '를': return c ? '을' : '를'
    case '과': case '와': return c ? '과' : '와'
    case '으로': case '로': return c && c !== 8 ? '으로' : '로'
    default: throw new Error(`unknown particle ${form}`)
  }
}

/** Slot values of a template. */
export type Ctx = Record<string, string>

/** A compiled template part: literal text, a choice, a number range, or a named slot with its particle. */
type Part = string | { choice: string[] } | { lo: number; hi: number; percent: boolean } | { key: string; particle?: string }
const compiled = new Map<string, Part[]>()

function compile(template: string): Part[] {
  let parts = compiled.get(template)
  if (parts) return parts
  parts = []
  const slot = /\{([^{}]+)\}/g
  let at = 0
  for (let m = slot.exec(template); m; m = slot.exec(template)) {
    if (m.index > at) parts.push(template.slice(at, m.index))
    const body = m[1]
    const head = body.charAt(0)
    const dash = body.indexOf('-', 1)
    const bar = body.indexOf('|')
    if (head === '~') parts.push({ choice: body.slice(1).split(';') })
    else if (head === '#' || head === '%') parts.push({ lo: Number(body.slice(1, dash)), hi: Number(body.slice(dash + 1)), percent: head === '%' })
    else parts.push(bar < 0 ? { key: body } : { key: body.slice(0, bar), particle: body.slice(bar + 1) })
    at = m.index + m[0].length
  }
  if (at < template.length) parts.push(template.slice(at))
  compiled.set(template, parts)
  return parts
}

/** Fills a template (see vocabulary.ts for the slot syntax). */
export function fill(rng: Rng, ctx: Ctx, template: string): string {
  let out = ''
  for (const p of compile(template)) {
    if (typeof p === 'string') out += p
    else if ('choice' in p) out += pick(rng, p.choice)
    else if ('lo' in p) out += p.percent ? `${(p.lo + rng() * (p.hi - p.lo)).toFixed(1)}%` : fmt(int(rng, p.lo, p.hi))
    else {
      const value = ctx[p.key]
      if (value === undefined) throw new Error(`sample template: unknown slot {${p.key}}`)
      out += p.particle ? value + particle(value, p.particle) : value
    }
  }
  return out
}

/** `name(漢字)`, in traditional characters 70% of the time, else simplified. */
export const gloss = (rng: Rng, n: Named): string => `${n.name}(${chance(rng, 0.7) ? n.hanja : n.simplified})`

/** YYYY-MM-DD of a day number (days since 1970-01-01, UTC). */
export function isoOf(day: number): string {
  const d = new Date(day * DAY_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** Day number of a YYYY-MM-DD date; throws on anything else. */
export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN
  if (!m || Number.isNaN(ms) || isoOf(ms / DAY_MS) !== iso) throw new Error(`not a date (YYYY-MM-DD): ${iso}`)
  return ms / DAY_MS
}
