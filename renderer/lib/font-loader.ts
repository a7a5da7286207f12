/**
 * Loading the app's font faces in a worker (font-worker.ts), off the window's thread. In a fresh renderer the
 * first text in a face makes Chromium's font service on Linux copy the whole font file (19–27 MB for Noto CJK)
 * into memory shared with the renderer: a synchronous wait of 20–90 ms on the thread that asked (issue 10, 13).
 * Asked for by a worker, the wait is the worker's, and the face is then there for the whole renderer process.
 */

/** One face: the font-family (the app's own custom properties, so the faces are the ones the CSS asks for). */
export interface FontSpecimen {
  family: string
  weight: number
  lang: string
  text: string
}

/** A face as the font worker measures it: a CSS `font` shorthand with its family resolved. */
export interface WorkerFace {
  font: string
  lang: string
  text: string
}

/**
 * `specimen` for the font worker: its family's custom properties are resolved in `style` (the root's computed
 * style; a worker has no CSS). A canvas' font needs a size; the face is the same at every size.
 */
export function workerFace(specimen: FontSpecimen, style: { getPropertyValue(name: string): string }): WorkerFace {
  const family = specimen.family.replace(/var\((--[\w-]+)\)/g, (_, name: string) => style.getPropertyValue(name).trim())
  return { font: `${specimen.weight} 16px ${family}`, lang: specimen.lang, text: specimen.text }
}

/** What the loader needs of a Worker (a DOM-free type, so that the loader runs in Node's tests too). */
export interface FontWorker {
  postMessage(faces: readonly WorkerFace[]): void
  terminate(): void
  onmessage: ((event: never) => void) | null
  onerror: ((event: never) => void) | null
}

/** Loads font faces off the window's thread (see {@link fontWorkerLoader}). */
export interface FaceLoader {
  /** Resolves once the faces are loaded, or at once when the worker cannot run (the window then loads them). */
  load(faces: readonly WorkerFace[]): Promise<void>
  /** Ends the worker. */
  end(): void
}

/**
 * How long a load may take before the worker is given up (then the window loads the faces itself). A fresh
 * start's two faces take 40–110 ms; the window's first render waits for them, so it must never wait forever.
 */
export const FACES_PATIENCE_MS = 2000

/**
 * A face loader backed by one worker (font-worker.ts), created at once so that it is running by the time the
 * first faces are asked for. Loading a face takes Chromium's font service a lock that every thread of the
 * renderer waits for, so one face is loaded at a time and the window should not lay out new text meanwhile:
 * loads run one after another, each when the one before has answered. A worker that fails, or does not answer
 * within FACES_PATIENCE_MS, is ended, and every load resolves at once from then on.
 */
export function fontWorkerLoader(createWorker: () => FontWorker): FaceLoader {
  let worker: FontWorker | undefined
  try {
    worker = createWorker()
  } catch {
    worker = undefined
  }
  let answered: (() => void) | undefined
  let patience: ReturnType<typeof setTimeout> | undefined
  const settle = (): void => {
    clearTimeout(patience)
    answered?.()
  }
  const stop = (): void => {
    worker?.terminate()
    worker = undefined
    settle()
  }
  if (worker) {
    worker.onmessage = settle
    worker.onerror = stop
  }
  let queue = Promise.resolve()
  return {
    load(faces) {
      queue = queue.then(
        () =>
          new Promise<void>((resolve) => {
            if (!worker) return resolve()
            answered = resolve
            patience = setTimeout(stop, FACES_PATIENCE_MS)
            worker.postMessage(faces)
          })
      )
      return queue
    },
    end: stop
  }
}
