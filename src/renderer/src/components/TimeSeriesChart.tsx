import { useEffect, useRef, type ReactNode } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export interface ChartLine {
  label: string
  /** a CSS colour; the palette's next one when absent */
  color?: string
  width?: number
}

const PALETTE = ['#228be6', '#fa5252', '#40c057', '#fab005', '#7950f2', '#15aabf', '#fd7e14', '#e64980', '#82c91e', '#4c6ef5']

export interface TimeSeriesChartProps {
  lines: readonly ChartLine[]
  /** [x in seconds, ...one y array per line] (uPlot's layout) */
  data: [number[], ...(number | null)[][]]
  height?: number
  /** the y axis spans at least 0..yMin (a 0..100 % chart stays put when idle) */
  yMin?: number
  formatValue?: (value: number) => string
  testId?: string
  /** exposed as data-last-value (the first line's newest value), for tests and screen readers */
  lastValue?: number | null
  ariaLabel?: string
}

/**
 * A time-series chart drawn with uPlot on a canvas: made for many points redrawn every few
 * seconds, cheap to update (setData), a legend with the hovered values. Width follows its box.
 */
export function TimeSeriesChart({ lines, data, height = 160, yMin = 0, formatValue = (v) => String(Math.round(v * 10) / 10), testId, lastValue, ariaLabel }: TimeSeriesChartProps): ReactNode {
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const format = useRef(formatValue)
  useEffect(() => {
    format.current = formatValue
  }, [formatValue])
  const shape = lines.map((l) => `${l.label}\u0000${l.color ?? ''}\u0000${l.width ?? 1}`).join('\u0001')

  useEffect(() => {
    const element = box.current
    if (!element) return
    const ink = getComputedStyle(element).color || '#888'
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(yMin, max * 1.1 || 1)] } },
      axes: [
        { stroke: ink, grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { stroke: 'rgba(128,128,128,0.3)' } },
        { stroke: ink, grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { stroke: 'rgba(128,128,128,0.3)' }, size: 72, values: (_u, values) => values.map((v) => format.current(v)) }
      ],
      series: [
        {},
        ...lines.map((line, i) => ({
          label: line.label,
          stroke: line.color ?? PALETTE[i % PALETTE.length],
          width: line.width ?? 1,
          spanGaps: false,
          value: (_u: uPlot, v: number | null) => (v === null || v === undefined ? '–' : format.current(v))
        }))
      ]
    }
    const chart = new uPlot(options, [[]] as unknown as uPlot.AlignedData, element)
    plot.current = chart
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, element.clientWidth), height }))
    resize.observe(element)
    return () => {
      resize.disconnect()
      chart.destroy()
      plot.current = null
    }
    // `lines` is captured through `shape`: a new line set makes a new chart.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height, yMin])

  useEffect(() => {
    plot.current?.setData(data as unknown as uPlot.AlignedData)
  }, [data, shape])

  return <div ref={box} data-testid={testId} data-last-value={lastValue ?? ''} data-points={data[0].length} aria-label={ariaLabel} role="img" style={{ width: '100%', minWidth: 0 }} />
}
