/**
 * npm run bench:exec — entering a task on worker2 (a worker that takes SSH only from the managers)
 * from this machine, SwarmDesk against `ssh -J root@manager1 root@worker2 docker exec`, on the
 * lab, interleaved, in the same run:
 * - first byte: time from asking to the first byte of `cat /www/version.txt`'s output (SwarmDesk
 *   keeps its SSH connections to the manager and the node; ssh makes two new ones each time —
 *   ssh's figure is printed with and without a ControlMaster connection kept open, the fair
 *   comparison for a user who set one up);
 * - keystroke: a TTY running `cat`, one key sent, the time until its echo comes back (p50, p95).
 * Goals (issue): first byte <= 1.0x ssh, keystroke p95 <= 1.5x ssh. Prints figures, asserts nothing.
 */
import '../src/main/i18n/english'
import { spawn } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createServices } from '../src/main/composition'
import { createNodePlatform } from '../src/main/platform/node-platform'
import { createDispatcher } from '../src/main/rpc/dispatcher'
import { openTaskExec } from '../src/main/exec/task-exec'
import { docker, manager1SshEndpoint, requireLab, tempDir, uniqueName, waitFor } from '../tests/support/lab'

const RUNS = Number(process.env.BENCH_RUNS ?? 10)
const KEYS = Number(process.env.BENCH_KEYS ?? 100)

const sorted = (values: number[]) => [...values].sort((a, b) => a - b)
const quantile = (values: number[], q: number) => sorted(values)[Math.min(values.length - 1, Math.floor(q * values.length))]
const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`

/** Spawns ssh, resolves with the time to the first stdout byte, and waits for it to end. */
function sshFirstByte(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn('ssh', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let first: number | null = null
    child.stdout.on('data', () => (first ??= performance.now() - started))
    child.on('close', (code) => (code === 0 && first !== null ? resolve(first) : reject(new Error(`ssh exited ${code}`))))
  })
}

/** Echo round trips through an interactive stream: write one key, wait for it to come back. */
async function roundTrips(write: (key: string) => void, onData: (listener: (chunk: Buffer) => void) => void, count: number): Promise<number[]> {
  let waiting: ((at: number) => void) | null = null
  let expected = ''
  let seen = ''
  onData((chunk) => {
    seen += chunk.toString('utf8')
    if (waiting && seen.includes(expected)) {
      const done = waiting
      waiting = null
      done(performance.now())
    }
  })
  await new Promise((r) => setTimeout(r, 500)) // the shell's prompt and cat's start
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const key = String.fromCharCode(97 + (i % 26))
    expected = key
    seen = ''
    const started = performance.now()
    const echoed = new Promise<number>((resolve) => (waiting = resolve))
    write(key)
    times.push((await echoed) - started)
  }
  return times
}

async function main(): Promise<void> {
  const lab = requireLab()
  const scratch = tempDir('sd-bench-exec-')
  const knownHosts = join(scratch, 'known_hosts')
  copyFileSync(lab.ssh.knownHosts, knownHosts)
  const name = uniqueName('bench-exec')
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', name, '--constraint', 'node.hostname==worker2', lab.images.web1])
  const app = createServices({ platform: createNodePlatform(tempDir('sd-bench-exec-data-')), env: {}, userKnownHostsPath: knownHosts, sshConfigPath: join(scratch, 'none') })
  const dispatcher = createDispatcher(app.router)
  const call = async <T>(procedure: string, input: unknown): Promise<T> => {
    const response = await dispatcher.dispatch(procedure, input, { transport: 'direct' })
    if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`)
    return response.result as T
  }
  const sshOpts = ['-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-i', lab.ssh.privateKey]
  const jump = ['-o', `ProxyCommand=ssh ${sshOpts.join(' ')} -W %h:%p root@${lab.ssh.host}`]
  const control = join(scratch, 'cm')
  try {
    const profile = await call<{ id: string }>('connections.save', {
      name: 'bench',
      endpoints: [manager1SshEndpoint(lab)]
    })
    const { clusterId } = await call<{ clusterId: string }>('clusters.open', { profileId: profile.id })
    const task = await waitFor('the task on worker2', async () => {
      const snapshot = await app.registry.get(clusterId).snapshot()
      const service = snapshot.services.find((s) => s.name === name)
      return snapshot.tasks.find((t) => t.serviceId === service?.id && t.state === 'running' && t.containerId)
    }, 60_000)
    const container = (task.containerId as string).slice(0, 12)
    const sshCommand = ['docker', 'exec', container, 'cat', '/www/version.txt']

    const swarmdeskFirstByte = async (): Promise<number> => {
      const started = performance.now()
      const snapshot = await app.registry.get(clusterId).snapshot()
      const exec = await openTaskExec(app.nodeAccess, snapshot, { clusterId, taskId: task.id, command: ['cat', '/www/version.txt'], tty: false, stdin: false })
      const first = await new Promise<number>((resolve) => exec.stream.once('data', () => resolve(performance.now() - started)))
      await new Promise((r) => exec.stream.once('close', r))
      exec.close()
      return first
    }
    const cold = await swarmdeskFirstByte() // opens the node's connection once
    // ssh with a kept master connection to worker2 (through manager1), like ControlPersist users
    const master = spawn('ssh', [...sshOpts, ...jump, '-M', '-S', control, '-N', `root@10.77.0.22`], { stdio: 'ignore' })
    await waitFor('the ssh master', async () => (await new Promise<boolean>((r) => spawn('ssh', ['-S', control, '-O', 'check', 'x'], { stdio: 'ignore' }).on('close', (c) => r(c === 0)))) || null, 20_000)
    const times = { swarmdesk: [] as number[], ssh: [] as number[], sshMaster: [] as number[] }
    for (let i = 0; i < RUNS; i++) {
      times.ssh.push(await sshFirstByte([...sshOpts, ...jump, `root@10.77.0.22`, ...sshCommand]))
      times.sshMaster.push(await sshFirstByte([...sshOpts, '-S', control, `root@10.77.0.22`, ...sshCommand]))
      times.swarmdesk.push(await swarmdeskFirstByte())
    }

    // keystrokes: the app's terminal path (terminals.open/input, output pushed as events) and
    // `ssh -tt … docker exec -it … cat` over the kept master connection
    const opened = await call<{ terminalId: string }>('terminals.open', { clusterId, taskId: task.id, command: ['cat'], cols: 80, rows: 24 })
    const swarmdeskKeys = await roundTrips(
      (k) => void call('terminals.input', { terminalId: opened.terminalId, data: k }),
      (listener) =>
        app.bus.subscribe((event, payload) => {
          const output = payload as { terminalId: string; data: string }
          if (event === 'terminals.output' && output.terminalId === opened.terminalId) listener(Buffer.from(output.data, 'base64'))
        }),
      KEYS
    )
    await call('terminals.close', { terminalId: opened.terminalId })
    const sshTty = spawn('ssh', [...sshOpts, '-S', control, '-tt', `root@10.77.0.22`, 'docker', 'exec', '-it', container, 'cat'], { stdio: ['pipe', 'pipe', 'pipe'] })
    const sshKeys = await roundTrips((k) => sshTty.stdin.write(k), (l) => sshTty.stdout.on('data', l), KEYS)
    sshTty.kill()
    master.kill()

    const med = (values: number[]) => quantile(values, 0.5)
    console.log(`\nbench:exec — ${RUNS} runs, ${KEYS} keystrokes; task ${name}.1 on worker2, reached through manager1\n`)
    console.log(`first byte of 'cat /www/version.txt'   median      p95`)
    console.log(`  ssh -J (new connections)      ${ms(med(times.ssh))}  ${ms(quantile(times.ssh, 0.95))}`)
    console.log(`  ssh, ControlMaster kept       ${ms(med(times.sshMaster))}  ${ms(quantile(times.sshMaster, 0.95))}`)
    console.log(`  SwarmDesk (connections kept)  ${ms(med(times.swarmdesk))}  ${ms(quantile(times.swarmdesk, 0.95))}   first ever (opens the node's connection): ${ms(cold)}`)
    console.log(`  ratio SwarmDesk / ssh -J: ${(med(times.swarmdesk) / med(times.ssh)).toFixed(2)}x   / ssh ControlMaster: ${(med(times.swarmdesk) / med(times.sshMaster)).toFixed(2)}x   (goal <= 1.0x ssh)`)
    console.log(`\nkeystroke echo (TTY, cat)           p50      p95`)
    console.log(`  ssh -tt … docker exec -it     ${ms(quantile(sshKeys, 0.5))}  ${ms(quantile(sshKeys, 0.95))}`)
    console.log(`  SwarmDesk terminal (the app's path) ${ms(quantile(swarmdeskKeys, 0.5))}  ${ms(quantile(swarmdeskKeys, 0.95))}`)
    console.log(`  ratio p95: ${(quantile(swarmdeskKeys, 0.95) / quantile(sshKeys, 0.95)).toFixed(2)}x   (goal <= 1.5x)`)
  } finally {
    app.dispose()
    await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
