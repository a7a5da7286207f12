import { describe, expect, test } from 'vitest'
import {
  globalActionFor,
  libraryActionFor,
  readerActionFor,
  resultsActionFor,
  stepId,
  type KeyInput
} from '../../../renderer/lib/key-actions.ts'

function key(key: string, mods: Partial<KeyInput> = {}): KeyInput {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods }
}

describe('readerActionFor', () => {
  const cases: { name: string; input: KeyInput; expected: ReturnType<typeof readerActionFor> }[] = [
    { name: 'j', input: key('j'), expected: 'next' },
    { name: 'ArrowDown (a line, not an item)', input: key('ArrowDown'), expected: { scroll: 'lineDown' } },
    { name: 'k', input: key('k'), expected: 'previous' },
    { name: 'ArrowUp (a line, not an item)', input: key('ArrowUp'), expected: { scroll: 'lineUp' } },
    { name: 'PageDown', input: key('PageDown'), expected: { scroll: 'pageDown' } },
    { name: 'PageUp', input: key('PageUp'), expected: { scroll: 'pageUp' } },
    { name: 'Space', input: key(' '), expected: { scroll: 'pageDown' } },
    { name: 'Shift+Space', input: key(' ', { shiftKey: true }), expected: { scroll: 'pageUp' } },
    { name: 'Home', input: key('Home'), expected: { scroll: 'top' } },
    { name: 'End', input: key('End'), expected: { scroll: 'bottom' } },
    { name: '[', input: key('['), expected: { issue: -1 } },
    { name: ']', input: key(']'), expected: { issue: 1 } },
    { name: 'Ctrl+\\', input: key('\\', { ctrlKey: true, code: 'Backslash' }), expected: 'contents' },
    { name: 'Ctrl+₩ (Korean keyboard)', input: key('₩', { ctrlKey: true, code: 'Backslash' }), expected: 'contents' },
    { name: 'Ctrl+P', input: key('p', { ctrlKey: true }), expected: 'print' },
    { name: 'Ctrl+Shift+L', input: key('L', { ctrlKey: true, shiftKey: true }), expected: 'copyLink' },
    { name: 'Ctrl+Shift+E', input: key('E', { ctrlKey: true, shiftKey: true }), expected: 'copyCitation' },
    { name: 'Escape', input: key('Escape'), expected: 'back' },
    { name: 'Shift+J', input: key('J', { shiftKey: true }), expected: null },
    { name: 'Ctrl+J', input: key('j', { ctrlKey: true }), expected: null },
    { name: 'Alt+ArrowDown', input: key('ArrowDown', { altKey: true }), expected: null },
    { name: 'a plain 0', input: key('0'), expected: null }
  ]
  for (const { name, input, expected } of cases) {
    test(`maps ${name}`, () => {
      expect(readerActionFor(input)).toEqual(expected)
    })
  }
})

describe('libraryActionFor', () => {
  test('maps the list keys and ignores modified ones', () => {
    expect(libraryActionFor(key('j'))).toBe('next')
    expect(libraryActionFor(key('ArrowUp'))).toBe('previous')
    expect(libraryActionFor(key('Enter'))).toBe('open')
    expect(libraryActionFor(key('Enter', { ctrlKey: true }))).toBeNull()
    expect(libraryActionFor(key('Escape'))).toBeNull()
  })
})

describe('stepId', () => {
  const ids = ['a', 'b', 'c']
  test('moves by delta and stops at the ends', () => {
    expect(stepId(ids, 'a', 1)).toBe('b')
    expect(stepId(ids, 'c', 1)).toBe('c')
    expect(stepId(ids, 'a', -1)).toBe('a')
  })
  test('starts at the first id when none is current, and not backwards', () => {
    expect(stepId(ids, null, 1)).toBe('a')
    expect(stepId(ids, null, -1)).toBeNull()
  })
  test('returns null for an empty list', () => {
    expect(stepId([], null, 1)).toBeNull()
  })
})

describe('globalActionFor', () => {
  test('Ctrl/Cmd +, -, 0 zoom the whole window from any view; Alt+← → go back and forward outside fields', () => {
    expect(globalActionFor(key('=', { ctrlKey: true }), false)).toEqual({ zoom: 'in' })
    expect(globalActionFor(key('+', { ctrlKey: true, shiftKey: true }), true)).toEqual({ zoom: 'in' })
    expect(globalActionFor(key('+', { ctrlKey: true, code: 'NumpadAdd' }), false)).toEqual({ zoom: 'in' })
    expect(globalActionFor(key('-', { ctrlKey: true }), false)).toEqual({ zoom: 'out' })
    expect(globalActionFor(key('0', { ctrlKey: true }), false)).toEqual({ zoom: 'reset' })
    expect(globalActionFor(key('=', { metaKey: true }), false)).toEqual({ zoom: 'in' })
    expect(globalActionFor(key('ArrowLeft', { altKey: true }), false)).toBe('historyBack')
    expect(globalActionFor(key('ArrowRight', { altKey: true }), false)).toBe('historyForward')
    expect(globalActionFor(key('ArrowLeft', { altKey: true }), true)).toBeNull()
    expect(readerActionFor(key('=', { ctrlKey: true }))).toBeNull()
  })

  test('Ctrl+K (Cmd+K) goes to search, even from a text field', () => {
    expect(globalActionFor(key('k', { ctrlKey: true }), false)).toBe('search')
    expect(globalActionFor(key('k', { metaKey: true }), true)).toBe('search')
    expect(globalActionFor(key('K', { ctrlKey: true }), false)).toBe('search')
  })

  test('Ctrl+K with a Korean input mode (the key reports a jamo) still searches', () => {
    expect(globalActionFor(key('ㅏ', { ctrlKey: true, code: 'KeyK' }), false)).toBe('search')
  })

  test('/ searches only outside a text field', () => {
    expect(globalActionFor(key('/'), false)).toBe('search')
    expect(globalActionFor(key('/'), true)).toBeNull()
  })

  test('Ctrl+F finds; F3 and Ctrl+G step, with Shift backwards', () => {
    expect(globalActionFor(key('f', { ctrlKey: true }), false)).toBe('find')
    expect(globalActionFor(key('F3'), true)).toBe('findNext')
    expect(globalActionFor(key('F3', { shiftKey: true }), false)).toBe('findPrevious')
    expect(globalActionFor(key('g', { ctrlKey: true }), false)).toBe('findNext')
    expect(globalActionFor(key('G', { ctrlKey: true, shiftKey: true }), false)).toBe('findPrevious')
  })

  test('other keys and modifiers are not shortcuts', () => {
    expect(globalActionFor(key('k'), false)).toBeNull()
    expect(globalActionFor(key('k', { ctrlKey: true, altKey: true }), false)).toBeNull()
    expect(globalActionFor(key('f', { ctrlKey: true, shiftKey: true }), false)).toBeNull()
    expect(globalActionFor(key('F3', { ctrlKey: true }), false)).toBeNull()
  })
})

describe('resultsActionFor', () => {
  test('arrows, j/k, Home/End, Enter and Escape', () => {
    expect(resultsActionFor(key('ArrowDown'))).toBe('next')
    expect(resultsActionFor(key('j'))).toBe('next')
    expect(resultsActionFor(key('ArrowUp'))).toBe('previous')
    expect(resultsActionFor(key('k'))).toBe('previous')
    expect(resultsActionFor(key('Home'))).toBe('first')
    expect(resultsActionFor(key('End'))).toBe('last')
    expect(resultsActionFor(key('Enter'))).toBe('open')
    expect(resultsActionFor(key('Escape'))).toBe('exit')
    expect(resultsActionFor(key('Enter', { ctrlKey: true }))).toBeNull()
  })
})

describe('Korean input mode', () => {
  test('j and k work by key position when the key reports a jamo', () => {
    expect(readerActionFor(key('ㅓ', { code: 'KeyJ' }))).toBe('next')
    expect(libraryActionFor(key('ㅏ', { code: 'KeyK' }))).toBe('previous')
    expect(resultsActionFor(key('ㅓ', { code: 'KeyJ' }))).toBe('next')
  })

  test('another Latin layout keeps its own letters', () => {
    // Dvorak: the key at KeyJ types h.
    expect(readerActionFor(key('h', { code: 'KeyJ' }))).toBeNull()
  })
})

describe('note shortcuts', () => {
  test('Ctrl+D bookmarks, Ctrl+Shift+M toggles the notes panel (also by key position in Korean input)', () => {
    expect(readerActionFor(key('d', { ctrlKey: true }))).toBe('bookmark')
    expect(readerActionFor(key('ㅇ', { ctrlKey: true, code: 'KeyD' }))).toBe('bookmark')
    expect(readerActionFor(key('M', { ctrlKey: true, shiftKey: true }))).toBe('notes')
    expect(readerActionFor(key('d'))).toBeNull()
  })

  test('Shift+arrows extend a selection: by character, by word with Ctrl or Alt, by line up and down', () => {
    expect(readerActionFor(key('ArrowRight', { shiftKey: true }))).toEqual({ extend: { direction: 'forward', granularity: 'character' } })
    expect(readerActionFor(key('ArrowLeft', { shiftKey: true, ctrlKey: true }))).toEqual({ extend: { direction: 'backward', granularity: 'word' } })
    expect(readerActionFor(key('ArrowDown', { shiftKey: true }))).toEqual({ extend: { direction: 'forward', granularity: 'line' } })
    expect(readerActionFor(key('ArrowUp', { shiftKey: true }))).toEqual({ extend: { direction: 'backward', granularity: 'line' } })
    // Without Shift the arrows scroll a line.
    expect(readerActionFor(key('ArrowDown'))).toEqual({ scroll: 'lineDown' })
  })

  test('Ctrl+Z undoes a note change, except while typing in a field', () => {
    expect(globalActionFor(key('z', { ctrlKey: true }), false)).toBe('undo')
    expect(globalActionFor(key('z', { ctrlKey: true }), true)).toBeNull()
    expect(globalActionFor(key('z', { ctrlKey: true, shiftKey: true }), false)).toBeNull()
  })
})
