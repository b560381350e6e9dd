import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { phrase } from '../../../shared/phrase'
import { refusal } from '../../i18n/words'

/**
 * OpenSSH known_hosts: parsing, matching and a small store.
 *
 * The format (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): one key per line,
 *   [@marker] hostpatterns keytype base64-key [comment]
 * where hostpatterns is a comma list of patterns (`*`, `?`, `!negation`, `[host]:port` for a
 * non-default port) or one hashed name `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
 *
 * The decision follows OpenSSH's `check_key_in_hostkeys` (hostfile.c), which we read to match it:
 * - the presented key equals a plain entry for the host            -> known;
 * - the host has plain entries but none equals the presented key    -> changed. This is true even
 *   when those entries are of another key type (OpenSSH prints "Offending RSA key in ..." for an
 *   ED25519 key it was sent). To avoid false alarms OpenSSH prefers, during key exchange, the key
 *   types it already knows for the host; the SSH engine does the same with `knownKeyTypes()`;
 * - an `@revoked` line for the host whose key equals the presented key overrides everything:
 *   refused (reported as changed, with `revoked: true`);
 * - `@cert-authority` lines are ignored (we do not accept host certificates);
 * - for a port other than 22 with nothing known under `[host]:port`, OpenSSH also accepts an exact
 *   match recorded under the bare host name ("checking without port identifier"); we do too;
 * - otherwise -> unknown.
 */

export type KnownHostMarker = 'none' | 'revoked' | 'cert-authority'

export type KnownHostNames =
  | { kind: 'patterns'; patterns: string[] }
  | { kind: 'hashed'; salt: Buffer; hash: Buffer }

export interface KnownHostEntry {
  marker: KnownHostMarker
  names: KnownHostNames
  keyType: string
  keyBlob: Buffer
  /** Where the line came from, `file:line`, for messages like "Offending key in ~/.ssh/known_hosts:3". */
  source: string
}

export type HostKeyLookup =
  | { status: 'known'; source: string }
  | { status: 'unknown' }
  | {
      status: 'changed'
      /** Fingerprint of the key on record (null only for a revoked key with no other key on record). */
      expectedFingerprint: string | null
      /** `file:line` of the entry that disagrees (or of the @revoked line). */
      source: string
      /** True when the presented key is explicitly marked @revoked. */
      revoked: boolean
    }

/** `SHA256:<base64 without padding>` of the raw key blob, exactly as `ssh-keygen -lf` prints it. */
export function fingerprintSha256(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')
}

/** The key type written at the start of an SSH public key blob (`ssh-ed25519`, `ssh-rsa`, ...). */
export function keyTypeOfBlob(keyBlob: Buffer): string | null {
  if (keyBlob.length < 4) return null
  const length = keyBlob.readUInt32BE(0)
  if (length === 0 || length > 64 || 4 + length > keyBlob.length) return null
  const type = keyBlob.subarray(4, 4 + length).toString('latin1')
  return /^[\x21-\x7e]+$/.test(type) ? type : null
}

/** The name OpenSSH looks up: `host`, or `[host]:port` when the port is not 22. Lower case. */
export function hostKeyName(host: string, port: number): string {
  const name = host.toLowerCase()
  return port === 22 ? name : `[${name}]:${port}`
}

/** A hashed known_hosts name as `ssh-keygen -H` writes it (salt is 20 random bytes by default). */
export function hashHostName(name: string, salt: Buffer): string {
  const hash = createHmac('sha1', salt).update(name).digest()
  return `|1|${salt.toString('base64')}|${hash.toString('base64')}`
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

function decodeBase64(text: string): Buffer | null {
  if (!BASE64.test(text) || text.length % 4 !== 0) return null
  const buffer = Buffer.from(text, 'base64')
  return buffer.length > 0 ? buffer : null
}

function parseNames(field: string): KnownHostNames | null {
  if (field.startsWith('|')) {
    // |1|salt|hash — the only hash type OpenSSH has ever written.
    const parts = field.split('|')
    if (parts.length !== 4 || parts[1] !== '1') return null
    const salt = decodeBase64(parts[2])
    const hash = decodeBase64(parts[3])
    if (!salt || !hash || hash.length !== 20) return null
    return { kind: 'hashed', salt, hash }
  }
  const patterns = field.split(',').filter((p) => p.length > 0)
  return patterns.length > 0 ? { kind: 'patterns', patterns } : null
}

/**
 * Parse known_hosts text. Comments, blank lines and malformed lines are skipped (OpenSSH does the
 * same); `sourceName` labels each entry (`file:line`).
 */
export function parseKnownHosts(text: string, sourceName = 'known_hosts'): KnownHostEntry[] {
  const entries: KnownHostEntry[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (line === '' || line.startsWith('#')) continue
    const fields = line.split(/[ \t]+/)
    let marker: KnownHostMarker = 'none'
    if (fields[0].startsWith('@')) {
      const name = fields.shift()
      if (name === '@revoked') marker = 'revoked'
      else if (name === '@cert-authority') marker = 'cert-authority'
      else continue // unknown marker: OpenSSH ignores the line
    }
    if (fields.length < 3) continue
    const names = parseNames(fields[0])
    const keyType = fields[1]
    const keyBlob = decodeBase64(fields[2])
    if (!names || !keyBlob) continue
    // The type inside the blob must agree with the type written on the line.
    if (keyTypeOfBlob(keyBlob) !== keyType) continue
    entries.push({ marker, names, keyType, keyBlob, source: `${sourceName}:${i + 1}` })
  }
  return entries
}

/** OpenSSH `match_pattern`: `*` is any run of characters, `?` exactly one; case-insensitive. */
export function matchPattern(text: string, pattern: string): boolean {
  const t = text.toLowerCase()
  const p = pattern.toLowerCase()
  // Iterative wildcard match with backtracking on the last `*`.
  let ti = 0
  let pi = 0
  let starP = -1
  let starT = 0
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      ti++
      pi++
    } else if (pi < p.length && p[pi] === '*') {
      starP = pi++
      starT = ti
    } else if (starP !== -1) {
      pi = starP + 1
      ti = ++starT
    } else {
      return false
    }
  }
  while (pi < p.length && p[pi] === '*') pi++
  return pi === p.length
}

/**
 * OpenSSH `match_pattern_list` for host names: a negated pattern that matches rejects the whole
 * list; otherwise any positive match accepts it.
 */
export function matchHostPatterns(name: string, patterns: string[]): boolean {
  let positive = false
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchPattern(name, pattern.slice(1))) return false
    } else if (matchPattern(name, pattern)) {
      positive = true
    }
  }
  return positive
}

export function entryMatchesName(entry: KnownHostEntry, name: string): boolean {
  if (entry.names.kind === 'patterns') return matchHostPatterns(name, entry.names.patterns)
  const hash = createHmac('sha1', entry.names.salt).update(name).digest()
  return hash.length === entry.names.hash.length && timingSafeEqual(hash, entry.names.hash)
}

function lookupName(entries: KnownHostEntry[], name: string, keyType: string, keyBlob: Buffer): HostKeyLookup {
  const matching = entries.filter((e) => e.marker !== 'cert-authority' && entryMatchesName(e, name))
  const plain = matching.filter((e) => e.marker === 'none')
  const sameKind = plain.filter((e) => e.keyType === keyType)
  const revoked = matching.find((e) => e.marker === 'revoked' && e.keyBlob.equals(keyBlob))
  if (revoked) {
    const other = sameKind.find((e) => !e.keyBlob.equals(keyBlob)) ?? plain.find((e) => !e.keyBlob.equals(keyBlob))
    return {
      status: 'changed',
      expectedFingerprint: other ? fingerprintSha256(other.keyBlob) : null,
      source: revoked.source,
      revoked: true
    }
  }
  const exact = plain.find((e) => e.keyType === keyType && e.keyBlob.equals(keyBlob))
  if (exact) return { status: 'known', source: exact.source }
  if (plain.length > 0) {
    // Report the entry of the same type when there is one: its fingerprint is the one to compare.
    const offending = sameKind[0] ?? plain[0]
    return {
      status: 'changed',
      expectedFingerprint: fingerprintSha256(offending.keyBlob),
      source: offending.source,
      revoked: false
    }
  }
  return { status: 'unknown' }
}

/** Decide whether `keyBlob` presented by `host:port` is known, unknown or changed (see the top). */
export function lookupHostKey(
  entries: KnownHostEntry[],
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer
): HostKeyLookup {
  const result = lookupName(entries, hostKeyName(host, port), keyType, keyBlob)
  if (result.status === 'unknown' && port !== 22) {
    const bare = lookupName(entries, hostKeyName(host, 22), keyType, keyBlob)
    if (bare.status === 'known') return bare
  }
  return result
}

/** Key types on record for a host (plain entries), in file order, without duplicates. */
export function knownKeyTypes(entries: KnownHostEntry[], host: string, port: number): string[] {
  const name = hostKeyName(host, port)
  const types: string[] = []
  for (const e of entries) {
    if (e.marker === 'none' && entryMatchesName(e, name) && !types.includes(e.keyType)) types.push(e.keyType)
  }
  return types
}

export interface HostKeyStoreOptions {
  /** The user's own file, read only. Default `~/.ssh/known_hosts`. */
  userKnownHostsPath?: string
  /** The app's file (in the app data directory): read, and the only one ever written. */
  appKnownHostsPath: string
}

export interface AcceptedHostKey {
  host: string
  port: number
  keyType: string
  /** Base64 of the raw public key blob. */
  publicKey: string
  /** `SHA256:...` the user was shown: must be the fingerprint of `publicKey`. */
  fingerprint: string
}

async function readIfPresent(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw error
  }
}

/**
 * The known hosts as the app sees them: the user's ~/.ssh/known_hosts (never written) first, then
 * the app's own file, where accepted keys go. What the user's file says of a host (known or
 * changed) is final; the app's file is consulted only for hosts the user's file does not know, so a
 * key accepted in the app never overrides the user's own record. Files are read on every check so
 * an edit made by the user (or by `ssh`) is seen at the next connection.
 *
 * Acceptance is decided here, in main, not by the dialog: `accept` stores only the exact key that
 * the last `check` of that host and port refused as unknown, and only when the fingerprint the user
 * was shown is that key's. A changed key can never be stored, whatever the renderer sends.
 */
export class HostKeyStore {
  readonly userKnownHostsPath: string
  readonly appKnownHostsPath: string
  /** hostKeyName -> the key last refused as unknown for it (the only one `accept` may store) */
  private readonly offered = new Map<string, { keyType: string; keyBlob: Buffer }>()

  constructor(options: HostKeyStoreOptions) {
    this.userKnownHostsPath = options.userKnownHostsPath ?? path.join(os.homedir(), '.ssh', 'known_hosts')
    this.appKnownHostsPath = options.appKnownHostsPath
  }

  private async files(): Promise<{ user: KnownHostEntry[]; app: KnownHostEntry[] }> {
    const [user, app] = await Promise.all([
      readIfPresent(this.userKnownHostsPath),
      readIfPresent(this.appKnownHostsPath)
    ])
    return { user: parseKnownHosts(user, this.userKnownHostsPath), app: parseKnownHosts(app, this.appKnownHostsPath) }
  }

  private async lookup(host: string, port: number, keyType: string, keyBlob: Buffer): Promise<HostKeyLookup> {
    const { user, app } = await this.files()
    const fromUser = lookupHostKey(user, host, port, keyType, keyBlob)
    return fromUser.status === 'unknown' ? lookupHostKey(app, host, port, keyType, keyBlob) : fromUser
  }

  async check(host: string, port: number, keyType: string, keyBlob: Buffer): Promise<HostKeyLookup> {
    const result = await this.lookup(host, port, keyType, keyBlob)
    const name = hostKeyName(host, port)
    if (result.status === 'unknown') this.offered.set(name, { keyType, keyBlob: Buffer.from(keyBlob) })
    else this.offered.delete(name)
    return result
  }

  async knownKeyTypes(host: string, port: number): Promise<string[]> {
    const { user, app } = await this.files()
    const fromUser = knownKeyTypes(user, host, port)
    return fromUser.length > 0 ? fromUser : knownKeyTypes(app, host, port)
  }

  /**
   * Record a key the user accepted, in the app's file only, if it is the key last refused as
   * unknown for that host and port (see the class comment); the user's ~/.ssh/known_hosts is never
   * touched. Refused with HOST_KEY_CHANGED otherwise.
   */
  async accept(key: AcceptedHostKey): Promise<void> {
    const host = key.host.trim()
    // A plain name or address only: a pattern (`*`, `!`, `,`) or a hashed/marker form would make the
    // key valid for other hosts than the one the user checked.
    if (!/^[A-Za-z0-9._:%-]+$/.test(host) || !Number.isInteger(key.port) || key.port < 1 || key.port > 65535) {
      throw refusal('INVALID_INPUT', phrase('connections.said.host-key-target'))
    }
    const blob = decodeBase64(key.publicKey)
    if (!blob || keyTypeOfBlob(blob) !== key.keyType) {
      throw refusal('INVALID_INPUT', phrase('connections.said.host-key-invalid', { keyType: key.keyType }))
    }
    const name = hostKeyName(host, key.port)
    const offered = this.offered.get(name)
    const shown = key.port === 22 ? host : `${host}:${key.port}`
    if (!offered || offered.keyType !== key.keyType || !offered.keyBlob.equals(blob) || fingerprintSha256(blob) !== key.fingerprint) {
      throw refusal('HOST_KEY_CHANGED', phrase('connections.said.host-key-not-offered', { host: shown, fingerprint: key.fingerprint }))
    }
    // the files may have changed since the key was refused: what they say now decides
    const now = await this.lookup(host, key.port, key.keyType, blob)
    if (now.status === 'changed') {
      this.offered.delete(name)
      throw refusal('HOST_KEY_CHANGED', phrase('connections.said.host-key-not-offered', { host: shown, fingerprint: key.fingerprint }))
    }
    if (now.status === 'unknown') await this.append(`${name} ${key.keyType} ${blob.toString('base64')}`)
    this.offered.delete(name)
  }

  private async append(line: string): Promise<void> {
    const current = await readIfPresent(this.appKnownHostsPath)
    const text = (current === '' || current.endsWith('\n') ? current : `${current}\n`) + `${line}\n`
    await fs.mkdir(path.dirname(this.appKnownHostsPath), { recursive: true, mode: 0o700 })
    const temp = `${this.appKnownHostsPath}.${process.pid}.${Date.now()}.tmp`
    await fs.writeFile(temp, text, { mode: 0o600 })
    await fs.rename(temp, this.appKnownHostsPath)
  }
}
