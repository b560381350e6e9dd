// A stack-owned secret or config that was rotated must be named by the new version in the stack
// file, or the next `docker stack deploy` puts the old one back. This edits the file SwarmDesk last
// deployed: only the `name:` of the matching top-level key changes. The yaml Document finds where;
// the change is spliced into the original text, so every other byte (comments, spacing, quotes)
// stays as the user wrote it. Pure.
import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml'
import type { StackFileEdit, StoredKind } from '../../shared/secrets'

export function editStackFiles(
  files: readonly { path: string; text: string }[],
  change: { kind: StoredKind; stack: string; oldName: string; newName: string }
): StackFileEdit | null {
  const section = change.kind === 'secret' ? 'secrets' : 'configs'
  // The last file that defines the key wins in a merge, so that is the one to edit.
  for (const file of [...files].reverse()) {
    const doc = parseDocument(file.text)
    if (doc.errors.length) continue
    const objects = doc.get(section)
    if (!isMap(objects)) continue
    for (const item of objects.items) {
      const key = isScalar(item.key) ? String(item.key.value) : null
      if (key === null) continue
      const definition = item.value
      const explicit = isMap(definition) ? definition.get('name') : undefined
      // compose-compiler's rule: an explicit name is used as is, else `<stack>_<key>`.
      const resolved = typeof explicit === 'string' ? explicit : `${change.stack}_${key}`
      if (resolved !== change.oldName) continue
      const spliced = isMap(definition) ? spliceName(file.text, definition, change.newName) : null
      if (spliced !== null) return { stack: change.stack, path: file.path, key, text: spliced }
      // Flow style or an empty definition: let the Document write it (formatting may change).
      if (isMap(definition)) definition.set('name', change.newName)
      else objects.set(key, doc.createNode({ name: change.newName }))
      return { stack: change.stack, path: file.path, key, text: doc.toString() }
    }
  }
  return null
}

/** Replace the `name:` value in place, or insert a `name:` line before the first entry of a block map. */
function spliceName(text: string, definition: YAMLMap, newName: string): string | null {
  if (definition.flow) return null
  const pair = definition.items.find((item) => isScalar(item.key) && item.key.value === 'name')
  if (pair && isScalar(pair.value) && pair.value.range) {
    const [start, end] = pair.value.range
    return text.slice(0, start) + newName + text.slice(end)
  }
  const first = definition.items[0]
  if (!first || !isScalar(first.key) || !first.key.range) return null
  const keyStart = first.key.range[0]
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1
  const indent = text.slice(lineStart, keyStart)
  if (!/^ *$/.test(indent)) return null
  return text.slice(0, lineStart) + `${indent}name: ${newName}\n` + text.slice(lineStart)
}
