import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { FACES_PATIENCE_MS, fontWorkerLoader, workerFace, type FontWorker, type WorkerFace } from '../../../renderer/lib/font-loader.ts'

/** A stand-in for the font worker: records what it is sent, answers when the test says. */
class FakeWorker {
  sent: unknown[] = []
  terminated = false
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  postMessage(data: unknown): void {
    this.sent.push(data)
  }
  terminate(): void {
    this.terminated = true
  }
  answer(): void {
    this.onmessage?.(new MessageEvent('message', { data: 1 }))
  }
  fail(): void {
    this.onerror?.({})
  }
}

const face = (text: string): WorkerFace => ({ font: '400 16px serif', lang: 'ko', text })
/** Settles pending promise callbacks. */
const flush = () => new Promise((resolve) => setTimeout(resolve))

function loaderWith(worker: FakeWorker) {
  return fontWorkerLoader(() => worker as unknown as FontWorker)
}

describe('workerFace', () => {
  test('resolves the family\'s custom properties, nested ones included (the root\'s computed values)', () => {
    const style = { getPropertyValue: (name: string) => ({ '--font-zh': " 'Noto Sans CJK SC', 'Pretendard', sans-serif" })[name] ?? '' }
    expect(workerFace({ family: 'var(--font-zh)', weight: 700, lang: 'zh', text: '北京' }, style)).toEqual({
      font: "700 16px 'Noto Sans CJK SC', 'Pretendard', sans-serif",
      lang: 'zh',
      text: '北京'
    })
  })
})

describe('fontWorkerLoader', () => {
  test('loads one set of faces at a time: the next is sent only once the worker has answered the one before', async () => {
    const worker = new FakeWorker()
    const loader = loaderWith(worker)
    const done: string[] = []
    void loader.load([face('a')]).then(() => done.push('a'))
    void loader.load([face('b'), face('c')]).then(() => done.push('bc'))
    await flush()
    expect(worker.sent).toEqual([[face('a')]])
    worker.answer()
    await flush()
    expect(done).toEqual(['a'])
    expect(worker.sent).toEqual([[face('a')], [face('b'), face('c')]])
    worker.answer()
    await flush()
    expect(done).toEqual(['a', 'bc'])
    loader.end()
    expect(worker.terminated).toBe(true)
  })

  test.each([
    ['fails', (worker: FakeWorker) => worker.fail()],
    ['is ended', (_: FakeWorker, loader: ReturnType<typeof loaderWith>) => loader.end()]
  ])('a worker that %s while loading is ended: what it was loading and every later load resolve at once (the window loads them)', async (_, stop) => {
    const worker = new FakeWorker()
    const loader = loaderWith(worker)
    const pending = loader.load([face('a')])
    await flush()
    stop(worker, loader)
    await expect(pending).resolves.toBeUndefined()
    expect(worker.terminated).toBe(true)
    await expect(loader.load([face('b')])).resolves.toBeUndefined()
    expect(worker.sent).toEqual([[face('a')]])
  })

  test('a worker that cannot be created resolves every load at once', async () => {
    const loader = fontWorkerLoader(() => {
      throw new Error('workers are not allowed here')
    })
    await expect(loader.load([face('a')])).resolves.toBeUndefined()
  })

  describe('patience', () => {
    beforeEach(() => vi.useFakeTimers())
    afterEach(() => vi.useRealTimers())

    test('a worker that never answers is given up after FACES_PATIENCE_MS: the load resolves (the window renders) and the worker is ended', async () => {
      const worker = new FakeWorker()
      const loader = loaderWith(worker)
      let done = false
      void loader.load([face('a')]).then(() => (done = true))
      await vi.advanceTimersByTimeAsync(FACES_PATIENCE_MS - 1)
      expect(done).toBe(false)
      expect(worker.terminated).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      expect(done).toBe(true)
      expect(worker.terminated).toBe(true)
    })

    test('an answer in time clears the patience: the worker stays for the next load', async () => {
      const worker = new FakeWorker()
      const loader = loaderWith(worker)
      const first = loader.load([face('a')])
      await vi.advanceTimersByTimeAsync(10)
      worker.answer()
      await first
      await vi.advanceTimersByTimeAsync(FACES_PATIENCE_MS * 2)
      expect(worker.terminated).toBe(false)
    })
  })
})
