import { readdir, readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Discovery, DockerContext } from '../../shared/connections'
import { compareText } from '../../shared/text-order'

/**
 * The docker CLI's contexts, read from its config directory ($DOCKER_CONFIG or ~/.docker):
 * config.json names the current context; contexts/meta/<sha256(name)>/meta.json holds each one.
 */
export const DEFAULT_SOCKET_HOST = 'unix:///var/run/docker.sock'

export interface ContextFiles {
  configDir: string
}

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || join(homedir(), '.docker')
}

interface ContextMeta {
  Name?: string
  Metadata?: { Description?: string }
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } }
}

/** Pure: which engine the docker CLI would use, and why. Mirrors the CLI's precedence. */
export function resolveDefaultEngine(input: {
  env: Record<string, string | undefined>
  currentContext: string | null
  contexts: DockerContext[]
}): Discovery['defaultEngine'] {
  const dockerHost = input.env.DOCKER_HOST?.trim()
  if (dockerHost) return { source: 'DOCKER_HOST', dockerHost, contextName: null }
  const name = input.env.DOCKER_CONTEXT?.trim() || input.currentContext
  if (name && name !== 'default') {
    const context = input.contexts.find((c) => c.name === name)
    if (context) return { source: 'context', dockerHost: context.dockerHost, contextName: name }
  }
  return { source: 'default-socket', dockerHost: DEFAULT_SOCKET_HOST, contextName: null }
}

export async function readCurrentContextName(configDir: string): Promise<string | null> {
  try {
    const config = JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8')) as { currentContext?: string }
    return config.currentContext || null
  } catch {
    return null
  }
}

export async function listDockerContexts(
  configDir: string,
  env: Record<string, string | undefined> = process.env
): Promise<{ contexts: DockerContext[]; current: string | null; warnings: string[] }> {
  const warnings: string[] = []
  const current = env.DOCKER_CONTEXT?.trim() || (await readCurrentContextName(configDir))
  const contexts: DockerContext[] = [
    {
      name: 'default',
      description: 'Current DOCKER_HOST based configuration',
      dockerHost: env.DOCKER_HOST?.trim() || DEFAULT_SOCKET_HOST,
      current: !current || current === 'default'
    }
  ]
  const metaRoot = join(configDir, 'contexts', 'meta')
  let dirs: string[] = []
  try {
    dirs = await readdir(metaRoot)
  } catch {
    return { contexts, current, warnings }
  }
  for (const dir of dirs.sort()) {
    const file = join(metaRoot, dir, 'meta.json')
    try {
      const meta = JSON.parse(await readFile(file, 'utf8')) as ContextMeta
      const host = meta.Endpoints?.docker?.Host
      if (!meta.Name || !host) {
        warnings.push(`${file}: no name or docker endpoint`)
        continue
      }
      contexts.push({ name: meta.Name, description: meta.Metadata?.Description ?? '', dockerHost: host, current: meta.Name === current })
    } catch (error) {
      warnings.push(`${file}: ${(error as Error).message}`)
    }
  }
  // `docker context ls` order: default first, then by name (directories are named by hash).
  const [defaultContext, ...named] = contexts
  return { contexts: [defaultContext, ...named.sort((a, b) => compareText(a.name, b.name))], current, warnings }
}
