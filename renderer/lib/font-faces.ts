/**
 * The font faces' worker (see fontWorkerLoader), started when this module is evaluated: main.ts imports it
 * first, before the app's other modules, so that the worker is running by the time the window's faces are
 * asked for (a worker takes 30–45 ms to start in a fresh renderer).
 */
import { fontWorkerLoader, workerFace, type FontSpecimen } from './font-loader.ts'

export const faces = fontWorkerLoader(
  () => new Worker(new URL('./font-worker.ts', import.meta.url), { type: 'module', name: 'font faces' })
)

/** Has the worker load `specimens`, their families resolved in the root's computed style (see workerFace). */
export function loadFaces(specimens: readonly FontSpecimen[]): Promise<void> {
  const style = getComputedStyle(document.documentElement)
  return faces.load(specimens.map((specimen) => workerFace(specimen, style)))
}
