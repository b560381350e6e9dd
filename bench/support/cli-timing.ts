/**
 * One-shot commands timed as a script runs them: the whole process of `node bin/swarmdesk.js -H
 * <engine> ...` against the docker CLI's same command on the same engine and a bare `node -e 0`,
 * interleaved so all three see the same machine load. Used by bench:cli and bench:scale.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { tempDir } from '../../tests/support/lab'

const run = promisify(execFile)
const BIN = resolve(__dirname, '..', '..', 'bin', 'swarmdesk.js')

export const CLI_COMMANDS: { name: string; args: string[]; engine: boolean }[] = [
  { name: 'service ls', args: ['service', 'ls'], engine: true },
  { name: 'node ls', args: ['node', 'ls'], engine: true },
  { name: 'secret ls', args: ['secret', 'ls'], engine: true },
  { name: 'stack ls', args: ['stack', 'ls'], engine: true },
  { name: '--help', args: ['--help'], engine: false }
]

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const ms = (value: number) => `${value.toFixed(0)} ms`
const spread = (values: number[]) => `${ms(median(values)).padStart(7)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`

async function timed(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now()
  await run(file, args, { env, maxBuffer: 256 * 1024 * 1024 })
  return performance.now() - started
}

/** Prints a table in the given widths: a header row, then the rows. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('   ').trimEnd()
  console.log(line(header))
  for (const row of rows) console.log(line(row))
}

/**
 * Times each command `runs` times per way against `host` and prints the table: swarmdesk, docker
 * CLI, node -e 0, their ratio, our own start-up over Node's, and issue 14's goal (a bare Node start
 * plus 1.5x the docker CLI's time), met or not.
 */
export async function timeCliCommands(host: string, runs: number): Promise<void> {
  if (!existsSync(resolve(__dirname, '..', '..', 'out', 'main', 'cli.js'))) throw new Error('run `npm run build` first: the benchmark runs the built bin')
  // a clean environment, as a script has it: its own HOME (no docker contexts) and data dir
  const env = { PATH: process.env.PATH ?? '', HOME: tempDir('bench-cli-home-'), SWARMDESK_DATA_DIR: tempDir('bench-cli-data-') }
  // warm up the file cache and the engine (not counted)
  for (const command of CLI_COMMANDS) {
    await timed(process.execPath, [BIN, ...(command.engine ? ['-H', host] : []), ...command.args], env)
    await timed('docker', [...(command.engine ? ['-H', host] : []), ...command.args], env)
  }
  const rows: string[][] = []
  for (const command of CLI_COMMANDS) {
    const times = { node: [] as number[], docker: [] as number[], swarmdesk: [] as number[] }
    for (let i = 0; i < runs; i++) {
      times.node.push(await timed(process.execPath, ['-e', '0'], env))
      times.docker.push(await timed('docker', [...(command.engine ? ['-H', host] : []), ...command.args], env))
      times.swarmdesk.push(await timed(process.execPath, [BIN, ...(command.engine ? ['-H', host] : []), ...command.args], env))
    }
    const goal = median(times.node) + 1.5 * median(times.docker)
    const ours = median(times.swarmdesk)
    rows.push([
      command.name,
      spread(times.swarmdesk),
      spread(times.docker),
      spread(times.node),
      `${(ours / median(times.docker)).toFixed(1)}x`,
      `${(ours - median(times.node)).toFixed(0)} ms`,
      `${ms(goal)} ${ours <= goal ? 'met' : `not met (+${(ours - goal).toFixed(0)} ms)`}`
    ])
  }
  printTable(['command', 'swarmdesk', 'docker CLI', 'node -e 0', 'swarmdesk/docker', 'over node -e 0', 'goal: node + 1.5x docker'], rows)
}
