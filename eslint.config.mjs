import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

// Per-process import rules (STYLE.md): electron only in the bootstrap and platform/, dockerode
// only in the Engine gateway (src/main/docker/), no Node, electron, dockerode or ssh2 in the
// renderer, and nothing but zod in the shared contract.
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'stream', 'url', 'util', 'events', 'tls', 'dns', 'readline', 'worker_threads', 'zlib']
const nodeBuiltinPatterns = ['node:*', ...nodeBuiltins]
// The Engine gateway (src/main/docker/) is the only main code that knows the HTTP client; tests,
// benchmarks and scripts may use it directly to set up the lab.
const electronFiles = ['src/main/index.ts', 'src/main/platform/electron-platform.ts']
const electronOnlyThere = { name: 'electron', message: 'electron belongs to src/main/index.ts and src/main/platform/ only' }
const engineClientOnlyInDocker = ['dockerode', 'docker-modem'].map((name) => ({ name, message: 'the Engine API is reached through the gateway in src/main/docker/ only' }))

// Words only at the edges: main's English is made where it speaks to scripts and logs, the
// dispatcher (src/main/rpc) and the CLI (src/main/cli.ts, src/main/cli/). Cores and effects build
// phrases and worded values with src/main/i18n/words.ts; tests may word phrases to compare English.
const englishAtTheEdges = { group: ['**/i18n/english'], message: 'English is made at the edges (src/main/rpc, src/main/cli): build a phrase, or a worded value with src/main/i18n/words' }
const wordingEdges = ['src/main/rpc/**', 'src/main/cli.ts', 'src/main/cli/**', 'src/main/i18n/**', '**/*.spec.ts']
// ...and a core never words a phrase at once: the words module gives it values worded when read,
// not a sentence now (a getter's sentenceOnRead(said) called on the spot would be one).
const wordedOnRead = [
  { selector: "CallExpression > CallExpression.callee[callee.name='sentenceOnRead']", message: 'a sentence is made when read, at the edges: keep what sentenceOnRead returns for a getter, or build a worded value (src/main/i18n/words)' },
  { selector: "ImportSpecifier[imported.name='sentence']", message: 'no sentence now in a core: carry the phrase, or a value worded on read (src/main/i18n/words)' }
]

// Size limits for src/main (STYLE.md: files under ~600 lines, functions under ~120), blank lines
// and comments not counted. A spec's describe() is a table of cases, so specs get the file limit only.
const maxLines = ['error', { max: 600, skipBlankLines: true, skipComments: true }]
const maxLinesPerFunction = ['error', { max: 120, skipBlankLines: true, skipComments: true }]


export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'scripts/**/*.js', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '*.config.ts', '*.config.mts', '*.config.mjs'],
    languageOptions: { globals: { ...globals.node } }
  },
  {
    // The npm bin shim is plain CommonJS that loads the built CLI; tool configs may be CommonJS too.
    files: ['bin/**/*.js', '*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: [...electronFiles, 'src/main/docker/**', ...wordingEdges],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyThere, ...engineClientOnlyInDocker], patterns: [englishAtTheEdges] }] }
  },
  {
    // the edges that word English (and spec files) keep the other two rules
    files: wordingEdges.map((glob) => (glob.startsWith('src/main/') ? glob : `src/main/${glob}`)),
    ignores: [...electronFiles, 'src/main/docker/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyThere, ...engineClientOnlyInDocker] }] }
  },
  {
    files: electronFiles,
    rules: { 'no-restricted-imports': ['error', { paths: engineClientOnlyInDocker, patterns: [englishAtTheEdges] }] }
  },
  {
    files: ['src/main/docker/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyThere], patterns: [englishAtTheEdges] }] }
  },
  {
    files: ['src/main/docker/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyThere] }] }
  },
  { files: ['src/main/**/*.ts'], ignores: wordingEdges.map((glob) => (glob.startsWith('src/main/') ? glob : `src/main/${glob}`)), rules: { 'no-restricted-syntax': ['error', ...wordedOnRead] } },
  {
    // Type-aware rules for main's code, where a forgotten promise is a crash (an unhandled rejection)
    // or a lost error: typed linting for these files only (tsconfig.lint-main.json: no tests), so
    // the rest of the lint stays fast.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/**/*.spec.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.lint-main.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `void` alone does not count as handled: a fire-and-forget promise must carry its own .catch
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error'
    }
  },
  { files: ['src/main/**/*.ts'], rules: { 'max-lines': maxLines } },
  { files: ['src/main/**/*.ts'], ignores: ['src/main/**/*.spec.ts'], rules: { 'max-lines-per-function': maxLinesPerFunction } },
  // Oversized units being split in the architecture change; this list must end empty
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'dockerode', 'ssh2', 'react'].map((name) => ({ name, message: 'src/shared is the contract: data shapes only' })),
          patterns: [{ group: nodeBuiltinPatterns, message: 'src/shared must not use Node' }]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'dockerode', 'ssh2', 'ws'].map((name) => ({ name, message: 'the renderer talks to main through the api client only' })),
          patterns: [
            { group: nodeBuiltinPatterns, message: 'no Node modules in the renderer' },
            { group: ['**/main/**', '**/preload/index'], message: 'the renderer may import src/shared, not main or preload code' }
          ]
        }
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname', '__filename', 'global', 'module']
    }
  }
)
