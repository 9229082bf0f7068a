// The 12-transition benchmark workflow every workflow bench runs (asl in memory, sfn through the API).

/** Pass, Pass, Map over 3 items, Choice, Parallel of 2, Pass, Succeed: 12 state transitions. */
export const BENCHMARK_WORKFLOW = {
  Comment: 'Order fan-out: 12 transitions',
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Result: { priority: 'high' }, ResultPath: '$.meta', Next: 'Enrich' },
    Enrich: {
      Type: 'Pass',
      Parameters: {
        'orderId.$': '$.orderId',
        'lines.$': '$.lines',
        'priority.$': '$.meta.priority',
        source: 'web',
      },
      Next: 'PriceLines',
    },
    PriceLines: {
      Type: 'Map',
      ItemsPath: '$.lines',
      ItemSelector: {
        'sku.$': '$$.Map.Item.Value.sku',
        'qty.$': '$$.Map.Item.Value.qty',
        'orderId.$': '$.orderId',
      },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Price',
        States: {
          Price: {
            Type: 'Pass',
            Parameters: { 'sku.$': '$.sku', 'qty.$': '$.qty', priced: true },
            End: true,
          },
        },
      },
      ResultPath: '$.priced',
      Next: 'Route',
    },
    Route: {
      Type: 'Choice',
      Choices: [
        {
          And: [
            { Variable: '$.priority', StringEquals: 'high' },
            { Variable: '$.priced[0].qty', NumericGreaterThan: 0 },
          ],
          Next: 'Fanout',
        },
      ],
      Default: 'Fanout',
    },
    Fanout: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Notify',
          States: {
            Notify: { Type: 'Pass', Parameters: { channel: 'email', 'orderId.$': '$.orderId' }, End: true },
          },
        },
        {
          StartAt: 'Reserve',
          States: { Reserve: { Type: 'Pass', Parameters: { 'lines.$': '$.priced' }, End: true } },
        },
      ],
      ResultSelector: { 'notification.$': '$[0]', 'reservation.$': '$[1]' },
      ResultPath: '$.fanout',
      Next: 'Summarise',
    },
    Summarise: {
      Type: 'Pass',
      Parameters: {
        'orderId.$': '$.orderId',
        'lines.$': '$.priced',
        'channel.$': '$.fanout.notification.channel',
      },
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};
export const BENCHMARK_INPUT = {
  orderId: 'o-1001',
  lines: [
    { sku: 'A-1', qty: 2 },
    { sku: 'B-7', qty: 1 },
    { sku: 'C-3', qty: 5 },
  ],
};

/** State transitions (states entered) of one execution of the benchmark workflow. */
export const BENCHMARK_TRANSITIONS = 12;
