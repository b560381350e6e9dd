import { execFile, spawn } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliRunner, requireBuiltCli, SWARMDESK_BIN as BIN } from '../support/cli'
import { docker, labNode, requireLab, tempDir, uniqueName, waitFor, type LabStatus } from '../support/lab'

const run = promisify(execFile)

// `swarmdesk service logs` as a script runs it (the built bin), against `docker service logs` on
// the same services: same lines, same prefixes, stdout and stderr kept apart.
let lab: LabStatus
let host: string
const numbered = uniqueName('h4-logcli-num')
const ticker = uniqueName('h4-logcli-tick')
const LINES = 50
const env = () => ({ PATH: process.env.PATH ?? '', HOME: tempDir('sd-cli-home-'), SWARMDESK_DATA_DIR: tempDir('sd-cli-data-') })

async function both(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { env: env(), maxBuffer: 64 * 1024 * 1024 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
const swarmdesk = cliRunner({ host: () => host })
const dockerCli = (args: string[]) => both('docker', ['-H', host, ...args])
const sortedLines = (text: string) => text.split('\n').filter(Boolean).sort()

beforeAll(async () => {
  lab = requireLab()
  host = `unix://${labNode(lab, 'manager1').socket}`
  requireBuiltCli()
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', numbered, '--replicas', '2', lab.images.sleeper, 'sh', '-c', `i=0; while [ $i -lt ${LINES} ]; do i=$((i+1)); echo "out $i"; echo "err $i" >&2; done; exec sleep 100000`])
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', ticker, lab.images.sleeper, 'sh', '-c', 'i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.1; done'])
  await waitFor('every numbered line', async () => sortedLines((await dockerCli(['service', 'logs', '--raw', numbered])).stdout).length === 2 * LINES, 120_000)
  await waitFor('the ticker to tick', async () => (await dockerCli(['service', 'logs', '--raw', ticker])).stdout.includes('tick 3'), 120_000)
})

afterAll(async () => {
  for (const name of [numbered, ticker]) await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
})

describe('swarmdesk service logs', () => {
  it('prints what docker service logs prints, stdout on stdout and stderr on stderr', async () => {
    const ours = await swarmdesk(['service', 'logs', numbered])
    const theirs = await dockerCli(['service', 'logs', numbered])
    expect(ours.code).toBe(0)
    expect(sortedLines(ours.stdout)).toHaveLength(2 * LINES)
    expect(sortedLines(ours.stdout)).toEqual(sortedLines(theirs.stdout))
    expect(sortedLines(ours.stderr)).toEqual(sortedLines(theirs.stderr))
    expect(ours.stdout.split('\n')[0]).toMatch(new RegExp(`^${numbered}\\.[12]\\.[a-z0-9]{12}@(manager|worker)\\d    \\| out 1$`))
  })

  it('takes --tail N and -t like docker', async () => {
    const ours = await swarmdesk(['service', 'logs', '--tail', '3', '-t', numbered])
    const theirs = await dockerCli(['service', 'logs', '--tail', '3', '-t', numbered])
    expect(ours.code).toBe(0)
    expect(sortedLines(ours.stdout + ours.stderr)).toHaveLength(6)
    expect(sortedLines(ours.stdout)).toEqual(sortedLines(theirs.stdout))
    expect(sortedLines(ours.stderr)).toEqual(sortedLines(theirs.stderr))
  })

  it('merges several services and writes one JSON object per line with --json', async () => {
    const ours = await swarmdesk(['--json', 'service', 'logs', '--tail', '2', numbered, ticker])
    expect(ours.code).toBe(0)
    const lines = ours.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { service: string; stream: string; slot: number; ts: string })
    expect(lines).toHaveLength(6)
    expect(new Set(lines.map((l) => l.service))).toEqual(new Set([numbered, ticker]))
    // Which of stdout and stderr hold a task's last lines depends on the engine's copy order: ask docker.
    const theirs = await dockerCli(['service', 'logs', '--tail', '2', numbered])
    expect(lines.filter((l) => l.stream === 'stderr')).toHaveLength(sortedLines(theirs.stderr).length)
    // Each service's own lines stay in time order.
    for (const service of [numbered, ticker]) {
      const own = lines.filter((l) => l.service === service && l.stream === 'stdout')
      expect(own.every((l, i) => i === 0 || own[i - 1].ts <= l.ts)).toBe(true)
    }
  })

  it('follows until Ctrl-C, then exits cleanly', async () => {
    const child = spawn(process.execPath, [BIN, '-H', host, 'service', 'logs', '--follow', '--tail', '0', ticker], { env: env() })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)))
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)))
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)))
    await waitFor('three new ticks', () => stdout.split('\n').filter(Boolean).length >= 3, 30_000)
    const ticks = stdout.split('\n').filter(Boolean).map((l) => Number(l.split('| tick ')[1]))
    expect(ticks.every((n, i) => i === 0 || n === ticks[i - 1] + 1)).toBe(true)
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(stderr).toBe('')
  })

  it('ends quietly when the reader of its output goes away (SIGPIPE)', async () => {
    const piped = await both('sh', ['-c', `"${process.execPath}" "${BIN}" -H "${host}" service logs --follow ${ticker} | head -n 2`])
    expect(piped.stdout.split('\n').filter(Boolean)).toHaveLength(2)
    expect(piped.stderr).not.toMatch(/Error|at .*\.js:\d+/)
  })

  it('says which service does not exist (exit 1), and asks for one (exit 2)', async () => {
    const missing = await swarmdesk(['service', 'logs', 'h4-no-such-service'], { expectFailure: true })
    expect(missing).toMatchObject({ code: 1, stdout: '' })
    expect(missing.stderr).toContain('no service "h4-no-such-service"')
    const none = await swarmdesk(['service', 'logs'])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('service logs needs at least one SERVICE')
  })
})
