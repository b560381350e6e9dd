// The tables of the one-shot lists (`service ls`, `secret ls`, `stack ls`; `node ls` is in
// node-commands.ts), in the docker CLI's layout. Pure, and light: the quick lists
// (quick-lists.ts) print them without loading the commands that change things.
import type { Service } from '../../shared/domain'
import { formatMode } from '../../shared/secret-rows'
import type { StoredObject } from '../../shared/secrets'
import type { StackSummary } from '../../shared/stacks'
import { compareText } from '../../shared/text-order'
import { formatTable } from './table'

function portsText(service: Service): string {
  return service.ports.map((p) => `*:${p.publishedPort ?? ''}->${p.targetPort}/${p.protocol}${p.publishMode === 'host' ? ' (host)' : ''}`).join(', ')
}

/** `docker service ls` columns, with the update state. */
export function serviceTable(services: readonly Service[]): string {
  const rows = [...services]
    .sort((a, b) => compareText(a.name, b.name))
    .map((s) => [s.id.slice(0, 12), s.name, s.mode, `${s.runningTasks}/${s.desiredTasks}`, s.image, portsText(s), s.updateStatus ? s.updateStatus.state : ''])
  return formatTable(['ID', 'NAME', 'MODE', 'REPLICAS', 'IMAGE', 'PORTS', 'UPDATE'], rows)
}

export function objectTable(objects: StoredObject[]): string {
  return formatTable(
    ['NAME', 'STACK', 'CREATED', 'USED BY'],
    objects.map((o) => [
      o.name,
      o.stack ?? '',
      o.createdAt.slice(0, 19).replace('T', ' '),
      o.consumers.map((c) => `${c.serviceName}:${c.target ?? '(runtime)'} ${c.uid}:${c.gid} ${formatMode(c.mode)}`).join(', ')
    ])
  )
}

export function stackTable(stacks: StackSummary[]): string {
  return formatTable(
    ['NAME', 'SERVICES', 'TASKS', 'NETWORKS', 'SECRETS', 'CONFIGS', 'LAST SWARMDESK DEPLOY'],
    stacks.map((s) => [s.name, String(s.services), `${s.runningTasks}/${s.desiredTasks}`, String(s.networks), String(s.secrets), String(s.configs), s.deployedAt ?? ''])
  )
}
