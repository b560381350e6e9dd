import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { tempDir } from '../../support/lab'

export const ROOT = resolve(__dirname, '..', '..', '..')
const HEADLESS = resolve(ROOT, 'out', 'main', 'headless.js')

export interface WebServer {
  url: string
  dataDir: string
  process: ChildProcess
  stop(): Promise<void>
}

/**
 * `npm run web` as a user runs it, minus the build: the built headless server in its own process,
 * with its own data dir, printing the URL (with token) to open.
 */
export async function startWebServer(env: Record<string, string | undefined> = {}): Promise<WebServer> {
  if (!existsSync(HEADLESS)) throw new Error(`${HEADLESS} is missing: run \`npm run build\` before the e2e suite`)
  const dataDir = tempDir('sd-e2e-data-')
  const child = spawn(process.execPath, [HEADLESS], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SWARMDESK_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web server printed no URL within 20 s:\n${output}`)), 20_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`the web server exited (${code}):\n${output}`)))
  })
  return {
    url,
    dataDir,
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 5000).unref()
      })
  }
}
