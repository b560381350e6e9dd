import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { profileSchema, type ConnectionProfile, type ProfileDraft } from '../../shared/connections'
import type { NodeRoute } from '../../shared/node-access'
import { phrase } from '../../shared/phrase'
import { refusal, withWords } from '../i18n/words'
import type { SecretStorage } from '../platform/platform'

const fileSchema = z.object({ version: z.literal(1), profiles: z.array(profileSchema) })
const passphraseFileSchema = z.record(z.string(), z.string())

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const temp = `${path}.${process.pid}.tmp`
  await writeFile(temp, text, { mode: 0o600 })
  await rename(temp, path)
}

/**
 * Saved connection profiles (profiles.json) and, apart from them, SSH key passphrases: encrypted
 * with the platform's safeStorage when it exists (passphrases.json holds only ciphertext), else
 * kept in this process's memory and forgotten at exit. A passphrase never leaves main.
 */
export class ProfileStore {
  private readonly profilesPath: string
  private readonly passphrasesPath: string
  private readonly memoryPassphrases = new Map<string, string>()

  constructor(dataDir: string, private readonly secrets: SecretStorage) {
    this.profilesPath = join(dataDir, 'profiles.json')
    this.passphrasesPath = join(dataDir, 'passphrases.json')
  }

  async list(): Promise<ConnectionProfile[]> {
    let text: string
    try {
      text = await readFile(this.profilesPath, 'utf8')
    } catch {
      return []
    }
    const parsed = fileSchema.safeParse(JSON.parse(text))
    if (!parsed.success) {
      throw refusal('INTERNAL', phrase('connections.said.damaged', { path: this.profilesPath, problem: parsed.error.issues[0]?.message ?? 'invalid' }))
    }
    return parsed.data.profiles
  }

  async get(id: string): Promise<ConnectionProfile> {
    const profile = (await this.list()).find((p) => p.id === id)
    if (!profile) throw refusal('NOT_FOUND', phrase('connections.said.not-found', { id }))
    return profile
  }

  async save(draft: ProfileDraft): Promise<ConnectionProfile> {
    const profiles = await this.list()
    const existing = draft.id ? profiles.find((p) => p.id === draft.id) : undefined
    if (draft.id && !existing) throw refusal('NOT_FOUND', phrase('connections.said.not-found', { id: draft.id }))
    if (profiles.some((p) => p.name === draft.name && p.id !== draft.id)) {
      const taken = phrase('connections.said.name-taken-issue')
      throw refusal('INVALID_INPUT', phrase('connections.said.name-taken', { name: draft.name }), {
        issues: [withWords({ path: 'name', message: '', said: taken })]
      })
    }
    const id = existing?.id ?? randomUUID()
    const endpoints = draft.endpoints.map((endpoint, index) => {
      if (endpoint.kind !== 'ssh') return endpoint
      const given = draft.passphrases?.[String(index)]
      const kept = existing?.endpoints[index]?.kind === 'ssh' && existing.endpoints[index].hasPassphrase
      return { ...endpoint, hasPassphrase: given !== undefined ? given.length > 0 : kept && endpoint.hasPassphrase }
    })
    const profile: ConnectionProfile = {
      id,
      name: draft.name,
      endpoints,
      // The node routes are saved from the Nodes page, not the connection form: an edit keeps them.
      ...(existing?.nodeRoutes ? { nodeRoutes: existing.nodeRoutes } : {}),
      createdAt: existing?.createdAt ?? new Date().toISOString()
    }
    for (const [index, passphrase] of Object.entries(draft.passphrases ?? {})) {
      await this.setPassphrase(id, Number(index), passphrase)
    }
    const next = existing ? profiles.map((p) => (p.id === id ? profile : p)) : [...profiles, profile]
    await writeAtomically(this.profilesPath, JSON.stringify({ version: 1, profiles: next }, null, 2))
    return profile
  }

  /** Save (or forget, with null) how one node of this profile's cluster is reached. */
  async setNodeRoute(profileId: string, hostname: string, route: NodeRoute | null): Promise<ConnectionProfile> {
    const profiles = await this.list()
    const existing = profiles.find((p) => p.id === profileId)
    if (!existing) throw refusal('NOT_FOUND', phrase('connections.said.not-found', { id: profileId }))
    const routes = { ...(existing.nodeRoutes ?? {}) }
    if (route) routes[hostname] = route
    else delete routes[hostname]
    const { nodeRoutes: _old, ...rest } = existing
    const profile: ConnectionProfile = Object.keys(routes).length > 0 ? { ...rest, nodeRoutes: routes } : rest
    await writeAtomically(this.profilesPath, JSON.stringify({ version: 1, profiles: profiles.map((p) => (p.id === profileId ? profile : p)) }, null, 2))
    return profile
  }

  async remove(id: string): Promise<boolean> {
    const profiles = await this.list()
    const next = profiles.filter((p) => p.id !== id)
    if (next.length === profiles.length) return false
    await writeAtomically(this.profilesPath, JSON.stringify({ version: 1, profiles: next }, null, 2))
    const stored = await this.readPassphraseFile()
    for (const key of Object.keys(stored)) if (key.startsWith(`${id}/`)) delete stored[key]
    if (this.secrets.available) await writeAtomically(this.passphrasesPath, JSON.stringify(stored))
    for (const key of [...this.memoryPassphrases.keys()]) if (key.startsWith(`${id}/`)) this.memoryPassphrases.delete(key)
    return true
  }

  async passphrase(profileId: string, endpointIndex: number): Promise<string | undefined> {
    const key = `${profileId}/${endpointIndex}`
    const inMemory = this.memoryPassphrases.get(key)
    if (inMemory !== undefined) return inMemory
    if (!this.secrets.available) return undefined
    const stored = (await this.readPassphraseFile())[key]
    return stored ? this.secrets.decrypt(Buffer.from(stored, 'base64')) : undefined
  }

  private async setPassphrase(profileId: string, endpointIndex: number, passphrase: string): Promise<void> {
    const key = `${profileId}/${endpointIndex}`
    if (!this.secrets.available) {
      if (passphrase) this.memoryPassphrases.set(key, passphrase)
      else this.memoryPassphrases.delete(key)
      return
    }
    const stored = await this.readPassphraseFile()
    if (passphrase) stored[key] = this.secrets.encrypt(passphrase).toString('base64')
    else delete stored[key]
    await writeAtomically(this.passphrasesPath, JSON.stringify(stored))
  }

  private async readPassphraseFile(): Promise<Record<string, string>> {
    try {
      return passphraseFileSchema.parse(JSON.parse(await readFile(this.passphrasesPath, 'utf8')))
    } catch {
      return {}
    }
  }
}
