import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type UIEvent } from 'react'
import { ActionIcon, Badge, Button, Group, NumberInput, Stack, Switch, Text, TextInput, Tooltip } from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useStore } from 'zustand'
import { logSinceSchema, serviceLogsCommand } from '../../../../shared/logs'
import { useApi } from '../../api/api-context'
import { CliEquivalent } from '../../components/CliEquivalent'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IconArrowDown, IconArrowUp } from '../../components/icons'
import { isAtBottom, prefixColor, toLogFile, type ViewLine } from './log-buffer'
import { highlightParts } from './log-search'
import { openLogStream, type Scheduler } from './log-stream'
import { createLogViewStore, LOG_BUFFER_CAPACITY, type LogViewStore } from './logs-store'
import classes from './logs.module.css'
import { say } from '../../i18n/say'

const ROW_HEIGHT = 20
const rowSize = (): number => ROW_HEIGHT
const animationFrames: Scheduler = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle)
}
/** More than the rows ever rendered at once (viewport plus overscan), so recycled keys stay unique. */
const RECYCLE_WINDOW = 512

export type LogViewerProps = { clusterId: string; height?: string } & ({ serviceIds: string[]; stack?: undefined } | { stack: string; serviceIds?: undefined })

/**
 * Live logs of one or several services, or of a whole stack, merged by time: `service.slot`
 * prefixes in a colour of their own, stderr marked, regex search, follow, tail and since,
 * download, and the `docker service logs` equivalent. Holds at most 100,000 lines, rendered
 * virtually; batches from main are applied once per animation frame.
 */
export function LogViewer(props: LogViewerProps): ReactNode {
  const [store] = useState(() => createLogViewStore())
  const targetKey = props.stack !== undefined ? `stack:${props.stack}` : `services:${props.serviceIds.join(',')}`
  return <LogViewerWithStore key={`${props.clusterId}|${targetKey}`} {...props} store={store} />
}

function LogViewerWithStore({ clusterId, serviceIds, stack, height, store }: LogViewerProps & { store: LogViewStore }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const tail = useStore(store, (s) => s.tail)
  const since = useStore(store, (s) => s.since)
  const serviceKey = serviceIds?.join(',') ?? ''

  useEffect(() => {
    const state = store.getState()
    state.restart()
    const target = stack !== undefined ? { stack } : { serviceIds: serviceKey.split(',') }
    return openLogStream(
      api,
      { clusterId, target, follow: true, tail, since },
      {
        apply: (lines, meta) => store.getState().append(lines, meta),
        started: (info) => store.getState().setStatus('streaming', { info }),
        failed: (error) => store.getState().setStatus('error', { error: error.toData() })
      },
      animationFrames
    )
  }, [api, store, clusterId, stack, serviceKey, tail, since])

  return (
    <Stack gap="xs" data-testid="log-viewer">
      <LogToolbar store={store} t={t} />
      <LogStatus store={store} t={t} />
      <LogRows store={store} height={height} t={t} />
      <LogCli store={store} />
    </Stack>
  )
}

function LogToolbar({ store, t }: { store: LogViewStore; t: TFunction }): ReactNode {
  // Field by field: the toolbar must not re-render for every applied batch.
  const query = useStore(store, (s) => s.query)
  const search = useStore(store, (s) => s.search)
  const matches = useStore(store, (s) => s.matches)
  const currentMatch = useStore(store, (s) => s.currentMatch)
  const tail = useStore(store, (s) => s.tail)
  const since = useStore(store, (s) => s.since)
  const follow = useStore(store, (s) => s.follow)
  const timestamps = useStore(store, (s) => s.timestamps)
  const hasLines = useStore(store, (s) => s.version >= 0 && s.ring.size > 0)
  const state = store.getState()
  const [sinceDraft, setSinceDraft] = useState(since ?? '')
  const [tailDraft, setTailDraft] = useState<string | number>(tail ?? '')
  const sinceCheck = sinceDraft.trim() === '' ? null : logSinceSchema.safeParse(sinceDraft)
  const sinceError = sinceCheck && !sinceCheck.success ? t('logs.since.invalid') : null
  const applySince = (): void => {
    if (sinceError) return
    const value = sinceDraft.trim() === '' ? null : sinceDraft.trim()
    if (value !== since) state.setSince(value)
  }
  const applyTail = (): void => {
    const value = tailDraft === '' ? null : Number(tailDraft)
    if (value === null || (Number.isInteger(value) && value >= 0)) {
      if (value !== tail) state.setTail(value)
    }
  }
  const jump = (direction: 1 | -1): void => {
    store.getState().jump(direction)
  }
  const download = (): void => {
    const current = store.getState()
    const text = toLogFile(current.ring.toArray(), { timestamps: current.timestamps, skippedText: (count) => t('logs.skipped', { count }) })
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }))
    const link = document.createElement('a')
    const names = current.info?.services.map((s) => s.name).join('+') ?? 'logs'
    link.href = url
    link.download = `${names}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
  const searchError =
    search && !search.ok ? (search.problem === 'empty' ? t('logs.search.matchesEmpty') : t('logs.search.invalid', { detail: search.detail })) : null
  const position = currentMatch !== null ? matches.indexOf(currentMatch) + 1 : 0

  return (
    <Group gap="sm" align="flex-start" wrap="wrap">
      <TextInput
        size="xs"
        w={260}
        label={t('logs.search.label')}
        placeholder={t('logs.search.placeholder')}
        value={query}
        onChange={(e) => state.setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') jump(e.shiftKey ? -1 : 1)
        }}
        error={searchError}
        data-testid="log-search"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Stack gap={2} pt={22}>
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t('logs.search.previous')}>
            <ActionIcon variant="default" size="md" onClick={() => jump(-1)} disabled={matches.length === 0} aria-label={t('logs.search.previous')} data-testid="log-search-previous">
              <IconArrowUp size={14} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('logs.search.next')}>
            <ActionIcon variant="default" size="md" onClick={() => jump(1)} disabled={matches.length === 0} aria-label={t('logs.search.next')} data-testid="log-search-next">
              <IconArrowDown size={14} />
            </ActionIcon>
          </Tooltip>
          {search?.ok ? (
            <Text size="xs" c="dimmed" data-testid="log-search-count" data-count={matches.length}>
              {position > 0 ? t('logs.search.position', { position, count: matches.length }) : t('logs.search.count', { count: matches.length })}
            </Text>
          ) : null}
        </Group>
      </Stack>
      <NumberInput
        size="xs"
        w={110}
        label={t('logs.tail.label')}
        placeholder={t('logs.tail.all')}
        min={0}
        max={1_000_000}
        allowDecimal={false}
        allowNegative={false}
        value={tailDraft}
        onChange={setTailDraft}
        onBlur={applyTail}
        onKeyDown={(e) => {
          if (e.key === 'Enter') applyTail()
        }}
        data-testid="log-tail"
      />
      <TextInput
        size="xs"
        w={170}
        label={t('logs.since.label')}
        placeholder={t('logs.since.placeholder')}
        value={sinceDraft}
        onChange={(e) => setSinceDraft(e.currentTarget.value)}
        onBlur={applySince}
        onKeyDown={(e) => {
          if (e.key === 'Enter') applySince()
        }}
        error={sinceError}
        data-testid="log-since"
      />
      <Stack gap={6} pt={24}>
        <Switch size="xs" label={t('logs.follow')} checked={follow} onChange={(e) => state.setFollow(e.currentTarget.checked)} data-testid="log-follow" />
        <Switch size="xs" label={t('logs.timestamps')} checked={timestamps} onChange={(e) => state.setTimestamps(e.currentTarget.checked)} data-testid="log-timestamps" />
      </Stack>
      <Stack gap={2} pt={22}>
        <Button size="xs" variant="default" onClick={download} disabled={!hasLines} data-testid="log-download">
          {t('logs.download')}
        </Button>
      </Stack>
    </Group>
  )
}

function LogStatus({ store, t }: { store: LogViewStore; t: TFunction }): ReactNode {
  const status = useStore(store, (s) => s.status)
  const error = useStore(store, (s) => s.error)
  const paused = useStore(store, (s) => s.paused)
  const size = useStore(store, (s) => s.ring.size)
  const first = useStore(store, (s) => s.ring.first)
  useStore(store, (s) => s.version)
  if (status === 'error' && error) return <ErrorAlert error={error} title={t('logs.failed')} testId="log-error" />
  return (
    // A fixed-size box: its text changes every frame, and it must not make the browser lay out the page around it.
    <Group gap="xs" data-testid="log-status" data-status={status} data-lines={size} h={22} wrap="nowrap" style={{ contain: 'strict', overflow: 'hidden' }}>
      <Badge size="sm" variant="light" color={status === 'streaming' ? 'teal' : status === 'ended' ? 'gray' : 'blue'}>
        {t(`logs.status.${status}`)}
      </Badge>
      <Text size="xs" c="dimmed" data-testid="log-count">
        {t('logs.lines', { count: size })}
        {first > 0 ? ` · ${t('logs.forgotten', { count: first, capacity: LOG_BUFFER_CAPACITY })}` : ''}
      </Text>
      {paused ? (
        <Badge size="sm" color="orange" variant="light" data-testid="log-paused">
          {t('logs.paused')}
        </Badge>
      ) : null}
    </Group>
  )
}

function LogRows({ store, height, t }: { store: LogViewStore; height?: string; t: TFunction }): ReactNode {
  const scrollRef = useRef<HTMLDivElement>(null)
  const ring = useStore(store, (s) => s.ring)
  const version = useStore(store, (s) => s.version)
  const follow = useStore(store, (s) => s.follow)
  const timestamps = useStore(store, (s) => s.timestamps)
  const search = useStore(store, (s) => s.search)
  const currentMatch = useStore(store, (s) => s.currentMatch)
  const status = useStore(store, (s) => s.status)
  const lastScrollTop = useRef(0)
  const lastFirst = useRef(0)

  // We do not use the React Compiler; the virtualizer re-renders this component when it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: ring.size,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowSize,
    // Keys are positions (the default): rows have one fixed height, so nothing is measured per line,
    // and a stable option set keeps the virtualizer from recomputing 100,000 offsets on every scroll.
    overscan: 20,
    // Following scrolls every frame: a synchronous re-render per scroll event would render twice per frame.
    useFlushSync: false
  })

  // After each applied batch: stay at the bottom when following; otherwise keep the same lines in
  // view even though the oldest ones were forgotten above them. Before paint (layout effect), so a
  // frame is laid out and painted once, already scrolled.
  useLayoutEffect(() => {
    const element = scrollRef.current
    if (!element) return
    const forgotten = ring.first - lastFirst.current
    lastFirst.current = ring.first
    // The user scrolled up and the scroll event has not been dispatched yet (it comes with the next
    // frame, a batch can come first): stop following instead of snapping back to the bottom, or a
    // fast stream would undo every scroll up.
    if (follow && element.scrollTop < lastScrollTop.current && !isAtBottom(element, ROW_HEIGHT)) {
      lastScrollTop.current = element.scrollTop
      store.getState().setFollow(false)
      return
    }
    // Past the end on purpose: the browser clamps it, and scrollHeight is not read (no extra layout).
    if (follow) element.scrollTop = (ring.size + 1) * ROW_HEIGHT
    else if (forgotten > 0) element.scrollTop = Math.max(0, element.scrollTop - forgotten * ROW_HEIGHT)
    lastScrollTop.current = element.scrollTop
  }, [version, follow, ring, store])

  useEffect(() => {
    if (currentMatch !== null) virtualizer.scrollToIndex(currentMatch - ring.first, { align: 'center' })
  }, [currentMatch, ring, virtualizer])

  const onScroll = (event: UIEvent<HTMLDivElement>): void => {
    const element = event.currentTarget
    const movedUp = element.scrollTop < lastScrollTop.current
    lastScrollTop.current = element.scrollTop
    const bottom = isAtBottom(element, ROW_HEIGHT)
    const state = store.getState()
    if (bottom && !state.follow && !movedUp) state.setFollow(true)
    else if (!bottom && movedUp && state.follow) state.setFollow(false)
  }

  const regex = search?.ok ? search.regex : null
  const items = virtualizer.getVirtualItems()
  return (
    <div
      ref={scrollRef}
      className={classes.scroller}
      style={{ ['--log-height' as string]: height ?? '60vh' }}
      onScroll={onScroll}
      data-testid="log-rows"
      data-follow={follow}
      role="log"
      aria-live="off"
      aria-label={t('logs.title')}
    >
      {ring.size === 0 ? (
        <Text size="sm" c="dimmed" p="sm" data-testid="log-empty">
          {status === 'starting' ? t('logs.starting') : t('logs.empty')}
        </Text>
      ) : null}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const line = ring.at(item.index) as ViewLine
          const number = ring.first + item.index
          // Keyed by position modulo a window larger than the viewport: while following, the same
          // DOM rows are reused with new text instead of being unmounted and created every frame.
          return <LogRow key={item.index % RECYCLE_WINDOW} line={line} number={number} top={item.start} timestamps={timestamps} regex={regex} current={number === currentMatch} t={t} />
        })}
      </div>
    </div>
  )
}

function LogRow({ line, number, top, timestamps, regex, current, t }: { line: ViewLine; number: number; top: number; timestamps: boolean; regex: RegExp | null; current: boolean; t: TFunction }): ReactNode {
  const style = { top, height: ROW_HEIGHT }
  if (line.stream === 'skipped' || line.stream === 'notice') {
    return (
      <div className={`${classes.row} ${classes.marker}`} style={style} data-testid="log-marker" data-stream={line.stream}>
        {line.stream === 'skipped' ? t('logs.skipped', { count: line.count ?? 0 }) : line.said ? say(t, line.said) : line.text}
      </div>
    )
  }
  const parts = regex ? highlightParts(regex, line.text) : null
  return (
    <div
      className={`${classes.row} ${line.stream === 'stderr' ? classes.stderr : ''} ${current ? classes.current : ''}`}
      style={style}
      data-testid="log-line"
      data-line={number}
      data-stream={line.stream}
      data-prefix={line.prefix}
      title={line.stream === 'stderr' ? t('logs.stderr') : undefined}
    >
      {timestamps ? <span className={classes.ts}>{line.ts}</span> : null}
      <span className={classes.prefix} style={{ color: `var(--mantine-color-${prefixColor(line.prefix)}-6)` }}>
        {line.prefix}
      </span>
      <span className={classes.text} data-testid="log-text">
        {parts
          ? parts.map((part, i) =>
              part.match ? (
                <mark key={i} className={classes.hit}>
                  {part.text}
                </mark>
              ) : (
                part.text
              )
            )
          : line.text}
      </span>
    </div>
  )
}

function LogCli({ store }: { store: LogViewStore }): ReactNode {
  const info = useStore(store, (s) => s.info)
  const tail = useStore(store, (s) => s.tail)
  const since = useStore(store, (s) => s.since)
  const timestamps = useStore(store, (s) => s.timestamps)
  if (!info) return null
  return <CliEquivalent command={serviceLogsCommand(info.services.map((s) => s.name), { follow: true, tail, since, timestamps })} testId="log-cli" />
}
