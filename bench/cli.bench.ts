/**
 * npm run bench:cli — one-shot commands as a script runs them: the whole process of
 * `node bin/swarmdesk.js -H <lab manager1> ...` against the docker CLI's same command on the same
 * engine and a bare `node -e 0`, interleaved in the same run (service ls, node ls, secret ls,
 * stack ls, --help).
 *
 * Prints median/min/max per way, the ratio swarmdesk / docker CLI and the goal of issue 14
 * (within a bare Node start + 1.5x the docker CLI's time), met or not. A table, no assertions.
 *
 * BENCH_RUNS (default 15) runs per command and way. Needs `npm run build` (the bin runs out/main).
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { labNode, requireLab } from '../tests/support/lab'
import { timeCliCommands } from './support/cli-timing'

const run = promisify(execFile)
const RUNS = Number(process.env.BENCH_RUNS ?? 15)

async function main(): Promise<void> {
  const lab = requireLab({ anySize: true })
  const host = `unix://${labNode(lab, 'manager1').socket}`
  const docker = (await run('docker', ['-H', host, 'version', '--format', '{{.Client.Version}} / engine {{.Server.Version}}'])).stdout.trim()
  console.log(`bench:cli — ${RUNS} runs per command and way, interleaved; lab manager1 (${host}); docker ${docker}; node ${process.version}`)
  console.log('whole-process wall time: median (min–max)\n')
  await timeCliCommands(host, RUNS)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
