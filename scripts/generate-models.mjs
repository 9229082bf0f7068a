#!/usr/bin/env node
// `npm run generate:models` writes libs/aws-wire/src/models/<service>/<service>.model.generated.ts for
// SQS, SNS, Step Functions and EventBridge from AWS's models as the pinned AWS SDK v3 client packages
// ship them: the schemas (members, required members, XML names, flattened lists and maps, modelled
// errors with their query codes and HTTP statuses) and the enums their type declarations name. Those
// copies carry no length, range or pattern limits: each service keeps AWS's documented limits in a
// hand-written table beside the generated file (<service>.limits.ts).
// `--check` regenerates in memory and fails when a committed file differs (CI and a unit test run it).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const ts = require('typescript');
const prettier = require('prettier');

/** The services, the package each model comes from, and what the packages cannot say. */
const SERVICES = [
  {
    id: 'sqs',
    constName: 'SQS_MODEL',
    typeName: 'Sqs',
    pkg: '@aws-sdk/client-sqs',
    client: 'SQSClient',
    // SQS validates names such as attribute names in its operations, with its own errors, not as enums.
    checkEnums: false,
    // SQS's query/XML protocol (still spoken by older SDKs, the Debian AWS CLI and boto3) answers in
    // this namespace; the JSON model of today no longer names it.
    xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/',
  },
  {
    id: 'sns',
    constName: 'SNS_MODEL',
    typeName: 'Sns',
    pkg: '@aws-sdk/client-sns',
    client: 'SNSClient',
    checkEnums: true,
  },
  {
    id: 'sfn',
    constName: 'SFN_MODEL',
    typeName: 'Sfn',
    pkg: '@aws-sdk/client-sfn',
    client: 'SFNClient',
    checkEnums: true,
  },
  {
    id: 'events',
    constName: 'EVENTS_MODEL',
    typeName: 'Events',
    pkg: '@aws-sdk/client-eventbridge',
    client: 'EventBridgeClient',
    checkEnums: true,
  },
];

// Smithy's static schema encoding (see @smithy/types static-schemas and sentinels).
const LIST_MODIFIER = 64;
const MAP_MODIFIER = 128;
const SIMPLE = {
  0: 'string',
  1: 'integer',
  2: 'boolean',
  4: 'timestamp',
  5: 'timestamp',
  6: 'timestamp',
  7: 'timestamp',
  15: 'document',
  17: 'integer',
  19: 'integer',
  21: 'blob',
  42: 'blob',
};

/** Reads the enums the package's type declarations attach to struct members: struct → member → enum. */
function readEnums(pkgDir, exports) {
  const isEnum = (name) =>
    exports[name] &&
    typeof exports[name] === 'object' &&
    !Array.isArray(exports[name]) &&
    Object.values(exports[name]).length > 0 &&
    Object.values(exports[name]).every((v) => typeof v === 'string');
  const out = new Map();
  const dir = join(pkgDir, 'dist-types', 'models');
  for (let i = 0; existsSync(join(dir, `models_${i}.d.ts`)); i++) {
    const file = join(dir, `models_${i}.d.ts`);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    source.forEachChild((node) => {
      if (!ts.isInterfaceDeclaration(node)) return;
      const members = new Map();
      for (const m of node.members) {
        if (!ts.isPropertySignature(m) || !m.type) continue;
        const text = m.type.getText(source);
        // Enum keys of maps (`Record<QueueAttributeName, string>`) are left to the operations.
        if (/Record</.test(text)) continue;
        const names = [...text.matchAll(/\b([A-Z][A-Za-z0-9]*)\b/g)].map((x) => x[1]).filter(isEnum);
        if (names.length === 1) members.set(m.name.getText(source), names[0]);
      }
      if (members.size) out.set(node.name.text, members);
    });
  }
  return out;
}

/** Turns one service's schemas into TypeScript source. */
function generate(service) {
  const pkgDir = dirname(require.resolve(`${service.pkg}/package.json`));
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  const exports = require(service.pkg);
  const client = new exports[service.client]({ region: 'us-east-1' });
  const config = client.config;
  const settings = config.protocolSettings;
  const protocolName = config.protocol.constructor.name;
  const protocol = /Query/.test(protocolName) ? 'query' : 'json';
  const enumsByStruct = service.checkEnums ? readEnums(pkgDir, exports) : new Map();
  client.destroy();

  const named = new Map(); // shape name → { kind, code } once emitted
  const order = []; // named shape declarations in dependency order
  const interfaces = [];
  const enumTypes = new Map();
  const visiting = new Set();

  const deref = (ref) => (typeof ref === 'function' ? deref(ref()) : ref);

  /** A member reference: [ref, traits] or a bare ref. */
  function splitMember(ref) {
    if (Array.isArray(ref) && ref.length === 2 && typeof ref[1] !== 'string') {
      return { ref: ref[0], traits: typeof ref[1] === 'object' && ref[1] !== null ? ref[1] : {} };
    }
    return { ref, traits: {} };
  }

  /** Returns { code, type }: the TS expression of the shape and its TypeScript type. */
  function shapeOf(ref, enumName) {
    ref = deref(ref);
    if (typeof ref === 'number') {
      if (ref & LIST_MODIFIER) {
        const item = shapeOf(ref & ~LIST_MODIFIER, enumName);
        return { code: `list(${item.code})`, type: `${wrap(item.type)}[]` };
      }
      if (ref & MAP_MODIFIER) {
        const value = shapeOf(ref & ~MAP_MODIFIER);
        return { code: `map(${value.code})`, type: `Record<string, ${value.type}>` };
      }
      const kind = SIMPLE[ref];
      if (!kind) throw new Error(`${service.id}: unknown simple schema ${ref}`);
      if (kind === 'string' && enumName) return enumShape(enumName);
      return { code: kind.toUpperCase(), type: TS_TYPES[kind] };
    }
    if (!Array.isArray(ref)) throw new Error(`${service.id}: unexpected schema ${String(ref)}`);
    const [id, , name] = ref;
    if (id === 0) return shapeOf(ref[4], enumName);
    if (named.has(name)) return named.get(name);
    if (visiting.has(name)) throw new Error(`${service.id}: recursive shape ${name} is not supported`);
    visiting.add(name);
    let result;
    if (id === 1) {
      const { ref: itemRef, traits } = splitMember(ref[4]);
      const item = shapeOf(itemRef, enumName);
      const args = traits.xmlName ? `, ${JSON.stringify(traits.xmlName)}` : '';
      result = declare(name, `list(${item.code}${args})`, `${wrap(item.type)}[]`);
    } else if (id === 2) {
      const key = splitMember(ref[4]);
      const value = splitMember(ref[5]);
      const valueShape = shapeOf(value.ref);
      const names = [key.traits.xmlName, value.traits.xmlName];
      const args = names.some(Boolean)
        ? `, ${names.map((n) => (n ? JSON.stringify(n) : 'undefined')).join(', ')}`
        : '';
      result = declare(name, `map(${valueShape.code}${args})`, `Record<string, ${valueShape.type}>`);
    } else if (id === 3 || id === 4) {
      const [, , , , memberNames, memberRefs, requiredCount = 0] = ref;
      const enums = enumsByStruct.get(name);
      const members = [];
      const fields = [];
      memberNames.forEach((memberName, i) => {
        const { ref: memberRef, traits } = splitMember(memberRefs[i]);
        const shape = shapeOf(memberRef, enums?.get(memberName));
        const wire = [];
        if (traits.xmlName && traits.xmlName !== memberName)
          wire.push(`xmlName: ${JSON.stringify(traits.xmlName)}`);
        if (traits.xmlFlattened) wire.push('flattened: true');
        const code = wire.length ? `{ shape: ${shape.code}, ${wire.join(', ')} }` : shape.code;
        members.push(`${safeKey(memberName)}: ${code}`);
        const optional = id === 4 || i >= requiredCount ? '?' : '';
        fields.push(`${safeKey(memberName)}${optional}: ${shape.type};`);
      });
      const required = id === 4 ? [] : memberNames.slice(0, requiredCount);
      interfaces.push(
        fields.length
          ? `export interface ${name} {\n${fields.join('\n')}\n}`
          : `export type ${name} = Record<string, never>;`,
      );
      result = declare(
        name,
        `struct(${JSON.stringify(name)}, { ${members.join(', ')} }, ${JSON.stringify(required)})`,
        name,
      );
    } else {
      throw new Error(`${service.id}: unexpected schema kind ${id} for ${name}`);
    }
    visiting.delete(name);
    return result;
  }

  function enumShape(enumName) {
    const values = Object.values(exports[enumName]);
    if (!enumTypes.has(enumName)) enumTypes.set(enumName, values);
    return { code: `enumOf(${enumName}_VALUES)`, type: enumName };
  }

  function declare(name, code, type) {
    const constName = `${name}$`;
    order.push(`const ${constName} = ${code};`);
    const result = { code: constName, type };
    named.set(name, result);
    return result;
  }

  const operations = [];
  const errors = [];
  for (const exportName of Object.keys(exports).sort()) {
    const schema = exports[exportName];
    if (!exportName.endsWith('$') || !Array.isArray(schema)) continue;
    if (schema[0] === 9) {
      const [, , opName, , inputRef, outputRef] = schema;
      const input = shapeOf(inputRef);
      const output = deref(outputRef) === 'unit' ? undefined : shapeOf(outputRef);
      operations.push({ opName, input, output });
    } else if (schema[0] === -3) {
      const [, namespace, code, traits] = schema;
      // The SDK's own base exception, not a modelled error.
      if (namespace.startsWith('smithy.ts.sdk.synthetic')) continue;
      const [queryCode, queryStatus] = traits.awsQueryError ?? [];
      const status = traits.httpError ?? queryStatus ?? (traits.error === 'server' ? 500 : 400);
      const fault = traits.error === 'server' ? 'Receiver' : 'Sender';
      const fields = [`code: ${JSON.stringify(code)}`];
      if (queryCode && queryCode !== code) fields.push(`queryCode: ${JSON.stringify(queryCode)}`);
      fields.push(`status: ${status}`, `fault: ${JSON.stringify(fault)}`);
      errors.push(`${code}: { ${fields.join(', ')} }`);
    }
  }

  const metadata = {
    serviceId: config.serviceId,
    apiVersion: settings.version,
    signingName: config.defaultSigningName,
    protocol,
    ...(protocol === 'json' ? { jsonVersion: /1_1/.test(protocolName) ? '1.1' : '1.0' } : {}),
    ...(protocol === 'json' ? { targetPrefix: settings.serviceTarget } : {}),
    errorNamespace: settings.defaultNamespace,
    ...((service.xmlNamespace ?? (protocol === 'query' ? settings.xmlNamespace : undefined))
      ? { xmlNamespace: service.xmlNamespace ?? settings.xmlNamespace }
      : {}),
    ...(settings.awsQueryCompatible ? { awsQueryCompatible: true } : {}),
  };

  const usedBuilders = ['struct', 'list', 'map', 'enumOf'].filter((b) =>
    order.some((line) => line.includes(`${b}(`)),
  );
  const usedScalars = Object.values(SIMPLE)
    .map((k) => k.toUpperCase())
    .filter((k, i, all) => all.indexOf(k) === i)
    .filter((k) => order.some((line) => new RegExp(`\\b${k}\\b`).test(line)));
  const enumDecls = [...enumTypes].map(
    ([name, values]) =>
      `export const ${name}_VALUES = ${JSON.stringify(values)} as const;\nexport type ${name} = (typeof ${name}_VALUES)[number];`,
  );
  const opLines = operations.map(
    ({ opName, input, output }) =>
      `${opName}: { input: ${input.code}${output ? `, output: ${output.code}` : ''} }`,
  );
  const opTypes = operations.map(
    ({ opName, input, output }) =>
      `${opName}: { input: ${input.type}; output: ${output ? output.type : 'void'} };`,
  );
  return `// Generated by scripts/generate-models.mjs from ${service.pkg} ${version}. Do not edit by hand:
// run \`npm run generate:models\`. AWS's documented limits are in ${service.id}.limits.ts beside this file.
import { ${[...usedBuilders, ...usedScalars].sort().join(', ')}, type ServiceModel } from '../../shapes';

${enumDecls.join('\n\n')}

${interfaces.join('\n\n')}

/** Every operation's input and output type, by operation name. */
export interface ${service.typeName}Operations {
${opTypes.join('\n')}
}

${order.join('\n')}

/** ${config.serviceId} as AWS models it: metadata, operation shapes and modelled errors. */
export const ${service.constName} = {
  metadata: ${JSON.stringify(metadata)},
  operations: { ${opLines.join(', ')} },
  errors: { ${errors.join(', ')} },
} as const satisfies ServiceModel;
`;
}

const TS_TYPES = {
  string: 'string',
  integer: 'number',
  boolean: 'boolean',
  // Blobs travel as base64 text through the wire layer, as both protocols carry them.
  blob: 'string',
  timestamp: 'Date',
  document: 'unknown',
};

const wrap = (type) => (/[|&]/.test(type) ? `(${type})` : type);
const safeKey = (name) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

const check = process.argv.includes('--check');
const prettierConfig = await prettier.resolveConfig(join(root, 'libs/aws-wire/src/shapes.ts'));
let stale = 0;
for (const service of SERVICES) {
  const file = join(root, 'libs/aws-wire/src/models', service.id, `${service.id}.model.generated.ts`);
  const source = await prettier.format(generate(service), { ...prettierConfig, filepath: file });
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current === source) continue;
  if (check) {
    console.error(`${file} is not what scripts/generate-models.mjs generates: run npm run generate:models`);
    stale++;
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, source);
    console.log(`wrote ${file}`);
  }
}
process.exit(stale ? 1 : 0);
