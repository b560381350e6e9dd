/**
 * A script for `page.addInitScript`, run before any of the page's own: it notes, frame by frame,
 * when each mark's element first appears (performance.now(), from navigation start) into
 * `window[globalName]`. A string: the page runs it as it is.
 */
export function watchMarks(globalName: string, marks: Record<string, string>): string {
  return `(() => {
  const marks = ${JSON.stringify(marks)}
  const seen = {}
  window[${JSON.stringify(globalName)}] = seen
  const look = () => {
    for (const [name, selector] of Object.entries(marks)) if (!(name in seen) && document.querySelector(selector)) seen[name] = performance.now()
    if (Object.keys(seen).length < Object.keys(marks).length) requestAnimationFrame(look)
  }
  requestAnimationFrame(look)
})()`
}
