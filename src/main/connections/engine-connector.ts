import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Endpoint, SshEndpoint } from '../../shared/connections'
import { phrase } from '../../shared/phrase'
import { engineTiming } from '../docker/call-deadline'
import { createEngineClient } from '../docker/engine-client'
import { refusal } from '../i18n/words'
import { dockerConfigDir, listDockerContexts, readContextTls } from './docker-contexts'
import type { EngineHandle } from './engine-handle'
import type { HostKeyStore } from './ssh/known-hosts'
import { openSshEngine } from './ssh/ssh-engine'

export interface ConnectorDeps {
  hostKeys: HostKeyStore
  env: Record<string, string | undefined>
  sshConfigPath?: string
  /** Passphrase for an SSH endpoint of a profile, looked up only at connect time. */
  passphraseFor(endpointIndex: number): Promise<string | undefined>
}

/** `ssh://user@host:port` (a DOCKER_HOST or context value) as an SSH endpoint. */
export function sshEndpointFromUrl(url: string): SshEndpoint {
  const parsed = new URL(url)
  return {
    kind: 'ssh',
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    useAgent: true,
    // docker/cli's ssh helper dials the remote default socket through `docker system dial-stdio`.
    remoteSocket: parsed.pathname && parsed.pathname !== '/' ? parsed.pathname : '/var/run/docker.sock',
    hasPassphrase: false
  }
}

function socketHandle(socketPath: string): EngineHandle {
  return {
    docker: createEngineClient({ kind: 'socket', socketPath }),
    description: `unix://${socketPath}`,
    carrier: 'socket',
    close() {},
    onClosed() {}
  }
}

/** What a tcp:// endpoint is reached with: TLS (CA, optional client certificate) or, only when nothing asks for TLS, plain HTTP. */
export type TlsMaterial = { ca?: Buffer; cert?: Buffer; key?: Buffer } | null

async function tcpHandle(url: string, tls: TlsMaterial): Promise<EngineHandle> {
  const parsed = new URL(url)
  const useTls = tls !== null
  return {
    docker: createEngineClient({
      kind: 'tcp',
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : useTls ? 2376 : 2375,
      protocol: useTls ? 'https' : 'http',
      ca: tls?.ca,
      cert: tls?.cert,
      key: tls?.key
    }),
    description: url,
    carrier: 'tcp',
    close() {},
    onClosed() {}
  }
}

type ReadFile = (path: string) => Promise<Buffer>

/**
 * TLS files for DOCKER_TLS_VERIFY, as the docker CLI reads them: from DOCKER_CERT_PATH (default
 * ~/.docker), ca.pem required, cert.pem and key.pem both or neither. Fails closed: when TLS is asked
 * for and a file cannot be read, the connection is refused with the reason, never made in plain TCP.
 */
export async function envTls(env: Record<string, string | undefined>, read: ReadFile = (path) => readFile(path)): Promise<TlsMaterial> {
  if (!env.DOCKER_TLS_VERIFY) return null
  const dir = env.DOCKER_CERT_PATH || join(env.HOME || homedir(), '.docker')
  const attempt = async (file: string) => {
    try {
      return { file, data: await read(join(dir, file)) }
    } catch (error) {
      return { file, error: error as NodeJS.ErrnoException }
    }
  }
  const [ca, cert, key] = await Promise.all([attempt('ca.pem'), attempt('cert.pem'), attempt('key.pem')])
  // no client certificate at all is allowed (the CLI leaves it out); half of one, or one unreadable, is not
  const bothAbsent = cert.error?.code === 'ENOENT' && key.error?.code === 'ENOENT'
  const failed = (bothAbsent ? [ca] : [ca, cert, key]).filter((a) => a.error)
  if (failed.length > 0) {
    const problems = failed.map((a) => `${a.file}: ${a.error?.code ?? a.error?.message}`).join(', ')
    throw refusal('INVALID_INPUT', phrase('connections.said.tls-unreadable', { dir, problems }))
  }
  return { ca: ca.data, cert: cert.data, key: key.data }
}

/** A context's TLS material: TLS when the CLI stored any, plain TCP when it stored none. */
async function contextTls(configDir: string, name: string): Promise<TlsMaterial> {
  const stored = await readContextTls(configDir, name)
  return stored.ca || stored.cert || stored.key ? stored : null
}

async function hostHandle(
  dockerHost: string,
  tls: () => Promise<TlsMaterial>,
  deps: ConnectorDeps,
  index: number
): Promise<EngineHandle> {
  if (dockerHost.startsWith('unix://')) return socketHandle(dockerHost.slice('unix://'.length))
  if (dockerHost.startsWith('tcp://')) return tcpHandle(dockerHost, await tls())
  if (dockerHost.startsWith('ssh://')) return sshHandle(sshEndpointFromUrl(dockerHost), deps, index)
  throw refusal('INVALID_INPUT', phrase('connections.said.unsupported-address', { address: dockerHost }))
}

async function sshHandle(endpoint: SshEndpoint, deps: ConnectorDeps, index: number): Promise<EngineHandle> {
  return openSshEngine({
    host: endpoint.host,
    port: endpoint.port,
    user: endpoint.user,
    identityFile: endpoint.identityFile,
    passphrase: endpoint.hasPassphrase ? await deps.passphraseFor(index) : undefined,
    useAgent: endpoint.useAgent,
    remoteSocket: endpoint.remoteSocket,
    hostKeys: deps.hostKeys,
    sshConfigPath: deps.sshConfigPath,
    callTimeoutMs: engineTiming.idleMs
  })
}

/** Open the carrier for one endpoint. Does not talk to the engine yet; see probeEngine. */
export async function connectEndpoint(endpoint: Endpoint, index: number, deps: ConnectorDeps): Promise<EngineHandle> {
  switch (endpoint.kind) {
    case 'socket':
      return socketHandle(endpoint.socketPath)
    case 'docker-host':
      return hostHandle(endpoint.dockerHost, () => envTls(deps.env), deps, index)
    case 'ssh':
      return sshHandle(endpoint, deps, index)
    case 'context': {
      const configDir = dockerConfigDir(deps.env as NodeJS.ProcessEnv)
      const { contexts } = await listDockerContexts(configDir, deps.env)
      const context = contexts.find((c) => c.name === endpoint.contextName)
      if (!context) {
        throw refusal('NOT_FOUND', phrase('connections.said.no-context', { context: endpoint.contextName, contexts: contexts.map((c) => c.name).join(', ') }))
      }
      const tls = () => (context.name === 'default' ? envTls(deps.env) : contextTls(configDir, context.name))
      return hostHandle(context.dockerHost, tls, deps, index)
    }
  }
}
