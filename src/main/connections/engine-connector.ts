import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Endpoint, SshEndpoint } from '../../shared/connections'
import { phrase } from '../../shared/phrase'
import { engineTiming } from '../docker/call-deadline'
import { createEngineClient } from '../docker/engine-client'
import { refusal } from '../i18n/english'
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

async function tcpHandle(url: string, tls: { ca?: Buffer; cert?: Buffer; key?: Buffer }): Promise<EngineHandle> {
  const parsed = new URL(url)
  const useTls = Boolean(tls.cert && tls.key)
  return {
    docker: createEngineClient({
      kind: 'tcp',
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : useTls ? 2376 : 2375,
      protocol: useTls ? 'https' : 'http',
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key
    }),
    description: url,
    carrier: 'tcp',
    close() {},
    onClosed() {}
  }
}

/** TLS files named by DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set, as the CLI reads them. */
async function envTls(env: Record<string, string | undefined>): Promise<{ ca?: Buffer; cert?: Buffer; key?: Buffer }> {
  if (!env.DOCKER_TLS_VERIFY || !env.DOCKER_CERT_PATH) return {}
  const read = (file: string) => readFile(join(env.DOCKER_CERT_PATH ?? '', file)).catch(() => undefined)
  const [ca, cert, key] = await Promise.all([read('ca.pem'), read('cert.pem'), read('key.pem')])
  return { ca, cert, key }
}

async function hostHandle(
  dockerHost: string,
  tls: () => Promise<{ ca?: Buffer; cert?: Buffer; key?: Buffer }>,
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
      const tls = () => (context.name === 'default' ? envTls(deps.env) : readContextTls(configDir, context.name))
      return hostHandle(context.dockerHost, tls, deps, index)
    }
  }
}
