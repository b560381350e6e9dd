// The French catalogue: same layout as ../en (one file per part of the app). Words of the Swarm
// course are kept as French Swarm users say them: service, stack, secret, swarm, manager, worker,
// nœud, tâche, label. Missing keys fall back to English at run time; src/renderer/src/i18n/catalogues.spec.ts fails on
// any key English has and French misses (or the reverse), and on changed {{placeholders}} or <tags>.
// A feature that adds en/<section>.json adds fr/<section>.json and registers it below.

import type { Catalogue } from '../en'
import app from './app.json'
import nav from './nav.json'
import common from './common.json'
import units from './units.json'
import table from './table.json'
import cli from './cli.json'
import connect from './connect.json'
import errors from './errors.json'
import status from './status.json'
import clusters from './clusters.json'
import gate from './gate.json'
import hostKey from './hostKey.json'
import connections from './connections.json'
import overview from './overview.json'
import nodes from './nodes.json'
import services from './services.json'
import swarm from './swarm.json'
import placement from './placement.json'
import stacks from './stacks.json'
import networks from './networks.json'
import logs from './logs.json'
import secrets from './secrets.json'
import compose from './compose.json'
import convergence from './convergence.json'
import terminals from './terminals.json'
import nodeAccess from './nodeAccess.json'
import forwards from './forwards.json'
import metrics from './metrics.json'
import security from './security.json'

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] }

const fr: DeepPartial<Catalogue> = { app, nav, common, units, table, cli, connect, errors, status, clusters, gate, hostKey, connections, overview, nodes, services, swarm, placement, stacks, logs, networks, secrets, compose, convergence, terminals, nodeAccess, forwards, metrics, security }
export default fr
