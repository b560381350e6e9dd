import { describe, expect, it } from 'vitest'
import { defaultStackOptions, dotEnvAvailable, isOnDisk, openedFileTarget, planRequestOf, serviceNamePrefix, stackNameProblem, type EditorInput } from './stack-input'

describe('stackNameProblem', () => {
  it.each([
    ['shop', null],
    ['e2estk-abc12', null],
    ['my_stack2', null],
    ['', 'required'],
    ['   ', 'required'],
    ['-shop', 'invalid'],
    ['shop-', 'invalid'],
    ['my stack', 'invalid'],
    ['shop.prod', 'invalid'],
    ['café', 'invalid'],
    ['a'.repeat(62), null],
    ['a'.repeat(63), 'tooLong']
  ])('%j -> %s', (name, problem) => {
    expect(stackNameProblem(name)).toBe(problem)
  })
})

const input = (over: Partial<EditorInput> = {}): EditorInput => ({
  name: 'shop',
  mode: 'editor',
  buffers: [{ id: 'a', path: '', text: 'services: {}\n' }],
  paths: [''],
  options: defaultStackOptions,
  ...over
})

describe('planRequestOf', () => {
  it('sends the editor text under a default name when no path was given', () => {
    const r = planRequestOf(input())
    expect(r).toMatchObject({ ready: true, files: ['docker-compose.yml'], request: { stack: 'shop', source: { files: [{ path: 'docker-compose.yml', text: 'services: {}\n', unsaved: true }] }, useDotEnv: false, prune: false, resolveImage: 'always' } })
  })

  it('keeps the typed paths and the override order', () => {
    const r = planRequestOf(input({ buffers: [{ id: 'a', path: '/srv/shop/stack.yml', text: 'x: 1' }, { id: 'b', path: '', text: 'y: 2' }] }))
    expect(r.ready && r.files).toEqual(['/srv/shop/stack.yml', 'docker-compose.override.yml'])
  })

  it.each<[Partial<EditorInput>, string]>([
    [{ name: '' }, 'name'],
    [{ name: 'bad name' }, 'name'],
    [{ buffers: [{ id: 'a', path: '', text: '  \n' }] }, 'empty'],
    [{ mode: 'paths', paths: ['', ' '] }, 'noPath']
  ])('not ready: %j', (over, reason) => {
    expect(planRequestOf(input(over))).toEqual({ ready: false, reason })
  })

  it('reads files from disk in paths mode', () => {
    const r = planRequestOf(input({ mode: 'paths', paths: [' /srv/a.yml ', '', '/srv/b.yml'] }))
    expect(r.ready && r.request.source).toEqual({ paths: ['/srv/a.yml', '/srv/b.yml'] })
  })

  it('asks for .env only when the first file has a place', () => {
    const options = { ...defaultStackOptions, useDotEnv: true }
    const noPath = planRequestOf(input({ options }))
    expect(noPath.ready && noPath.request.useDotEnv).toBe(false)
    const withPath = planRequestOf(input({ options, buffers: [{ id: 'a', path: '/srv/stack.yml', text: 'x: 1' }] }))
    expect(withPath.ready && withPath.request.useDotEnv).toBe(true)
  })

  it('changes its key with anything the plan depends on, not with wait', () => {
    const a = planRequestOf(input())
    const b = planRequestOf(input({ options: { ...defaultStackOptions, wait: false } }))
    const c = planRequestOf(input({ options: { ...defaultStackOptions, prune: true } }))
    expect(a.ready && b.ready && a.key === b.key).toBe(true)
    expect(a.ready && c.ready && a.key !== c.key).toBe(true)
  })

  it('dotEnvAvailable', () => {
    expect(dotEnvAvailable('editor', [{ path: '' }], [])).toBe(false)
    expect(dotEnvAvailable('editor', [{ path: 'x.yml' }], [])).toBe(false)
    expect(dotEnvAvailable('editor', [{ path: '/srv/x.yml' }], [])).toBe(true)
    expect(dotEnvAvailable('paths', [], ['', '/a.yml'])).toBe(true)
  })
})

describe('opening files from disk', () => {
  it('isOnDisk: only absolute paths name a real place', () => {
    expect([isOnDisk('/srv/a.yml'), isOnDisk('C:\\stacks\\a.yml'), isOnDisk(''), isOnDisk('a.yml'), isOnDisk('./a.yml')]).toEqual([true, true, false, false, false])
  })
  it('a buffer with a bare name is sent as unsaved, one with an absolute path is not', () => {
    const r = planRequestOf({ name: 'shop', mode: 'editor', paths: [], options: defaultStackOptions, buffers: [{ id: 'a', path: '/srv/a.yml', text: 'x: 1' }, { id: 'b', path: 'picked.yml', text: 'y: 2' }] })
    expect(r.ready && r.request.source).toEqual({ files: [{ path: '/srv/a.yml', text: 'x: 1' }, { path: 'picked.yml', text: 'y: 2', unsaved: true }] })
  })
  it('openedFileTarget: fills a blank current buffer, else appends an override', () => {
    expect(openedFileTarget([{ path: '', text: '  \n' }], 0)).toEqual({ index: 0, append: false })
    expect(openedFileTarget([{ path: '', text: 'services: {}' }], 0)).toEqual({ index: 1, append: true })
    expect(openedFileTarget([{ path: '/a.yml', text: '' }, { path: '', text: '' }], 0)).toEqual({ index: 2, append: true })
    expect(openedFileTarget([{ path: '/a.yml', text: 'x' }, { path: '', text: '' }], 1)).toEqual({ index: 1, append: false })
  })
})

describe('serviceNamePrefix: the name hint shows a real service name, or the prefix alone', () => {
  it.each([
    ['the first service of the file', 'seed', 'services:\n  db:\n    image: postgres:16\n  api:\n    image: api:1\n', { example: 'seed_db', service: true }],
    ['no name yet', '', 'services:\n  api:\n    image: api:1\n', { example: 'NAME_api', service: true }],
    ['no service yet', 'course', 'version: "3.8"\n', { example: 'course_', service: false }],
    ['an empty file', 'course', '', { example: 'course_', service: false }],
    ['a file that does not parse', 'course', 'services: [\n', { example: 'course_', service: false }],
    ['services written as a list (refused by the plan)', 'course', 'services:\n  - web\n', { example: 'course_', service: false }]
  ])('%s', (_name, stack, text, expected) => {
    expect(serviceNamePrefix(stack, text)).toEqual(expected)
  })
})
