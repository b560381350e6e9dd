// Where an endpoint's engine listens, decided before anything is opened: a unix socket, TCP (with
// the TLS files the docker CLI would use), or SSH. The connector (engine-connector.ts) opens what
// this says; the command line's quick reads (cli/quick-lists.ts) use it to skip the SSH and
// dockerode machinery when the engine is local. Unworded: the callers say what a failure means.
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
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

/** What a tcp:// endpoint is reached with: TLS (CA, optional client certificate) or, only when nothing asks for TLS, plain HTTP. */
export type TlsMaterial = { ca?: Buffer; cert?: Buffer; key?: Buffer } | null

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
    // loaded only to refuse: the quick reads of the command line never pay for the phrase machinery
    const [{ refusal }, { phrase }] = await Promise.all([import('../i18n/words'), import('../../shared/phrase')])
    throw refusal('INVALID_INPUT', phrase('connections.said.tls-unreadable', { dir, problems }))
  }
  return { ca: ca.data, cert: cert.data, key: key.data }
}

async function hostAddress(dockerHost: string, tls: () => Promise<TlsMaterial>): Promise<ResolvedEndpoint> {
  if (dockerHost.startsWith('unix://')) return { kind: 'socket', socketPath: dockerHost.slice('unix://'.length) }
  if (dockerHost.startsWith('tcp://')) {
    const parsed = new URL(dockerHost)
    const files = await tls()
    const useTls = files !== null
    return {
      kind: 'tcp',
      url: dockerHost,
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : useTls ? 2376 : 2375,
      protocol: useTls ? 'https' : 'http',
      ca: files?.ca,
      cert: files?.cert,
      key: files?.key
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
      // a context's TLS material: TLS when the CLI stored any, plain TCP when it stored none
      const contextTls = async (): Promise<TlsMaterial> => {
        const stored = await (await import('./context-tls')).readContextTls(configDir, context.name)
        return stored.ca || stored.cert || stored.key ? stored : null
      }
      return hostAddress(context.dockerHost, () => (context.name === 'default' ? envTls(env) : contextTls()))
    }
  }
}
