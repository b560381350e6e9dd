import { useEffect, type ReactNode } from 'react'
import { Alert, AppShell, Badge, Divider, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../api/api-context'
import { ErrorAlert } from '../components/ErrorAlert'
import { IconAlert, IconBoxes, IconGauge, IconLayers, IconPlug, IconServer, IconTerminal } from '../components/icons'
import { ClusterGate } from './ClusterGate'
import { lazyPage } from './lazy-page'
import { ClusterSwitcher } from './ClusterSwitcher'
import { useActiveCluster, useClustersStore } from '../features/clusters/clusters-store'
import { HostKeyDialog } from '../features/clusters/HostKeyDialog'
import { IconShield } from '../features/security/security-icons'
import { IconNetwork } from '../features/networks/network-icons'
import { IconPlacement } from '../features/placement/placement-icons'
import { IconKey } from '../features/secrets/secrets-icons'
import { UnfinishedRotationsBanner } from '../features/secrets/UnfinishedRotations'
import { IconStacks } from '../features/stacks/stacks-icons'
import { useAppStore } from '../app-state/app-store'
import { useNavStore, type Page } from '../app-state/nav-store'
import { LanguageSwitch } from './LanguageSwitch'
import { ThemeToggle } from './ThemeToggle'

// Each page is its own chunk, loaded when first shown: the shell (header, navigation, banners)
// paints without waiting for the pages, and the heavy ones (the stack editor's CodeMirror, the
// metrics charts' uPlot, the terminals' xterm) load only with the page that uses them.
const pages = {
  connections: lazyPage(() => import('../features/connections/ConnectionsPage').then((m) => m.ConnectionsPage)),
  networks: lazyPage(() => import('../features/networks/NetworksPage').then((m) => m.NetworksPage)),
  nodes: lazyPage(() => import('../features/nodes/NodesPage').then((m) => m.NodesPage)),
  overview: lazyPage(() => import('../features/overview/OverviewPage').then((m) => m.OverviewPage)),
  placement: lazyPage(() => import('../features/placement/PlacementPage').then((m) => m.PlacementPage)),
  services: lazyPage(() => import('../features/services/ServicesPage').then((m) => m.ServicesPage)),
  stacks: lazyPage(() => import('../features/stacks/StacksPage').then((m) => m.StacksPage)),
  secrets: lazyPage(() => import('../features/secrets/SecretsPage').then((m) => m.SecretsPage)),
  security: lazyPage(() => import('../features/security/SecurityPage').then((m) => m.SecurityPage)),
  terminals: lazyPage(() => import('../features/terminals/TerminalsPage').then((m) => m.TerminalsPage))
}
const ConnectionsPage = pages.connections.Page
const NetworksPage = pages.networks.Page
const NodesPage = pages.nodes.Page
const OverviewPage = pages.overview.Page
const PlacementPage = pages.placement.Page
const ServicesPage = pages.services.Page
const StacksPage = pages.stacks.Page
const SecretsPage = pages.secrets.Page
const SecurityPage = pages.security.Page
const TerminalsPage = pages.terminals.Page

export function Shell(): ReactNode {
  return (
    <AppShell header={{ height: 48 }} navbar={{ width: 264, breakpoint: 0 }} padding={0}>
      <AppShell.Header>
        <Header />
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Sidebar />
      </AppShell.Navbar>
      <AppShell.Main style={{ display: 'flex', flexDirection: 'column', height: '100dvh' }}>
        <ConnectionLostBanner />
        <ClusterFailureBanner />
        <UnfinishedRotationsBanner />
        <PageContent />
      </AppShell.Main>
      <HostKeyDialog />
    </AppShell>
  )
}

function Header(): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const active = useActiveCluster()
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <IconLayers size={20} />
        <Title order={4} fw={700}>
          {t('app.name')}
        </Title>
        {active ? (
          <Text size="sm" c="dimmed" truncate="end" data-testid="header-cluster">
            {t('app.activeCluster', { name: active.name })}
          </Text>
        ) : null}
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Badge variant="outline" color="gray" size="sm" radius="sm" data-testid="transport-badge">
          {api.transport === 'ipc' ? t('app.transport.ipc') : t('app.transport.ws')}
        </Badge>
        <LanguageSwitch />
        <ThemeToggle />
      </Group>
    </Group>
  )
}

const navItems: { page: Page; icon: ReactNode }[] = [
  { page: 'overview', icon: <IconGauge /> },
  { page: 'nodes', icon: <IconServer /> },
  { page: 'services', icon: <IconBoxes /> },
  { page: 'stacks', icon: <IconStacks /> },
  { page: 'secrets', icon: <IconKey /> },
  { page: 'networks', icon: <IconNetwork /> },
  { page: 'placement', icon: <IconPlacement /> },
  { page: 'security', icon: <IconShield /> },
  { page: 'terminals', icon: <IconTerminal /> },
  { page: 'connections', icon: <IconPlug /> }
]

function Sidebar(): ReactNode {
  const { t } = useTranslation()
  const page = useNavStore((s) => s.page)
  const go = useNavStore((s) => s.go)
  const version = useAppStore((s) => s.info?.version)
  return (
    <Stack gap="xs" h="100%">
      <Stack gap={2} component="nav" aria-label={t('nav.label')}>
        {navItems.map((item) => (
          <NavLink
            key={item.page}
            label={t(`nav.${item.page}` as const)}
            leftSection={item.icon}
            active={page === item.page}
            onClick={() => go(item.page)}
            data-testid={`nav-${item.page}`}
            styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
          />
        ))}
      </Stack>
      <Divider />
      <ScrollArea style={{ flex: 1 }} type="auto">
        <ClusterSwitcher />
      </ScrollArea>
      {version ? (
        <Text size="xs" c="dimmed" px={4} data-testid="app-version">
          {t('app.version', { version })}
        </Text>
      ) : null}
    </Stack>
  )
}

function PageContent(): ReactNode {
  const page = useNavStore((s) => s.page)
  // The page's chunk is asked for as soon as the page is chosen, not once its cluster is ready:
  // its download overlaps the cluster's opening instead of following it.
  useEffect(() => pages[page].preload(), [page])
  if (page === 'connections') return <ConnectionsPage />
  // Terminals outlive the page and carry their cluster: shown whatever cluster is selected.
  if (page === 'terminals') return <TerminalsPage />
  return (
    <ClusterGate>
      {(cluster, model) => {
        if (page === 'nodes') return <NodesPage clusterId={cluster.clusterId} />
        if (page === 'services') return <ServicesPage clusterId={cluster.clusterId} />
        if (page === 'stacks') return <StacksPage clusterId={cluster.clusterId} />
        if (page === 'secrets') return <SecretsPage clusterId={cluster.clusterId} />
        if (page === 'networks') return <NetworksPage clusterId={cluster.clusterId} />
        if (page === 'placement') return <PlacementPage clusterId={cluster.clusterId} />
        if (page === 'security') return <SecurityPage clusterId={cluster.clusterId} />
        return <OverviewPage cluster={cluster} model={model} />
      }}
    </ClusterGate>
  )
}

function ConnectionLostBanner(): ReactNode {
  const { t } = useTranslation()
  const lost = useAppStore((s) => s.connectionLost)
  if (!lost) return null
  return (
    <Alert color="red" variant="filled" radius={0} icon={<IconAlert />} title={t('app.connectionLost.title')} data-testid="connection-lost">
      {t('app.connectionLost.body')}
    </Alert>
  )
}

/** A failed open/close stays visible (whatever the page) until dismissed or retried. */
function ClusterFailureBanner(): ReactNode {
  const { t } = useTranslation()
  const failure = useClustersStore((s) => s.failure)
  const setFailure = useClustersStore((s) => s.setFailure)
  if (!failure) return null
  const name = failure.label === 'default' ? t('clusters.defaultEngine') : failure.label
  return (
    <Stack p="md" pb={0}>
      <ErrorAlert
        error={failure.error}
        title={failure.action === 'open' ? t('clusters.openFailed', { name }) : t('clusters.closeFailed', { name })}
        onClose={() => setFailure(null)}
        testId="cluster-failure"
      />
    </Stack>
  )
}
