/**
 * A command line as the user types it into "Run a command…", split into words like a POSIX shell
 * would split them (quotes group, a backslash escapes), without running a shell: `psql -c "SELECT 1"`
 * -> ['psql', '-c', 'SELECT 1']. Null when a quote is left open or nothing is given. Pure.
 */
export function commandWords(line: string): string[] | null {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: '"' | "'" | null = null
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quote === "'") {
      if (c === "'") quote = null
      else word += c
    } else if (quote === '"') {
      if (c === '"') quote = null
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i]
      else word += c
    } else if (c === "'" || c === '"') {
      quote = c
      inWord = true
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i]
      inWord = true
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += c
      inWord = true
    }
  }
  if (quote) return null
  if (inWord) words.push(word)
  return words.length > 0 ? words : null
}
