import { parseArgs } from 'node:util'
import { describeRejection, exitOnRejection } from './process-faults'
import { defaultDataDir, packageVersion } from './platform/node-platform'
import { answerWithoutCommand, cliOptions, isQuickList, USAGE } from './cli/usage'

/**
 * `swarmdesk`: the same services as the app, for scripts. Results on stdout (`--json` for
 * machines), progress and errors on stderr, exit code 0 on success, 1 on failure, 2 on misuse.
 *
 * A one-shot command starts as fast as Node allows: this entry loads only the words and the
 * option table; `--help`, `version` and a misuse are answered here; the lists (`service ls`,
 * `node ls`, `secret ls`, `config ls`, `stack ls`) load only their light reads (cli/quick-lists.ts);
 * everything else loads the app's services on demand (cli/full-cli.ts), each in its own chunk.
 */
export async function runCli(argv: string[], io: { out(text: string): void; err(text: string): void } = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text)
}): Promise<number> {
  // `service exec` has options of its own and a command after `--`: the full parser reads it.
  const exec = argv.some((word, i) => word === 'service' && argv[i + 1] === 'exec')
  if (!exec) {
    let parsed
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: cliOptions })
    } catch (error) {
      io.err(`swarmdesk: ${(error as Error).message}\n\n${USAGE}`)
      return 2
    }
    const { values, positionals } = parsed
    const answered = answerWithoutCommand(values, positionals, io, packageVersion)
    if (answered !== null) return answered
    if (isQuickList(positionals, values)) {
      const { quickList } = await import('./cli/quick-lists')
      const code = await quickList(positionals, values, io, { env: process.env, dataDir: defaultDataDir() })
      if (code !== null) return code
    }
  }
  const { runCommand } = await import('./cli/full-cli')
  return runCommand(argv, io)
}

/**
 * The `swarmdesk` process (bin/swarmdesk.js and `node out/main/cli.js`): a promise rejection nobody
 * handled becomes a clear error and exit code 1, not Node's stack trace. runCli alone installs
 * nothing on `process` (tests call it in-process).
 */
export function runCliProcess(argv: string[]): void {
  exitOnRejection(process, (text) => process.stderr.write(text), (code) => process.exit(code))
  runCli(argv).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`swarmdesk: internal error: ${describeRejection(error)} [INTERNAL]\n`)
      process.exit(1)
    }
  )
}

if (require.main === module) runCliProcess(process.argv.slice(2))
