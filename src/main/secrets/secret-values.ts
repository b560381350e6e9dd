// Where new values come from, and SwarmDesk's way to tell whether a new secret value equals the
// old one without ever keeping either. A value lives in one Buffer, read once, zeroed by the
// caller (`finally value.fill(0)`) as soon as the engine has it; it is never logged or journaled.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { mkdir, open, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import type { AppError } from '../../shared/errors'
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { readUserFileOrRefuse } from '../files/user-file'
import { aNoun } from './kind-words'
import { MAX_VALUE_BYTES, VALUE_HMAC_KEY_LABEL, VALUE_HMAC_LABEL, type GenerateAlphabet, type StoredKind, type ValueSource } from '../../shared/secrets'

const ALPHABETS: Record<GenerateAlphabet, string> = {
  alphanumeric: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  // printable ASCII without space and quote characters that shells and YAML trip on
  printable: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%+,-./:=?@[]^_{}~'
}

/** Uniformly random characters (crypto.randomInt: no modulo bias), written straight into a Buffer. */
export function generateValue(length: number, alphabet: GenerateAlphabet): Buffer {
  const chars = ALPHABETS[alphabet]
  const value = Buffer.alloc(length)
  for (let i = 0; i < length; i++) value[i] = chars.charCodeAt(randomInt(chars.length))
  return value
}

/**
 * Read the value once. A file must be a regular file within the engine's limit (checked on the open
 * handle before it is read: never /dev/zero, never a FIFO).
 */
export async function readValue(source: ValueSource, kind: StoredKind): Promise<Buffer> {
  if ('text' in source) return Buffer.from(source.text, 'utf8')
  if ('generate' in source) return generateValue(source.generate.length, source.generate.alphabet)
  return readUserFileOrRefuse(source.path, kind)
}

/** Bytes or a refusal, for create (rotation has the same checks in its plan). */
export function valueProblem(value: Buffer, kind: StoredKind): AppError | null {
  if (value.length === 0) return refusal('EMPTY_VALUE', phrase('secrets.said.value.empty'))
  if (value.length > MAX_VALUE_BYTES[kind]) return refusal('VALUE_TOO_LARGE', phrase('secrets.said.value.tooLarge', { bytes: value.length, max: MAX_VALUE_BYTES[kind], aNoun: aNoun(kind) }))
  return null
}

/**
 * HMAC-SHA256 of secret values, keyed by 32 random bytes in `<dataDir>/value-hmac.key` (mode
 * 0600, never sent anywhere). A secret SwarmDesk creates carries the HMAC and the key's id as
 * labels: without the key, the label says nothing about the value (no offline guessing), and with
 * it SwarmDesk can refuse a rotation to the same value. Another installation (another key) or a
 * secret made elsewhere gives "cannot be checked", never a false "different".
 */
export class ValueHmac {
  private key: Buffer | null = null
  constructor(private readonly dataDir: string) {}

  private async loadKey(): Promise<Buffer> {
    if (this.key) return this.key
    const path = join(this.dataDir, 'value-hmac.key')
    try {
      const stored = await readFile(path)
      if (stored.length === 32) return (this.key = stored)
    } catch {
      // first use: create it below
    }
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 })
    const fresh = randomBytes(32)
    try {
      const handle = await open(path, 'wx', 0o600)
      await handle.writeFile(fresh)
      await handle.sync()
      await handle.close()
      return (this.key = fresh)
    } catch {
      // another process made it first: use that one
      return (this.key = await readFile(path))
    }
  }

  async labelsFor(value: Buffer): Promise<Record<string, string>> {
    const key = await this.loadKey()
    return { [VALUE_HMAC_LABEL]: createHmac('sha256', key).update(value).digest('hex'), [VALUE_HMAC_KEY_LABEL]: keyId(key) }
  }

  /**
   * Whether the old secret holds this value: by its labels (a version SwarmDesk made), else by the
   * fingerprint remembered when SwarmDesk's stack deploy created it (the CLI's spec has no room for
   * our labels); 'unknown' without either.
   */
  async identity(oldLabels: Record<string, string>, value: Buffer, objectId?: string): Promise<'identical' | 'different' | 'unknown'> {
    const key = await this.loadKey()
    const labels = await this.knownLabels(oldLabels, objectId)
    const stored = labels[VALUE_HMAC_LABEL]
    if (!stored || labels[VALUE_HMAC_KEY_LABEL] !== keyId(key) || !/^[0-9a-f]{64}$/.test(stored)) return 'unknown'
    const computed = createHmac('sha256', key).update(value).digest()
    return timingSafeEqual(computed, Buffer.from(stored, 'hex')) ? 'identical' : 'different'
  }

  async canCheck(labels: Record<string, string>, objectId?: string): Promise<boolean> {
    const known = await this.knownLabels(labels, objectId)
    return Boolean(known[VALUE_HMAC_LABEL]) && known[VALUE_HMAC_KEY_LABEL] === keyId(await this.loadKey())
  }

  /**
   * Remember the fingerprint of a secret SwarmDesk created without its labels (a stack deploy):
   * `<dataDir>/value-fingerprints.json`, the HMAC by secret ID, never the value.
   */
  async remember(objectId: string, value: Buffer): Promise<void> {
    const fingerprints = await this.fingerprints()
    fingerprints[objectId] = await this.labelsFor(value)
    const path = join(this.dataDir, FINGERPRINTS_FILE)
    const temp = `${path}.${process.pid}.tmp`
    const handle = await open(temp, 'w', 0o600)
    try {
      await handle.writeFile(JSON.stringify(fingerprints) + '\n')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  }

  private async knownLabels(labels: Record<string, string>, objectId: string | undefined): Promise<Record<string, string>> {
    if (labels[VALUE_HMAC_LABEL] || !objectId) return labels
    return (await this.fingerprints())[objectId] ?? labels
  }

  private async fingerprints(): Promise<Record<string, Record<string, string>>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(join(this.dataDir, FINGERPRINTS_FILE), 'utf8'))
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, Record<string, string>>) : {}
    } catch {
      return {}
    }
  }
}

const FINGERPRINTS_FILE = 'value-fingerprints.json'

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16)
}
