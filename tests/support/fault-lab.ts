// Fault injectors for the fault suite (tests/faults), on the real lab: a dockerd killed, a
// manager's network namespace cut off, an sshd child killed. Every injector has its undo, and
// labWhole() says whether the lab is as the other suites expect it (5 Ready nodes, every dockerd
// and sshd running, no rule of ours left). Run these files under the lab's exclusive lock only.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { ClusterState } from '../../src/shared/connections'
import { docker, labCommand, LAB_SCRIPT, waitFor, type LabStatus } from './lab'

const run = promisify(execFile)
const MANAGERS = ['manager1', 'manager2', 'manager3']

/** The manager that leads the raft now, asked of the first manager that answers. */
export async function leaderName(lab: LabStatus): Promise<string> {
  for (const manager of MANAGERS) {
    try {
      const out = await docker(lab, manager, ['node', 'ls', '--format', '{{.Hostname}} {{.ManagerStatus}}'])
      const leader = out.split('\n').find((l) => l.endsWith(' Leader'))
      if (leader) return leader.split(' ')[0]
    } catch {
      // that manager is down or has no leader yet: ask the next
    }
  }
  throw new Error('no manager names a leader')
}

/** `kill -9` of a node's dockerd (no shutdown, no leave): what a crash or an OOM kill does. */
export async function killDockerd(lab: LabStatus, node: string): Promise<void> {
  const pid = Number(readFileSync(join(lab.labDir, node, 'docker.pid'), 'utf8').trim())
  process.kill(pid, 'SIGKILL')
  await waitFor(`dockerd of ${node} gone`, () => !alive(pid), 10_000)
}

/** Stops a node's dockerd cleanly (SIGTERM, as `systemctl stop docker`). */
export async function stopNode(node: string): Promise<void> {
  await labCommand(['stop-node', node])
}

/** Brings a stopped or killed node back (its dockerd, then its sshd in the new namespaces). */
export async function restoreNode(node: string): Promise<void> {
  await labCommand(['start-node', node])
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function inNamespace(node: string, args: string[]): Promise<string> {
  const { stdout } = await run('nsenter', [`--net=/var/run/netns/sd-${node}`, ...args], { timeout: 20_000 })
  return stdout
}

const DROP_RULES = [['INPUT', '-j', 'DROP']]

/** Cuts a node off the network: every packet into its namespace dropped (the link stays up, nothing is reset). */
export async function cutOff(node: string): Promise<void> {
  for (const rule of DROP_RULES) await inNamespace(node, ['iptables', '-I', ...rule])
}

/** Removes every rule cutOff() added (all copies, so a rerun after a failure cleans up too). */
export async function reconnectNetwork(node: string): Promise<void> {
  for (const rule of DROP_RULES) {
    for (;;) {
      try {
        await inNamespace(node, ['iptables', '-D', ...rule])
      } catch {
        break
      }
    }
  }
}

/** The pids of the sshd processes serving connections on a node (children of its listening sshd). */
export async function sshdChildren(lab: LabStatus, node: string): Promise<number[]> {
  const listener = readFileSync(join(lab.labDir, 'ssh', `sshd_${node}.pid`), 'utf8').trim()
  try {
    const { stdout } = await run('pgrep', ['-P', listener])
    return stdout.split('\n').filter(Boolean).map(Number)
  } catch {
    return []
  }
}

/** Time from `from` to the first `ready` state of the cluster after it (null when none yet). */
export function readyAfter(received: readonly { name: string; payload: unknown; at: number }[], clusterId: string, from: number): number | null {
  const ready = received.find((e) => e.name === 'cluster.state' && e.at >= from && (e.payload as ClusterState).clusterId === clusterId && (e.payload as ClusterState).phase === 'ready')
  return ready ? ready.at - from : null
}

/** Polls a manager until it answers a call that needs the raft leader; resolves with that time. */
export async function managerAnswers(lab: LabStatus, managers: string[], timeoutMs = 90_000): Promise<number> {
  await waitFor(`one of ${managers.join(', ')} answering with a leader`, async () => {
    for (const m of managers) {
      try {
        await docker(lab, m, ['node', 'ls', '-q'])
        return true
      } catch {
        // not yet
      }
    }
    return false
  }, timeoutMs)
  return Date.now()
}

/** Problems that keep the lab from being whole (empty when it is): what every fault file checks last. */
export async function labProblems(lab: LabStatus): Promise<string[]> {
  const problems: string[] = []
  const { stdout } = await run('bash', [LAB_SCRIPT, 'status', '--json'])
  const status = JSON.parse(stdout) as LabStatus
  for (const node of status.nodes) if (!node.running) problems.push(`dockerd of ${node.name} not running`)
  for (const node of status.nodes) {
    const sshdPid = Number(readFileSync(join(lab.labDir, 'ssh', `sshd_${node.name}.pid`), 'utf8').trim())
    if (!alive(sshdPid)) problems.push(`sshd of ${node.name} not running`)
    const rules = await inNamespace(node.name, ['iptables', '-S'])
    if (/^-A (INPUT|OUTPUT) -j DROP$/m.test(rules)) problems.push(`a DROP rule left in sd-${node.name}`)
  }
  try {
    const ready = (await docker(lab, await leaderName(lab), ['node', 'ls', '--format', '{{.Status}}'])).split('\n').filter((s) => s === 'Ready').length
    if (ready !== 5) problems.push(`${ready} Ready nodes instead of 5`)
  } catch (error) {
    problems.push(`no leader: ${(error as Error).message}`)
  }
  return problems
}
