import type { AwsError } from '../aws-error';
import type { Shape, StructShape } from '../shapes';
import { serializationError } from '../validation';

/**
 * Parses an AWS JSON 1.0/1.1 request body: an empty body is an empty input, anything but a JSON
 * object is a SerializationException. Types are checked against the shape by `validateInput`.
 */
export function decodeJsonInput(body: string): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw serializationError(
      'Start of structure or map found where not expected, or the request body is not valid JSON.',
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw serializationError('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** Rewrites the values JSON cannot carry as they are (timestamps, binary blobs); undefined when none. */
type Transform = (value: unknown) => unknown;

const transforms = new WeakMap<Shape, Transform | null>();

/**
 * How an output shape's values become JSON: timestamps as epoch seconds, blobs given as bytes as
 * base64 (blobs already held as base64 text pass as they are). Compiled once per shape, and null for
 * shapes with nothing to rewrite, so most responses go straight to JSON.stringify; values are copied
 * only where something is rewritten (an SQS receive, whose binary attributes are base64 already,
 * allocates nothing here).
 */
function transformOf(shape: Shape): Transform | null {
  const known = transforms.get(shape);
  if (known !== undefined) return known;
  transforms.set(shape, null); // a shape met again while compiling itself has nothing to add
  let t: Transform | null = null;
  switch (shape.kind) {
    case 'timestamp':
      t = (v) => (v instanceof Date ? v.getTime() / 1000 : v);
      break;
    case 'blob':
      t = (v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v);
      break;
    case 'list': {
      const item = transformOf(shape.member);
      if (item) {
        t = (v) => {
          if (!Array.isArray(v)) return v;
          let out: unknown[] | undefined;
          for (let i = 0; i < v.length; i++) {
            const x = item(v[i]);
            if (x !== v[i]) (out ??= v.slice())[i] = x;
          }
          return out ?? v;
        };
      }
      break;
    }
    case 'map': {
      const item = transformOf(shape.value);
      if (item) {
        t = (v) => {
          if (v === null || typeof v !== 'object') return v;
          const map = v as Record<string, unknown>;
          let out: Record<string, unknown> | undefined;
          for (const k of Object.keys(map)) {
            const x = item(map[k]);
            if (x !== map[k]) (out ??= { ...map })[k] = x;
          }
          return out ?? v;
        };
      }
      break;
    }
    case 'struct': {
      const fields = Object.entries(shape.members)
        .map(([name, member]) => [name, transformOf(member.shape)] as const)
        .filter((f): f is readonly [string, Transform] => f[1] !== null);
      if (fields.length) {
        t = (v) => {
          if (v === null || typeof v !== 'object') return v;
          const struct = v as Record<string, unknown>;
          let out: Record<string, unknown> | undefined;
          for (const [name, f] of fields) {
            const x = struct[name];
            if (x === undefined) continue;
            const y = f(x);
            if (y !== x) (out ??= { ...struct })[name] = y;
          }
          return out ?? v;
        };
      }
      break;
    }
  }
  transforms.set(shape, t);
  return t;
}

/** Serialises an operation's output from its shape; operations without output answer `{}`. */
export function encodeJsonOutput(output: object | undefined, shape: StructShape | undefined): string {
  if (!output) return '{}';
  const t = shape ? transformOf(shape) : null;
  return JSON.stringify(t ? t(output) : output);
}

/** The JSON protocols' error body: `__type` names the modelled error within the service namespace. */
export function encodeJsonError(error: AwsError, errorNamespace: string | undefined): string {
  const namespace = error.shape.namespace ?? errorNamespace;
  const type = namespace ? `${namespace}#${error.shape.code}` : error.shape.code;
  return JSON.stringify({ __type: type, message: error.message });
}

/** The `x-amzn-query-error` header value that query-compatible JSON services (SQS) send with every error. */
export function queryCompatibleErrorHeader(error: AwsError): string {
  return `${error.shape.queryCode ?? error.shape.code};${error.shape.fault}`;
}
