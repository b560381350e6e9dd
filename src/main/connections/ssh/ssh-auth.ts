// Which ways to authenticate an SSH connection, in OpenSSH's order: the key files named by the
// profile or the ssh config, the agent, then the default keys. The passphrase is only handed to
// the key parser, never to a message.
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { utils } from 'ssh2'
import type { AnyAuthMethod, ParsedKey } from 'ssh2'
import { phrase, type Phrase } from '../../../shared/phrase'
import { refusal } from '../../i18n/words'
import { readUserFile, USER_FILE_MAX_BYTES, userFileProblemPhrase } from '../../files/user-file'

function expandHome(file: string): string {
  if (file === '~') return os.homedir()
  if (file.startsWith('~/')) return path.join(os.homedir(), file.slice(2))
  return file
}

export function localUserName(): string {
  try {
    return os.userInfo().username
  } catch {
    return process.env.USER ?? 'root'
  }
}

interface AuthStep {
  label: Phrase
  method: AnyAuthMethod
}

export interface AuthPlan {
  steps: AuthStep[]
  /** Why a key or the agent could not be used; shown when authentication fails. */
  notes: Phrase[]
}

type KeyOrigin = 'option' | 'config' | 'default'

const DEFAULT_IDENTITY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa']

function describeKeyProblem(file: string, error: Error): Phrase {
  const message = error.message
  if (/no passphrase given/i.test(message)) return phrase('connections.said.ssh.key-encrypted', { file })
  if (/bad passphrase|integrity check failed|decrypt/i.test(message)) {
    return phrase('connections.said.ssh.key-bad-passphrase', { file })
  }
  return phrase('connections.said.ssh.key-unusable', { file, message })
}

async function loadKey(
  file: string,
  origin: KeyOrigin,
  passphrase: string | undefined,
  notes: Phrase[]
): Promise<ParsedKey | null> {
  // a regular file of a key's size: never /dev/zero, never a FIFO (src/main/files/user-file.ts)
  const read = await readUserFile(file, USER_FILE_MAX_BYTES.privateKey)
  if (!read.ok) {
    const missing = read.problem.kind === 'missing'
    const message = userFileProblemPhrase(file, 'privateKey', read.problem)
    if (origin === 'option') {
      throw refusal('AUTH_FAILED', missing ? phrase('connections.said.ssh.key-missing', { file }) : phrase('connections.said.ssh.key-unreadable', { file, message }))
    }
    if (origin === 'config' && !missing) notes.push(phrase('connections.said.ssh.key-config-unreadable', { file, message }))
    return null
  }
  const data = read.bytes
  const parsed: ParsedKey | ParsedKey[] | Error = utils.parseKey(data, passphrase)
  if (parsed instanceof Error) {
    notes.push(describeKeyProblem(file, parsed))
    return null
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed
  if (!key || !key.isPrivateKey()) {
    notes.push(phrase('connections.said.ssh.key-not-private', { file }))
    return null
  }
  return key
}

async function isSocket(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isSocket()
  } catch {
    return false
  }
}

export async function buildAuthPlan(input: {
  username: string
  identityFile: string | undefined
  configIdentityFiles: string[]
  passphrase: string | undefined
  useAgent: boolean
  agentSocket: string | undefined
}): Promise<AuthPlan> {
  const notes: Phrase[] = []
  const first: AuthStep[] = []
  const last: AuthStep[] = []
  const candidates: Array<{ file: string; origin: KeyOrigin }> = []
  if (input.identityFile) candidates.push({ file: expandHome(input.identityFile), origin: 'option' })
  for (const file of input.configIdentityFiles) {
    if (!candidates.some((c) => c.file === file)) candidates.push({ file, origin: 'config' })
  }
  const useDefaults = candidates.length === 0
  for (const { file, origin } of candidates) {
    const key = await loadKey(file, origin, input.passphrase, notes)
    if (key) first.push({ label: phrase('connections.said.ssh.key-label', { file }), method: { type: 'publickey', username: input.username, key } })
  }
  if (input.useAgent) {
    const socket = input.agentSocket ?? process.env.SSH_AUTH_SOCK
    if (!socket) notes.push(phrase('connections.said.ssh.no-agent'))
    else if (!(await isSocket(socket))) notes.push(phrase('connections.said.ssh.no-agent-at', { socket }))
    else first.push({ label: phrase('connections.said.ssh.agent-label'), method: { type: 'agent', username: input.username, agent: socket } })
  }
  if (useDefaults) {
    for (const name of DEFAULT_IDENTITY_FILES) {
      const file = path.join(os.homedir(), '.ssh', name)
      const key = await loadKey(file, 'default', input.passphrase, notes)
      if (key) last.push({ label: phrase('connections.said.ssh.key-label', { file }), method: { type: 'publickey', username: input.username, key } })
    }
  }
  return { steps: [...first, ...last], notes }
}
