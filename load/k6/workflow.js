// The workflow the Step Functions scripts run: Pass, Pass, a Map over the order's lines, Choice,
// Parallel of two, Pass, Succeed.
export const DEFINITION = {
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Result: { priority: 'high' }, ResultPath: '$.meta', Next: 'Enrich' },
    Enrich: { Type: 'Pass', Parameters: { 'orderId.$': '$.orderId', 'lines.$': '$.lines' }, Next: 'Price' },
    Price: {
      Type: 'Map',
      ItemsPath: '$.lines',
      ItemProcessor: {
        StartAt: 'Line',
        States: { Line: { Type: 'Pass', Parameters: { 'sku.$': '$.sku', priced: true }, End: true } },
      },
      ResultPath: '$.priced',
      Next: 'Route',
    },
    Route: {
      Type: 'Choice',
      Choices: [{ Variable: '$.orderId', IsPresent: true, Next: 'Fork' }],
      Default: 'Done',
    },
    Fork: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Bill', States: { Bill: { Type: 'Pass', End: true } } },
        { StartAt: 'Ship', States: { Ship: { Type: 'Pass', End: true } } },
      ],
      ResultPath: '$.done',
      Next: 'Finish',
    },
    Finish: { Type: 'Pass', Result: 'ok', ResultPath: '$.result', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};
