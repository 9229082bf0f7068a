#!/usr/bin/env node
// Renders a kustomization as `kustomize build` does, for the part of kustomize that k8s/ uses, and
// prints the objects as one multi-document YAML stream:
//   node scripts/render-k8s.mjs k8s/overlays/prod | kubectl apply -f -
// `kubectl apply -k k8s/overlays/prod` gives the same objects; this script exists so that CI can
// render and check the manifests without a kustomize binary.
//
// Kustomization fields understood (any other field is refused, so that a kustomization never means
// something here that it does not mean to kustomize):
//   resources           YAML files inside the kustomization's folder, and folders holding a
//                       kustomization (a base, anywhere), built first
//   configMapGenerator  literals (KEY=value) and files ([key=]path, inside the folder), with
//                       behavior create (default), merge or replace; the name gets a hash of the
//                       content as suffix and every reference in a pod spec follows it
//   namespace           set on every namespaced object (a Namespace object is renamed to it)
//   labels              `pairs` added to every object's metadata.labels (selectors and pod
//                       templates are left alone, as kustomize does by default)
//   images              name → newName / newTag / digest in every container's image
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'configMapGenerator',
  'namespace',
  'labels',
  'images',
]);
const GENERATOR_FIELDS = new Set(['name', 'behavior', 'literals', 'files']);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'PriorityClass',
  'StorageClass',
  'IngressClass',
]);
// `kustomize build`'s default output order: kinds others depend on first.
const KIND_ORDER = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];

class RenderError extends Error {}

/** The objects a kustomization folder builds to, in `kustomize build`'s order. */
export function render(folder) {
  const objects = build(resolve(folder));
  for (const generated of objects.filter((o) => o.generated)) appendHashSuffix(generated, objects);
  return objects.map((o) => o.object).sort(byKindThenName);
}

function build(folder) {
  const kustomization = readKustomization(folder);
  const objects = [];
  for (const entry of kustomization.resources ?? []) {
    const path = resolve(folder, entry);
    if (!existsSync(path)) throw new RenderError(`${where(folder)}: resource ${entry} does not exist`);
    if (statSync(path).isDirectory()) objects.push(...build(path));
    else
      objects.push(
        ...readObjects(insideFolder(folder, entry)).map((object) => ({ object, generated: false })),
      );
  }
  for (const generator of kustomization.configMapGenerator ?? []) generate(folder, generator, objects);
  refuseDuplicates(folder, objects);
  if (kustomization.namespace) setNamespace(objects, kustomization.namespace);
  for (const { pairs, ...rest } of kustomization.labels ?? []) {
    if (Object.keys(rest).length) throw new RenderError(`${where(folder)}: labels accept only pairs here`);
    for (const { object } of objects) object.metadata.labels = { ...object.metadata.labels, ...pairs };
  }
  for (const image of kustomization.images ?? []) setImage(objects, image);
  return objects;
}

function readKustomization(folder) {
  const file = KUSTOMIZATION_FILES.map((name) => join(folder, name)).find((path) => existsSync(path));
  if (!file) throw new RenderError(`${where(folder)} holds no kustomization.yaml`);
  // Every scalar read as text, as kustomize reads these fields (an image tag 1.10 stays "1.10").
  const [kustomization = {}] = readObjects(file, { schema: 'failsafe' });
  for (const field of Object.keys(kustomization)) {
    if (!FIELDS.has(field))
      throw new RenderError(`${where(file)}: ${field} is not supported by this renderer`);
  }
  return kustomization;
}

function readObjects(file, options = {}) {
  return parseAllDocuments(readFileSync(file, 'utf8'), options)
    .map((document) => {
      if (document.errors.length) throw new RenderError(`${where(file)}: ${document.errors[0].message}`);
      return document.toJS();
    })
    .filter((object) => object != null);
}

/**
 * A file a kustomization reads, refused outside its folder (symbolic links followed) as kustomize's
 * load restrictor does.
 */
function insideFolder(folder, entry) {
  const path = resolve(folder, entry);
  if (!existsSync(path)) throw new RenderError(`${where(folder)}: ${entry} does not exist`);
  if (relative(realpathSync(folder), realpathSync(path)).startsWith(`..${sep}`)) {
    throw new RenderError(`${where(folder)}: ${entry} is outside the kustomization's folder`);
  }
  return path;
}

function generate(folder, generator, objects) {
  for (const field of Object.keys(generator)) {
    if (!GENERATOR_FIELDS.has(field)) {
      throw new RenderError(
        `${where(folder)}: configMapGenerator.${field} is not supported by this renderer`,
      );
    }
  }
  const data = {};
  for (const literal of generator.literals ?? []) {
    const at = literal.indexOf('=');
    if (at < 1) throw new RenderError(`${where(folder)}: literal ${literal} is not KEY=value`);
    data[literal.slice(0, at)] = literal.slice(at + 1);
  }
  for (const entry of generator.files ?? []) {
    const [key, path] = entry.includes('=') ? entry.split('=', 2) : [basename(entry), entry];
    data[key] = readFileSync(insideFolder(folder, path), 'utf8');
  }
  const behavior = generator.behavior ?? 'create';
  const existing = objects.find(
    (o) => o.object.kind === 'ConfigMap' && o.object.metadata.name === generator.name,
  );
  if (behavior === 'create') {
    if (existing) throw new RenderError(`${where(folder)}: ConfigMap ${generator.name} already exists`);
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data };
    objects.push({ object, generated: true });
  } else if (behavior === 'merge' || behavior === 'replace') {
    if (!existing) throw new RenderError(`${where(folder)}: no ConfigMap ${generator.name} to ${behavior}`);
    existing.object.data = behavior === 'merge' ? { ...existing.object.data, ...data } : data;
  } else {
    throw new RenderError(`${where(folder)}: configMapGenerator behavior ${behavior} is unknown`);
  }
}

function refuseDuplicates(folder, objects) {
  const seen = new Set();
  for (const { object } of objects) {
    const id = `${object.apiVersion} ${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
    if (!object.metadata?.name)
      throw new RenderError(`${where(folder)}: a ${object.kind} has no metadata.name`);
    if (seen.has(id)) throw new RenderError(`${where(folder)}: ${id} is declared twice`);
    seen.add(id);
  }
}

function setNamespace(objects, namespace) {
  for (const { object } of objects) {
    if (object.kind === 'Namespace') object.metadata.name = namespace;
    else if (!CLUSTER_SCOPED.has(object.kind)) {
      const { name, ...rest } = object.metadata;
      delete rest.namespace;
      object.metadata = { name, namespace, ...rest };
    }
  }
}

function setImage(objects, { name, newName, newTag, digest }) {
  for (const { object } of objects) {
    for (const container of containersIn(object)) {
      const image = parseImage(container.image);
      if (image.name !== name) continue;
      const tag = digest ? `@${digest}` : newTag ? `:${newTag}` : image.tag;
      container.image = `${newName ?? image.name}${tag}`;
    }
  }
}

/** `registry:5000/name:tag@sha256:…` → its name and its `:tag` / `@digest` part. */
function parseImage(image) {
  const at = image.indexOf('@');
  if (at >= 0) return { name: image.slice(0, at), tag: image.slice(at) };
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/')
    ? { name: image.slice(0, colon), tag: image.slice(colon) }
    : { name: image, tag: '' };
}

function podSpecOf(object) {
  if (object.kind === 'Pod') return object.spec;
  if (object.kind === 'CronJob') return object.spec?.jobTemplate?.spec?.template?.spec;
  return object.spec?.template?.spec;
}

function containersIn(object) {
  const pod = podSpecOf(object);
  return pod ? [...(pod.initContainers ?? []), ...(pod.containers ?? [])] : [];
}

/**
 * A generated ConfigMap's name gets a suffix made from its content (as kustomize makes it), so that a
 * changed ConfigMap is a new object and the pods that use it roll; references in pod specs follow.
 */
function appendHashSuffix({ object: configMap }, objects) {
  const encoded = JSON.stringify(
    sortKeys({ data: configMap.data, kind: 'ConfigMap', name: configMap.metadata.name }),
  )
    // Go's encoding/json escapes these, and kustomize hashes what Go encodes.
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const hex = createHash('sha256').update(encoded).digest('hex').slice(0, 10);
  const suffix = hex.replace(/[013ae]/g, (c) => ({ 0: 'g', 1: 'h', 3: 'k', a: 'm', e: 't' })[c]);
  const { name, namespace } = configMap.metadata;
  const renamed = `${name}-${suffix}`;
  configMap.metadata.name = renamed;
  for (const { object } of objects) {
    const pod = podSpecOf(object);
    if (!pod || object.metadata.namespace !== namespace) continue;
    const refs = [
      ...(pod.volumes ?? []).map((v) => v.configMap),
      ...(pod.volumes ?? []).flatMap((v) => v.projected?.sources ?? []).map((s) => s.configMap),
      ...containersIn(object).flatMap((c) => (c.envFrom ?? []).map((e) => e.configMapRef)),
      ...containersIn(object).flatMap((c) => (c.env ?? []).map((e) => e.valueFrom?.configMapKeyRef)),
    ];
    for (const ref of refs) if (ref?.name === name) ref.name = renamed;
  }
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}

function byKindThenName(a, b) {
  const rank = (o) => (KIND_ORDER.includes(o.kind) ? KIND_ORDER.indexOf(o.kind) : KIND_ORDER.length);
  return (
    rank(a) - rank(b) ||
    a.kind.localeCompare(b.kind) ||
    (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
    a.metadata.name.localeCompare(b.metadata.name)
  );
}

function where(path) {
  return relative(process.cwd(), path) || '.';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: node scripts/render-k8s.mjs <kustomization folder>, e.g. k8s/overlays/prod');
    process.exit(2);
  }
  try {
    const objects = render(folder);
    process.stdout.write(objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n'));
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    console.error(`render-k8s: ${error.message}`);
    process.exit(1);
  }
}
