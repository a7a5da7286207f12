import { describe, expect, test } from 'vitest'
import { inTurn } from '../../../renderer/lib/in-turn.ts'

/** A scheduler whose tasks run when the test says, one at a time. */
function manualSchedule(): { schedule: (run: () => void) => () => void; runNext: () => Promise<void>; pending: () => number } {
  const queue: (() => void)[] = []
  return {
    schedule: (run) => {
      queue.push(run)
      return () => queue.splice(queue.indexOf(run), 1)
    },
    runNext: async () => {
      queue.shift()?.()
      await new Promise((resolve) => setTimeout(resolve))
    },
    pending: () => queue.length
  }
}

describe('inTurn', () => {
  test('runs each step in a task of its own, in order, the next asked for only after the one before', async () => {
    const tasks = manualSchedule()
    const ran: string[] = []
    inTurn([() => ran.push('a'), () => ran.push('b'), () => ran.push('c')], tasks.schedule)
    expect(ran).toEqual([])
    expect(tasks.pending()).toBe(1)
    await tasks.runNext()
    expect(ran).toEqual(['a'])
    expect(tasks.pending()).toBe(1)
    await tasks.runNext()
    await tasks.runNext()
    expect(ran).toEqual(['a', 'b', 'c'])
    expect(tasks.pending()).toBe(0)
  })

  test('a step that returns a promise holds the next until it settles', async () => {
    const tasks = manualSchedule()
    let finish = (): void => {}
    const ran: string[] = []
    inTurn([() => new Promise<void>((resolve) => (finish = resolve)), () => ran.push('after')], tasks.schedule)
    await tasks.runNext()
    expect(tasks.pending()).toBe(0)
    finish()
    await new Promise((resolve) => setTimeout(resolve))
    await tasks.runNext()
    expect(ran).toEqual(['after'])
  })

  test('stopping cancels the task asked for and runs nothing more', async () => {
    const tasks = manualSchedule()
    const ran: string[] = []
    const stop = inTurn([() => ran.push('a'), () => ran.push('b')], tasks.schedule)
    await tasks.runNext()
    stop()
    expect(tasks.pending()).toBe(0)
    expect(ran).toEqual(['a'])
  })
})
