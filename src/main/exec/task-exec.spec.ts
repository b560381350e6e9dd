import { describe, expect, it } from 'vitest'
import type { Service, Snapshot, Task } from '../../shared/domain'
import { execCli, runningTaskOf } from './task-exec'

const services = [{ id: 's1', name: 'shop_web' } as Service]
const task = (id: string, state: Task['state'], containerId: string | null = 'c1'): Task => ({ id, serviceId: 's1', slot: 2, nodeId: 'n1', state, containerId } as Task)

describe('runningTaskOf', () => {
  it('finds a running task by its ID or a unique prefix', () => {
    const snapshot = { services, tasks: [task('abcd1234', 'running'), task('ffff0000', 'running')] }
    expect(runningTaskOf(snapshot, 'abcd1234').id).toBe('abcd1234')
    expect(runningTaskOf(snapshot, 'abcd').id).toBe('abcd1234')
  })
  it.each<[string, Pick<Snapshot, 'tasks' | 'services'>, string, RegExp]>([
    ['unknown', { services, tasks: [] }, 'zzzz', /no task "zzzz"/],
    ['ambiguous prefix', { services, tasks: [task('abcd1', 'running'), task('abcd2', 'running')] }, 'abcd', /matches several tasks/],
    ['not running', { services, tasks: [task('abcd1', 'pending', null)] }, 'abcd1', /shop_web\.2 is pending, not running/]
  ])('refuses: %s', (_name, snapshot, id, message) => {
    expect(() => runningTaskOf(snapshot, id)).toThrow(message)
  })
})

describe('execCli', () => {
  it.each<[string, string[] | null, boolean, boolean, string]>([
    ['ssh -J root@10.77.0.11 root@10.77.0.22', null, true, true, 'ssh -J root@10.77.0.11 root@10.77.0.22 -t docker exec -it 0123456789ab sh'],
    ['ssh root@10.77.0.11', ['sh', '-c', 'exit 3'], false, false, "ssh root@10.77.0.11 docker exec 0123456789ab sh -c 'exit 3'"],
    ['ssh w2', ['cat', '/etc/hostname'], false, true, 'ssh w2 docker exec -i 0123456789ab cat /etc/hostname'],
    // the engine behind the local socket: no ssh hop
    ['', null, true, true, 'docker exec -it 0123456789ab sh'],
    ['', ['cat', '/run/secrets/db'], true, true, 'docker exec -it 0123456789ab cat /run/secrets/db']
  ])('%s %j', (ssh, command, tty, stdin, expected) => {
    expect(execCli(ssh, '0123456789abcdef', command, tty, stdin)).toBe(expected)
  })
})
