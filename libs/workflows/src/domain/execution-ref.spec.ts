import { decodeWorkItem, encodeWorkItem, type WorkItem } from './execution-ref';

describe('work items', () => {
  const kinds: WorkItem['kind'][] = [
    'run',
    'timer',
    'timeout',
    'task-timeout',
    'heartbeat-timeout',
    'express',
    'map-run',
  ];

  it.each(kinds)('carry a %s item through the stream and the timers unchanged', (kind) => {
    const item: WorkItem = {
      kind,
      accountId: '000000000000',
      machine: 'm.1',
      execution: 'e-1',
      thread: 't3',
      wait: 2,
    };
    expect(decodeWorkItem(encodeWorkItem(item))).toEqual(item);
  });

  it('carry a task item with its task, line breaks in its parameters included', () => {
    const item: WorkItem = {
      kind: 'task',
      accountId: '000000000000',
      machine: 'm',
      execution: 'e',
      thread: 't7',
      wait: 12,
      task: {
        resource: 'arn:aws:lambda:us-east-1:000000000000:function:f',
        parameters: { note: 'two\nlines', n: [1, 2] },
        timeoutSeconds: 5,
        waitForTaskToken: false,
        integrationPattern: 'REQUEST_RESPONSE',
      },
    };
    expect(decodeWorkItem(encodeWorkItem(item))).toEqual(item);
  });

  it("carry a started execution's run item with its fields, line breaks in its input included", () => {
    const item: WorkItem = {
      kind: 'run',
      accountId: '000000000000',
      machine: 'm',
      execution: 'e',
      start: {
        status: 'RUNNING',
        input: '{"note":"two\\nlines"}',
        version: '81985529216486895',
        state: '{}',
      },
    };
    expect(decodeWorkItem(encodeWorkItem(item))).toEqual({ ...item, thread: undefined, wait: undefined });
  });

  it("carry a run item's fields as they are: line breaks, quotes and characters outside ASCII", () => {
    const start = {
      status: 'RUNNING',
      input: '{\n  "note": "two\\nlines \u00e9 \ud83d\ude00",\n  "q": "\\"x\\""\n}\n',
      empty: '',
      state: '{"threads":{}}',
      version: '7',
    };
    const item: WorkItem = { kind: 'run', accountId: '000000000000', machine: 'm', execution: 'e', start };
    const text = encodeWorkItem(item);
    expect(text).not.toContain('\\"threads'); // the state's JSON is not escaped into another JSON
    expect(decodeWorkItem(text)?.start).toEqual(start);
  });

  it('read run items whose fields earlier versions wrote as a JSON object', () => {
    const start = { status: 'RUNNING', input: '{"a":\n1}', version: '3' };
    const old = ['run', '000000000000', 'm', 'e', '', '', '', JSON.stringify(start)].join('\n');
    expect(decodeWorkItem(old)).toEqual({
      kind: 'run',
      accountId: '000000000000',
      machine: 'm',
      execution: 'e',
      thread: undefined,
      wait: undefined,
      start,
    });
  });

  it('leave out the thread and wait when there are none', () => {
    const item: WorkItem = { kind: 'run', accountId: '000000000000', machine: 'm', execution: 'e' };
    expect(decodeWorkItem(encodeWorkItem(item))).toEqual({ ...item, thread: undefined, wait: undefined });
  });

  it('are not read from text that is not one', () => {
    expect(decodeWorkItem('launch\n0\nm\ne\n\n')).toBeUndefined();
    expect(decodeWorkItem('run\n0\nm\n\n\n')).toBeUndefined();
  });
});
