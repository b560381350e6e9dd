import { useMemo, type ReactNode } from 'react'
import { Alert, Badge, Button, Code, Group, Loader, Select, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { shellQuote } from '../../../../shared/docker-cli'
import type { Service } from '../../../../shared/domain'
import { useModelField } from '../mirror/mirror-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconInfo } from '../../components/icons'
import { useFormatters } from '../../i18n/format'
import { draftFromService, openLabelEditor, tryConstraintFix } from './placement-actions'
import { usePlacementStore } from './placement-store'
import { usePlanResultsStore } from './plan-results-store'
import { PlanView } from './PlanView'
import { say } from '../../i18n/say'
import { useWhatIfStore } from './whatif-store'

/** The selected live service against every node (after the what-if changes, if any). */
export function ServicePlanPanel({ clusterId }: { clusterId: string }): ReactNode {
  const { t } = useTranslation()
  const services = useModelField(clusterId, 'services')
  const nodes = useModelField(clusterId, 'nodes')
  const selectedId = usePlacementStore((s) => s.selectedServiceId)
  const select = usePlacementStore((s) => s.select)
  const slot = usePlanResultsStore((s) => s.service)
  const changes = useWhatIfStore((s) => s.changes)
  const service = selectedId ? services?.[selectedId] : undefined

  const options = useMemo(
    () =>
      Object.values(services ?? {})
        .map((s) => ({ value: s.id, label: s.name }))
        .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true })),
    [services]
  )
  const edit = service ? changes.find((change) => change.kind === 'constraints' && change.service === service.id) : undefined
  const whatIfConstraints = edit?.kind === 'constraints' ? edit.constraints : null
  // An answer for another service (the selection just changed) is not shown.
  const result = slot.result && slot.result.serviceId === selectedId ? slot.result : null

  return (
    <Stack gap="sm" data-testid="service-plan" data-service={service?.name}>
      <Select
        aria-label={t('placement.service.pick')}
        placeholder={t('placement.service.pick')}
        data={options}
        value={service ? service.id : null}
        onChange={(value) => select(value)}
        searchable
        limit={100}
        nothingFoundMessage={t('placement.service.noMatch')}
        data-testid="service-picker"
      />
      {!service ? (
        <Text size="sm" c="dimmed" data-testid="service-plan-empty">
          {selectedId ? t('placement.service.gone') : t('placement.service.hint')}
        </Text>
      ) : (
        <>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={0} miw={0}>
              <Title order={4} style={{ overflowWrap: 'anywhere' }}>
                {service.name}
              </Title>
              <Text size="xs" c="dimmed">
                {t(`services.mode.${service.mode}` as const)}
                {service.placement.replicas !== null ? ` · ${t('placement.service.replicas', { count: service.placement.replicas })}` : ''}
              </Text>
            </Stack>
            <Group gap={6} wrap="nowrap">
              {slot.loading ? <Loader size="xs" data-testid="service-plan-loading" /> : null}
              <Button size="compact-xs" variant="default" onClick={() => draftFromService(service)} data-testid="service-to-draft">
                {t('placement.service.toDraft')}
              </Button>
            </Group>
          </Group>
          {changes.length > 0 ? (
            <Alert color="blue" variant="light" p={6} icon={<IconInfo />} data-testid="service-plan-whatif">
              <Text size="xs">{t('placement.service.whatIf', { count: changes.length })}</Text>
            </Alert>
          ) : null}
          <ServicePlacementFacts service={service} whatIfConstraints={whatIfConstraints} />
          {slot.error && !result ? <ErrorAlert error={slot.error} title={t('placement.planFailed')} testId="service-plan-error" /> : null}
          {result ? (
            <>
              {result.errors.length > 0 ? (
                <Alert color="yellow" variant="light" p="xs" data-testid="service-plan-change-errors">
                  <Text size="sm">{t('placement.whatif.ignored', { errors: result.errors.map((error) => say(t, error.said)).join('; ') })}</Text>
                </Alert>
              ) : null}
              <PlanView
                plan={result.plan}
                before={result.before}
                nodes={nodes}
                draft={false}
                showConstraintIssues
                onEditLabels={(nodeId) => {
                  const node = nodes?.[nodeId]
                  if (node) openLabelEditor([node])
                }}
                onTryFix={(index, fix) => tryConstraintFix(service, changes, index, fix)}
              />
            </>
          ) : !slot.error ? (
            <Group gap="xs" c="dimmed">
              <Loader size="xs" />
              <Text size="sm">{t('placement.planning')}</Text>
            </Group>
          ) : null}
          <CliEquivalent
            command={[`docker service ps ${shellQuote(service.name)}`, `docker service inspect --format '{{json .Spec.TaskTemplate.Placement}}' ${shellQuote(service.name)}`].join('\n')}
            label={t('placement.service.cli')}
            testId="service-plan-cli"
          />
        </>
      )}
    </Stack>
  )
}

/** What the scheduler reads from the service: constraints, spread, limits, reservations. */
function ServicePlacementFacts({ service, whatIfConstraints }: { service: Service; whatIfConstraints: readonly string[] | null }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const { placement } = service
  return (
    <Stack gap={6} data-testid="service-placement">
      <Group gap={6} align="flex-start" wrap="nowrap">
        <Text size="xs" fw={600} c="dimmed" w={110} style={{ flexShrink: 0 }}>
          {t('placement.service.constraints')}
        </Text>
        {service.constraints.length === 0 ? (
          <Text size="xs" c="dimmed" data-testid="plan-constraints">
            {t('placement.service.noConstraints')}
          </Text>
        ) : (
          <Stack gap={2} data-testid="plan-constraints">
            {service.constraints.map((constraint) => (
              <Code key={constraint} fz="xs">
                {constraint}
              </Code>
            ))}
          </Stack>
        )}
      </Group>
      {whatIfConstraints ? (
        <Group gap={6} align="flex-start" wrap="nowrap" data-testid="plan-whatif-constraints">
          <Text size="xs" fw={600} c="blue" w={110} style={{ flexShrink: 0 }}>
            {t('placement.service.whatIfConstraints')}
          </Text>
          {whatIfConstraints.length === 0 ? (
            <Text size="xs" c="blue">
              {t('placement.service.noConstraints')}
            </Text>
          ) : (
            <Stack gap={2}>
              {whatIfConstraints.map((constraint) => (
                <Code key={constraint} fz="xs" c="blue">
                  {constraint}
                </Code>
              ))}
            </Stack>
          )}
        </Group>
      ) : null}
      <Group gap={6} align="flex-start" wrap="nowrap">
        <Text size="xs" fw={600} c="dimmed" w={110} style={{ flexShrink: 0 }}>
          {t('placement.service.preferences')}
        </Text>
        {placement.preferences.length === 0 ? (
          <Text size="xs" c="dimmed" data-testid="plan-preferences">
            {t('placement.service.noPreferences')}
          </Text>
        ) : (
          <Group gap={4} data-testid="plan-preferences">
            {placement.preferences.map((p) => (
              <Code key={p.spread} fz="xs">{`spread=${p.spread}`}</Code>
            ))}
          </Group>
        )}
      </Group>
      <Group gap={6}>
        {placement.maxReplicasPerNode > 0 ? (
          <Badge size="sm" variant="outline" color="gray" radius="sm" tt="none">
            {t('placement.service.maxPerNode', { count: placement.maxReplicasPerNode })}
          </Badge>
        ) : null}
        {placement.reservations.nanoCpus > 0 ? (
          <Badge size="sm" variant="outline" color="gray" radius="sm" tt="none">
            {t('placement.service.reserveCpu', { cpus: f.cpus(placement.reservations.nanoCpus) })}
          </Badge>
        ) : null}
        {placement.reservations.memoryBytes > 0 ? (
          <Badge size="sm" variant="outline" color="gray" radius="sm" tt="none">
            {t('placement.service.reserveMemory', { memory: f.bytes(placement.reservations.memoryBytes) })}
          </Badge>
        ) : null}
        {placement.platforms.length > 0 ? (
          <Badge size="sm" variant="outline" color="gray" radius="sm" tt="none" title={placement.platforms.map((p) => `${p.os}/${p.arch}`).join(', ')}>
            {t('placement.service.platforms', { count: placement.platforms.length })}
          </Badge>
        ) : null}
      </Group>
    </Stack>
  )
}
