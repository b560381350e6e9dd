import { describe, expect, it } from 'vitest'
import { compileStack } from './compose-compiler'
import { loadCompose } from './compose-loader'
import type { LiveState } from '../docker/live-shapes'
import { dataDigest, dataFilePaths, HeldPlans, inputsFingerprint, liveStateFingerprint, planRequestKey, shownOrNewPlan, type PlanInputs } from './plan-staleness'

const live = (over: Partial<LiveState> = {}): LiveState => ({
  services: [
    { ID: 's1', Version: { Index: 10 }, Spec: { Name: 'shop_web' } },
    { ID: 's2', Version: { Index: 12 }, Spec: { Name: 'other_api' } }
  ],
  networks: [{ Id: 'n1', Name: 'shop_default' }],
  secrets: [{ ID: 'x1', Version: { Index: 3 }, Spec: { Name: 'shop_token' } }],
  configs: [{ ID: 'c1', Version: { Index: 4 }, Spec: { Name: 'shop_site' } }],
  ...over
})

describe('liveStateFingerprint', () => {
  const base = liveStateFingerprint(live())

  it('is the same for the same objects, in any order, whatever tasks and statuses do', () => {
    const same = live()
    same.services = [{ ...same.services[1], ServiceStatus: { RunningTasks: 1 } }, same.services[0]]
    expect(liveStateFingerprint(same)).toBe(base)
  })

  it.each<[string, Partial<LiveState>]>([
    ['a service was updated', { services: [{ ID: 's1', Version: { Index: 11 }, Spec: {} }, { ID: 's2', Version: { Index: 12 }, Spec: {} }] }],
    ['a service was removed', { services: [{ ID: 's1', Version: { Index: 10 }, Spec: {} }] }],
    ['a service was made', { services: [...live().services, { ID: 's3', Version: { Index: 20 }, Spec: {} }] }],
    ['a network was made again', { networks: [{ Id: 'n2', Name: 'shop_default' }] }],
    ['a secret changed labels', { secrets: [{ ID: 'x1', Version: { Index: 5 }, Spec: { Name: 'shop_token' } }] }],
    ['a config was removed', { configs: [] }]
  ])('moves when %s', (_name, over) => {
    expect(liveStateFingerprint(live(over))).not.toBe(base)
  })
})

describe('inputsFingerprint', () => {
  const compiled = (yaml: string) => {
    const loaded = loadCompose({ files: [{ path: '/srv/shop/docker-compose.yml', text: yaml }], env: {} })
    if (!loaded.model) throw new Error('no model')
    return compileStack('shop', loaded.model)
  }
  const FILE = 'services:\n  web:\n    image: nginx\n    secrets: [token]\nsecrets:\n  token: { file: ./token.txt }\n'
  const data = (digest: string) => new Map([['/srv/shop/token.txt', digest]])

  it('is the same for the same files and data', () => {
    expect(inputsFingerprint(compiled(FILE), data('sha256:a'))).toBe(inputsFingerprint(compiled(FILE), data('sha256:a')))
  })

  it('moves when the compose file says something else', () => {
    expect(inputsFingerprint(compiled(FILE.replace('nginx', 'nginx:1.27')), data('sha256:a'))).not.toBe(inputsFingerprint(compiled(FILE), data('sha256:a')))
  })

  it('moves when a secret file changed', () => {
    expect(inputsFingerprint(compiled(FILE), data('sha256:b'))).not.toBe(inputsFingerprint(compiled(FILE), data('sha256:a')))
  })

  it('lists the data files to read, once each', () => {
    const twice = 'services:\n  web:\n    image: nginx\nsecrets:\n  a: { file: ./same.txt }\n  b: { file: ./same.txt }\nconfigs:\n  c: { file: ./site.conf }\n'
    expect(dataFilePaths(compiled(twice))).toEqual(['/srv/shop/same.txt', '/srv/shop/site.conf'])
  })

  it('keeps a digest of the data, never the data', () => {
    const kept = dataDigest({ data: 'c2VjcmV0' })
    expect(kept).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(kept).not.toContain('c2VjcmV0')
    expect(dataDigest({ error: 'ENOENT' })).toBe('unreadable:ENOENT')
  })
})

describe('planRequestKey', () => {
  const request: PlanInputs = {
    clusterId: 'c1',
    stack: 'shop',
    source: { paths: ['/srv/shop/docker-compose.yml'] },
    useDotEnv: false,
    variables: { A: '1', B: '2' },
    resolveImage: 'always',
    prune: false,
    withRegistryAuth: false
  }

  it('ignores what a deploy adds and the order of the variables', () => {
    const deploy = { ...request, variables: { B: '2', A: '1' }, wait: true, waitTimeoutSeconds: 60, requestId: 'r1', expectFingerprint: 'fp' }
    expect(planRequestKey(deploy)).toBe(planRequestKey(request))
  })

  it.each<[string, Partial<PlanInputs>]>([
    ['another cluster', { clusterId: 'c2' }],
    ['another stack', { stack: 'shop2' }],
    ['other files', { source: { paths: ['/srv/other.yml'] } }],
    ['.env', { useDotEnv: true }],
    ['a variable', { variables: { A: '1', B: '3' } }],
    ['--resolve-image', { resolveImage: 'never' }],
    ['--prune', { prune: true }],
    ['--with-registry-auth', { withRegistryAuth: true }]
  ])('differs for %s', (_name, over) => {
    expect(planRequestKey({ ...request, ...over })).not.toBe(planRequestKey(request))
  })
})

describe('HeldPlans', () => {
  it('gives a kept plan back once, for the same request, with the print it was made from', () => {
    const plans = new HeldPlans<string>()
    plans.keep('fp1', 'req', 'state1', 'plan one')
    expect(plans.take('fp1', 'req')).toEqual({ prepared: 'plan one', stateFingerprint: 'state1' })
    expect(plans.take('fp1', 'req')).toBeNull()
  })

  it('does not give a plan made for another request', () => {
    const plans = new HeldPlans<string>()
    plans.keep('fp1', 'req', 'state1', 'plan one')
    expect(plans.take('fp1', 'other')).toBeNull()
    expect(plans.take('fp1', 'req')).toBeNull()
  })

  it('does not know a fingerprint it never kept', () => {
    expect(new HeldPlans<string>().take('fp1', 'req')).toBeNull()
  })

  it('forgets plans older than its age limit', () => {
    let now = 0
    const plans = new HeldPlans<string>(8, 1000, () => now)
    plans.keep('fp1', 'req', 'state1', 'plan one')
    now = 1001
    expect(plans.take('fp1', 'req')).toBeNull()
  })

  it('keeps the latest few plans', () => {
    const plans = new HeldPlans<string>(2)
    plans.keep('fp1', 'req', 's', 'one')
    plans.keep('fp2', 'req', 's', 'two')
    plans.keep('fp1', 'req', 's', 'one again')
    plans.keep('fp3', 'req', 's', 'three')
    expect(plans.take('fp2', 'req')).toBeNull()
    expect(plans.take('fp1', 'req')?.prepared).toBe('one again')
    expect(plans.take('fp3', 'req')?.prepared).toBe('three')
  })
})

describe('shownOrNewPlan', () => {
  const setup = (state: string | null) => {
    const held = new HeldPlans<string>()
    held.keep('fp1', 'req', 'state1', 'the plan shown')
    const asked = { state: 0, planned: 0 }
    const stateNow = async () => {
      asked.state++
      return state
    }
    const planAgain = async () => {
      asked.planned++
      return 'a new plan'
    }
    return { held, asked, stateNow, planAgain }
  }

  it('applies the plan shown when nothing it was made from moved: planned once', async () => {
    const { held, asked, stateNow, planAgain } = setup('state1')
    expect(await shownOrNewPlan(held, { expectFingerprint: 'fp1', requestKey: 'req' }, stateNow, planAgain)).toBe('the plan shown')
    expect(asked).toEqual({ state: 1, planned: 0 })
  })

  it('plans again when the cluster or the files moved (the deploy then compares fingerprints)', async () => {
    const { held, asked, stateNow, planAgain } = setup('state2')
    expect(await shownOrNewPlan(held, { expectFingerprint: 'fp1', requestKey: 'req' }, stateNow, planAgain)).toBe('a new plan')
    expect(asked).toEqual({ state: 1, planned: 1 })
  })

  it('plans again when the files no longer compile', async () => {
    const { held, stateNow, planAgain } = setup(null)
    expect(await shownOrNewPlan(held, { expectFingerprint: 'fp1', requestKey: 'req' }, stateNow, planAgain)).toBe('a new plan')
  })

  it('plans when no plan was shown (the CLI), without reading the state twice', async () => {
    const { held, asked, stateNow, planAgain } = setup('state1')
    expect(await shownOrNewPlan(held, { expectFingerprint: undefined, requestKey: 'req' }, stateNow, planAgain)).toBe('a new plan')
    expect(asked).toEqual({ state: 0, planned: 1 })
  })

  it('plans again for a plan it does not hold, and a plan is applied at most once', async () => {
    const { held, stateNow, planAgain } = setup('state1')
    expect(await shownOrNewPlan(held, { expectFingerprint: 'fp9', requestKey: 'req' }, stateNow, planAgain)).toBe('a new plan')
    expect(await shownOrNewPlan(held, { expectFingerprint: 'fp1', requestKey: 'req' }, stateNow, planAgain)).toBe('the plan shown')
    expect(await shownOrNewPlan(held, { expectFingerprint: 'fp1', requestKey: 'req' }, stateNow, planAgain)).toBe('a new plan')
  })
})
