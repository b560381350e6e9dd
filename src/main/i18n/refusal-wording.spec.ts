import { describe, expect, it } from 'vitest'
import { french } from '../../../tests/support/french'
import { phrase, type Phrase } from '../../shared/phrase'
import { labelProblemPhrase } from '../nodes/label-edit'
import { nodeRefusalPhrase, nodeWarningPhrase } from '../../shared/node-guard-phrases'
import { draftIssuePhrase } from '../../shared/service-issue-phrases'
import { english } from './english'
import { issuePhrase, joinedPhrases, listedPhrases } from '../../shared/phrase-list'

// Refusals and notices main words for services, networks, nodes, logs, clusters and connections:
// the English is what the CLI printed before they became phrases (byte for byte), the French is
// what the app shows with the UI in French. Both written out by hand.
describe('refusals and notices, in English and in French', () => {
  it.each<[string, Phrase, string, string]>([
    [
      'scale of a global service',
      phrase('services.said.scale-global', { service: 'agent' }),
      'agent is a global service: it runs exactly one task on every eligible node, so it has no replica count to scale (docker service scale refuses it too). To run it on fewer nodes, add a placement constraint; to choose a count, create a replicated service',
      "agent est un service global : il exécute exactement une tâche sur chaque nœud éligible, il n'a donc pas de nombre de réplicas à changer (docker service scale le refuse aussi). Pour qu'il tourne sur moins de nœuds, ajoutez une contrainte de placement ; pour choisir un nombre, créez un service répliqué"
    ],
    [
      'scale of a job',
      phrase('services.said.scale-mode', { service: 'backup', mode: phrase('services.said.mode.replicated-job') }),
      'backup is a replicated-job service: only replicated services can be scaled here',
      "backup est un service en mode job répliqué : seuls les services répliqués peuvent changer d'échelle ici"
    ],
    [
      'rollback with no previous spec',
      phrase('services.said.no-previous-spec', { service: 'web' }),
      'web has no previous spec to roll back to: it was never updated since it was created (or the last rollback already used it). Nothing was changed',
      "web n'a pas de spec précédente vers laquelle revenir : il n'a jamais été mis à jour depuis sa création (ou le dernier rollback l'a déjà utilisée). Rien n'a été modifié"
    ],
    [
      'update conflict',
      phrase('services.said.conflict', { fields: 'env, ports', service: 'web' }),
      'env, ports of web changed since the form was opened (someone else updated it); nothing was overwritten: reopen the form to see the current values',
      "web a changé depuis l'ouverture du formulaire (env, ports) : quelqu'un d'autre l'a mis à jour ; rien n'a été écrasé, rouvrez le formulaire pour voir les valeurs actuelles"
    ],
    [
      'refused create, issues listed with their paths',
      phrase('services.said.nothing-changed', {
        issues: joinedPhrases([issuePhrase('name', draftIssuePhrase({ code: 'name-missing' })), issuePhrase('update.delay', draftIssuePhrase({ code: 'duration', value: '10x' }))])
      }),
      'nothing was changed: name: a service needs a name; update.delay: "10x" is not a duration: expected a number with a unit, like 10s, 1m30s or 500ms',
      "rien n'a été modifié : name : un service doit avoir un nom ; update.delay : « 10x » n'est pas une durée : il faut un nombre suivi d'une unité, comme 10s, 1m30s ou 500ms"
    ],
    [
      'mode change, the modes worded',
      draftIssuePhrase({ code: 'mode-change', from: 'replicated', to: 'global' }),
      "a service's mode cannot be changed (replicated -> global): the engine refuses it. Create a new global service and remove this one (docker service rm, then docker service create --mode global)",
      "le mode d'un service ne peut pas changer (répliqué -> global) : le moteur le refuse. Créez un nouveau service en mode global et supprimez celui-ci (docker service rm, puis docker service create --mode global)"
    ],
    [
      'service gone',
      phrase('services.said.not-found', { service: 'abc123' }),
      'no service "abc123" in this swarm (it may have been removed)',
      'aucun service « abc123 » dans ce swarm (il a peut-être été supprimé)'
    ],
    [
      'version race lost eight times',
      phrase('errors.said.kept-changing', { what: phrase('services.said.what', { service: 'web' }), attempts: 8 }),
      'service web kept changing under us: 8 attempts all raced with other updates; nothing was overwritten, try again',
      "le service web n'a pas cessé de changer pendant la mise à jour : les 8 tentatives ont toutes croisé d'autres modifications ; rien n'a été écrasé, réessayez"
    ],
    [
      'network in use',
      phrase('networks.said.in-use', { network: 'front', services: 'shop_web, shop_api' }),
      'front is used by shop_web, shop_api: remove them from it (or remove them) first; nothing was changed',
      "front est utilisé par shop_web, shop_api : détachez-les de ce réseau (ou supprimez-les) d'abord ; rien n'a été modifié"
    ],
    [
      'last manager',
      nodeRefusalPhrase({ code: 'last-manager', node: 'manager1' }),
      'manager1 is the last manager: demoting it would leave the swarm without a manager. Promote another node first.',
      "manager1 est le dernier manager : le rétrograder laisserait le swarm sans manager. Promouvez d'abord un autre nœud."
    ],
    [
      'availability already set, the availability worded',
      nodeRefusalPhrase({ code: 'already-availability', node: 'worker1', availability: 'drain' }),
      'worker1 is already drain',
      'worker1 a déjà la disponibilité drain'
    ],
    [
      'warnings to confirm',
      phrase('nodes.said.confirmation-needed', {
        warnings: joinedPhrases([nodeWarningPhrase({ code: 'leader-election', node: 'manager1' }), nodeWarningPhrase({ code: 'manager-not-ready', node: 'manager2', state: 'down' })])
      }),
      'confirmation needed: manager1 is the leader: a new leader election will run; manager2 is down: a manager that is not ready counts against quorum',
      "confirmation nécessaire : manager1 est le leader : une nouvelle élection de leader aura lieu ; manager2 est arrêté : un manager qui n'est pas prêt compte contre le quorum"
    ],
    [
      'label refusal, problems joined',
      joinedPhrases([labelProblemPhrase({ code: 'keyEquals', params: { key: 'a=b' } }), phrase('nodes.said.label.addedAndRemoved', { key: 'zone' })]),
      'label key "a=b" contains "="; write key=value as two fields; "zone" is both added and removed',
      'la clé de label « a=b » contient « = » ; écrivez clé=valeur en deux champs ; « zone » est à la fois ajouté et supprimé'
    ],
    [
      'log stream closed',
      phrase('logs.said.stream-closed', { service: 'shop_web' }),
      'shop_web: the log stream closed',
      "shop_web : le flux de logs s'est fermé"
    ],
    [
      'log stream failed, the engine words kept',
      phrase('logs.said.stream-failed', { service: 'shop_web', message: 'context canceled' }),
      'shop_web: context canceled',
      'shop_web : context canceled'
    ],
    [
      'worker engine',
      phrase('clusters.said.worker-managers', { where: phrase('clusters.said.where', { endpoint: 'unix:///var/run/docker.sock', engine: 'worker1' }), managers: '10.77.0.11' }),
      'unix:///var/run/docker.sock (worker1) is a worker node; SwarmDesk needs a manager to read the swarm. Managers of this swarm: 10.77.0.11.',
      "unix:///var/run/docker.sock (worker1) est un nœud worker ; SwarmDesk a besoin d'un manager pour lire le swarm. Managers de ce swarm : 10.77.0.11."
    ],
    [
      'locked swarm, unnamed engine',
      phrase('clusters.said.locked', { where: phrase('clusters.said.where-unnamed', { endpoint: 'tcp://10.0.0.1:2376' }) }),
      'tcp://10.0.0.1:2376 (engine): the swarm is locked (autolock); unlock it with docker swarm unlock',
      'tcp://10.0.0.1:2376 (moteur) : le swarm est verrouillé (autolock) ; déverrouillez-le avec docker swarm unlock'
    ],
    [
      'no engine, the phase worded',
      phrase('clusters.said.unavailable', { name: 'lab', phase: phrase('clusters.said.phase.reconnecting') }),
      'lab is reconnecting: no engine connected',
      'lab est en reconnexion : aucun moteur connecté'
    ],
    [
      'failover notice',
      phrase('clusters.said.switched', { from: 'ssh root@10.77.0.11:22', to: 'ssh root@10.77.0.12:22' }),
      'ssh root@10.77.0.11:22 stopped answering; switched to ssh root@10.77.0.12:22',
      'ssh root@10.77.0.11:22 ne répond plus ; bascule sur ssh root@10.77.0.12:22'
    ],
    [
      'retry notice',
      phrase('clusters.said.retrying', { seconds: 1.5 }),
      'no manager answered; trying again in 1.5s',
      "aucun manager n'a répondu ; nouvel essai dans 1.5 s"
    ],
    [
      'SSH authentication, methods and notes listed',
      phrase('connections.said.ssh.auth-failed', {
        user: 'root',
        where: '10.77.0.11:22',
        summary: joinedPhrases([
          phrase('connections.said.ssh.tried', { methods: listedPhrases([phrase('connections.said.ssh.key-label', { file: '/k/id' }), phrase('connections.said.ssh.agent-label')]) }),
          phrase('connections.said.ssh.server-accepts', { methods: 'publickey' }),
          phrase('connections.said.ssh.no-agent')
        ])
      }),
      'SSH authentication failed for root@10.77.0.11:22: tried key /k/id, ssh-agent; the server accepts: publickey; no ssh-agent (SSH_AUTH_SOCK is not set)',
      "l'authentification SSH a échoué pour root@10.77.0.11:22 : essayé : la clé /k/id, ssh-agent ; le serveur accepte : publickey ; pas de ssh-agent (SSH_AUTH_SOCK n'est pas défini)"
    ],
    [
      'changed host key with no recorded fingerprint',
      phrase('connections.said.ssh.host-key-changed', { host: 'h', keyType: 'ssh-ed25519', fingerprint: 'SHA256:x', source: '~/.ssh/known_hosts', known: phrase('connections.said.ssh.another-key') }),
      'WARNING: the host key of h has changed: it presented ssh-ed25519 SHA256:x, but ~/.ssh/known_hosts records another key. Someone could be intercepting the connection, or the host was reinstalled. Connection refused.',
      "ATTENTION : la clé d'hôte de h a changé : il a présenté ssh-ed25519 SHA256:x, mais ~/.ssh/known_hosts enregistre une autre clé. Quelqu'un intercepte peut-être la connexion, ou l'hôte a été réinstallé. Connexion refusée."
    ],
    [
      'engine behind SSH answers /_ping with an error, its body kept',
      phrase('connections.said.ssh.engine-silent', { where: 'h:22', message: phrase('connections.said.ssh.ping-status', { status: 500, body: 'oops' }) }),
      'the engine behind h:22 did not answer: the engine answered /_ping with HTTP 500: oops',
      "le moteur derrière h:22 n'a pas répondu : le moteur a répondu à /_ping avec HTTP 500 : oops"
    ],
    [
      'engine socket missing',
      phrase('errors.said.socket-missing', { message: 'connect ENOENT /x.sock' }),
      'no engine socket at that path (connect ENOENT /x.sock)',
      'aucun socket du moteur à cet emplacement (connect ENOENT /x.sock)'
    ]
  ])('%s', (_name, said, inEnglish, inFrench) => {
    expect(english(said)).toBe(inEnglish)
    expect(french(said)).toBe(inFrench)
  })

  it('refuses to join nothing (a refusal always says why)', () => {
    expect(() => joinedPhrases([])).toThrow()
    expect(() => listedPhrases([])).toThrow()
  })
})
