// Where an endpoint's engine listens, decided before anything is opened: a unix socket, TCP (with
// the TLS files the docker CLI would use), or SSH. The connector (engine-connector.ts) opens what
// this says; the command line's quick reads (cli/quick-lists.ts) use it to skip the SSH and
// dockerode machinery when the engine is local. Unworded: the callers say what a failure means.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Endpoint, SshEndpoint } from '../../shared/connections'
import type { EngineAddress } from '../docker/engine-reads'
import { dockerConfigDir, listDockerContexts } from './docker-contexts'

export type ResolvedEndpoint =
  | Extract<EngineAddress, { kind: 'socket' }>
  /** `url`: the address as given (tcp://host[:port]), for humans */
  | (Extract<EngineAddress, { kind: 'tcp' }> & { url: string })
  | { kind: 'ssh'; endpoint: SshEndpoint }
  | { kind: 'unsupported'; address: string }
  | { kind: 'no-context'; context: string; contexts: string[] }

type Tls = { ca?: Buffer; cert?: Buffer; key?: Buffer }

/** `ssh://user@host:port` (a DOCKER_HOST or context value) as an SSH endpoint. */
function sshEndpointFromUrl(url: string): SshEndpoint {
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

/** TLS files named by DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set, as the CLI reads them. */
async function envTls(env: Record<string, string | undefined>): Promise<Tls> {
  if (!env.DOCKER_TLS_VERIFY || !env.DOCKER_CERT_PATH) return {}
  const read = (file: string) => readFile(join(env.DOCKER_CERT_PATH ?? '', file)).catch(() => undefined)
  const [ca, cert, key] = await Promise.all([read('ca.pem'), read('cert.pem'), read('key.pem')])
  return { ca, cert, key }
}

async function hostAddress(dockerHost: string, tls: () => Promise<Tls>): Promise<ResolvedEndpoint> {
  if (dockerHost.startsWith('unix://')) return { kind: 'socket', socketPath: dockerHost.slice('unix://'.length) }
  if (dockerHost.startsWith('tcp://')) {
    const parsed = new URL(dockerHost)
    const files = await tls()
    const useTls = Boolean(files.cert && files.key)
    return {
      kind: 'tcp',
      url: dockerHost,
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : useTls ? 2376 : 2375,
      protocol: useTls ? 'https' : 'http',
      ca: files.ca,
      cert: files.cert,
      key: files.key
    }
  }
  if (dockerHost.startsWith('ssh://')) return { kind: 'ssh', endpoint: sshEndpointFromUrl(dockerHost) }
  return { kind: 'unsupported', address: dockerHost }
}

/** Where the engine of one endpoint listens; reads the docker CLI's contexts and TLS files when they name it. */
export async function resolveEndpoint(endpoint: Endpoint, env: Record<string, string | undefined>): Promise<ResolvedEndpoint> {
  switch (endpoint.kind) {
    case 'socket':
      return { kind: 'socket', socketPath: endpoint.socketPath }
    case 'docker-host':
      return hostAddress(endpoint.dockerHost, () => envTls(env))
    case 'ssh':
      return { kind: 'ssh', endpoint }
    case 'context': {
      const configDir = dockerConfigDir(env as NodeJS.ProcessEnv)
      const { contexts } = await listDockerContexts(configDir, env)
      const context = contexts.find((c) => c.name === endpoint.contextName)
      if (!context) return { kind: 'no-context', context: endpoint.contextName, contexts: contexts.map((c) => c.name) }
      const contextTls = async (): Promise<Tls> => (await import('./context-tls')).readContextTls(configDir, context.name)
      return hostAddress(context.dockerHost, () => (context.name === 'default' ? envTls(env) : contextTls()))
    }
  }
}
