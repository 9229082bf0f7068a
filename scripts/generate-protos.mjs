#!/usr/bin/env node
// `npm run generate:protos` writes the gRPC faces' protos, libs/proto/src/switchyard/<service>/v1/<service>.proto,
// from the generated AWS models (libs/aws-wire/src/models/<model>/<model>.model.generated.ts), and
// libs/proto/src/grpc-services.generated.ts, the table of packages and services the gateways and the
// client load. One package per AWS service (`switchyard.sqs.v1`), one service named as AWS names it
// (`SQS`) with one rpc per operation of the model, and one message per structure, its fields named and
// numbered as the model orders the members. How AWS's types are carried:
//   string, enum → string        number → double (AWS's models do not tell integers from decimals)
//   boolean → bool                blob → bytes        timestamp → double, seconds since the epoch
//   list → repeated               map → map<string, …>    structure → message
// Scalars are proto3 `optional`, so a member set to "" or 0 is told from one that is absent. An
// operation without output answers `Empty`. A list inside a list or map (Step Functions'
// variableReferences) cannot be `repeated` there: each inner list travels as a `ListOf<Item>` message
// (`{ values: [...] }`), and grpc-services.generated.ts lists where, for the gateways and the client to
// unwrap (NESTED_LISTS). Deeper nesting, maps inside lists or maps, and document members (none in the
// models so far) are refused: each needs a representation chosen first.
// `--check` regenerates in memory and fails when a committed file differs (a unit test runs it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const ts = require('typescript');
const prettier = require('prettier');

/** The models, by directory under libs/aws-wire/src/models, and the constant each exports. */
const MODELS = [
  { id: 'sqs', constName: 'SQS_MODEL' },
  { id: 'sns', constName: 'SNS_MODEL' },
  { id: 'sfn', constName: 'SFN_MODEL' },
  { id: 'events', constName: 'EVENTS_MODEL' },
];

const PROTO_SRC = join(root, 'libs/proto/src');

/** Loads a TypeScript module of the repository (and the relative modules it imports) as CommonJS. */
function loadTs(file, cache = new Map()) {
  if (cache.has(file)) return cache.get(file).exports;
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  });
  const module = { exports: {} };
  cache.set(file, module);
  const localRequire = (spec) =>
    spec.startsWith('.') ? loadTs(`${resolve(dirname(file), spec)}.ts`, cache) : require(spec);
  new Function('exports', 'require', 'module', outputText)(module.exports, localRequire, module);
  return module.exports;
}

/** The proto field type of a scalar shape. */
const SCALARS = {
  string: 'string',
  integer: 'double',
  boolean: 'bool',
  blob: 'bytes',
  timestamp: 'double',
};

/** Writes one service's proto. */
function generate({ id, constName }) {
  const modelFile = join(root, 'libs/aws-wire/src/models', id, `${id}.model.generated.ts`);
  const model = loadTs(modelFile)[constName];
  const { serviceId, signingName, apiVersion } = model.metadata;
  const pkg = `switchyard.${signingName}.v1`;
  const structs = new Map(); // name → StructShape, in the order first met
  const messages = [];
  const wrappers = new Map(); // ListOf<Item> message name → its declaration
  /** Message name → field → how to reach or unwrap the inner lists it holds. */
  const plans = new Map();

  function scalarType(shape, where) {
    const type = SCALARS[shape.kind];
    if (!type) throw new Error(`${where}: ${shape.kind} members have no proto representation yet`);
    return type;
  }

  /** The element type of a list item or map value: a scalar, a message, or a ListOf<Item> message. */
  function elementType(shape, where, nested = false) {
    if (shape.kind === 'struct') return visit(shape);
    if (shape.kind === 'list' && !nested) {
      const item = elementType(shape.member, where, true);
      const name = `ListOf${item[0].toUpperCase()}${item.slice(1)}`;
      if (structs.has(name)) throw new Error(`${serviceId}: a structure is named ${name}`);
      wrappers.set(
        name,
        `// A list inside a list or map: its items.\nmessage ${name} {\n  repeated ${item} values = 1;\n}`,
      );
      return name;
    }
    if (shape.kind === 'list' || shape.kind === 'map')
      throw new Error(`${where}: a ${shape.kind} inside a list or map has no proto representation yet`);
    return scalarType(shape, where);
  }

  /** Whether a struct holds, at any depth, a list inside a list or map. */
  function holdsNestedLists(struct, seen = new Set()) {
    if (seen.has(struct)) return false;
    seen.add(struct);
    return Object.values(struct.members).some(({ shape }) => {
      const inner = shape.kind === 'list' ? shape.member : shape.kind === 'map' ? shape.value : shape;
      if (inner !== shape && inner.kind === 'list') return true;
      return inner.kind === 'struct' && holdsNestedLists(inner, seen);
    });
  }

  /** Records how to reach each inner list of a struct, for NESTED_LISTS. */
  function plan(struct) {
    const fields = {};
    for (const [name, { shape }] of Object.entries(struct.members)) {
      const container = shape.kind === 'list' || shape.kind === 'map' ? shape.kind : undefined;
      const inner = container === 'list' ? shape.member : container === 'map' ? shape.value : shape;
      if (container && inner.kind === 'list') fields[name] = { lists: container };
      else if (inner.kind === 'struct' && holdsNestedLists(inner))
        fields[name] = container ? { message: inner.name, in: container } : { message: inner.name };
    }
    if (Object.keys(fields).length) plans.set(struct.name, fields);
  }

  function visit(struct) {
    const seen = structs.get(struct.name);
    if (seen) {
      if (seen !== struct) throw new Error(`${serviceId}: two structures are named ${struct.name}`);
      return struct.name;
    }
    structs.set(struct.name, struct);
    plan(struct);
    const fields = [];
    Object.entries(struct.members).forEach(([name, member], i) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
        throw new Error(`${struct.name}.${name}: not a proto field name`);
      const where = `${struct.name}.${name}`;
      const { shape } = member;
      let declaration;
      if (shape.kind === 'list') declaration = `repeated ${elementType(shape.member, where)}`;
      else if (shape.kind === 'map') declaration = `map<string, ${elementType(shape.value, where)}>`;
      else if (shape.kind === 'struct') declaration = visit(shape);
      else declaration = `optional ${scalarType(shape, where)}`;
      const notes = [];
      if (struct.required.includes(name)) notes.push('required');
      const values = shape.enum ?? (shape.kind === 'list' ? shape.member.enum : undefined);
      if (values) notes.push(`one of ${values.join(', ')}`);
      if (shape.kind === 'timestamp') notes.push('seconds since the epoch');
      fields.push(`  ${declaration} ${name} = ${i + 1};${notes.length ? ` // ${notes.join('; ')}` : ''}`);
    });
    messages.push(`message ${struct.name} {${fields.length ? `\n${fields.join('\n')}\n` : ''}}`);
    return struct.name;
  }

  const rpcs = [];
  let usesEmpty = false;
  for (const [name, operation] of Object.entries(model.operations)) {
    const input = visit(operation.input);
    let output = 'Empty';
    if (operation.output) output = visit(operation.output);
    else usesEmpty = true;
    rpcs.push(`  rpc ${name}(${input}) returns (${output});`);
  }
  messages.push(...wrappers.values());
  if (usesEmpty) {
    if (structs.has('Empty')) throw new Error(`${serviceId}: a structure is named Empty`);
    messages.push('// What an operation without output answers.\nmessage Empty {}');
  }
  const proto = `// Generated by scripts/generate-protos.mjs from ${relative(root, modelFile)}. Do not edit by hand:
// run \`npm run generate:protos\`.
//
// ${serviceId} (AWS API version ${apiVersion}) as Switchyard's gRPC face serves it: each rpc is the AWS
// operation of the same name, with the same checks, storage and errors as over HTTP. Fields carry AWS's
// member names and values as AWS's JSON protocol writes them: numbers as double, timestamps as seconds
// since the epoch (double), blobs as bytes, enums as their AWS string values. Members AWS requires are
// marked "required"; an absent one is refused as AWS refuses it. A failed call answers a gRPC status with
// the AWS message as its details and the metadata aws-error-code, aws-error-message and aws-request-id.
syntax = "proto3";

package ${pkg};

service ${serviceId} {
${rpcs.join('\n')}
}

${messages.join('\n\n')}
`;
  return {
    file: join(PROTO_SRC, 'switchyard', signingName, 'v1', `${signingName}.proto`),
    proto,
    entry: {
      signingName,
      package: pkg,
      service: serviceId,
      file: `switchyard/${signingName}/v1/${signingName}.proto`,
    },
    plans: Object.fromEntries(plans),
  };
}

const generated = MODELS.map(generate);
const table = `// Generated by scripts/generate-protos.mjs. Do not edit by hand: run \`npm run generate:protos\`.

import type { NestedListPlans } from './nested-lists';

/** The gRPC face of each AWS service, by signing name: its proto package, service and file (under PROTO_ROOT). */
export const GRPC_SERVICES = {
${generated.map(({ entry }) => `  ${entry.signingName}: ${JSON.stringify({ package: entry.package, service: entry.service, file: entry.file })},`).join('\n')}
} as const;

/**
 * Where each service's messages hold a list inside a list or map, carried as ListOf<Item> messages
 * (\`{ values: [...] }\`): message → field → the inner lists (\`lists\`) or a message holding some.
 */
export const NESTED_LISTS: Readonly<Record<keyof typeof GRPC_SERVICES, NestedListPlans>> = {
${generated.map(({ entry, plans }) => `  ${entry.signingName}: ${JSON.stringify(plans)},`).join('\n')}
};
`;
const tableFile = join(PROTO_SRC, 'grpc-services.generated.ts');
const prettierConfig = await prettier.resolveConfig(tableFile);
const outputs = [
  ...generated.map(({ file, proto }) => ({ file, text: proto })),
  { file: tableFile, text: await prettier.format(table, { ...prettierConfig, filepath: tableFile }) },
];

const check = process.argv.includes('--check');
let stale = 0;
for (const { file, text } of outputs) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current === text) continue;
  if (check) {
    console.error(`${file} is not what scripts/generate-protos.mjs generates: run npm run generate:protos`);
    stale++;
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${relative(root, file)}`);
  }
}
process.exit(stale ? 1 : 0);
