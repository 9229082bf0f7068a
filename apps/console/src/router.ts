/** The console's hash routes (`#/queues/<name>`, …): parsing and links. */

export type Route =
  | { page: 'queues' }
  | { page: 'queue'; name: string }
  | { page: 'topics' }
  | { page: 'topic'; name: string }
  | { page: 'workflows' }
  | { page: 'workflow'; name: string }
  | { page: 'execution'; executionArn: string }
  | { page: 'express'; executionArn: string };

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** The route a location hash names; anything unknown is the queues page. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  const slash = path.indexOf('/');
  const head = slash < 0 ? path : path.slice(0, slash);
  const rest = slash < 0 ? '' : safeDecode(path.slice(slash + 1));
  switch (head) {
    case 'queues':
      return rest ? { page: 'queue', name: rest } : { page: 'queues' };
    case 'topics':
      return rest ? { page: 'topic', name: rest } : { page: 'topics' };
    case 'workflows':
      return rest ? { page: 'workflow', name: rest } : { page: 'workflows' };
    case 'executions':
      return rest ? { page: 'execution', executionArn: rest } : { page: 'workflows' };
    case 'express':
      return rest ? { page: 'express', executionArn: rest } : { page: 'workflows' };
    default:
      return { page: 'queues' };
  }
}

export const links = {
  queues: () => '#/queues',
  queue: (name: string) => `#/queues/${encodeURIComponent(name)}`,
  topics: () => '#/topics',
  topic: (name: string) => `#/topics/${encodeURIComponent(name)}`,
  workflows: () => '#/workflows',
  workflow: (name: string) => `#/workflows/${encodeURIComponent(name)}`,
  execution: (executionArn: string) => `#/executions/${encodeURIComponent(executionArn)}`,
  express: (executionArn: string) => `#/express/${encodeURIComponent(executionArn)}`,
};

/** The last `:`- or `/`-separated part of an ARN or URL: a queue's, topic's or machine's name. */
export function lastSegment(arnOrUrl: string): string {
  return arnOrUrl.split(/[:/]/).pop() ?? arnOrUrl;
}

/** A state machine's ARN from one of its executions' (standard `execution:` or `express:`). */
export function stateMachineArnOf(executionArn: string): string {
  const parts = executionArn.split(':');
  // arn:aws:states:<region>:<account>:(execution|express):<machine>[:<version or alias>]:<name>[:<uuid>]
  return `${parts.slice(0, 5).join(':')}:stateMachine:${parts[6] ?? ''}`;
}
