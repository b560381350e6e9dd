import { describe, expect, it } from 'vitest'
import { nodeCpuPercent, parseDf, parseLoadavg, parseMeminfo, parseProcOutput, parseProcStat, procCommand } from './node-proc'

const STAT = `cpu  392655 219 36978 182923 982 0 2951 287 0 0
cpu0 196581 68 18792 91035 477 0 1373 141 0 0
cpu1 196074 150 18185 91887 505 0 1577 145 0 0
intr 51234567 12 0 0 0
ctxt 98765432
btime 1765000000
processes 123456
procs_running 3
procs_blocked 0
softirq 2345678 1 2 3 4 5 6 7 8 9
`
const MEMINFO = `MemTotal:       24731408 kB
MemFree:        16153668 kB
MemAvailable:   22492500 kB
Buffers:          338760 kB
Cached:          5669368 kB
SwapCached:            0 kB
Active(file):    2345678 kB
HugePages_Total:       0
Hugepagesize:       2048 kB
`
const LOADAVG = '6.12 3.52 3.53 4/502 6825\n'
const DF = `Filesystem     1024-blocks     Used Available Capacity Mounted on
/dev/vda         264212084 27784404  78606508      27% /
`

describe('/proc/stat', () => {
  it.each([
    ['a two-CPU kernel', STAT, { total: 392655 + 219 + 36978 + 182923 + 982 + 0 + 2951 + 287, idle: 182923 + 982 }, 2],
    ['an old kernel with four columns', 'cpu 100 0 50 850\ncpu0 100 0 50 850\n', { total: 1000, idle: 850 }, 1],
    ['no cpu line', 'intr 1 2 3\n', null, 0]
  ])('%s', (_name, text, cpu, cpus) => {
    expect(parseProcStat(text)).toEqual({ cpu, cpus })
  })

  it.each([
    ['half busy', { total: 1000, idle: 800 }, { total: 2000, idle: 1300 }, 50],
    ['idle', { total: 1000, idle: 800 }, { total: 1100, idle: 900 }, 0],
    ['all busy', { total: 1000, idle: 800 }, { total: 1400, idle: 800 }, 100],
    ['no time passed', { total: 1000, idle: 800 }, { total: 1000, idle: 800 }, null],
    ['a counter reset (reboot)', { total: 5000, idle: 4000 }, { total: 1000, idle: 800 }, null],
    ['first reading', null, { total: 1000, idle: 800 }, null]
  ])('CPU %%: %s', (_name, before, after, expected) => {
    expect(nodeCpuPercent(before, after)).toBe(expected)
  })
})

describe('/proc/meminfo, /proc/loadavg, df', () => {
  it('reads MemTotal and MemAvailable in bytes', () => {
    expect(parseMeminfo(MEMINFO)).toEqual({ totalBytes: 24731408 * 1024, availableBytes: 22492500 * 1024 })
  })
  it('falls back to MemFree + Buffers + Cached without MemAvailable', () => {
    expect(parseMeminfo('MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n')).toEqual({ totalBytes: 1000 * 1024, availableBytes: 400 * 1024 })
  })
  it('gives nothing without MemTotal', () => expect(parseMeminfo('garbage')).toBeNull())
  it.each([
    [LOADAVG, [6.12, 3.52, 3.53]],
    ['0.00 0.01 0.05 1/100 1', [0, 0.01, 0.05]],
    ['', null],
    ['x y z', null]
  ])('load of %j', (text, load) => expect(parseLoadavg(text)).toEqual(load))
  it('reads df -Pk as df computes its capacity', () => {
    const disk = parseDf(DF, '/var/lib/docker')
    expect(disk).toMatchObject({ path: '/var/lib/docker', usedBytes: 27784404 * 1024, totalBytes: 264212084 * 1024 })
    expect(disk?.percent).toBeCloseTo((27784404 / (27784404 + 78606508)) * 100, 6)
  })
  it('reads a long device name and an overlay root', () => {
    const text = 'Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/mapper/vg0-very--long--logical--volume 1000 250 750 25% /var/lib/docker\n'
    expect(parseDf(text, '/var/lib/docker')).toEqual({ path: '/var/lib/docker', usedBytes: 250 * 1024, totalBytes: 1000 * 1024, percent: 25 })
  })
  it('gives nothing for an error', () => expect(parseDf("df: /nope: No such file or directory\n", '/nope')).toBeNull())
})

describe('the command and its whole output', () => {
  it('quotes the docker root for the shell', () => {
    expect(procCommand("/srv/it's docker")).toContain(`df -Pk '/srv/it'\\''s docker'`)
  })
  it('splits the sections', () => {
    const marker = /echo (\S+);/.exec(procCommand('/'))?.[1]
    const output = [STAT, MEMINFO, LOADAVG, DF].join(`${marker}\n`)
    const reading = parseProcOutput(output, '/var/lib/docker')
    expect(reading.cpus).toBe(2)
    expect(reading.memoryTotalBytes).toBe(24731408 * 1024)
    expect(reading.memoryUsedBytes).toBe((24731408 - 22492500) * 1024)
    expect(reading.load).toEqual([6.12, 3.52, 3.53])
    expect(reading.disk?.totalBytes).toBe(264212084 * 1024)
  })
  it('keeps what it could read when df fails', () => {
    const marker = /echo (\S+);/.exec(procCommand('/'))?.[1]
    const reading = parseProcOutput([STAT, MEMINFO, LOADAVG, ''].join(`${marker}\n`), '/gone')
    expect(reading.disk).toBeNull()
    expect(reading.load).not.toBeNull()
  })
})
