import { describe, expect, it } from 'vitest'
import { editDistance, foldValue, goTrimSpace, parseConstraint, parseConstraints, suggestKey, type Constraint } from './constraint-parser'
import { english } from '../i18n/english'
import { french } from '../../../tests/support/french'

function accepted(expression: string): Constraint {
  const result = parseConstraint(expression)
  if ('error' in result) throw new Error(`expected ${JSON.stringify(expression)} to parse: ${result.error.message}`)
  return result.constraint
}

function refused(expression: string): { message: string; suggestion?: string } {
  const result = parseConstraint(expression)
  if ('constraint' in result) throw new Error(`expected ${JSON.stringify(expression)} to be refused`)
  return result.error
}

describe('parseConstraints: what swarmkit accepts', () => {
  const cases: { expression: string; field: Constraint['field']; key: string; label?: string; operator: '==' | '!='; value: string }[] = [
    { expression: 'node.role==manager', field: 'node.role', key: 'node.role', operator: '==', value: 'manager' },
    { expression: '  node.role  ==  worker  ', field: 'node.role', key: 'node.role', operator: '==', value: 'worker' },
    { expression: 'node.role != manager', field: 'node.role', key: 'node.role', operator: '!=', value: 'manager' },
    { expression: 'NODE.ROLE==Manager', field: 'node.role', key: 'NODE.ROLE', operator: '==', value: 'Manager' },
    { expression: 'node.id==abc123', field: 'node.id', key: 'node.id', operator: '==', value: 'abc123' },
    { expression: 'node.hostname == node 1', field: 'node.hostname', key: 'node.hostname', operator: '==', value: 'node 1' },
    { expression: 'node.ip == 10.0.0.0/24', field: 'node.ip', key: 'node.ip', operator: '==', value: '10.0.0.0/24' },
    { expression: 'node.ip != 2001:db8::2', field: 'node.ip', key: 'node.ip', operator: '!=', value: '2001:db8::2' },
    { expression: 'node.platform.os==linux', field: 'node.platform.os', key: 'node.platform.os', operator: '==', value: 'linux' },
    { expression: 'node.platform.arch==x86_64', field: 'node.platform.arch', key: 'node.platform.arch', operator: '==', value: 'x86_64' },
    { expression: 'node.labels.zone==east', field: 'node.labels', key: 'node.labels.zone', label: 'zone', operator: '==', value: 'east' },
    // The prefix is case-insensitive, the label key is kept as written (labels are case-sensitive).
    { expression: 'Node.Labels.Zone==east', field: 'node.labels', key: 'Node.Labels.Zone', label: 'Zone', operator: '==', value: 'east' },
    { expression: 'node.labels.com.example.tier == web', field: 'node.labels', key: 'node.labels.com.example.tier', label: 'com.example.tier', operator: '==', value: 'web' },
    { expression: 'engine.labels.storage!=ssd', field: 'engine.labels', key: 'engine.labels.storage', label: 'storage', operator: '!=', value: 'ssd' },
    // Special characters are allowed in values and compared literally.
    { expression: 'node==[a-b]+c*(n|b)/', field: 'unknown', key: 'node', operator: '==', value: '[a-b]+c*(n|b)/' },
    { expression: '_node==_node1', field: 'unknown', key: '_node', operator: '==', value: '_node1' },
    // `==` is looked for first, so `!=` inside the key side is not an operator here... (see refusals)
    // Go's TrimSpace trims U+0085 (NEL) and U+3000; JavaScript's trim would not trim NEL.
    { expression: 'node.labels.zone==east\u0085', field: 'node.labels', key: 'node.labels.zone', label: 'zone', operator: '==', value: 'east' },
    { expression: '\u3000node.role==worker', field: 'node.role', key: 'node.role', operator: '==', value: 'worker' },
    // Go's (?i)[a-z] also matches the Kelvin sign and the long s.
    { expression: 'node.labels.\u212Aey==\u017Fsd', field: 'node.labels', key: 'node.labels.\u212Aey', label: '\u212Aey', operator: '==', value: '\u017Fsd' },
    // node.labels. with nothing after it is a valid key that matches nothing.
    { expression: 'node.labels.==x', field: 'unknown', key: 'node.labels.', operator: '==', value: 'x' }
  ]
  for (const c of cases) {
    it(JSON.stringify(c.expression), () => {
      const constraint = accepted(c.expression)
      expect(constraint.field).toBe(c.field)
      expect(constraint.key).toBe(c.key)
      expect(constraint.label).toBe(c.label ?? '')
      expect(constraint.operator).toBe(c.operator)
      expect(constraint.value).toBe(c.value)
    })
  }

  it('folds the value for comparison', () => {
    expect(accepted('node.role==MANAGER').folded).toBe('manager')
    expect(accepted('node.labels.k==\u212Aube').folded).toBe('kube')
  })

  it('keeps every expression with its index', () => {
    const parsed = parseConstraints(['node.role==worker', 'node.labels.zone!=west'])
    expect(parsed.errors).toEqual([])
    expect(parsed.constraints.map((c) => [c.index, c.field, c.operator])).toEqual([
      [0, 'node.role', '=='],
      [1, 'node.labels', '!=']
    ])
  })
})

describe('parseConstraints: what swarmkit refuses (its exact messages)', () => {
  const OPERATOR = 'constraint expected one operator from ==, !='
  const cases: { expression: string; message: string; suggestion?: string }[] = [
    { expression: '', message: OPERATOR, suggestion: 'write key == value, e.g. node.role == worker' },
    { expression: ' ', message: OPERATOR },
    { expression: 'nodeabc', message: OPERATOR },
    { expression: 'node ~ abc', message: OPERATOR },
    { expression: 'node.role = manager', message: OPERATOR, suggestion: 'use ==: node.role == manager' },
    { expression: 'node.labels.zone=east', message: OPERATOR, suggestion: 'use ==: node.labels.zone == east' },
    { expression: 'node.role <> manager', message: OPERATOR, suggestion: 'use !=: node.role != manager' },
    { expression: 'node.role: manager', message: OPERATOR, suggestion: 'use ==: node.role == manager' },
    { expression: 'node.labels.size >= 3', message: OPERATOR, suggestion: 'only == and != exist (no comparison or pattern): e.g. node.labels.size == 3' },
    { expression: '1node==a2', message: "key '1node' is invalid", suggestion: 'a key starts with a letter or _, e.g. node.labels.zone' },
    { expression: 'no de== node1', message: "key 'no de' is invalid", suggestion: 'a key cannot contain spaces: did you mean node?' },
    { expression: 'no*de==node1', message: "key 'no*de' is invalid" },
    { expression: 'no$de==node1', message: "key 'no$de' is invalid" },
    { expression: '==node1', message: "key '' is invalid", suggestion: 'put the key before ==, e.g. node.labels.zone == east' },
    { expression: 'a==b', message: "key 'a' is invalid", suggestion: 'a key has at least two characters; did you mean node.labels.a?' },
    { expression: '"node.role"==manager', message: 'key \'"node.role"\' is invalid', suggestion: 'remove the quotes around the key: node.role' },
    { expression: 'node.role !== manager', message: "key 'node.role !' is invalid", suggestion: 'use != alone, not !==' },
    // `==` is found first: the key side then holds the `!=`.
    { expression: 'node.role!=manager==x', message: "key 'node.role!=manager' is invalid", suggestion: 'one operator per constraint: split it into two constraints' },
    { expression: 'node==', message: "value '' is invalid", suggestion: 'give a value; to match nodes where the label is missing, write node != <any value they do not have>' },
    { expression: 'node== ', message: "value '' is invalid" },
    { expression: 'node.labels.zone != ', message: "value '' is invalid", suggestion: 'give a value, e.g. node.labels.zone != none' },
    { expression: 'node.labels.zone === east', message: "value '= east' is invalid", suggestion: 'use == once: node.labels.zone == east' },
    { expression: "node.labels.zone == 'east'", message: "value ''east'' is invalid", suggestion: 'remove the quotes: node.labels.zone == east' },
    { expression: 'node.labels.zone == "east"', message: 'value \'"east"\' is invalid', suggestion: 'remove the quotes: node.labels.zone == east' },
    {
      expression: 'node.labels.zone == east,west',
      message: "value 'east,west' is invalid",
      suggestion: 'a constraint matches one value (no OR, no lists): give those nodes a common label and constrain on it, or list several constraints (they are ANDed)'
    },
    { expression: 'node.labels.a == b!=c', message: "value 'b!=c' is invalid", suggestion: 'one operator per constraint: split it into two constraints' },
    { expression: 'node.labels.a == b<c', message: "value 'b<c' is invalid", suggestion: 'the only operators are == and !=' },
    // Go's \s is [\t\n\f\r ]: a vertical tab inside the value is refused.
    { expression: 'node.labels.a==b\u000bc', message: "value 'b\u000bc' is invalid" },
    // Go does not trim a byte-order mark: it stays in the key.
    { expression: '\ufeffnode.role==worker', message: "key '\ufeffnode.role' is invalid" },
    { expression: 'node.labels.zone==été', message: "value 'été' is invalid" }
  ]
  for (const c of cases) {
    it(JSON.stringify(c.expression), () => {
      const error = refused(c.expression)
      expect(error.message).toBe(c.message)
      if ('suggestion' in c) expect(error.suggestion).toBe(c.suggestion)
    })
  }

  it('reports each refused expression with its index, keeps the others', () => {
    const parsed = parseConstraints(['node.role==worker', 'node.role = manager', 'zone'])
    expect(parsed.constraints).toHaveLength(1)
    expect(parsed.errors.map((e) => [e.index, e.expression, e.message])).toEqual([
      [1, 'node.role = manager', 'constraint expected one operator from ==, !='],
      [2, 'zone', 'constraint expected one operator from ==, !=']
    ])
  })
})

describe('parseConstraints: accepted but suspicious', () => {
  const cases: { expression: string; message: RegExp; suggestion?: string }[] = [
    { expression: 'labels.type==db', message: /^unknown key 'labels\.type': the engine accepts it but no node will ever match \(every task stays pending\)/, suggestion: 'did you mean node.labels.type == db?' },
    { expression: 'node.label.type==db', message: /^unknown key 'node\.label\.type'/, suggestion: 'did you mean node.labels.type == db?' },
    { expression: 'label.type != db', message: /\(not even with !=\)/, suggestion: 'did you mean node.labels.type != db?' },
    { expression: 'nod.labels.zone==east', message: /^unknown key/, suggestion: 'did you mean node.labels.zone == east?' },
    { expression: 'node.lables.zone==east', message: /^unknown key/, suggestion: 'did you mean node.labels.zone == east?' },
    { expression: 'engine.label.storage==ssd', message: /^unknown key/, suggestion: 'did you mean engine.labels.storage == ssd?' },
    { expression: 'node.hostnme==web1', message: /^unknown key/, suggestion: 'did you mean node.hostname == web1?' },
    { expression: 'node.hotsname==web1', message: /^unknown key/, suggestion: 'did you mean node.hostname == web1?' },
    { expression: 'node.name==web1', message: /^unknown key/, suggestion: 'did you mean node.hostname == web1?' },
    { expression: 'hostname==web1', message: /^unknown key/, suggestion: 'did you mean node.hostname == web1?' },
    { expression: 'node.os==linux', message: /^unknown key/, suggestion: 'did you mean node.platform.os == linux?' },
    { expression: 'node.platform.architecture==x86_64', message: /^unknown key/, suggestion: 'did you mean node.platform.arch == x86_64?' },
    { expression: 'node.rol==worker', message: /^unknown key/, suggestion: 'did you mean node.role == worker?' },
    { expression: 'node.role==managers', message: /^node\.role is either manager or worker: 'managers' matches no node$/, suggestion: 'did you mean node.role == manager?' },
    { expression: 'node.role!=workers', message: /matches every node$/, suggestion: 'did you mean node.role != worker?' },
    { expression: 'node.hostname==web*', message: /^'web\*' is compared literally: constraints have no wildcards or patterns$/ }
  ]
  for (const c of cases) {
    it(JSON.stringify(c.expression), () => {
      const parsed = parseConstraints([c.expression])
      expect(parsed.errors).toEqual([])
      expect(parsed.constraints).toHaveLength(1)
      expect(parsed.warnings).toHaveLength(1)
      expect(parsed.warnings[0].message).toMatch(c.message)
      expect(parsed.warnings[0].suggestion).toBe(c.suggestion)
    })
  }

  it('has nothing to say about a correct constraint', () => {
    expect(parseConstraints(['node.labels.zone == east', 'node.role != manager', 'engine.labels.x==y']).warnings).toEqual([])
  })
})

describe('helpers', () => {
  it('goTrimSpace follows unicode.IsSpace', () => {
    expect(goTrimSpace(' \t\n\v\f\r\u0085\u00a0x\u2000\u200a\u2028\u2029\u202f\u205f\u3000')).toBe('x')
    expect(goTrimSpace('\ufeffx')).toBe('\ufeffx')
    expect(goTrimSpace('x y')).toBe('x y')
  })

  it('foldValue is strings.EqualFold for constraint values', () => {
    expect(foldValue('East')).toBe('east')
    expect(foldValue('\u212A')).toBe('k')
    expect(foldValue('\u017F')).toBe('s')
    // Non-ASCII letters do not fold to ASCII: É never equals E.
    expect(foldValue('É')).toBe('É')
  })

  it('suggestKey', () => {
    expect(suggestKey('labels.zone')).toBe('node.labels.zone')
    expect(suggestKey('tags.zone')).toBe('node.labels.zone')
    expect(suggestKey('node.tag.zone')).toBe('node.labels.zone')
    expect(suggestKey('something.else')).toBeNull()
  })

  it('editDistance', () => {
    expect(editDistance('node.hostnme', 'node.hostname')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('kitten', 'sitting')).toBe(3)
  })
})

// The one-click fix is the parser's own field: the whole corrected expression when the suggestion
// proposes a drop-in replacement, null when it is advice (the app never reads it back from words).
describe('parseConstraints: the fix each suggestion carries', () => {
  const cases: [string, string | null][] = [
    ['node.role = manager', 'node.role == manager'],
    ['node.role <> manager', 'node.role != manager'],
    ['node.labels.zone === east', 'node.labels.zone == east'],
    ["node.labels.zone == 'east'", 'node.labels.zone == east'],
    ['labels.type==db', 'node.labels.type == db'],
    ['node.hostnme != web1', 'node.hostname != web1'],
    ['node.role==managers', 'node.role == manager'],
    // advice, not a replacement
    ['node.labels.size >= 3', null],
    ['no de== node1', null],
    ['a==b', null],
    ['"node.role"==manager', null],
    ['==node1', null],
    ['node.role !== manager', null],
    ['node.labels.zone != ', null],
    ['node.labels.zone == east,west', null],
    ['zone', null],
    ['no*de==node1', null],
    ['node.hostname==web*', null],
    ['node.foo==x', null]
  ]
  it.each(cases)('%j -> %j', (expression, fix) => {
    const parsed = parseConstraints([expression])
    const issues = [...parsed.errors, ...parsed.warnings]
    expect(issues).toHaveLength(1)
    expect(issues[0].fix).toBe(fix)
  })

  it('says the full unknown-key warning, unchanged', () => {
    expect(parseConstraints(['labels.type==db']).warnings[0].message).toBe(
      "unknown key 'labels.type': the engine accepts it but no node will ever match (every task stays pending); known keys: node.id, node.hostname, node.ip, node.role, node.platform.os, node.platform.arch, node.labels.<key>, engine.labels.<key>"
    )
  })
})

// The app's French for the parser's phrases, written by hand; the English is checked above.
describe('parseConstraints: the same issues in French', () => {
  const cases: [string, string, string | null][] = [
    ['node.role = manager', "la contrainte attend un opérateur parmi ==, !=", 'utilisez == : node.role == manager'],
    ['node.labels.size >= 3', "la contrainte attend un opérateur parmi ==, !=", 'seuls == et != existent (ni comparaison ni motif) : par exemple node.labels.size == 3'],
    ['zone', "la contrainte attend un opérateur parmi ==, !=", 'écrivez clé == valeur ou clé != valeur, par exemple node.role == worker'],
    ['no de== node1', "la clé « no de » n'est pas valide", "une clé ne peut pas contenir d'espaces : vouliez-vous dire node ?"],
    ['a==b', "la clé « a » n'est pas valide", 'une clé a au moins deux caractères ; vouliez-vous dire node.labels.a ?'],
    ['"node.role"==manager', 'la clé « "node.role" » n\'est pas valide', 'retirez les guillemets autour de la clé : node.role'],
    ['node.labels.zone === east', "la valeur « = east » n'est pas valide", 'utilisez == une seule fois : node.labels.zone == east'],
    ["node.labels.zone == 'east'", "la valeur « 'east' » n'est pas valide", 'retirez les guillemets : node.labels.zone == east'],
    ['node.labels.zone != ', "la valeur «  » n'est pas valide", 'donnez une valeur, par exemple node.labels.zone != none'],
    ['node.labels.a == b<c', "la valeur « b<c » n'est pas valide", 'les seuls opérateurs sont == et !='],
    [
      'label.type != db',
      "clé inconnue « label.type » : le moteur l'accepte mais aucun nœud ne correspondra jamais (même pas avec !=) ; clés connues : node.id, node.hostname, node.ip, node.role, node.platform.os, node.platform.arch, node.labels.<key>, engine.labels.<key>",
      'vouliez-vous dire node.labels.type != db ?'
    ],
    ['node.role==managers', 'node.role vaut manager ou worker : « managers » ne vise aucun nœud', 'vouliez-vous dire node.role == manager ?'],
    ['node.hostname==web*', "« web* » est comparé tel quel : les contraintes n'ont ni jokers ni motifs", null]
  ]
  it.each(cases)('%j', (expression, message, suggestion) => {
    const parsed = parseConstraints([expression])
    const [issue] = [...parsed.errors, ...parsed.warnings]
    expect(french(issue.said)).toBe(message)
    expect(issue.suggestionSaid === undefined ? null : french(issue.suggestionSaid)).toBe(suggestion)
    // The English the CLI prints is the same phrase in English.
    expect(english(issue.said)).toBe(issue.message)
  })
})
