import { SQS_MODEL } from './models/sqs/sqs.model.generated';
import { withLimits } from './shapes';

describe('withLimits', () => {
  it('gives members their documented limits without changing the generated model', () => {
    const model = withLimits(SQS_MODEL, {
      'ReceiveMessageRequest.MaxNumberOfMessages': { range: { max: 10 } },
    });
    expect(model.operations.ReceiveMessage.input.members.MaxNumberOfMessages.constraints).toEqual({
      range: { max: 10 },
    });
    expect(SQS_MODEL.operations.ReceiveMessage.input.members.MaxNumberOfMessages).not.toHaveProperty(
      'constraints',
    );
  });

  it('refuses a limits table naming a member the model does not have', () => {
    expect(() =>
      withLimits(SQS_MODEL, { 'ReceiveMessageRequest.MaxMessages': { range: { max: 10 } } }),
    ).toThrow(/ReceiveMessageRequest.MaxMessages/);
  });
});
