/** Quote one argument the way a POSIX shell needs it; plain words stay as they are. */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_.:/@%+=,-]+$/.test(arg)) return arg
  return `'${arg.replace(/'/g, `'\\''`)}'`
}

/** Build a command line from words; `null`/`false`/`undefined` words are skipped. */
export function commandLine(...words: (string | null | false | undefined)[]): string {
  return words.filter((w): w is string => typeof w === 'string' && w !== '').join(' ')
}
