/** True when the key press goes to a text field (input, textarea, select, editable content). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null
}

/** True when a key press should go to a text field rather than to a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false
  if (isTextField(target)) return true
  // A modal dialog, or a panel over the view (search results), owns the keyboard while it is open.
  return target.closest('dialog[open], [data-owns-keyboard]') !== null
}

export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches
}

/** Scrolls an element (an item article) to the top of the window, below the sticky top bar. */
export function scrollToElement(id: string): boolean {
  const element = document.getElementById(id)
  if (!element) return false
  element.scrollIntoView({ block: 'start', behavior: prefersReducedMotion() ? 'instant' : 'smooth' })
  return true
}

/** Keeps `child` visible inside its own scroll container without scrolling the window. */
export function revealInContainer(container: HTMLElement, child: HTMLElement): void {
  const box = container.getBoundingClientRect()
  const rect = child.getBoundingClientRect()
  const margin = 48
  if (rect.top < box.top + margin) container.scrollTop -= box.top + margin - rect.top
  else if (rect.bottom > box.bottom - margin) container.scrollTop += rect.bottom - (box.bottom - margin)
}

/**
 * A keydown handler for a field whose Esc cancels it (a name being typed): `cancel` runs, and the key goes no
 * further, so the window's own Esc (closing the search) is not also taken.
 */
export function onEscape(cancel: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    event.stopPropagation()
    cancel()
  }
}
