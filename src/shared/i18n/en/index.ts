// The English catalogue, one file per part of the app so that features own their strings.
// Every other language mirrors this shape (see src/renderer/src/i18n/catalogues.spec.ts); English is the fallback.

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

const en = { app, nav, common, units, table, cli, connect, errors, status, clusters, gate, hostKey, connections, overview, nodes, services, swarm, placement, stacks, logs, networks, secrets, compose, convergence, terminals, nodeAccess, forwards, metrics, security }
export default en
export type Catalogue = typeof en
