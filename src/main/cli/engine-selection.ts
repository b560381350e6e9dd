import type { ConnectionProfile, Endpoint } from '../../shared/connections'

/**
 * Which engine a `swarmdesk` command talks to, chosen the way the docker CLI chooses:
 * `-H/--host`, then `--context`, then DOCKER_HOST, then DOCKER_CONTEXT / the current context,
 * then the default socket. `--connection NAME` picks a saved SwarmDesk profile instead. Pure;
 * flags that cannot name one engine come back `invalid` with the reason (refused as INVALID_INPUT).
 */
export interface EngineFlags {
  host?: string
  context?: string
  connection?: string
}

export type EngineChoice =
  | { kind: 'profile-name'; name: string }
  | { kind: 'endpoint'; endpoint: Endpoint; label: string }
  | { kind: 'default' }
  | { kind: 'invalid'; message: string }

export function chooseEngine(flags: EngineFlags): EngineChoice {
  const given = [flags.host && '-H/--host', flags.context && '--context', flags.connection && '--connection'].filter(Boolean)
  if (given.length > 1) return { kind: 'invalid', message: `choose one of ${given.join(', ')}: they name different engines` }
  if (flags.connection) return { kind: 'profile-name', name: flags.connection }
  if (flags.host) {
    if (!/^(unix|tcp|ssh):\/\/.+/.test(flags.host)) {
      return { kind: 'invalid', message: `-H ${flags.host}: expected unix:///path, tcp://host:port or ssh://[user@]host[:port]` }
    }
    return { kind: 'endpoint', endpoint: { kind: 'docker-host', dockerHost: flags.host }, label: flags.host }
  }
  if (flags.context) return { kind: 'endpoint', endpoint: { kind: 'context', contextName: flags.context }, label: `context ${flags.context}` }
  return { kind: 'default' }
}

export function adHocProfile(endpoint: Endpoint, label: string): ConnectionProfile {
  return { id: `cli:${label}`, name: label, endpoints: [endpoint], createdAt: new Date(0).toISOString() }
}
