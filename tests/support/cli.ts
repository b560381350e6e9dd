import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { tempDir } from './lab'

// The built `swarmdesk` command as a script runs it: `node bin/swarmdesk.js -H <host> ...`, with a
// clean environment (its own HOME and data dir), optional stdin, real exit codes and stdout apart
// from stderr. One runner for every CLI test, so they all run the bin the same way.

export const SWARMDESK_BIN = resolve(__dirname, '..', '..', 'bin', 'swarmdesk.js')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export interface CliRunnerOptions {
  /** the engine (`-H`), read at each call: tests learn it in beforeAll */
  host: () => string
  /** SWARMDESK_DATA_DIR; a fresh temp dir per call when absent */
  dataDir?: () => string
  /** prefix of the temp HOME made for each call */
  homePrefix?: string
  timeoutMs?: number
}

export interface CliCallOptions {
  stdin?: string
  /** added to (over) the runner's environment */
  env?: Record<string, string>
  /** a non-zero exit is what the test checks: do not print its stderr */
  expectFailure?: boolean
}

export type CliRunner = (args: string[], options?: CliCallOptions) => Promise<CliResult>

/** The bin runs out/main/cli.js: say so plainly instead of failing on a missing module. */
export function requireBuiltCli(): void {
  if (!existsSync(resolve(__dirname, '..', '..', 'out', 'main', 'cli.js'))) throw new Error('run `npm run build` first: this test runs the built swarmdesk bin')
}

export function cliRunner(runner: CliRunnerOptions): CliRunner {
  return (args, options = {}) =>
    new Promise<CliResult>((done, fail) => {
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: tempDir(runner.homePrefix ?? 'sd-cli-home-'),
        SWARMDESK_DATA_DIR: runner.dataDir?.() ?? tempDir('sd-cli-data-'),
        ...options.env
      }
      const argv = [SWARMDESK_BIN, '-H', runner.host(), ...args]
      const child = spawn(process.execPath, argv, { env, stdio: ['pipe', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        child.kill('SIGKILL')
      }, runner.timeoutMs ?? 300_000)
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.on('error', (error) => {
        clearTimeout(timer)
        fail(error)
      })
      child.on('close', (exitCode) => {
        clearTimeout(timer)
        const code = exitCode ?? -1
        if (timedOut) stderr += `\n[test runner] swarmdesk killed after ${runner.timeoutMs ?? 300_000} ms`
        // a failing assertion on `code` says little: show what the command said
        if (code !== 0 && !options.expectFailure) console.error(`swarmdesk ${args.join(' ')} exited ${code}:\n${stderr}`)
        done({ code, stdout, stderr })
      })
      child.stdin.end(options.stdin ?? '')
    })
}
