// Messages matched per second by FilterPolicyIndex against topics of growing size.
// Usage: npm run bench -- filter-policy [--seconds=N]
// Prints one JSON object per line: one per topic size, then a summary. messagesPerSecond is the
// median of five rounds on one thread (wall clock), parsing each message's attributes and JSON
// body; messagesPerCpuSecond divides by the process's CPU time instead (all threads, so GC
// helpers count against it), which is steadier on a shared machine.
import { compileFilterPolicy, FilterPolicyIndex, type FilterableMessage } from '@switchyard/filter-policy';

const SIZES = [10, 1_000, 10_000, 100_000];
const MESSAGE_POOL = 2_000;
const secondsArg = process.argv.find((a) => a.startsWith('--seconds='));
const SECONDS = secondsArg ? Number(secondsArg.split('=')[1]) : 3;
const ROUNDS = 5;

// Deterministic pseudo-random numbers (mulberry32), so every run measures the same topics.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EVENTS = [
  'order_placed',
  'order_cancelled',
  'order_shipped',
  'payment_failed',
  'refund_issued',
  'cart_abandoned',
];
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2', 'ap-south-1', 'sa-east-1'];
const TIERS = ['free', 'silver', 'gold', 'platinum'];
const CHANNELS = ['web', 'ios', 'android', 'partner-api', 'partner-batch'];

/**
 * A realistic large topic: nearly every subscription belongs to one tenant and filters on its
 * tenant id plus a few business conditions, in either scope; a fixed handful of broad
 * subscriptions (audit, analytics) filter on event kind alone.
 */
function policyFor(
  i: number,
  tenants: number,
  random: () => number,
): { text: string; scope: 'MessageAttributes' | 'MessageBody' } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const tenant = `tenant-${i % tenants}`;
  const variant = i % 8;
  switch (variant) {
    case 0:
      return {
        scope: 'MessageAttributes',
        text: JSON.stringify({ tenant: [tenant], event_type: [pick(EVENTS), pick(EVENTS)] }),
      };
    case 1:
      return {
        scope: 'MessageAttributes',
        text: JSON.stringify({
          tenant: [tenant],
          price_usd: [{ numeric: ['>=', Math.floor(random() * 500)] }],
          channel: [{ prefix: 'partner' }, 'web'],
        }),
      };
    case 2:
      return {
        scope: 'MessageAttributes',
        text: JSON.stringify({
          tenant: [tenant],
          event_type: [{ 'anything-but': ['cart_abandoned'] }],
          region: [{ prefix: 'eu-' }],
        }),
      };
    case 3:
      return {
        scope: 'MessageAttributes',
        text: JSON.stringify({
          tenant: [tenant],
          $or: [{ priority: [{ numeric: ['>', 7] }] }, { escalated: [{ exists: true }] }],
        }),
      };
    case 4:
      return {
        scope: 'MessageBody',
        text: JSON.stringify({
          tenant: [tenant],
          order: { region: [pick(REGIONS), pick(REGIONS)], total: [{ numeric: ['>', 10, '<=', 1000] }] },
        }),
      };
    case 5:
      return {
        scope: 'MessageBody',
        text: JSON.stringify({
          tenant: [tenant],
          customer: { tier: [pick(TIERS)], email: [{ suffix: '.com' }] },
        }),
      };
    case 6:
      return {
        scope: 'MessageBody',
        text: JSON.stringify({
          tenant: [tenant],
          order: { lines: { sku: [{ prefix: 'SKU-1' }] } },
          event: [{ 'equals-ignore-case': pick(EVENTS) }],
        }),
      };
    default:
      return {
        scope: 'MessageBody',
        text: JSON.stringify({
          tenant: [tenant],
          source_ip: [{ cidr: '10.0.0.0/8' }],
          debug: [{ exists: false }],
        }),
      };
  }
}

const BROAD = [
  { scope: 'MessageAttributes' as const, text: JSON.stringify({ event_type: ['payment_failed'] }) },
  { scope: 'MessageAttributes' as const, text: JSON.stringify({ price_usd: [{ numeric: ['>', 990] }] }) },
  {
    scope: 'MessageBody' as const,
    text: JSON.stringify({ customer: { tier: ['platinum'] }, order: { total: [{ numeric: ['>', 950] }] } }),
  },
  {
    scope: 'MessageBody' as const,
    text: JSON.stringify({ event: ['refund_issued'], order: { region: [{ prefix: 'us-' }] } }),
  },
];

function messageFor(tenants: number, random: () => number): FilterableMessage {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const tenant = `tenant-${Math.floor(random() * tenants * 1.1)}`; // some tenants have no subscriber
  const event = pick(EVENTS);
  const attributes: FilterableMessage['attributes'] = {
    tenant: { DataType: 'String', StringValue: tenant },
    event_type: { DataType: 'String', StringValue: event },
    price_usd: { DataType: 'Number', StringValue: (random() * 1000).toFixed(2) },
    channel: { DataType: 'String', StringValue: pick(CHANNELS) },
    region: { DataType: 'String', StringValue: pick(REGIONS) },
    priority: { DataType: 'Number', StringValue: String(Math.floor(random() * 10)) },
    tags: { DataType: 'String.Array', StringValue: JSON.stringify(['a', pick(TIERS)]) },
  };
  if (random() < 0.1) attributes.escalated = { DataType: 'String', StringValue: 'yes' };
  const body = {
    tenant,
    event: random() < 0.5 ? event.toUpperCase() : event,
    source_ip: `10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.7`,
    customer: {
      id: `c-${Math.floor(random() * 1e6)}`,
      tier: pick(TIERS),
      email: `x${Math.floor(random() * 100)}@example.${random() < 0.7 ? 'com' : 'org'}`,
    },
    order: {
      id: `o-${Math.floor(random() * 1e9)}`,
      region: pick(REGIONS),
      total: Math.round(random() * 100000) / 100,
      lines: [
        { sku: `SKU-${Math.floor(random() * 300)}`, qty: 1 + Math.floor(random() * 4) },
        { sku: `SKU-${Math.floor(random() * 300)}`, qty: 1 },
      ],
    },
    ...(random() < 0.2 ? { debug: true } : {}),
  };
  return { attributes, body: JSON.stringify(body) };
}

function measure(subscriptions: number): Record<string, unknown> {
  const random = rng(42 + subscriptions);
  const tenants = Math.max(1, Math.floor(subscriptions / 2));
  const index = new FilterPolicyIndex();
  const buildStart = performance.now();
  const broad = Math.min(BROAD.length, Math.max(1, Math.floor(subscriptions / 10)));
  for (let i = 0; i < subscriptions; i++) {
    const { text, scope } = i < broad ? BROAD[i] : policyFor(i, tenants, random);
    index.add(`sub-${i}`, compileFilterPolicy(text, scope));
  }
  const buildMs = performance.now() - buildStart;
  const messages = Array.from({ length: MESSAGE_POOL }, () => messageFor(tenants, random));

  let matched = 0;
  for (let i = 0; i < MESSAGE_POOL * 2; i++) matched += index.match(messages[i % MESSAGE_POOL]).length; // warm-up
  // Several short rounds rather than one long one: the median resists interference from other
  // work on the machine, and the spread shows how much there was.
  matched = 0;
  let count = 0;
  let seconds = 0;
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let roundCount = 0;
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const deadline = start + (SECONDS * 1000) / ROUNDS;
    let now = start;
    while (now < deadline) {
      for (let i = 0; i < MESSAGE_POOL; i++) matched += index.match(messages[i]).length;
      roundCount += MESSAGE_POOL;
      now = performance.now();
    }
    const cpu = process.cpuUsage(cpuStart);
    const roundSeconds = (now - start) / 1000;
    rates.push(roundCount / roundSeconds);
    cpuRates.push(roundCount / ((cpu.user + cpu.system) / 1e6));
    count += roundCount;
    seconds += roundSeconds;
  }
  rates.sort((a, b) => a - b);
  cpuRates.sort((a, b) => a - b);
  return {
    bench: 'filter-policy',
    subscriptions,
    messagesPerSecond: Math.round(rates[Math.floor(ROUNDS / 2)]),
    slowestRoundMessagesPerSecond: Math.round(rates[0]),
    fastestRoundMessagesPerSecond: Math.round(rates[ROUNDS - 1]),
    messagesPerCpuSecond: Math.round(cpuRates[Math.floor(ROUNDS / 2)]),
    averageMatchesPerMessage: Number((matched / count).toFixed(3)),
    messages: count,
    seconds: Number(seconds.toFixed(3)),
    indexBuildMs: Math.round(buildMs),
    averageBodyBytes: Math.round(
      messages.reduce((sum, m) => sum + (m.body?.length ?? 0), 0) / messages.length,
    ),
    attributesPerMessage: Object.keys(messages[0].attributes ?? {}).length,
    mix: 'per-tenant policies, half MessageAttributes and half MessageBody scope, plus up to 4 broad ones',
  };
}

const results = SIZES.map((size) => {
  const result = measure(size);
  console.log(JSON.stringify(result));
  return result;
});
const rate = (n: number) => results.find((r) => r.subscriptions === n)!.messagesPerSecond as number;
const cpuRate = (n: number) => results.find((r) => r.subscriptions === n)!.messagesPerCpuSecond as number;
console.log(
  JSON.stringify({
    bench: 'filter-policy',
    summary: true,
    node: process.version,
    messagesPerSecondAt10000: rate(10_000),
    messagesPerCpuSecondAt10000: cpuRate(10_000),
    target10000: 200_000,
    slowdown100000vs10: Number((rate(10) / rate(100_000)).toFixed(2)),
    cpuSlowdown100000vs10: Number((cpuRate(10) / cpuRate(100_000)).toFixed(2)),
    targetSlowdownAtMost: 3,
  }),
);
