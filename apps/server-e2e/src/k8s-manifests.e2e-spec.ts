import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as keda from '@kubernetes-models/keda';
import * as kubernetes from 'kubernetes-models';
import { parseAllDocuments } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');
const RENDER = join(ROOT, 'scripts/render-k8s.mjs');
const GATEWAYS = ['queue-gateway', 'topic-gateway', 'orchestration-gateway'];
/** GetActivityTask's wait; ReceiveMessage's is 20 s. */
const LONGEST_LONG_POLL_SECONDS = 60;
const DEFAULT_DRAIN_SECONDS = 25;

/** A rendered object; its spec stays untyped until validated against its schema. */
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any;
  data?: Record<string, string>;
}
type Container = any;

function render(overlay: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [RENDER, overlay], { cwd: ROOT, encoding: 'utf8' });
}

function renderObjects(overlay: string): K8sObject[] {
  const out = render(overlay);
  if (out.status !== 0) throw new Error(`render-k8s ${overlay} failed: ${out.stderr}`);
  return parseAllDocuments(out.stdout).map((document) => document.toJS() as K8sObject);
}

/** Every model class of kubernetes-models and @kubernetes-models/keda, by `apiVersion kind`. */
type ModelClass = { apiVersion: string; kind: string; new (data: object): { validate(): void } };
function modelClasses(): Map<string, ModelClass> {
  const classes = new Map<string, ModelClass>();
  const visit = (namespace: object, depth: number) => {
    for (const value of Object.values(namespace)) {
      if (
        typeof value === 'function' &&
        typeof value.apiVersion === 'string' &&
        typeof value.kind === 'string'
      ) {
        classes.set(`${value.apiVersion} ${value.kind}`, value as ModelClass);
      } else if (value && typeof value === 'object' && depth < 2) {
        visit(value, depth + 1);
      }
    }
  };
  visit(kubernetes, 0);
  visit(keda, 0);
  return classes;
}

/**
 * Validates an object with its schema, and also reports the fields the schema does not know (a
 * misspelt `readinesProbe` passes the schemas, which allow other fields, but `kubectl apply` refuses
 * it): the object is handed to the schema's validator behind proxies that record which fields the
 * validator looks at. An object whose keys the validator lists is a map (labels, resource limits)
 * and holds no unknown field.
 */
function validate(model: ModelClass, object: K8sObject): string[] {
  const visits: { path: string; value: object; read: Set<string>; listed: boolean }[] = [];
  const proxies = new WeakMap<object, object>();
  const track = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const known = proxies.get(value);
    if (known) return known;
    const visit = { path, value, read: new Set<string>(), listed: false };
    visits.push(visit);
    const proxy = new Proxy(value, {
      get(target, key) {
        if (typeof key !== 'string') return Reflect.get(target, key);
        visit.read.add(key);
        return track(Reflect.get(target, key), `${path}/${key}`);
      },
      ownKeys(target) {
        visit.listed = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  const problems: string[] = [];
  try {
    new model(object).validate.call(track(structuredClone(object), ''));
  } catch (error) {
    problems.push((error as Error).message);
  }
  for (const visit of visits.filter((v) => !v.listed && !Array.isArray(v.value))) {
    for (const key of Object.keys(visit.value).filter((k) => !visit.read.has(k))) {
      problems.push(`unknown field ${visit.path}/${key}`);
    }
  }
  return problems;
}

const workloads = (objects: K8sObject[]) =>
  objects.filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind));
const longRunning = (objects: K8sObject[]) =>
  objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind));
const named = (objects: K8sObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const containersOf = (workload: K8sObject): Container[] => [
  ...(workload.spec.template.spec.initContainers ?? []),
  ...workload.spec.template.spec.containers,
];
const isSwitchyard = (container: Container) => /(^|\/)switchyard(:|@|$)/.test(container.image);
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

/** A container's environment as the kubelet gives it: its ConfigMaps' data, then its own env. */
function environment(objects: K8sObject[], container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    Object.assign(env, named(objects, 'ConfigMap', from.configMapRef.name).data);
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
  }
  return env;
}

function preStopPauseSeconds(container: Container): number {
  const command: string[] = container.lifecycle?.preStop?.exec?.command ?? [];
  return command[0] === 'sleep' ? Number(command[1]) : 0;
}

describe('Kubernetes manifests (k8s/, rendered by scripts/render-k8s.mjs as kustomize builds them)', () => {
  const overlays: Record<'dev' | 'prod', K8sObject[]> = { dev: [], prod: [] };
  const models = modelClasses();

  beforeAll(() => {
    overlays.dev = renderObjects('k8s/overlays/dev');
    overlays.prod = renderObjects('k8s/overlays/prod');
  });

  describe.each(['dev', 'prod'] as const)('the %s overlay', (overlay) => {
    it('renders only objects valid against the Kubernetes schemas (kubernetes-models; KEDA for the ScaledObject), with no field they do not know', () => {
      const objects = overlays[overlay];
      expect(objects.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const object of objects) {
        const id = `${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
        const model = models.get(`${object.apiVersion} ${object.kind}`);
        if (!model) {
          problems.push(`${id}: no schema for this apiVersion and kind`);
          continue;
        }
        problems.push(...validate(model, object).map((problem) => `${id}: ${problem}`));
      }
      expect(problems).toEqual([]);
    });

    it('puts every namespaced object in the overlay namespace, which it creates', () => {
      const objects = overlays[overlay];
      const [namespace] = objects.filter((o) => o.kind === 'Namespace');
      expect(namespace.metadata.name).toBe(overlay === 'prod' ? 'switchyard' : 'switchyard-dev');
      for (const object of objects.filter((o) => o.kind !== 'Namespace')) {
        expect(`${object.kind}/${object.metadata.name} in ${object.metadata.namespace}`).toBe(
          `${object.kind}/${object.metadata.name} in ${namespace.metadata.name}`,
        );
      }
    });

    it('gives every container resource requests and limits for CPU and memory', () => {
      for (const workload of workloads(overlays[overlay])) {
        for (const container of containersOf(workload)) {
          const where = `${workload.kind} ${workload.metadata.name} container ${container.name}`;
          expect({ where, requests: Object.keys(container.resources?.requests ?? {}).sort() }).toEqual({
            where,
            requests: ['cpu', 'memory'],
          });
          expect({ where, limits: Object.keys(container.resources?.limits ?? {}).sort() }).toEqual({
            where,
            limits: ['cpu', 'memory'],
          });
        }
      }
    });

    it('probes every long-running container: Switchyard on /health/live (liveness) and /health/ready (readiness), the edge on its own /health/live, Redis with redis-cli ping', () => {
      for (const workload of longRunning(overlays[overlay])) {
        for (const container of containersOf(workload)) {
          const where = `${workload.metadata.name}/${container.name}`;
          const probes = {
            where,
            liveness:
              container.livenessProbe?.httpGet?.path ?? container.livenessProbe?.exec?.command?.join(' '),
            readiness:
              container.readinessProbe?.httpGet?.path ?? container.readinessProbe?.exec?.command?.join(' '),
          };
          if (isSwitchyard(container)) {
            expect(probes).toEqual({ where, liveness: '/health/live', readiness: '/health/ready' });
            expect(container.readinessProbe.httpGet.port).toBe('http');
          } else if (container.image.startsWith('nginx')) {
            expect(probes).toEqual({ where, liveness: '/health/live', readiness: '/health/live' });
          } else {
            expect(container.image).toMatch(/^redis:/);
            expect(probes).toEqual({
              where,
              liveness: expect.stringMatching(/redis-cli ping/),
              readiness: expect.stringMatching(/redis-cli ping/),
            });
          }
        }
      }
    });

    it('gives every Switchyard pod a termination grace period longer than the longest long poll (60 s) and than its preStop pause plus SWITCHYARD_DRAIN_SECONDS', () => {
      const apps = longRunning(overlays[overlay]).filter((w) => containersOf(w).some(isSwitchyard));
      expect(apps.length).toBeGreaterThan(0);
      for (const workload of apps) {
        const app = workload.metadata.name;
        const grace = workload.spec.template.spec.terminationGracePeriodSeconds;
        for (const container of containersOf(workload)) {
          const env = environment(overlays[overlay], container);
          const drain = Number(env.SWITCHYARD_DRAIN_SECONDS ?? DEFAULT_DRAIN_SECONDS);
          expect({ app, grace, longerThanLongPoll: grace > LONGEST_LONG_POLL_SECONDS }).toMatchObject({
            app,
            longerThanLongPoll: true,
          });
          expect({
            app,
            grace,
            drain,
            longerThanDrain: grace > preStopPauseSeconds(container) + drain,
          }).toMatchObject({
            app,
            longerThanDrain: true,
          });
        }
      }
      const edge = overlays[overlay].find((o) => o.kind === 'Deployment' && o.metadata.name === 'edge');
      if (edge)
        expect(edge.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(
          LONGEST_LONG_POLL_SECONDS,
        );
    });

    it('runs Switchyard as the image’s non-root user (uid 1000) on a read-only root filesystem, scraped by Prometheus at /metrics on its HTTP port', () => {
      for (const workload of longRunning(overlays[overlay]).filter((w) =>
        containersOf(w).some(isSwitchyard),
      )) {
        const pod = workload.spec.template;
        expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
        for (const container of containersOf(workload)) {
          expect(container.securityContext).toMatchObject({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          });
          const http = container.ports.find((p: { name: string }) => p.name === 'http');
          expect(pod.metadata.annotations).toEqual({
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(http.containerPort),
            'prometheus.io/path': '/metrics',
          });
        }
      }
    });

    it('sets REDIS_URL for every Switchyard app, so none starts a Redis inside its container', () => {
      for (const workload of longRunning(overlays[overlay])) {
        for (const container of containersOf(workload).filter(isSwitchyard)) {
          expect(environment(overlays[overlay], container).REDIS_URL).toMatch(/^redis(\+cluster)?:\/\//);
        }
      }
    });

    it('has every Service select pods that exist, on container ports they declare', () => {
      const objects = overlays[overlay];
      for (const service of objects.filter((o) => o.kind === 'Service')) {
        const pods = workloads(objects).filter((w) =>
          matches(service.spec.selector, w.spec.template.metadata.labels),
        );
        expect({ service: service.metadata.name, pods: pods.length }).toEqual({
          service: service.metadata.name,
          pods: 1,
        });
        const ports = containersOf(pods[0]).flatMap((c) => c.ports ?? []);
        for (const port of service.spec.ports) {
          const target = ports.find((p: { name: string; containerPort: number }) =>
            typeof port.targetPort === 'string'
              ? p.name === port.targetPort
              : p.containerPort === port.targetPort,
          );
          expect({ service: service.metadata.name, port: port.name, target: target !== undefined }).toEqual({
            service: service.metadata.name,
            port: port.name,
            target: true,
          });
        }
      }
    });

    it('refers only to ConfigMaps it renders (generated names with their hash suffix), and to Secrets only as optional', () => {
      const objects = overlays[overlay];
      const configMaps = new Set(objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name));
      for (const workload of workloads(objects)) {
        const pod = workload.spec.template.spec;
        const referred = [
          ...(pod.volumes ?? []).filter((v: any) => v.configMap).map((v: any) => v.configMap.name),
          ...containersOf(workload).flatMap((c) =>
            (c.envFrom ?? []).filter((e: any) => e.configMapRef).map((e: any) => e.configMapRef.name),
          ),
        ];
        for (const name of referred) expect(configMaps).toContain(name);
        for (const container of containersOf(workload)) {
          for (const variable of container.env ?? []) {
            if (variable.valueFrom?.secretKeyRef) expect(variable.valueFrom.secretKeyRef.optional).toBe(true);
          }
        }
      }
    });

    it('declares gRPC (container port and Service port 50051) on the server and the gateways', () => {
      const objects = overlays[overlay];
      const apps = longRunning(objects).filter((w) => ['server', ...GATEWAYS].includes(w.metadata.name));
      expect(apps.length).toBeGreaterThan(0);
      for (const app of apps) {
        expect(containersOf(app)[0].ports).toContainEqual({ name: 'grpc', containerPort: 50051 });
        expect(named(objects, 'Service', app.metadata.name).spec.ports).toContainEqual({
          name: 'grpc',
          port: 50051,
          targetPort: 'grpc',
        });
      }
    });
  });

  describe('dev', () => {
    it('is exactly one `server` Deployment (one replica, running the server app) plus a single Redis with its data on a volume (AOF on)', () => {
      const objects = overlays.dev;
      const deployments = objects.filter((o) => o.kind === 'Deployment');
      expect(deployments.map((d) => d.metadata.name)).toEqual(['server']);
      expect(deployments[0].spec.replicas).toBe(1);
      expect(containersOf(deployments[0]).map((c) => c.args)).toEqual([['server']]);
      const statefulSets = objects.filter((o) => o.kind === 'StatefulSet');
      expect(statefulSets.map((s) => [s.metadata.name, s.spec.replicas])).toEqual([['redis', 1]]);
      expect(statefulSets[0].spec.volumeClaimTemplates).toHaveLength(1);
      const redis = containersOf(statefulSets[0])[0];
      expect(redis.args.join(' ')).toMatch(/--appendonly yes .*--maxmemory-policy noeviction/);
      const server = containersOf(deployments[0])[0];
      expect(environment(objects, server).REDIS_URL).toBe('redis://redis:6379');
    });

    it('has no autoscaling, Redis Cluster or edge', () => {
      const kinds = new Set(overlays.dev.map((o) => o.kind));
      expect([...kinds].sort()).toEqual(['ConfigMap', 'Deployment', 'Namespace', 'Service', 'StatefulSet']);
    });
  });

  describe('prod', () => {
    it('runs the three gateways, the executor and the edge as Deployments, and the Redis Cluster as a StatefulSet with its create Job', () => {
      const objects = overlays.prod;
      const names = (kind: string) =>
        objects
          .filter((o) => o.kind === kind)
          .map((o) => o.metadata.name)
          .sort();
      expect(names('Deployment')).toEqual(['edge', 'executor', ...GATEWAYS].sort());
      expect(names('StatefulSet')).toEqual(['redis-cluster']);
      expect(names('Job')).toEqual(['redis-cluster-create']);
      for (const app of ['executor', ...GATEWAYS]) {
        expect(containersOf(named(objects, 'Deployment', app)).map((c) => c.args)).toEqual([[app]]);
      }
    });

    it('makes the Redis Cluster six nodes (three masters with a replica each) with cluster mode, AOF and noeviction, volumes, a headless Service with the bus port, and a Job that creates the cluster only when it is not formed', () => {
      const objects = overlays.prod;
      const cluster = named(objects, 'StatefulSet', 'redis-cluster');
      expect(cluster.spec.replicas).toBe(6);
      expect(cluster.spec.volumeClaimTemplates).toHaveLength(1);
      const service = named(objects, 'Service', cluster.spec.serviceName);
      expect(service.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
      expect(service.spec.ports.map((p: { port: number }) => p.port).sort()).toEqual([16379, 6379]);
      const config = objects.find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('redis-cluster-'),
      );
      const redisConf = config?.data?.['redis.conf'] ?? '';
      expect(redisConf).toMatch(/^cluster-enabled yes$/m);
      expect(redisConf).toMatch(/^appendonly yes$/m);
      expect(redisConf).toMatch(/^maxmemory-policy noeviction$/m);
      const job = named(objects, 'Job', 'redis-cluster-create');
      const [create] = containersOf(job);
      const script = create.command.join(' ');
      expect(script).toMatch(
        /redis-cli --cluster create .*--cluster-replicas "\$REPLICAS_PER_MASTER" --cluster-yes/,
      );
      expect(script).toContain('cluster_known_nodes:1');
      const env = Object.fromEntries(
        create.env.map((e: { name: string; value: string }) => [e.name, e.value]),
      );
      expect(Number(env.NODES)).toBe(cluster.spec.replicas);
      expect(cluster.spec.replicas / (1 + Number(env.REPLICAS_PER_MASTER))).toBe(3);
    });

    it('gives every app a redis+cluster:// REDIS_URL naming only pods of the Redis Cluster StatefulSet, by their stable DNS names', () => {
      const objects = overlays.prod;
      const cluster = named(objects, 'StatefulSet', 'redis-cluster');
      const pods = new Set(
        Array.from(
          { length: cluster.spec.replicas },
          (_, i) => `redis-cluster-${i}.${cluster.spec.serviceName}:6379`,
        ),
      );
      const apps = longRunning(objects).filter((w) => containersOf(w).some(isSwitchyard));
      expect(apps.map((a) => a.metadata.name).sort()).toEqual(['executor', ...GATEWAYS].sort());
      for (const app of apps) {
        const url = environment(objects, containersOf(app)[0]).REDIS_URL;
        expect(url).toMatch(/^redis\+cluster:\/\/[^,]+(,[^,]+)*$/);
        const nodes = url.slice('redis+cluster://'.length).split(',');
        expect(nodes.length).toBeGreaterThanOrEqual(3);
        for (const node of nodes) expect(pods).toContain(node);
      }
    });

    it('scales each gateway with a HorizontalPodAutoscaler on 70 % CPU, from two replicas', () => {
      const hpas = overlays.prod.filter((o) => o.kind === 'HorizontalPodAutoscaler');
      expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual([...GATEWAYS].sort());
      for (const hpa of hpas) {
        expect(hpa.spec.scaleTargetRef.kind).toBe('Deployment');
        expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
        expect(hpa.spec.metrics).toEqual([
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
          },
        ]);
        // The autoscaler owns the replica count: a count in the Deployment would be applied over it.
        expect(
          named(overlays.prod, 'Deployment', hpa.spec.scaleTargetRef.name).spec.replicas,
        ).toBeUndefined();
      }
    });

    it('scales the executors by backlog: a KEDA ScaledObject on the executor Deployment with a Prometheus query on switchyard_executor_backlog that counts the backlog once however many executors report it, from two replicas', () => {
      const scaled = overlays.prod.filter((o) => o.kind === 'ScaledObject');
      expect(scaled).toHaveLength(1);
      const [executor] = scaled;
      expect(executor.spec.scaleTargetRef.name).toBe('executor');
      expect(named(overlays.prod, 'Deployment', 'executor').spec.replicas).toBeUndefined();
      expect(executor.spec.minReplicaCount).toBeGreaterThanOrEqual(2);
      expect(executor.spec.triggers).toEqual([
        {
          type: 'prometheus',
          metadata: {
            serverAddress: expect.stringMatching(/^https?:\/\//),
            // Each executor reports the whole backlog of each kind of work: one value per kind.
            query: expect.stringMatching(/^sum\(max by \(work\) \(switchyard_executor_backlog[{)]/),
            threshold: expect.stringMatching(/^\d+$/),
          },
        },
      ]);
    });

    it('has a PodDisruptionBudget for every Deployment and StatefulSet, selecting its pods', () => {
      const objects = overlays.prod;
      const budgets = objects.filter((o) => o.kind === 'PodDisruptionBudget');
      for (const workload of longRunning(objects)) {
        const covering = budgets.filter((b) =>
          matches(b.spec.selector.matchLabels, workload.spec.template.metadata.labels),
        );
        expect({ workload: workload.metadata.name, budgets: covering.length }).toEqual({
          workload: workload.metadata.name,
          budgets: 1,
        });
        const [budget] = covering;
        expect(budget.spec.maxUnavailable === 1 || budget.spec.minAvailable === 1).toBe(true);
      }
    });

    it('routes the edge to gateway Services that exist, on their HTTP port, with deploy/edge/nginx.conf.template as its configuration', () => {
      const objects = overlays.prod;
      const edge = named(objects, 'Deployment', 'edge');
      const [nginx] = containersOf(edge);
      const env = Object.fromEntries(
        nginx.env.map((e: { name: string; value: string }) => [e.name, e.value]),
      );
      for (const [variable, gateway] of [
        ['QUEUE_GATEWAY', 'queue-gateway'],
        ['TOPIC_GATEWAY', 'topic-gateway'],
        ['ORCHESTRATION_GATEWAY', 'orchestration-gateway'],
      ]) {
        const [host, port] = env[variable].split(':');
        expect(host).toBe(gateway);
        const service = named(objects, 'Service', host);
        const servicePort = service.spec.ports.find((p: { port: number }) => p.port === Number(port));
        expect(servicePort?.targetPort).toBe('http');
      }
      expect(nginx.ports).toContainEqual({ name: 'http', containerPort: Number(env.EDGE_PORT) });
      expect(env.NGINX_ENVSUBST_OUTPUT_DIR).toBe('/etc/nginx');
      const mount = nginx.volumeMounts.find(
        (m: { mountPath: string }) => m.mountPath === '/etc/nginx/templates',
      );
      const volume = edge.spec.template.spec.volumes.find((v: { name: string }) => v.name === mount.name);
      const config = named(objects, 'ConfigMap', volume.configMap.name);
      const template = readFileSync(join(ROOT, 'deploy/edge/nginx.conf.template'), 'utf8');
      // k8s/base/edge/ holds a copy, as kustomize reads no file outside a kustomization's folder.
      expect({ copy: config.data?.['nginx.conf.template'] === template }).toEqual({ copy: true });
      expect(named(objects, 'Service', 'edge').spec.ports).toEqual([
        { name: 'http', port: 4566, targetPort: 'http' },
      ]);
    });
  });

  describe('the renderer', () => {
    let folder: string;
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'render-k8s-'));
      mkdirSync(join(folder, 'overlay'));
      writeFileSync(
        join(folder, 'outside.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside\n',
      );
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('refuses a kustomization field it does not implement, rather than ignore it', () => {
      writeFileSync(join(folder, 'overlay/kustomization.yaml'), 'patches:\n  - path: patch.yaml\n');
      const out = render(join(folder, 'overlay'));
      expect(out.status).toBe(1);
      expect(out.stderr).toContain('patches is not supported');
    });

    it('refuses a file outside the kustomization folder, as kustomize does', () => {
      writeFileSync(join(folder, 'overlay/kustomization.yaml'), 'resources:\n  - ../outside.yaml\n');
      const out = render(join(folder, 'overlay'));
      expect(out.status).toBe(1);
      expect(out.stderr).toContain('outside the kustomization');
    });
  });
});
