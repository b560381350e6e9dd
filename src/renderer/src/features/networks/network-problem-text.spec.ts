import { createInstance, type TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import type { NetworkProblem } from '../../../../shared/networks'
import { resources } from '../../i18n'
import { networkProblemText } from './network-problem-text'

function translator(lng: 'en' | 'fr'): TFunction {
  const i18n = createInstance()
  void i18n.init({ resources, lng, fallbackLng: false, initAsync: false, interpolation: { escapeValue: false }, showSupportNotice: false })
  return i18n.t
}

// The form says the shared phrases as sentences (the CLI says the same ones as terse lines).
describe('networkProblemText: the create form in English and French', () => {
  it.each<[NetworkProblem, string, string]>([
    [{ field: 'name', code: 'name-required', severity: 'error', params: {} }, 'Give the network a name.', 'Donnez un nom au réseau.'],
    [
      { field: 'gateway', code: 'gateway-reserved', severity: 'error', params: { gateway: '10.200.1.255', which: 'broadcast', subnet: '10.200.1.0/24' } },
      '10.200.1.255 is the broadcast address of 10.200.1.0/24: pick another one.',
      "10.200.1.255 est l'adresse de diffusion de 10.200.1.0/24 : choisissez-en une autre."
    ]
  ])('%j', (problem, english, french) => {
    expect(networkProblemText(translator('en'), problem)).toBe(english)
    expect(networkProblemText(translator('fr'), problem)).toBe(french)
  })
})
