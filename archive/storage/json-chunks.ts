/**
 * `JSON.stringify(value)` in pieces: the same text, handed out a piece of about `size` characters at a time,
 * so a large briefing is written (and hashed) without holding its whole JSON as one string (a 19 MB briefing's
 * JSON is 27 million characters, 55 MB in memory, and as much again when it is turned into bytes).
 *
 * Plain objects and arrays are walked here (an explicit stack, so depth costs no recursion); anything else
 * (strings, numbers, `null`, booleans, and objects that are not plain or have a `toJSON`, such as a Date) is
 * `JSON.stringify`'d whole. Values that JSON leaves out (undefined, functions, symbols) are left out of objects
 * and written as `null` in arrays, as `JSON.stringify` does. A `toJSON` is called with the key `''` (JSON
 * passes the property's key; no stored value looks at it). A cycle throws a TypeError, as in JSON.
 */

type Frame =
  | { array: readonly unknown[]; at: number }
  | { object: Record<string, unknown>; keys: string[]; at: number; first: boolean }

/** True for a value walked here: an array, or an object whose prototype is Object's (or none), without toJSON. */
function walked(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== 'object' || value === null) return false
  if (Array.isArray(value)) return true
  const proto: unknown = Object.getPrototypeOf(value)
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function'
}

/**
 * The pieces of `JSON.stringify(value)` in order; joined they are exactly that string. Undefined as a whole
 * (the value JSON leaves out) gives no pieces.
 */
export function* jsonChunks(value: unknown, size = 1 << 16): Generator<string, void, undefined> {
  let out: string[] = []
  let length = 0
  const put = (s: string): void => {
    out.push(s)
    length += s.length
  }
  const stack: Frame[] = []
  const onPath = new Set<object>()
  /** Writes the opening of a walked value and enters it. */
  const enter = (v: Record<string, unknown> | unknown[]): void => {
    if (onPath.has(v)) throw new TypeError('Converting circular structure to JSON')
    onPath.add(v)
    if (Array.isArray(v)) {
      put('[')
      stack.push({ array: v, at: 0 })
    } else {
      put('{')
      stack.push({ object: v, keys: Object.keys(v), at: 0, first: true })
    }
  }
  if (walked(value)) enter(value)
  else {
    const whole = JSON.stringify(value) as string | undefined
    if (whole !== undefined) yield whole
    return
  }
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]
    if ('array' in frame) {
      if (frame.at >= frame.array.length) {
        put(']')
        onPath.delete(frame.array)
        stack.pop()
      } else {
        if (frame.at > 0) put(',')
        const v = frame.array[frame.at++]
        if (walked(v)) enter(v)
        else put((JSON.stringify(v) as string | undefined) ?? 'null')
      }
    } else if (frame.at >= frame.keys.length) {
      put('}')
      onPath.delete(frame.object)
      stack.pop()
    } else {
      const key = frame.keys[frame.at++]
      const v = frame.object[key]
      const inner = walked(v)
      const text = inner ? '' : (JSON.stringify(v) as string | undefined)
      if (text === undefined) continue // left out, as JSON does
      put(`${frame.first ? '' : ','}${JSON.stringify(key)}:`)
      frame.first = false
      if (inner) enter(v)
      else put(text)
    }
    if (length >= size) {
      yield out.join('')
      out = []
      length = 0
    }
  }
  if (out.length > 0) yield out.join('')
}
