// Layer rules of SwarmDesk, checked by `npm run lint` (depcruise) and by tests/unit/layer-rules.spec.ts.
//
// The layers: src/shared is the contract (data shapes and pure helpers both processes use);
// src/main is the core (domains, the engine gateway in docker/, the CLI and the servers);
// src/preload is the one bridge script; src/renderer/src is the UI, where app/ is the shell that
// composes the features/ and nothing below the shell reaches back up into it.
//
// Spec files are left out of the cruise: a test may import whatever it tests (and tests/support).
// That is also what makes "no test-only module under src/" checkable: with the specs gone, a
// non-spec module that only specs import is one no entry point reaches.

/** Where the three processes start (electron.vite.config.ts) plus the renderer's module entry. */
const ENTRY_POINTS = [
  '^src/main/(index|headless|cli)\\.ts$',
  '^src/preload/index\\.ts$',
  '^src/renderer/src/main\\.tsx$'
]

const SPEC_FILES = '\\.spec\\.tsx?$'

// ---- Temporary exceptions: each list must end empty ------------------------------------------
//
// The engine gateway change makes src/main/docker/ the only place that talks to dockerode; until
// it is merged these modules still import it directly. Remove this list on merge.
const KNOWN_UNTIL_GATEWAY = []

// Main words its English with the renderer's catalogue until the catalogues move to
// src/shared/i18n. These edges (importer -> imported folder) are the only ones allowed; remove on merge.
const KNOWN_UNTIL_SHARED_CATALOGUES = []

// Convergence (services/) is used by stacks/ while services/ uses stacks' parsers and engine
// wrapper; the gateway change moves convergence and the engine wrapper out. Remove on merge.
const KNOWN_MAIN_FOLDER_CYCLES = []
// -----------------------------------------------------------------------------------------------

const escaped = (path) => path.replace(/[.]/g, '\\.')
const exactly = (path) => `^${escaped(path)}$`
const under = (folder) => `^${escaped(folder)}`
/** An empty exception list must mean "no exception", never a pattern that matches everything. */
const unless = (patterns) => (patterns.length > 0 ? { pathNot: patterns } : {})

const knownCycleFolders = KNOWN_MAIN_FOLDER_CYCLES.flat()
const knownCyclePartners = (folder) =>
  KNOWN_MAIN_FOLDER_CYCLES.filter((pair) => pair.includes(folder)).flatMap((pair) => pair.filter((other) => other !== folder))

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-no-process',
      comment: 'src/shared is the contract both processes compile in: it must not pull main, preload or renderer code into the other side.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(main|preload|renderer)/' }
    },
    {
      name: 'main-imports-no-renderer',
      comment: 'The core runs without a window (CLI, headless server): it cannot depend on UI code.',
      severity: 'error',
      from: { path: '^src/main/', ...unless(KNOWN_UNTIL_SHARED_CATALOGUES.map((edge) => exactly(edge.from))) },
      to: { path: '^src/renderer/' }
    },
    ...KNOWN_UNTIL_SHARED_CATALOGUES.map((edge) => ({
      name: 'main-imports-no-renderer',
      comment: `Temporary (KNOWN_UNTIL_SHARED_CATALOGUES): ${edge.from} may import ${edge.to} and nothing else of the renderer.`,
      severity: 'error',
      from: { path: exactly(edge.from) },
      to: { path: '^src/renderer/', pathNot: under(edge.to) }
    })),
    {
      name: 'renderer-imports-no-main',
      comment: 'The renderer reaches main through the api client and the shared contract only (it is also served to a browser).',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(main|preload)/' }
    },
    {
      name: 'preload-imports-only-shared',
      comment: 'The preload is a sandboxed bridge emitted as one file: electron and the shared contract, nothing else.',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { pathNot: ['^src/(preload|shared)/', '^node_modules/electron/'] }
    },
    {
      name: 'features-import-no-app',
      comment: 'app/ is the shell that composes the features; a feature importing it makes a cycle through the shell. Shared UI state lives in app-state/, the mirror binding in features/mirror/.',
      severity: 'error',
      from: { path: '^src/renderer/src/', pathNot: ['^src/renderer/src/app/', '^src/renderer/src/main\\.tsx$'] },
      to: { path: '^src/renderer/src/app/' }
    },
    {
      name: 'no-feature-folder-cycle',
      comment: 'Features may build on one another in one direction only, so each can be read (and removed) from the top down.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/renderer/src/features/[^/]+$' },
      // (a cycle through app/ is reported by features-import-no-app)
      to: { path: '^src/renderer/src/features/', circular: true }
    },
    {
      name: 'no-main-domain-folder-cycle',
      comment: 'Domain folders of main depend on one another in one direction (stacks -> placement, secrets -> stacks, ...).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/main/[^/]+$', ...unless(knownCycleFolders.map(exactly)) },
      to: { circular: true }
    },
    ...knownCycleFolders.map((folder) => ({
      name: 'no-main-domain-folder-cycle',
      comment: `Temporary (KNOWN_MAIN_FOLDER_CYCLES): ${folder} may be in a cycle with ${knownCyclePartners(folder).join(', ')} only.`,
      severity: 'error',
      scope: 'folder',
      from: { path: exactly(folder) },
      to: { circular: true, pathNot: knownCyclePartners(folder).map(exactly) }
    })),
    {
      name: 'no-circular-import',
      comment: 'A module cycle makes load order matter and hides which side owns what.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true }
    },
    {
      name: 'dockerode-only-in-docker',
      comment: 'One engine gateway (src/main/docker/) owns time-outs, cancellation, error mapping and call counting; nothing else talks to dockerode.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/main/docker/', ...KNOWN_UNTIL_GATEWAY.map(exactly)] },
      to: { path: '^node_modules/(@types/)?dockerode/' }
    },
    {
      name: 'no-test-only-module',
      comment: 'Everything under src/ ships: a module no entry point reaches is dead or test-only. Test builders belong in tests/support/.',
      severity: 'error',
      from: { path: ENTRY_POINTS },
      to: { path: '^src/', pathNot: [...ENTRY_POINTS, '\\.d\\.ts$', '\\.css$'], reachable: false }
    },
    {
      name: 'src-imports-no-tests',
      comment: 'Shipped code cannot depend on test helpers.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^tests/' }
    },
    {
      name: 'resolvable-imports',
      comment: 'An import the cruiser cannot resolve is one no rule above can check.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true }
    }
  ],
  options: {
    exclude: { path: SPEC_FILES },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: a type from the wrong layer couples the layers.
    tsPreCompilationDeps: true,
    cache: false
  }
}
