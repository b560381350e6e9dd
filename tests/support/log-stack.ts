import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { docker, tempDir, type LabStatus } from './lab'

/** The lines the two services of `deployTalkingStack` write once, then they idle. */
export const TALKING_STACK_LINES = { front: { stream: 'stdout', text: 'front is up' }, back: { stream: 'stderr', text: 'back is up' } } as const

/**
 * A two-service stack deployed with `docker stack deploy` (so SwarmDesk reads a stack it did not
 * make): `front` writes one line on stdout, `back` one on stderr.
 */
export async function deployTalkingStack(lab: LabStatus, stack: string): Promise<void> {
  const file = join(tempDir('sd-logs-stack-'), 'stack.yml')
  const service = (name: keyof typeof TALKING_STACK_LINES) => {
    const { stream, text } = TALKING_STACK_LINES[name]
    return [`  ${name}:`, `    image: ${lab.images.sleeper}`, `    command: ["sh", "-c", "echo ${text}${stream === 'stderr' ? ' >&2' : ''}; exec sleep 100000"]`]
  }
  writeFileSync(file, ['version: "3.8"', 'services:', ...service('front'), ...service('back')].join('\n'))
  await docker(lab, 'manager1', ['stack', 'deploy', '-c', file, stack])
}
