// Compose diagnostics travel as phrases: main prints the English (byte-identical to what it
// always printed, which scripts and the bad-input table compare), the app words the same phrase
// in the user's language. For each problem below, built by the real loader from a real file:
// the English written out by hand, and the French written out by hand.
import { describe, expect, it } from 'vitest'
import { french } from '../../../tests/support/french'
import { english } from '../i18n/english'
import { AppError } from '../../shared/errors'
import type { Phrase } from '../../shared/phrase'
import { openComposeFile } from './compose-file-open'
import { loadCompose, type Diagnostic } from './compose-loader'
import { relativeFileReferences } from './unsaved-file-refs'

const svc = (...lines: string[]) => ['services:', '  web:', '    image: nginx', ...lines.map((l) => `    ${l}`), ''].join('\n')

interface Row {
  what: string
  text: string
  env?: Record<string, string>
  /** warnings instead of errors */
  warning?: boolean
  en: string
  fr: string
}

const rows: Row[] = [
  {
    what: 'unknown field with a suggestion',
    text: svc('deploy:', '  replica: 2'),
    en: 'services.web.deploy: unknown field `replica` (did you mean `replicas`?)',
    fr: 'services.web.deploy : champ inconnu `replica` (vouliez-vous dire `replicas` ?)'
  },
  {
    what: 'unknown top-level field: the file is the subject',
    text: 'service:\n  web:\n    image: nginx\n',
    en: 'the file: unknown field `service` (did you mean `services`?)',
    fr: 'le fichier : champ inconnu `service` (vouliez-vous dire `services` ?)'
  },
  {
    what: 'three allowed types',
    text: svc('environment:', '  DEBUG: true'),
    en: 'services.web.environment.DEBUG must be a string, number or null',
    fr: 'services.web.environment.DEBUG doit être une chaîne, un nombre ou null'
  },
  {
    what: 'two allowed types',
    text: svc('command:', '  run: x'),
    en: 'services.web.command must be a string or list',
    fr: 'services.web.command doit être une chaîne ou une liste'
  },
  {
    what: 'one type, "an"',
    text: svc('deploy:', '  replicas: two'),
    en: 'services.web.deploy.replicas must be an integer',
    fr: 'services.web.deploy.replicas doit être un entier'
  },
  {
    what: 'enum',
    text: svc('deploy:', '  update_config:', '    order: sideways'),
    en: 'services.web.deploy.update_config.order must be one of: start-first, stop-first',
    fr: "services.web.deploy.update_config.order doit valoir l'une de ces valeurs : start-first, stop-first"
  },
  {
    what: 'duration format',
    text: svc('stop_grace_period: 1d'),
    en: 'services.web.stop_grace_period must be a duration such as 10s, 1m30s or 250ms (units ns, us, ms, s, m, h)',
    fr: 'services.web.stop_grace_period doit être une durée comme 10s, 1m30s ou 250ms (unités ns, us, ms, s, m, h)'
  },
  {
    what: 'port format',
    text: svc('ports:', '  - "80:http"'),
    en: 'services.web.ports.0 must be a port such as 80, 8080:80 or 127.0.0.1:53:53/udp',
    fr: 'services.web.ports.0 doit être un port comme 80, 8080:80 ou 127.0.0.1:53:53/udp'
  },
  {
    what: 'forbidden field with the CLI reason',
    text: svc('cpu_shares: 512'),
    en: 'services.web.cpu_shares is not supported by docker stack deploy: Set resource limits using deploy.resources',
    fr: "services.web.cpu_shares n'est pas pris en charge par docker stack deploy : Fixez les limites de ressources avec deploy.resources"
  },
  {
    what: 'unsupported restart (warning)',
    text: svc('restart: always'),
    warning: true,
    en: 'services.web.restart is ignored: unsupported by docker stack deploy (still used as the restart policy when deploy.restart_policy is absent)',
    fr: 'services.web.restart est ignoré : docker stack deploy ne le prend pas en charge (il sert encore de politique de redémarrage quand deploy.restart_policy est absent)'
  },
  {
    what: 'depends_on (warning)',
    text: svc('depends_on:', '  - db'),
    warning: true,
    en: 'services.web.depends_on is ignored by docker stack deploy: swarm starts services in no particular order',
    fr: 'services.web.depends_on est ignoré par docker stack deploy : swarm démarre les services dans un ordre quelconque'
  },
  {
    what: 'required variable',
    text: 'services:\n  web:\n    image: nginx:${TAG:?set TAG}\n',
    en: 'services.web.image: required variable TAG is missing a value: set TAG',
    fr: "services.web.image : la variable obligatoire TAG n'a pas de valeur : set TAG"
  },
  {
    what: 'invalid interpolation',
    text: svc('user: "${1USER}"'),
    en: 'services.web.user: invalid interpolation format: "${1USER}"; you may need to escape any $ with another $',
    fr: 'services.web.user : format d\'interpolation invalide : "${1USER}" ; pour écrire un $ tel quel, doublez-le ($$)'
  },
  {
    what: 'cast of an interpolated value',
    text: svc('deploy:', '  replicas: "${N}"'),
    env: { N: 'two' },
    en: 'services.web.deploy.replicas: failed to cast to expected type: strconv.Atoi: parsing "two": invalid syntax',
    fr: 'services.web.deploy.replicas : conversion vers le type attendu impossible : "two" n\'est pas un nombre entier (strconv.Atoi)'
  },
  {
    what: "the YAML parser's own words, inside our sentence",
    text: 'services:\n  web:\n\timage: nginx\n',
    en: 'Tabs are not allowed as indentation',
    fr: 'YAML invalide : Tabs are not allowed as indentation'
  },
  {
    what: 'undefined YAML alias',
    text: 'services:\n  web: *defaults\n',
    en: "unknown anchor 'defaults' referenced",
    fr: "l'ancre 'defaults' est utilisée mais n'est définie nulle part"
  },
  {
    what: 'image reference',
    text: 'services:\n  web:\n    image: Nginx\n',
    en: 'invalid image reference for service web: invalid reference format: repository name (library/Nginx) must be lowercase',
    fr: "référence d'image invalide pour le service web : format de référence invalide : le nom de dépôt (library/Nginx) doit être en minuscules"
  },
  {
    what: 'no image',
    text: 'services:\n  web:\n    user: me\n',
    en: 'invalid image reference for service web: no image specified',
    fr: "référence d'image invalide pour le service web : aucune image indiquée"
  },
  {
    what: 'unsupported version',
    text: 'version: "2.4"\nservices:\n  web:\n    image: nginx\n',
    en: 'unsupported Compose file version: 2.4',
    fr: 'version de fichier compose non prise en charge : 2.4'
  },
  {
    what: 'memory size suffix',
    text: svc('deploy:', '  resources:', '    limits:', '      memory: 1x'),
    en: "services.web.deploy.resources.limits.memory: invalid suffix: 'x'",
    fr: "services.web.deploy.resources.limits.memory : suffixe invalide : 'x'"
  },
  {
    what: 'volume short syntax',
    text: svc('volumes:', '  - "/data::/b"'),
    en: 'services.web.volumes.0: invalid spec: /data::/b: empty section between colons',
    fr: 'services.web.volumes.0 : spécification invalide : /data::/b : section vide entre deux deux-points'
  },
  {
    what: 'external name conflict, with the object named in French',
    text: 'services:\n  web:\n    image: nginx\nnetworks:\n  front:\n    name: a\n    external:\n      name: b\n',
    en: 'network front: network.external.name and network.name conflict; only use network.name',
    fr: 'réseau front : network.external.name et network.name se contredisent ; n\'utilisez que network.name'
  }
]

function diagnosticsOf(row: Row): Diagnostic[] {
  const result = loadCompose({ files: [{ path: '/p/docker-compose.yml', text: row.text }], env: row.env ?? {} })
  return row.warning ? result.warnings : result.errors
}

describe('compose diagnostics in English and in French', () => {
  it.each(rows)('$what', (row) => {
    const found = diagnosticsOf(row)
    expect(found.map((d) => d.message)).toContain(row.en)
    const d = found.find((x) => x.message === row.en) as Diagnostic
    expect(english(d.said)).toBe(row.en)
    expect(french(d.said)).toBe(row.fr)
  })

  it('an unsaved buffer with a relative file:', () => {
    const [d] = relativeFileReferences({ path: '/x/buffer.yml', text: 'secrets:\n  token:\n    file: ./token.txt\n' })
    expect(d.message).toBe(
      'secret token: file "./token.txt" is relative to the compose file, but this file is not on disk (it only lives in the editor): open the compose file from disk, give the buffer the path where it is saved, or use an absolute path'
    )
    expect(french(d.said)).toBe(
      "secret token : file \"./token.txt\" est relatif au fichier compose, mais ce fichier n'est pas sur le disque (il n'existe que dans l'éditeur) : ouvrez le fichier compose depuis le disque, indiquez l'emplacement où il est enregistré, ou utilisez un chemin absolu"
    )
  })

  it('opening a compose file by a relative path is refused with the phrase in the error', async () => {
    const error = await openComposeFile('stack.yml').then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(AppError)
    const refused = error as AppError
    expect(refused.message).toBe(
      '"stack.yml" is a relative path: give the absolute path of the compose file (e.g. /home/me/stack/docker-compose.yml), so that relative file: and env_file entries are found beside it'
    )
    expect(french(refused.data.said as Phrase)).toBe(
      '"stack.yml" est un chemin relatif : indiquez le chemin absolu du fichier compose (par ex. /home/moi/stack/docker-compose.yml), pour que les file: et env_file relatifs soient trouvés à côté de lui'
    )
  })

  it('a .env line that is not KEY=VALUE', () => {
    const result = loadCompose({ files: [{ path: '/p/docker-compose.yml', text: svc() }], env: {}, dotEnv: { path: '/p/.env', text: 'A=1\nnot a pair\n' } })
    const d = result.errors[0]
    expect([d.file, d.line, d.message]).toEqual(['/p/.env', 2, 'line 2: expected KEY=VALUE'])
    expect(french(d.said)).toBe('ligne 2 : KEY=VALUE attendu')
  })
})
