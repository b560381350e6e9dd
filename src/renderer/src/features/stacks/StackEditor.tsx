import { useCallback, useMemo, type ReactNode } from 'react'
import { ActionIcon, Alert, Badge, Button, Checkbox, CloseButton, FileButton, Group, Loader, Paper, SegmentedControl, Select, SimpleGrid, Stack, Tabs, Text, TextInput, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconAlert, IconInfo, IconPlus, IconTrash } from '../../components/icons'
import { useFormatters } from '../../i18n/format'
import { DeployPanel } from './DeployPanel'
import { useDeployProgressStore } from './deploy-progress-store'
import { changesSomething } from './plan-groups'
import { PlanView } from './PlanView'
import { baseName, diagnosticsFor } from './problem-diagnostics'
import { OpenFileFromDisk } from './OpenFileFromDisk'
import { ProblemList } from './ProblemList'
import { deployCommand } from './stack-cli'
import { useStackEditorStore } from './stack-editor-store'
import { bufferPath, dotEnvAvailable, isOnDisk, planRequestOf, serviceNamePrefix, stackNameProblem, type PlanReadiness } from './stack-input'
import { useStackListStore } from './stack-list-store'
import { deployStack } from './stacks-actions'
import { IconArrowLeft, IconFile, IconRocket } from './stacks-icons'
import classes from './stacks.module.css'
import { useStackPlanning } from './use-stack-planning'
import { YamlEditor } from './YamlEditor'

/** Name + compose files (edited here or read from disk by main), options, the live plan, deploy. */
export function StackEditor({ clusterId }: { clusterId: string }): ReactNode {
  useStackPlanning(clusterId)
  const name = useStackEditorStore((s) => s.name)
  const mode = useStackEditorStore((s) => s.mode)
  const buffers = useStackEditorStore((s) => s.buffers)
  const paths = useStackEditorStore((s) => s.paths)
  const options = useStackEditorStore((s) => s.options)
  const readiness = useMemo(() => planRequestOf({ name, mode, buffers, paths, options }), [name, mode, buffers, paths, options])

  return (
    <Stack gap="md" data-testid="stack-editor-view">
      <EditorHeader />
      <div className={classes.editorGrid}>
        <Stack gap="sm">
          <NameField />
          <SourceSection />
          <EditorProblems />
        </Stack>
        <Stack gap="sm">
          <OptionsSection />
          <DeploySection clusterId={clusterId} readiness={readiness} />
          <PlanSection clusterId={clusterId} readiness={readiness} />
        </Stack>
      </div>
    </Stack>
  )
}

function EditorHeader(): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  const origin = useStackEditorStore((s) => s.origin)
  const show = useStackListStore((s) => s.show)
  return (
    <Group justify="space-between" align="flex-end">
      <Group gap="sm" align="center">
        <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={() => show({ kind: 'list' })} data-testid="stacks-back">
          {t('stacks.title')}
        </Button>
        <div>
          <Title order={3}>{origin ? t('stacks.editor.redeployTitle', { stack: origin.stack }) : t('stacks.editor.title')}</Title>
          <Text size="sm" c="dimmed">
            {origin ? t('stacks.editor.fromLastDeploy', { date: f.dateTime(origin.deployedAt) }) : t('stacks.editor.subtitle')}
          </Text>
        </div>
      </Group>
    </Group>
  )
}

function NameField(): ReactNode {
  const { t } = useTranslation()
  const name = useStackEditorStore((s) => s.name)
  const setName = useStackEditorStore((s) => s.setName)
  // the first file's first service (the editor's files; files on disk are not read here)
  const firstText = useStackEditorStore((s) => (s.mode === 'editor' ? (s.buffers[0]?.text ?? '') : ''))
  const prefix = useMemo(() => serviceNamePrefix(name, firstText), [name, firstText])
  const problem = stackNameProblem(name)
  return (
    <TextInput
      label={t('stacks.editor.name')}
      description={prefix.service ? t('stacks.editor.nameHint', { example: prefix.example }) : t('stacks.editor.nameHintNoService', { prefix: prefix.example })}
      placeholder="shop"
      value={name}
      onChange={(event) => setName(event.currentTarget.value)}
      error={problem && problem !== 'required' ? t(`stacks.editor.nameProblem.${problem}`) : undefined}
      spellCheck={false}
      autoComplete="off"
      w={360}
      data-testid="stack-name"
    />
  )
}

function SourceSection(): ReactNode {
  const { t } = useTranslation()
  const mode = useStackEditorStore((s) => s.mode)
  const setMode = useStackEditorStore((s) => s.setMode)
  return (
    <Stack gap="xs">
      <SegmentedControl
        value={mode}
        onChange={(value) => setMode(value === 'paths' ? 'paths' : 'editor')}
        data={[
          { value: 'editor', label: <span data-testid="stack-source-editor">{t('stacks.editor.source.editor')}</span> },
          { value: 'paths', label: <span data-testid="stack-source-paths">{t('stacks.editor.source.paths')}</span> }
        ]}
        size="xs"
        w={360}
      />
      {mode === 'editor' ? <BufferTabs /> : <PathList />}
    </Stack>
  )
}

function BufferTabs(): ReactNode {
  const { t } = useTranslation()
  const buffers = useStackEditorStore((s) => s.buffers)
  const active = useStackEditorStore((s) => s.active)
  const setActive = useStackEditorStore((s) => s.setActive)
  const addBuffer = useStackEditorStore((s) => s.addBuffer)
  const removeBuffer = useStackEditorStore((s) => s.removeBuffer)
  const buffer = buffers[active] ?? buffers[0]
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap" align="flex-end">
        <Tabs value={buffer.id} onChange={(id) => setActive(Math.max(0, buffers.findIndex((b) => b.id === id)))} variant="outline" radius="sm" style={{ flex: 1, minWidth: 0 }}>
          <Tabs.List>
            {buffers.map((b, i) => (
              <Tabs.Tab
                key={b.id}
                value={b.id}
                leftSection={<IconFile size={13} />}
                rightSection={
                  i > 0 ? (
                    <CloseButton
                      size="xs"
                      component="span"
                      aria-label={t('stacks.editor.removeFile')}
                      onClick={(event) => {
                        event.stopPropagation()
                        removeBuffer(i)
                      }}
                      data-testid={`stack-file-remove-${i}`}
                    />
                  ) : null
                }
                data-testid={`stack-file-tab-${i}`}
              >
                <Text size="xs" ff="monospace">
                  {baseName(bufferPath(b, i))}
                </Text>
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <Tooltip label={t('stacks.editor.addFileHint')} withArrow multiline w={280}>
          <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={addBuffer} data-testid="stack-add-file">
            {t('stacks.editor.addFile')}
          </Button>
        </Tooltip>
      </Group>
      <OpenFileFromDisk />
      <BufferPath index={Math.max(0, buffers.indexOf(buffer))} />
      <Text size="xs" c="dimmed" ff={isOnDisk(buffer.path) ? 'monospace' : undefined} data-testid="stack-editing-file">
        {isOnDisk(buffer.path) ? t('stacks.editor.editing', { path: buffer.path.trim() }) : t('stacks.editor.editingUnsaved')}
      </Text>
      <BufferEditor index={Math.max(0, buffers.indexOf(buffer))} key={buffer.id} />
    </Stack>
  )
}

function BufferPath({ index }: { index: number }): ReactNode {
  const { t } = useTranslation()
  const buffer = useStackEditorStore((s) => s.buffers[index])
  const setBufferPath = useStackEditorStore((s) => s.setBufferPath)
  const setText = useStackEditorStore((s) => s.setText)
  const deploying = useDeployProgressStore((s) => s.running)
  const load = (file: File | null): void => {
    if (!file) return
    void file.text().then((text) => {
      setText(index, text)
      if (!useStackEditorStore.getState().buffers[index]?.path) setBufferPath(index, file.name)
    })
  }
  if (!buffer) return null
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        label={t('stacks.editor.filePath')}
        description={t('stacks.editor.filePathHint')}
        placeholder={bufferPath({ path: '' }, index)}
        value={buffer.path}
        onChange={(event) => setBufferPath(index, event.currentTarget.value)}
        spellCheck={false}
        style={{ flex: 1 }}
        size="xs"
        data-testid="stack-file-path"
      />
      <FileButton onChange={load} accept=".yml,.yaml,application/x-yaml,text/yaml,text/plain">
        {(props) => (
          <Button {...props} variant="default" size="xs" leftSection={<IconFile size={14} />} disabled={deploying} data-testid="stack-load-file">
            {t('stacks.editor.loadFile')}
          </Button>
        )}
      </FileButton>
    </Group>
  )
}

function BufferEditor({ index }: { index: number }): ReactNode {
  const { t } = useTranslation()
  const text = useStackEditorStore((s) => s.buffers[index]?.text ?? '')
  const setText = useStackEditorStore((s) => s.setText)
  const shown = useStackEditorStore((s) => s.shown)
  const focus = useStackEditorStore((s) => s.focus)
  const deploying = useDeployProgressStore((s) => s.running)
  const plannedText = shown && 'files' in shown.request.source ? (shown.request.source.files[index]?.text ?? null) : null
  const diagnostics = useMemo(() => (shown && plannedText !== null ? diagnosticsFor(t, shown.plan.problems, shown.plan.files, index, plannedText) : []), [t, shown, plannedText, index])
  const onChange = useCallback((value: string) => setText(index, value), [setText, index])
  const invalid = diagnostics.some((d) => d.severity === 'error')
  return (
    <div className={classes.editorFrame} data-invalid={invalid}>
      <YamlEditor
        value={text}
        onChange={onChange}
        diagnostics={diagnostics}
        diagnosticsText={plannedText}
        readOnly={deploying}
        focus={focus && focus.buffer === index ? focus : null}
        ariaLabel={t('stacks.editor.editorLabel')}
        placeholder={t('stacks.editor.placeholder')}
        testId="stack-editor"
      />
    </div>
  )
}

function PathList(): ReactNode {
  const { t } = useTranslation()
  const paths = useStackEditorStore((s) => s.paths)
  const setPath = useStackEditorStore((s) => s.setPath)
  const addPath = useStackEditorStore((s) => s.addPath)
  const removePath = useStackEditorStore((s) => s.removePath)
  return (
    <Paper withBorder p="sm" radius="sm">
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          {t('stacks.editor.pathsHint')}
        </Text>
        {paths.map((path, i) => (
          <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label={i === 0 ? t('stacks.editor.pathFirst') : t('stacks.editor.pathOverride', { index: i + 1 })}
              placeholder="/srv/stacks/shop/docker-compose.yml"
              value={path}
              onChange={(event) => setPath(i, event.currentTarget.value)}
              spellCheck={false}
              style={{ flex: 1 }}
              data-testid={`stack-path-${i}`}
            />
            {paths.length > 1 ? (
              <ActionIcon variant="subtle" color="gray" onClick={() => removePath(i)} aria-label={t('stacks.editor.removeFile')} mb={4} data-testid={`stack-path-remove-${i}`}>
                <IconTrash size={14} />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        <Group>
          <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={addPath} data-testid="stack-add-path">
            {t('stacks.editor.addPath')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}

function EditorProblems(): ReactNode {
  const shown = useStackEditorStore((s) => s.shown)
  const mode = useStackEditorStore((s) => s.mode)
  const focusAt = useStackEditorStore((s) => s.focusAt)
  if (!shown || shown.plan.problems.length === 0) return null
  return (
    <Paper withBorder p="xs" radius="sm">
      <ProblemList
        problems={shown.plan.problems}
        files={shown.plan.files}
        onSelect={mode === 'editor' ? (p, fileIndex) => p.location && focusAt(fileIndex, p.location.line, p.location.column) : undefined}
      />
    </Paper>
  )
}

/** A label with its explanation one hover away, so the options stay compact. */
function HintLabel({ label, hint }: { label: string; hint: string }): ReactNode {
  return (
    <Group gap={4} wrap="nowrap">
      <span>{label}</span>
      <Tooltip label={hint} withArrow multiline w={320}>
        <span style={{ display: 'inline-flex', color: 'var(--mantine-color-dimmed)' }}>
          <IconInfo size={13} />
        </span>
      </Tooltip>
    </Group>
  )
}

function OptionsSection(): ReactNode {
  const { t } = useTranslation()
  const options = useStackEditorStore((s) => s.options)
  const setOption = useStackEditorStore((s) => s.setOption)
  const mode = useStackEditorStore((s) => s.mode)
  const buffers = useStackEditorStore((s) => s.buffers)
  const paths = useStackEditorStore((s) => s.paths)
  const canDotEnv = dotEnvAvailable(mode, buffers, paths)
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="stack-options">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('stacks.options.title')}
        </Text>
        <SimpleGrid cols={2} spacing="xs" verticalSpacing={8}>
          <Checkbox
            size="xs"
            label={<HintLabel label={t('stacks.options.prune')} hint={t('stacks.options.pruneHint')} />}
            checked={options.prune}
            onChange={(event) => setOption('prune', event.currentTarget.checked)}
            data-testid="stack-opt-prune"
          />
          <Checkbox
            size="xs"
            label={<HintLabel label={t('stacks.options.wait')} hint={t('stacks.options.waitHint')} />}
            checked={options.wait}
            onChange={(event) => setOption('wait', event.currentTarget.checked)}
            data-testid="stack-opt-wait"
          />
          <Checkbox
            size="xs"
            label={<HintLabel label={t('stacks.options.dotEnv')} hint={canDotEnv ? t('stacks.options.dotEnvHint') : t('stacks.options.dotEnvNeedsPath')} />}
            checked={options.useDotEnv && canDotEnv}
            disabled={!canDotEnv}
            onChange={(event) => setOption('useDotEnv', event.currentTarget.checked)}
            data-testid="stack-opt-dotenv"
          />
          <Checkbox
            size="xs"
            label={<HintLabel label={t('stacks.options.registryAuth')} hint={t('stacks.options.registryAuthHint')} />}
            checked={options.withRegistryAuth}
            onChange={(event) => setOption('withRegistryAuth', event.currentTarget.checked)}
            data-testid="stack-opt-registry-auth"
          />
        </SimpleGrid>
        <Group gap="xs" wrap="nowrap">
          <Text size="xs" style={{ flexShrink: 0 }}>
            <HintLabel label={t('stacks.options.resolveImage')} hint={t(`stacks.options.resolveImageHint.${options.resolveImage}`)} />
          </Text>
          <Select
            aria-label={t('stacks.options.resolveImage')}
            data={(['always', 'changed', 'never'] as const).map((value) => ({ value, label: t(`stacks.options.resolveImageMode.${value}`) }))}
            value={options.resolveImage}
            onChange={(value) => value && setOption('resolveImage', value === 'changed' || value === 'never' ? value : 'always')}
            allowDeselect={false}
            size="xs"
            w={200}
            data-testid="stack-opt-resolve-image"
          />
        </Group>
      </Stack>
    </Paper>
  )
}

function PlanSection({ clusterId, readiness }: { clusterId: string; readiness: PlanReadiness }): ReactNode {
  const { t } = useTranslation()
  const shown = useStackEditorStore((s) => s.shown)
  const planningKey = useStackEditorStore((s) => s.planningKey)
  const planError = useStackEditorStore((s) => s.planError)
  const fresh = Boolean(shown && readiness.ready && shown.key === readiness.key && shown.clusterId === clusterId)
  const failed = Boolean(planError && readiness.ready && planError.key === readiness.key)
  // idle: nothing to plan yet; planning: asked; fresh: the plan shown is for the current input
  const state = !readiness.ready ? 'idle' : planningKey !== null ? 'planning' : fresh ? 'fresh' : failed ? 'error' : 'stale'
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="stack-plan-section" data-state={state}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {t('stacks.plan.title')}
            </Text>
            {planningKey !== null ? <Loader size={14} data-testid="stack-planning" /> : null}
            {shown && !fresh && readiness.ready ? (
              <Badge size="xs" color="gray" variant="outline">
                {t('stacks.plan.outdated')}
              </Badge>
            ) : null}
          </Group>
          {shown && shown.plan.fingerprint && shown.plan.operations.length > 0 ? (
            <Tooltip label={t('stacks.plan.fingerprintHint')} withArrow multiline w={300}>
              <Text size="xs" c="dimmed" ff="monospace" data-testid="plan-fingerprint">
                {t('stacks.plan.fingerprint', { id: shown.plan.fingerprint.slice(0, 8) })}
              </Text>
            </Tooltip>
          ) : null}
        </Group>
        {!readiness.ready ? (
          <Text size="sm" c="dimmed" data-testid="stack-plan-idle" data-reason={readiness.reason}>
            {t(`stacks.plan.idle.${readiness.reason}`)}
          </Text>
        ) : null}
        {planError && failed ? <ErrorAlert error={planError.error} title={t('stacks.plan.failed')} testId="stack-plan-error" /> : null}
        {shown && readiness.ready ? (
          shown.plan.operations.length === 0 && !shown.plan.ok ? (
            <Alert color="red" variant="light" icon={<IconAlert />} data-testid="stack-plan-invalid">
              <Text size="sm">{t('stacks.plan.invalidFiles')}</Text>
            </Alert>
          ) : (
            <div style={{ opacity: fresh ? 1 : 0.55, transition: 'opacity 120ms' }}>
              <PlanView plan={shown.plan} mode="deploy" />
            </div>
          )
        ) : null}
      </Stack>
    </Paper>
  )
}

function DeploySection({ clusterId, readiness }: { clusterId: string; readiness: PlanReadiness }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const name = useStackEditorStore((s) => s.name)
  const mode = useStackEditorStore((s) => s.mode)
  const buffers = useStackEditorStore((s) => s.buffers)
  const paths = useStackEditorStore((s) => s.paths)
  const options = useStackEditorStore((s) => s.options)
  const shown = useStackEditorStore((s) => s.shown)
  const planningKey = useStackEditorStore((s) => s.planningKey)
  const running = useDeployProgressStore((s) => s.running)
  const fresh = Boolean(shown && readiness.ready && shown.key === readiness.key && shown.clusterId === clusterId)
  const files = readiness.ready ? readiness.files : mode === 'editor' ? buffers.map(bufferPath) : paths.filter((p) => p.trim() !== '')
  const command = deployCommand({
    stack: name,
    files,
    prune: options.prune,
    resolveImage: options.resolveImage,
    withRegistryAuth: options.withRegistryAuth,
    wait: options.wait,
    useDotEnv: options.useDotEnv && dotEnvAvailable(mode, buffers, paths)
  })
  const errors = shown ? shown.plan.problems.filter((p) => p.severity === 'error').length : 0
  const canDeploy = Boolean(fresh && shown?.plan.ok && planningKey === null && !running)
  let hint: string
  if (running) hint = t('stacks.deploy.hint.running')
  else if (!readiness.ready) hint = t(`stacks.plan.idle.${readiness.reason}`)
  else if (!fresh || planningKey !== null) hint = t('stacks.deploy.hint.planning')
  else if (!shown?.plan.ok) hint = t('stacks.deploy.hint.blocked', { count: errors })
  else if (!changesSomething(shown.plan)) hint = t('stacks.deploy.hint.nothing')
  else hint = t('stacks.deploy.hint.ready', { id: shown.plan.fingerprint.slice(0, 8) })

  return (
    <Paper withBorder p="sm" radius="sm">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap" align="center">
          <Button leftSection={<IconRocket size={16} />} style={{ flexShrink: 0 }} disabled={!canDeploy} loading={running} onClick={() => void deployStack(api, clusterId)} data-testid="stack-deploy">
            {t('stacks.deploy.button')}
          </Button>
          <Text size="xs" c={canDeploy ? 'dimmed' : shown && !shown.plan.ok ? 'red' : 'dimmed'} data-testid="stack-deploy-hint">
            {hint}
          </Text>
        </Group>
        <CliEquivalent command={command} testId="stack-cli" />
        <DeployPanel clusterId={clusterId} />
      </Stack>
    </Paper>
  )
}
