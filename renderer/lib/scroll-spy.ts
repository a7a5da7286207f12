/**
 * Scroll-spy on a horizontal "reading line" `lineY()` pixels below the top of the window: reports
 * the id of the element that line crosses, or null once the line is above the first element.
 * An IntersectionObserver whose root band is 1px tall sits on that line, so callbacks arrive only
 * when an element starts or stops covering it, whatever the elements' heights.
 * When the line falls between elements (a section heading, the colophon), the last element above
 * the line is reported; `landmarks` (the blocks between items) are observed too, so moving the line
 * from one gap to another still produces a callback.
 */
function lastAbove(elements: readonly HTMLElement[], y: number): string | null {
  let found: string | null = null
  for (const element of elements) {
    if (element.getBoundingClientRect().top > y) break
    found = element.id
  }
  return found
}

export function observeReadingLine(
  elements: readonly HTMLElement[],
  landmarks: readonly HTMLElement[],
  lineY: () => number,
  onchange: (id: string | null) => void
): () => void {
  const covering = new Set<Element>()
  let observer: IntersectionObserver | null = null
  let resizeTimer: ReturnType<typeof setTimeout> | undefined

  const report = (entries: IntersectionObserverEntry[]): void => {
    for (const entry of entries) {
      if (entry.isIntersecting) covering.add(entry.target)
      else covering.delete(entry.target)
    }
    const hit = elements.find((element) => covering.has(element))
    onchange(hit ? hit.id : lastAbove(elements, lineY()))
  }

  const connect = (): void => {
    observer?.disconnect()
    covering.clear()
    const top = Math.round(lineY())
    const bottom = Math.max(0, window.innerHeight - top - 1)
    observer = new IntersectionObserver(report, { rootMargin: `-${top}px 0px -${bottom}px 0px` })
    for (const element of [...elements, ...landmarks]) observer.observe(element)
  }

  const onresize = (): void => {
    clearTimeout(resizeTimer)
    resizeTimer = setTimeout(connect, 120)
  }

  // In the next frame: the reading line is measured from the laid-out top bar, and measuring it in the task that
  // just drew the elements would lay the page out inside that task.
  const frame = requestAnimationFrame(connect)
  window.addEventListener('resize', onresize)
  return () => {
    cancelAnimationFrame(frame)
    clearTimeout(resizeTimer)
    window.removeEventListener('resize', onresize)
    observer?.disconnect()
  }
}
