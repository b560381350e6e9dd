import { z } from 'zod'
import { phraseSchema } from './phrase'

/**
 * Port-forwards: a local TCP port on 127.0.0.1 whose every connection is carried over the task's
 * node SSH connection to the container's address as that node reaches it (`ssh -J manager node
 * -L LOCAL:ADDR:REMOTE`). Nothing is published on the cluster. A forward lives until the user
 * closes it, the app or its cluster closes, the node's connection drops or the task stops.
 */
export const forwardInfoSchema = z.object({
  forwardId: z.string(),
  clusterId: z.string(),
  /** the local port on 127.0.0.1 (chosen by the system when 0 was asked) */
  localPort: z.number().int(),
  /** `http://127.0.0.1:PORT` */
  url: z.string(),
  taskId: z.string(),
  /** `web.1` (or the service and the node of a global service's task) */
  task: z.string(),
  service: z.string(),
  node: z.string(),
  /** the container's address as its node reaches it */
  containerAddress: z.string(),
  remotePort: z.number().int(),
  /** the same forward by hand: `ssh -J root@manager root@node -N -L PORT:ADDR:REMOTE` */
  cli: z.string(),
  openedAt: z.string()
})
export type ForwardInfo = z.infer<typeof forwardInfoSchema>

const port = z.number().int().min(1).max(65535)

export const forwardOpenInputSchema = z
  .object({
    clusterId: z.string().min(1).max(200),
    /** a task ID (or a unique prefix) */
    taskId: z.string().min(1).max(100).optional(),
    /** `SERVICE` or `SERVICE.SLOT`: a running task of it (the slot's, else the lowest slot) */
    service: z.string().min(1).max(255).optional(),
    remotePort: port,
    /** 0: any free port */
    localPort: z.number().int().min(0).max(65535).default(0)
  })
  .refine((input) => (input.taskId === undefined) !== (input.service === undefined), { message: 'give either taskId or service', path: ['taskId'] })
export type ForwardOpenInput = z.output<typeof forwardOpenInputSchema>

export const forwardsProcedures = {
  /** Open a forward to a running task's port; refused with PORT_IN_USE when the local port is taken. */
  'forwards.open': { input: forwardOpenInputSchema, output: forwardInfoSchema },
  /** The forwards open now (of one cluster, or all). */
  'forwards.list': { input: z.object({ clusterId: z.string().min(1).max(200).optional() }), output: z.array(forwardInfoSchema) },
  'forwards.close': { input: z.object({ forwardId: z.string().min(1).max(100) }), output: z.object({ closed: z.boolean() }) }
} as const

export const forwardsChangedSchema = z.object({
  /** every forward open now */
  forwards: z.array(forwardInfoSchema),
  /** the forward that just ended, and why when the user did not close it */
  ended: z
    .object({
      forwardId: z.string(),
      task: z.string(),
      localPort: z.number().int(),
      reason: z.object({ code: z.string(), message: z.string(), said: phraseSchema.optional() }).nullable()
    })
    .nullable()
})
export type ForwardsChanged = z.infer<typeof forwardsChangedSchema>

export const forwardsEvents = {
  'forwards.changed': forwardsChangedSchema
} as const
