// A command run to its end in one running task of a service, its output kept: the rotation's
// before-exec step (`ALTER USER … PASSWORD` in the database's task). Thin: the task is chosen from
// the mirror, the exec goes along the task's node route (task-exec.ts).
import { PassThrough } from 'node:stream'
import type { Snapshot } from '../../shared/domain'
import { onCurrentSpec } from '../rollouts/convergence'
import type { NodeConnections } from '../node-access/node-connections'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { chooseTask } from './task-choice'
import { openTaskExec } from './task-exec'

/** At most this much of the command's output is kept (its last bytes: where errors are). */
const OUTPUT_KEPT = 16 * 1024

export interface ServiceRunResult {
  exitCode: number | null
  /** stdout and stderr interleaved, the last OUTPUT_KEPT bytes */
  output: string
  node: string
}

/** The task to run in: a running task of the service on its current spec, else any running one. Pure. */
export function taskForRun(snapshot: Pick<Snapshot, 'services' | 'tasks' | 'nodes'>, serviceId: string): string {
  const service = snapshot.services.find((s) => s.id === serviceId)
  const current = service && snapshot.tasks.find((t) => t.serviceId === serviceId && t.desiredState === 'running' && t.state === 'running' && onCurrentSpec(t, service))
  return (current ?? chooseTask(snapshot, { target: serviceId, task: null })).id
}

export async function runInService(nodes: NodeConnections, snapshot: Snapshot, request: { clusterId: string; serviceId: string; command: string[]; env: string[] }): Promise<ServiceRunResult> {
  const taskId = taskForRun(snapshot, request.serviceId)
  const exec = await openTaskExec(nodes, snapshot, { clusterId: request.clusterId, taskId, command: request.command, tty: false, stdin: false, env: request.env })
  let output = ''
  const sink = new PassThrough()
  sink.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT)
  })
  const ended = new Promise<void>((resolve) => exec.stream.once('close', () => resolve()))
  exec.demux(sink, sink)
  try {
    await ended
    return { exitCode: await exec.exitCode(), output, node: exec.node }
  } finally {
    exec.close()
  }
}

/** runInService for a cluster by ID, on the cluster's mirror as it is now (the rotations' before-exec step). */
export function serviceRunner(registry: ClusterRegistry, nodes: NodeConnections) {
  return async (clusterId: string, serviceId: string, command: string[], env: string[]): Promise<ServiceRunResult> =>
    runInService(nodes, await registry.get(clusterId).snapshot(), { clusterId, serviceId, command, env })
}
