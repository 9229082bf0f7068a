import { RequestMetrics } from './request-metrics';

describe('RequestMetrics', () => {
  it('counts answers and their time per service, operation and status class', () => {
    const metrics = new RequestMetrics();
    const answer = (operation: string, status: number, durationMs: number, service?: string) =>
      metrics.record({ service, operation, protocol: 'json', status, durationMs });
    answer('SendMessage', 200, 2, 'SQS');
    answer('SendMessage', 200, 3, 'SQS');
    answer('SendMessage', 400, 1, 'SQS');
    answer('Frobnicate', 400, 1);
    expect(metrics.snapshot()).toEqual([
      { service: 'SQS', operation: 'SendMessage', outcome: '2xx', count: 2, totalMs: 5 },
      { service: 'SQS', operation: 'SendMessage', outcome: '4xx', count: 1, totalMs: 1 },
      { service: 'unknown', operation: 'Frobnicate', outcome: '4xx', count: 1, totalMs: 1 },
    ]);
  });
});
