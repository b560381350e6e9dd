import { describe, expect, it } from 'vitest'
import { composeFragment, recordingProblems } from '../../../../tests/support/compose-fragment'
import { convertService } from './service'

describe('convertService', () => {
  it('assembles the parts into one service spec', () => {
    const { ns, model, service } = composeFragment(
      'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    deploy:\n      replicas: 2\n      labels: { team: web }\n      update_config: { parallelism: 1 }\n'
    )
    const { spec, credentialSpecConfig } = convertService(ns, model, service, recordingProblems())
    expect(credentialSpecConfig).toBeNull()
    expect(spec).toEqual({
      Name: 'app_web',
      Labels: { team: 'web', 'com.docker.stack.namespace': 'app', 'com.docker.stack.image': 'nginx' },
      TaskTemplate: {
        ContainerSpec: { Privileges: { CredentialSpec: null, SELinuxContext: null, NoNewPrivileges: false }, Image: 'nginx', Labels: { 'com.docker.stack.namespace': 'app' } },
        Resources: {},
        Placement: {},
        ForceUpdate: 0,
        Networks: [{ Target: 'app_default', Aliases: ['web'] }]
      },
      Mode: { Replicated: { Replicas: 2 } },
      EndpointSpec: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 80, PublishMode: 'ingress' }] },
      UpdateConfig: { Parallelism: 1, MaxFailureRatio: 0, Order: '' }
    })
  })

  it('reports problems in the order the CLI finds them, part after part', () => {
    const { ns, model, service } = composeFragment(
      [
        'services:',
        '  web:',
        '    image: nginx',
        '    secrets: [nope]',
        '    configs: [nope]',
        '    volumes: ["missing:/data"]',
        '    restart: sometimes',
        '    networks: [nowhere]',
        '    dns: [resolver.local]',
        '    credential_spec: { file: a, registry: b }',
        '    deploy:',
        '      mode: sometimes',
        "      resources: { limits: { memory: 1M } }",
        '      restart_policy: { condition: never }',
        ''
      ].join('\n')
    )
    const seen = recordingProblems()
    convertService(ns, model, service, seen)
    expect(seen.seen).toEqual([
      'fail secrets.0: stacks.said.compile.undefinedSecret',
      'fail configs.0: stacks.said.compile.undefinedConfig',
      'fail deploy.mode: stacks.said.compile.unknownMode',
      'fail volumes.0: stacks.said.compile.undefinedVolume',
      'fail deploy.resources.limits.memory: stacks.said.compile.memoryMinimum',
      'fail deploy.restart_policy.condition: stacks.said.compile.restartCondition',
      'fail networks.nowhere: stacks.said.compile.undefinedNetwork',
      'warn dns: stacks.said.compile.dnsNotIp',
      'fail credential_spec: stacks.said.compile.credentialSpecTwo'
    ])
  })
})
