import { links, parseRoute, stateMachineArnOf } from './router';

describe('parseRoute', () => {
  it('reads every page and round-trips the links', () => {
    const arn = 'arn:aws:states:us-east-1:000000000000:execution:orders:run/1';
    expect(parseRoute('')).toEqual({ page: 'queues' });
    expect(parseRoute(links.queue('jobs.fifo'))).toEqual({ page: 'queue', name: 'jobs.fifo' });
    expect(parseRoute(links.topics())).toEqual({ page: 'topics' });
    expect(parseRoute(links.topic('alerts'))).toEqual({ page: 'topic', name: 'alerts' });
    expect(parseRoute(links.workflow('orders'))).toEqual({ page: 'workflow', name: 'orders' });
    expect(parseRoute(links.execution(arn))).toEqual({ page: 'execution', executionArn: arn });
    expect(parseRoute(links.express(arn))).toEqual({ page: 'express', executionArn: arn });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'queues' });
  });

  it('finds the state machine of an execution', () => {
    expect(stateMachineArnOf('arn:aws:states:eu-west-1:1:express:flow:abc:1234')).toBe(
      'arn:aws:states:eu-west-1:1:stateMachine:flow',
    );
    expect(stateMachineArnOf('arn:aws:states:eu-west-1:1:execution:flow:abc')).toBe(
      'arn:aws:states:eu-west-1:1:stateMachine:flow',
    );
  });
});
