/**
 * The docker CLI commands SwarmDesk shows as the equivalent of what it does, written in one place
 * for main (results, the swarmdesk CLI) and the renderer (before the user confirms). Pure.
 */

/** Quote one argument the way a POSIX shell needs it; plain words stay as they are. */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_.:/@%+=,-]+$/.test(arg)) return arg
  return `'${arg.replace(/'/g, `'\\''`)}'`
}

/** Build a command line from words; `null`/`false`/`undefined` words are skipped. */
export function commandLine(...words: (string | null | false | undefined)[]): string {
  return words.filter((w): w is string => typeof w === 'string' && w !== '').join(' ')
}

/** `docker node update --label-rm k --label-add k=v NODE`: removals first, then additions. */
export function labelChangeCli(change: { add: Record<string, string>; remove: readonly string[] }, node: string): string {
  const parts = ['docker', 'node', 'update']
  for (const key of change.remove) parts.push('--label-rm', shellQuote(key))
  for (const [key, value] of Object.entries(change.add)) parts.push('--label-add', shellQuote(`${key}=${value}`))
  parts.push(shellQuote(node))
  return parts.join(' ')
}

export type NodeChangeCli = { availability: 'active' | 'pause' | 'drain' } | { role: 'manager' | 'worker' }

export function nodeChangeCli(change: NodeChangeCli, node: string): string {
  if ('role' in change) return commandLine('docker', 'node', change.role === 'manager' ? 'promote' : 'demote', shellQuote(node))
  return commandLine('docker', 'node', 'update', '--availability', change.availability, shellQuote(node))
}
