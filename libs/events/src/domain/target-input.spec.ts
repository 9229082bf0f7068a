import type { Events } from '@switchyard/aws-wire';
import { parseJsonPath } from './json-path';
import { TargetInputError, targetInput, templatePlaceholders } from './target-input';

// The example event and templates of the EventBridge user guide's input transformer page.
const event = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING', count: 3, tags: { team: 'a' } },
};
const eventText = JSON.stringify(event);
const context = {
  ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
  ruleName: 'example',
  ingestionTime: '2015-11-11T21:29:55Z',
};
const paths = { instance: '$.detail.instance-id', state: '$.detail.state' };

function transform(InputTemplate: string, InputPathsMap: Record<string, string> = paths): string {
  const target: Events.Target = { Id: 't', Arn: 'arn', InputTransformer: { InputTemplate, InputPathsMap } };
  return targetInput(target, event, eventText, context);
}

describe('target input', () => {
  it('is the event itself when the target says nothing of its input', () => {
    expect(targetInput({ Id: 't', Arn: 'arn' }, event, eventText, context)).toBe(eventText);
  });

  it('is the constant Input as given', () => {
    expect(targetInput({ Id: 't', Arn: 'arn', Input: '{"fixed": 1}' }, event, eventText, context)).toBe(
      '{"fixed": 1}',
    );
  });

  it('is the part of the event an InputPath names, as JSON', () => {
    const input = (InputPath: string) =>
      targetInput({ Id: 't', Arn: 'arn', InputPath }, event, eventText, context);
    expect(input('$.detail')).toBe(JSON.stringify(event.detail));
    expect(input('$.detail.state')).toBe('"RUNNING"');
    expect(input("$.detail['instance-id']")).toBe('"i-0123456789"');
    expect(input('$.resources[0]')).toBe('"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"');
    expect(input('$.detail.missing')).toBe('null');
  });

  describe('InputTransformer, as in the user guide', () => {
    it('fills a string template with the values as they are', () => {
      expect(transform('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"');
    });

    it('quotes strings placed outside quotes of a JSON template, and minifies it', () => {
      expect(transform('{\n  "instance" : <instance>,\n  "state": <state>\n}')).toBe(
        '{"instance":"i-0123456789","state":"RUNNING"}',
      );
    });

    it('keeps strings and escaped quotes of a JSON template', () => {
      expect(
        transform(
          '{ "instance" : <instance>, "state": "<state>", "instanceStatus": "instance \\"<instance>\\" is in <state>" }',
        ),
      ).toBe(
        '{"instance":"i-0123456789","state":"RUNNING","instanceStatus":"instance \\"i-0123456789\\" is in RUNNING"}',
      );
    });

    it('mixes variables and static values', () => {
      expect(
        transform('{ "instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes" }'),
      ).toBe('{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}');
    });

    it('offers the reserved variables', () => {
      const out = JSON.parse(
        transform(
          '{ "ruleArn" : <aws.events.rule-arn>, "ruleName" : <aws.events.rule-name>, "at": <aws.events.event.ingestion-time>, "originalEvent" : <aws.events.event> }',
        ),
      );
      expect(out).toEqual({
        ruleArn: context.ruleArn,
        ruleName: 'example',
        at: context.ingestionTime,
        originalEvent: event,
      });
      expect(transform('"<aws.events.rule-name> triggered"', {})).toBe('"example triggered"');
    });

    it('places numbers and objects as JSON, and a number inside a string as its text', () => {
      expect(
        transform('{"n": <n>, "tags": <tags>, "text": "<n> items"}', {
          n: '$.detail.count',
          tags: '$.detail.tags',
        }),
      ).toBe('{"n":3,"tags":{"team":"a"},"text":"3 items"}');
    });

    it('leaves a variable whose path names nothing empty in a string, and null elsewhere', () => {
      expect(transform('"info: <missing>"', { missing: '$.detail.nothing' })).toBe('"info: "');
      expect(transform('{"a": <missing>}', { missing: '$.detail.nothing' })).toBe('{"a":null}');
    });

    it('refuses a JSON template that does not come out as JSON (values are not escaped)', () => {
      const quoted = { ...event, detail: { ...event.detail, state: 'say "hi"' } };
      const target: Events.Target = {
        Id: 't',
        Arn: 'arn',
        InputTransformer: { InputTemplate: '{"s": "<state>"}', InputPathsMap: paths },
      };
      expect(() => targetInput(target, quoted, JSON.stringify(quoted), context)).toThrow(TargetInputError);
    });
  });

  it('finds the placeholders of a template and parses the JSON paths targets use', () => {
    expect(templatePlaceholders('{"a": <x>, "b": "<aws.events.rule-name>"}')).toEqual([
      'x',
      'aws.events.rule-name',
    ]);
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath("$.a['b-c'][2]")).toEqual(['a', 'b-c', 2]);
    for (const bad of ['detail', '$..a', '$.a[', '$a']) expect(parseJsonPath(bad)).toBeUndefined();
  });
});
