import { describe, expect, it } from 'vitest'
import { english } from '../i18n/english'
import { french } from '../../../tests/support/french'
import { groupUnresolvedImages } from './image-warnings'

const WEB = '10.77.0.1:5000/swarmdesk/web:1'
const SLEEPER = '10.77.0.1:5000/swarmdesk/sleeper:1'
const down = (image: string, error: string | null = 'dial tcp: i/o timeout') => ({ image, error })

describe('groupUnresolvedImages', () => {
  it.each([
    ['nothing unresolved', [], []],
    ['one service', [{ service: 's_web', unresolved: down(WEB) }], [[WEB, ['s_web']]]],
    [
      'four services, one image: said once',
      ['s_a', 's_b', 's_c', 's_d'].map((service) => ({ service, unresolved: down(WEB) })),
      [[WEB, ['s_a', 's_b', 's_c', 's_d']]]
    ],
    [
      'two images, in the order they first appear',
      [
        { service: 's_worker', unresolved: down(SLEEPER) },
        { service: 's_web', unresolved: down(WEB) },
        { service: 's_jobs', unresolved: down(SLEEPER) }
      ],
      [
        [SLEEPER, ['s_worker', 's_jobs']],
        [WEB, ['s_web']]
      ]
    ],
    ['a service given twice is named once', [{ service: 's_web', unresolved: down(WEB) }, { service: 's_web', unresolved: down(WEB) }], [[WEB, ['s_web']]]]
  ])('%s', (_name, items, expected) => {
    expect(groupUnresolvedImages(items).map((w) => [w.image, w.services])).toEqual(expected)
  })

  it('names every service in one sentence, with the registry error when there is one, in English and French', () => {
    const [because] = groupUnresolvedImages(['s_a', 's_b'].map((service, i) => ({ service, key: service.slice(2), unresolved: down(WEB, i === 0 ? null : 'no route to host') })))
    expect(because.firstKey).toBe('a')
    expect(english(because.said)).toBe(
      `image ${WEB} (used by s_a, s_b) could not be accessed on a registry to record its digest (no route to host); each node will access it independently, possibly leading to different nodes running different versions of the image`
    )
    expect(french(because.said)).toContain(`l'image ${WEB} (utilisée par s_a, s_b) n'a pu être consultée`)
    const [plain] = groupUnresolvedImages([{ service: 's_a', unresolved: down(WEB, null) }])
    expect(english(plain.said)).toBe(
      `image ${WEB} (used by s_a) could not be accessed on a registry to record its digest; each node will access it independently, possibly leading to different nodes running different versions of the image`
    )
  })
})
