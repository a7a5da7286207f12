/**
 * The font faces' worker (see font-loader.ts): measures a specimen of each face it is given
 * on an OffscreenCanvas, which makes Chromium find and load the face on this thread instead of the window's. The
 * faces it loads are shared by the whole renderer process, so the window then lays out text in them without
 * waiting. Answers once, with the number of faces measured.
 */
import type { WorkerFace } from './font-loader.ts'

onmessage = (event: MessageEvent<readonly WorkerFace[]>) => {
  const context = new OffscreenCanvas(1, 1).getContext('2d')
  if (!context) return postMessage(0)
  for (const face of event.data) {
    context.font = face.font
    // The text's language picks the fallback face for characters the family lacks (`lang`: Chromium 135+).
    if ('lang' in context) Object.assign(context, { lang: face.lang })
    context.measureText(face.text)
  }
  postMessage(event.data.length)
}
