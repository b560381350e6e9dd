import { createInstance, type TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import type { PlacementReasonFacts, Unsuitable } from '../../../../shared/placement'
import { resources } from '../../i18n'
import { noEligibleText, pendingHeadline, placementReasonText, unsuitableText, type PlacementFormat } from './placement-text'

function translator(lng: 'en' | 'fr'): TFunction {
  const i18n = createInstance()
  void i18n.init({ resources, lng, fallbackLng: false, initAsync: false, interpolation: { escapeValue: false }, showSupportNotice: false })
  return i18n.t
}
const en = translator('en')
const fr = translator('fr')
// Plain formatters: what is under test is the wording around them.
const format: PlacementFormat = { cpus: (n) => String(n / 1e9), bytes: (b) => `${b / 1024 ** 3} GiB` }

describe('placementReasonText: each per-node reason in English and French', () => {
  const cases: [PlacementReasonFacts, string, string][] = [
    [{ code: 'NODE_NOT_READY', state: 'down' }, 'node is down', 'nœud hors service (down)'],
    [{ code: 'NODE_NOT_READY', state: 'unknown' }, 'node state is unknown', 'état du nœud inconnu'],
    [{ code: 'NODE_DRAINED' }, 'node is drained: it runs no tasks', "nœud drainé : il n'exécute aucune tâche"],
    [{ code: 'NODE_PAUSED' }, 'node is paused: it keeps its tasks but gets no new ones', "nœud en pause : il garde ses tâches mais n'en reçoit pas de nouvelles"],
    [
      { code: 'CONSTRAINT', constraint: 'node.labels.zone == a', mismatch: { code: 'label-missing', engine: false } },
      'node.labels.zone == a: label not set',
      'node.labels.zone == a : label absent'
    ],
    [
      { code: 'CONSTRAINT', constraint: 'node.labels.zone == a', mismatch: { code: 'label', engine: false, label: 'zone', value: 'b' } },
      'node.labels.zone == a: node has zone=b',
      'node.labels.zone == a : le nœud a zone=b'
    ],
    [{ code: 'CONSTRAINT', constraint: 'node.role == worker', mismatch: { code: 'role', role: 'manager' } }, 'node.role == worker: node is a manager', 'node.role == worker : le nœud est un manager'],
    [
      { code: 'CONSTRAINT', constraint: 'node.platform.arch == amd64', mismatch: { code: 'arch', arch: 'x86_64', literal: true } },
      "node.platform.arch == amd64: node arch is x86_64 (constraints compare the engine's x86_64 literally: write x86_64)",
      "node.platform.arch == amd64 : l'architecture du nœud est x86_64 (les contraintes comparent littéralement le x86_64 du moteur : écrivez x86_64)"
    ],
    [{ code: 'CONSTRAINT', constraint: 'node.hostname == x', mismatch: { code: 'hostname', hostname: '' } }, 'node.hostname == x: node hostname is (none)', "node.hostname == x : le nom d'hôte du nœud est (aucun)"],
    [{ code: 'PLATFORM', wanted: ['linux/arm64'], os: 'linux', arch: '' }, 'image supports linux/arm64; node is linux/?', "l'image prend en charge linux/arm64 ; le nœud est en linux/?"],
    [{ code: 'RESOURCES_CPU', reservedNanoCpus: 2e9, freeNanoCpus: 1e9, full: false }, 'reserves 2 CPUs, 1 CPU free', 'réserve 2 CPU, 1 CPU libre(s)'],
    [{ code: 'RESOURCES_CPU', reservedNanoCpus: 0.5e9, freeNanoCpus: 0, full: true }, 'full: reserves 0.5 CPUs, 0 CPUs left', 'plein : réserve 0.5 CPU, il reste 0 CPU'],
    [{ code: 'NODE_NOT_READY', state: 'ready' }, 'node state is ready', 'nœud prêt'],
    [{ code: 'RESOURCES_MEMORY', reservedBytes: 2 * 1024 ** 3, freeBytes: -1, full: true }, 'full: reserves 2 GiB, 0 GiB left', 'plein : réserve 2 GiB de mémoire, il reste 0 GiB'],
    [{ code: 'HOST_PORT', ports: ['tcp/80'], full: false }, 'host-mode port tcp/80 is already used on the node by another service', 'le port tcp/80 en mode host est déjà utilisé sur le nœud par un autre service'],
    [{ code: 'MAX_REPLICAS', max: 2 }, 'max_replicas_per_node is 2', 'max_replicas_per_node vaut 2'],
    [{ code: 'INVALID_SPEC', error: 'bad' }, 'the engine refuses this service: bad', 'le moteur refuse ce service : bad']
  ]
  it.each(cases)('%j', (reason, english, french) => {
    expect(placementReasonText(en, format, reason)).toBe(english)
    expect(placementReasonText(fr, format, reason)).toBe(french)
  })
})

describe('unsuitableText and the pending / no-eligible headline', () => {
  const unsuitable: Unsuitable = [
    { filter: 'constraints', nodes: 2 },
    { filter: 'not-ready', nodes: 1 }
  ]
  it("words swarmkit's explanation like the engine in English, and in French", () => {
    expect(unsuitableText(en, unsuitable)).toBe('no suitable node (scheduling constraints not satisfied on 2 nodes; 1 node not available for new tasks)')
    expect(unsuitableText(fr, unsuitable)).toBe('aucun nœud adapté (contraintes de placement non satisfaites sur 2 nœuds ; 1 nœud indisponible pour de nouvelles tâches)')
    expect(unsuitableText(en, [])).toBe('no suitable node')
  })

  it.each<[string, Parameters<typeof pendingHeadline>[1], string | null, string | null]>([
    ['nothing pending', { noEligible: null, unsuitable: null, pendingTasks: 0 }, null, null],
    [
      'no node eligible, tasks pending',
      { noEligible: 'pending', unsuitable, pendingTasks: 3 },
      'No node is eligible: 3 tasks will stay pending — no suitable node (scheduling constraints not satisfied on 2 nodes; 1 node not available for new tasks)',
      "Aucun nœud n'est éligible : 3 tâches resteront en attente — aucun nœud adapté (contraintes de placement non satisfaites sur 2 nœuds ; 1 nœud indisponible pour de nouvelles tâches)"
    ],
    [
      'a global service',
      { noEligible: 'global', unsuitable: [{ filter: 'constraints', nodes: 1 }], pendingTasks: 0 },
      'No node is eligible: the global service gets no new task — no suitable node (scheduling constraints not satisfied on 1 node)',
      "Aucun nœud n'est éligible : le service global ne reçoit aucune nouvelle tâche — aucun nœud adapté (contraintes de placement non satisfaites sur 1 nœud)"
    ],
    [
      'eligible nodes full',
      { noEligible: null, unsuitable: [{ filter: 'max-replicas', nodes: 3 }], pendingTasks: 1 },
      '1 task will stay pending: no suitable node (max replicas per node limit exceed)',
      '1 tâche restera en attente : aucun nœud adapté (limite max_replicas_per_node atteinte)'
    ]
  ])('%s', (_name, plan, english, french) => {
    expect(pendingHeadline(en, plan)).toBe(english)
    expect(pendingHeadline(fr, plan)).toBe(french)
    if (plan.noEligible === null) expect(noEligibleText(en, plan)).toBeNull()
  })
})
