import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { SshHostAlias } from '../../../shared/connections'
import { matchHostPatterns } from './known-hosts'

/**
 * A small reader for the OpenSSH client configuration (ssh_config(5)), enough to offer the user's
 * Host aliases and to resolve one the way `ssh` would:
 * - `Keyword value` and `Keyword=value`, keywords case-insensitive, values in double or single
 *   quotes, `#` comments (whole line, or a word starting with `#`);
 * - `Host` blocks with patterns (`*`, `?`, `!negation`); directives before the first Host apply to
 *   every host;
 * - `Match` blocks are skipped entirely (we cannot evaluate `exec`, `canonical`, ...);
 * - `Include` with `~` and globs; relative paths are taken from ~/.ssh like OpenSSH; an Include
 *   inside a Host block only applies when that block does; missing files are ignored;
 * - first obtained value wins (HostName, User, Port, ProxyJump), IdentityFile accumulates, as in OpenSSH;
 * - tokens `%h` `%%` in HostName, and `%d %u %h %r %p %%` plus `~` in IdentityFile.
 * Written by hand: the `ssh-config` package (v5) was weighed for node routes and left out — it
 * keeps `Include` as a line without reading the file, expands no `%` tokens, and by default runs
 * `Match exec` commands from the config through a shell (and `nslookup` for canonicalisation),
 * which a desktop app reading a config must not do behind the user's back.
 */

export type SshConfigCondition = { kind: 'host'; patterns: string[] } | { kind: 'match' }

export interface SshConfigDirective {
  /** Lower-case keyword. */
  keyword: string
  args: string[]
  /** All must hold for the directive to apply (a Host block, possibly inside an included one). */
  conditions: SshConfigCondition[]
  /** `file:line` */
  source: string
}

export interface SshConfig {
  directives: SshConfigDirective[]
  /** Every Host line, in order (an empty block still names an alias). */
  hostPatterns: string[][]
  /** Problems worth showing (unreadable include, bad quoting); never fatal. */
  warnings: string[]
  homeDir: string
}

export interface SshConfigOptions {
  /** Home directory for `~` and the ~/.ssh base of relative Includes. Default os.homedir(). */
  homeDir?: string
  /** Local user name for `%u`. Default os.userInfo().username. */
  localUser?: string
}

export interface ResolvedSshHost {
  /** HostName from the config (tokens expanded), or the alias itself. */
  hostName: string
  user: string | null
  port: number | null
  /** IdentityFile values in order, `~` and tokens expanded. */
  identityFiles: string[]
  /** ProxyJump hops in order (`[user@]host[:port]`, tokens expanded); empty when none (or `none`). */
  proxyJump: SshJumpHop[]
  /**
   * The config asks for `ssh-rsa` (RSA with SHA-1, off by default since OpenSSH 8.8) in
   * HostKeyAlgorithms or PubkeyAcceptedAlgorithms (`ssh-rsa`, `+ssh-rsa`, `^ssh-rsa`, in a list).
   */
  sshRsa: boolean
}

/** Whether an algorithm list value (ssh_config(5): `+` appends, `-` removes, `^` puts first) names ssh-rsa. Pure. */
export function algorithmsAskSshRsa(value: string): boolean {
  if (value.startsWith('-')) return false
  return value.replace(/^[+^]/, '').split(',').some((name) => name.trim().toLowerCase() === 'ssh-rsa')
}

/** One hop of a ProxyJump list. */
export interface SshJumpHop {
  host: string
  user: string | null
  port: number | null
}

const MAX_INCLUDE_DEPTH = 16

/** Split a config line into words like OpenSSH's argv_split: quotes group, `#` word ends the line. */
function splitWords(text: string): { words: string[]; error: string | null } {
  const words: string[] = []
  let i = 0
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++
    if (i >= text.length) break
    if (text[i] === '#') break
    let word = ''
    let quote: '"' | "'" | null = null
    while (i < text.length) {
      const c = text[i]
      if (quote) {
        if (c === '\\' && (text[i + 1] === quote || text[i + 1] === '\\')) {
          word += text[i + 1]
          i += 2
          continue
        }
        if (c === quote) {
          quote = null
          i++
          continue
        }
        word += c
        i++
        continue
      }
      if (c === ' ' || c === '\t') break
      if (c === '"' || c === "'") {
        quote = c
        i++
        continue
      }
      if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === "'" || text[i + 1] === '\\' || text[i + 1] === ' ')) {
        word += text[i + 1]
        i += 2
        continue
      }
      word += c
      i++
    }
    if (quote) return { words, error: 'unterminated quote' }
    words.push(word)
  }
  return { words, error: null }
}

/** Split `Keyword value` / `Keyword=value` / `Keyword = value` into keyword and the rest. */
function splitKeyword(line: string): { keyword: string; rest: string } | null {
  const match = /^([^\s=]+)[ \t]*(?:=[ \t]*)?(.*)$/.exec(line)
  if (!match) return null
  return { keyword: match[1].toLowerCase(), rest: match[2] }
}

function expandTilde(value: string, homeDir: string): string {
  if (value === '~') return homeDir
  if (value.startsWith('~/')) return path.join(homeDir, value.slice(2))
  return value
}

function globToRegExp(segment: string): RegExp {
  let source = ''
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]
    if (c === '*') source += '[^/]*'
    else if (c === '?') source += '[^/]'
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2)
      if (end === -1) {
        source += '\\['
      } else {
        let body = segment.slice(i + 1, end)
        if (body.startsWith('!')) body = '^' + body.slice(1)
        source += '[' + body.replace(/\\/g, '\\\\') + ']'
        i = end
      }
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&')
  }
  return new RegExp('^' + source + '$')
}

const hasGlob = (segment: string): boolean => /[*?[]/.test(segment)

/** glob(3) for absolute paths: `*`, `?`, `[...]` within one path segment; sorted; dotfiles need a dot. */
export function expandGlob(pattern: string): string[] {
  const absolute = path.resolve(pattern)
  const segments = absolute.split(path.sep).filter((s) => s.length > 0)
  let candidates: string[] = [path.sep]
  for (const segment of segments) {
    const next: string[] = []
    for (const base of candidates) {
      if (!hasGlob(segment)) {
        next.push(path.join(base, segment))
        continue
      }
      let names: string[]
      try {
        names = fs.readdirSync(base)
      } catch {
        continue
      }
      const re = globToRegExp(segment)
      for (const name of names.sort()) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue
        if (re.test(name)) next.push(path.join(base, name))
      }
    }
    candidates = next
  }
  return candidates.filter((file) => fs.existsSync(file)).sort()
}

interface ParseContext {
  homeDir: string
  sshDir: string
  warnings: string[]
  directives: SshConfigDirective[]
  hostPatterns: string[][]
  depth: number
}

function parseInto(text: string, sourceName: string, inherited: SshConfigCondition[], ctx: ParseContext): void {
  let conditions = inherited
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (line === '' || line.startsWith('#')) continue
    const source = `${sourceName}:${i + 1}`
    const split = splitKeyword(line)
    if (!split) continue
    const { words: args, error } = splitWords(split.rest)
    if (error) {
      ctx.warnings.push(`${source}: ${error}`)
      continue
    }
    switch (split.keyword) {
      case 'host':
        conditions = [...inherited, { kind: 'host', patterns: args }]
        ctx.hostPatterns.push(args)
        break
      case 'match':
        conditions = [...inherited, { kind: 'match' }]
        break
      case 'include':
        if (ctx.depth >= MAX_INCLUDE_DEPTH) {
          ctx.warnings.push(`${source}: Include nested too deeply`)
          break
        }
        for (const arg of args) {
          const expanded = expandTilde(arg, ctx.homeDir)
          const pattern = path.isAbsolute(expanded) ? expanded : path.join(ctx.sshDir, expanded)
          for (const file of expandGlob(pattern)) {
            let included: string
            try {
              if (!fs.statSync(file).isFile()) continue
              included = fs.readFileSync(file, 'utf8')
            } catch (e) {
              ctx.warnings.push(`${source}: cannot read included file ${file}: ${(e as Error).message}`)
              continue
            }
            ctx.depth++
            parseInto(included, file, conditions, ctx)
            ctx.depth--
          }
        }
        break
      default:
        ctx.directives.push({ keyword: split.keyword, args, conditions, source })
    }
  }
}

/** Parse config text. `sourceName` labels directives; Includes are read from disk. */
export function parseSshConfig(text: string, sourceName = 'ssh_config', options: SshConfigOptions = {}): SshConfig {
  const homeDir = options.homeDir ?? os.homedir()
  const ctx: ParseContext = {
    homeDir,
    sshDir: path.join(homeDir, '.ssh'),
    warnings: [],
    directives: [],
    hostPatterns: [],
    depth: 0
  }
  parseInto(text, sourceName, [], ctx)
  return { directives: ctx.directives, hostPatterns: ctx.hostPatterns, warnings: ctx.warnings, homeDir }
}

/** Read and parse a config file (default ~/.ssh/config). A missing file is an empty config. */
export function loadSshConfig(file?: string, options: SshConfigOptions = {}): SshConfig {
  const homeDir = options.homeDir ?? os.homedir()
  const configPath = file ?? path.join(homeDir, '.ssh', 'config')
  let text = ''
  const warnings: string[] = []
  try {
    text = fs.readFileSync(configPath, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      warnings.push(`cannot read ${configPath}: ${(e as Error).message}`)
    }
  }
  const config = parseSshConfig(text, configPath, { ...options, homeDir })
  return { ...config, warnings: [...warnings, ...config.warnings] }
}

function conditionsHold(conditions: SshConfigCondition[], alias: string): boolean {
  return conditions.every((c) => c.kind === 'host' && matchHostPatterns(alias, c.patterns))
}

function localUserName(): string {
  try {
    return os.userInfo().username
  } catch {
    return process.env.USER ?? 'root'
  }
}

function expandTokens(value: string, tokens: Record<string, string>): string {
  return value.replace(/%(.)/g, (whole, key: string) => (key in tokens ? tokens[key] : whole))
}

interface RawResolution {
  hostName: string | null
  user: string | null
  port: number | null
  identityFiles: string[]
  proxyJump: string | null
  hostKeyAlgorithms: string | null
  pubkeyAlgorithms: string | null
}

/**
 * A ProxyJump value as hops: comma-separated `[user@]host[:port]` (ssh_config(5)); `ssh://` URIs
 * accepted; IPv6 in brackets. `none` is no jump. A hop that does not parse is left out.
 */
export function parseProxyJump(value: string | null): SshJumpHop[] {
  if (value === null || value.trim().toLowerCase() === 'none') return []
  const hops: SshJumpHop[] = []
  for (const raw of value.split(',')) {
    const text = raw.trim().replace(/^ssh:\/\//, '')
    const at = text.lastIndexOf('@')
    const user = at > 0 ? text.slice(0, at) : null
    const rest = at >= 0 ? text.slice(at + 1) : text
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest)
    const plain = /^([^:\s]+)(?::(\d+))?$/.exec(rest)
    const match = bracketed ?? plain
    if (!match) continue
    const port = match[2] !== undefined ? Number(match[2]) : null
    if (port !== null && (port < 1 || port > 65535)) continue
    hops.push({ host: match[1], user, port })
  }
  return hops
}

function resolveRaw(alias: string, config: SshConfig, options: SshConfigOptions): RawResolution {
  const found: RawResolution = { hostName: null, user: null, port: null, identityFiles: [], proxyJump: null, hostKeyAlgorithms: null, pubkeyAlgorithms: null }
  const rawIdentityFiles: string[] = []
  for (const d of config.directives) {
    if (d.args.length === 0 || !conditionsHold(d.conditions, alias)) continue
    const value = d.args[0]
    switch (d.keyword) {
      case 'hostname':
        if (found.hostName === null) found.hostName = expandTokens(value, { h: alias, '%': '%' })
        break
      case 'user':
        if (found.user === null) found.user = value
        break
      case 'port':
        if (found.port === null) {
          const port = Number(value)
          if (Number.isInteger(port) && port >= 1 && port <= 65535) found.port = port
        }
        break
      case 'identityfile':
        if (value.toLowerCase() !== 'none') rawIdentityFiles.push(value)
        break
      case 'proxyjump':
        if (found.proxyJump === null) found.proxyJump = value
        break
      case 'hostkeyalgorithms':
        if (found.hostKeyAlgorithms === null) found.hostKeyAlgorithms = value
        break
      case 'pubkeyacceptedalgorithms':
      case 'pubkeyacceptedkeytypes':
        if (found.pubkeyAlgorithms === null) found.pubkeyAlgorithms = value
        break
    }
  }
  const homeDir = options.homeDir ?? config.homeDir
  const tokens: Record<string, string> = {
    d: homeDir,
    u: options.localUser ?? localUserName(),
    h: found.hostName ?? alias,
    r: found.user ?? options.localUser ?? localUserName(),
    p: String(found.port ?? 22),
    '%': '%'
  }
  for (const raw of rawIdentityFiles) {
    const file = expandTilde(expandTokens(raw, tokens), homeDir)
    if (!found.identityFiles.includes(file)) found.identityFiles.push(file)
  }
  return found
}

/** How `ssh ALIAS` would reach the host: HostName (default: the alias), User, Port, IdentityFiles. */
export function resolveHost(alias: string, config: SshConfig, options: SshConfigOptions = {}): ResolvedSshHost {
  const raw = resolveRaw(alias, config, options)
  // ProxyJump takes %h, %p, %r and %% like HostName (ssh_config(5) TOKENS).
  const tokens = { h: raw.hostName ?? alias, p: String(raw.port ?? 22), r: raw.user ?? options.localUser ?? localUserName(), '%': '%' }
  const proxyJump = parseProxyJump(raw.proxyJump === null ? null : expandTokens(raw.proxyJump, tokens))
  const sshRsa = [raw.hostKeyAlgorithms, raw.pubkeyAlgorithms].some((value) => value !== null && algorithmsAskSshRsa(value))
  return { hostName: raw.hostName ?? alias, user: raw.user, port: raw.port, identityFiles: raw.identityFiles, proxyJump, sshRsa }
}

/**
 * Whether the config says anything about this name beyond a catch-all: a Host block other than
 * `Host *` matches it. A node whose hostname the user's config knows is reached the way `ssh
 * HOSTNAME` would reach it.
 */
export function configKnowsHost(name: string, config: SshConfig): boolean {
  return config.hostPatterns.some((patterns) => matchHostPatterns(name, patterns) && patterns.some((p) => !p.startsWith('!') && p !== '*' && matchHostPatterns(name, [p])))
}

/** A parsed config, config text, or a file path (a plain string is a path: ~/.ssh/config by default). */
export type SshConfigSource = SshConfig | { text: string; sourceName?: string } | { path: string } | string

function toConfig(source: SshConfigSource, options: SshConfigOptions): SshConfig {
  if (typeof source === 'string') return loadSshConfig(source, options)
  if ('directives' in source) return source
  if ('text' in source) return parseSshConfig(source.text, source.sourceName, options)
  return loadSshConfig(source.path, options)
}

/**
 * The concrete Host aliases of a config (no wildcard or negated patterns), each with what the
 * config says about it (null where it says nothing).
 */
export function listHostAliases(source: SshConfigSource, options: SshConfigOptions = {}): SshHostAlias[] {
  const config = toConfig(source, options)
  const aliases: string[] = []
  const seen = new Set<string>()
  for (const patterns of config.hostPatterns) {
    for (const p of patterns) {
      if (p.startsWith('!') || /[*?]/.test(p) || seen.has(p.toLowerCase())) continue
      seen.add(p.toLowerCase())
      aliases.push(p)
    }
  }
  return aliases.map((alias) => {
    const raw = resolveRaw(alias, config, options)
    return {
      alias,
      hostName: raw.hostName,
      user: raw.user,
      port: raw.port,
      identityFile: raw.identityFiles[0] ?? null
    }
  })
}
