import { commandLine, shellQuote } from '../../../../shared/docker-cli'
import type { ResolveImageMode } from '../../../../shared/stacks'

/**
 * The docker CLI commands the Stacks screens show, built from what the user typed (the file
 * names as written, not main's resolved paths). Pure.
 */

export interface DeployCommandInput {
  stack: string
  /** the compose files in order, as the user knows them */
  files: readonly string[]
  prune: boolean
  resolveImage: ResolveImageMode
  withRegistryAuth: boolean
  /** --detach=false: wait for the services to converge */
  wait: boolean
  /** SwarmDesk read `.env` beside the first file; the docker CLI never does */
  useDotEnv: boolean
}

/** `dir/file.yml` -> `dir`, `file.yml` -> `.` (POSIX and Windows separators). */
export function directoryOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  if (cut < 0) return '.'
  if (cut === 0) return path[0]
  return path.slice(0, cut)
}

/** Where SwarmDesk looks for `.env`: beside the first compose file. */
export function dotEnvPathOf(firstFile: string): string {
  const dir = directoryOf(firstFile)
  const separator = dir.endsWith('/') || dir.endsWith('\\') ? '' : dir.includes('\\') && !dir.includes('/') ? '\\' : '/'
  return `${dir}${separator}.env`
}

/**
 * `docker stack deploy -c FILE [-c FILE] [--prune] [--resolve-image MODE] [--with-registry-auth]
 * [--detach=false] NAME`, preceded by the shell lines that load `.env` when SwarmDesk read it
 * (the CLI interpolates from the environment only).
 */
export function deployCommand(input: DeployCommandInput): string {
  const deploy = commandLine(
    'docker',
    'stack',
    'deploy',
    ...input.files.flatMap((f) => ['-c', shellQuote(f)]),
    input.prune && '--prune',
    input.resolveImage !== 'always' && `--resolve-image ${input.resolveImage}`,
    input.withRegistryAuth && '--with-registry-auth',
    input.wait && '--detach=false',
    shellQuote(input.stack || 'STACK')
  )
  if (!input.useDotEnv || input.files.length === 0) return deploy
  return `set -a; . ${shellQuote(dotEnvPathOf(input.files[0]))}; set +a\n${deploy}`
}

export function removeCommand(stack: string): string {
  return commandLine('docker', 'stack', 'rm', shellQuote(stack))
}

/** What the open stack's page shows: its services and its tasks, like the CLI lists them. */
export function inspectCommands(stack: string): string {
  return `docker stack services ${shellQuote(stack)}\ndocker stack ps ${shellQuote(stack)}`
}

/** The name an editor buffer goes by when the user gave it no path. */
export function defaultFileName(index: number): string {
  if (index === 0) return 'docker-compose.yml'
  if (index === 1) return 'docker-compose.override.yml'
  return `docker-compose.${index}.yml`
}
