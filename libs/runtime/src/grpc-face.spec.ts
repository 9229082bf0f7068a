import { status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { AwsError, type AwsRouter, CommonErrors, Events, Sfn, Sns, Sqs } from '@switchyard/aws-wire';
import { GrpcFace, grpcErrorOf, grpcStatusOf, metadataText } from './grpc-face';

const error = (shape: AwsError['shape']) => new AwsError(shape, 'message');

describe('the gRPC face', () => {
  const cases: [AwsError['shape'], status][] = [
    [Sqs.SQS_MODEL.errors.QueueDoesNotExist, status.NOT_FOUND],
    [Sns.SNS_MODEL.errors.NotFoundException, status.NOT_FOUND],
    [Sfn.SFN_MODEL.errors.ExecutionDoesNotExist, status.NOT_FOUND],
    [Events.EVENTS_MODEL.errors.ResourceNotFoundException, status.NOT_FOUND],
    [Sqs.SQS_MODEL.errors.QueueNameExists, status.ALREADY_EXISTS],
    [Sfn.SFN_MODEL.errors.ExecutionAlreadyExists, status.ALREADY_EXISTS],
    [CommonErrors.InvalidParameterValue, status.INVALID_ARGUMENT],
    [CommonErrors.MissingParameter, status.INVALID_ARGUMENT],
    [Sfn.SFN_MODEL.errors.InvalidDefinition, status.INVALID_ARGUMENT],
    [Sqs.SQS_MODEL.errors.ReceiptHandleIsInvalid, status.INVALID_ARGUMENT],
    [Sns.SNS_MODEL.errors.TopicLimitExceededException, status.RESOURCE_EXHAUSTED],
    [Sqs.SQS_MODEL.errors.RequestThrottled, status.RESOURCE_EXHAUSTED],
    [Sqs.SQS_MODEL.errors.PurgeQueueInProgress, status.FAILED_PRECONDITION],
    [Sns.SNS_MODEL.errors.AuthorizationErrorException, status.PERMISSION_DENIED],
    [CommonErrors.UnknownOperation, status.UNIMPLEMENTED],
    [CommonErrors.ServiceUnavailable, status.UNAVAILABLE],
    [CommonErrors.InternalFailure, status.INTERNAL],
  ];
  it.each(cases.map(([shape, code]) => [shape.code, status[code], shape, code] as const))(
    'answers %s as %s',
    (_code, _name, shape, expected) => {
      expect(grpcStatusOf(error(shape))).toBe(expected);
    },
  );

  it('gives every modelled error a status that says more than UNKNOWN', () => {
    const shapes = [
      ...Object.values(CommonErrors),
      ...[Sqs.SQS_MODEL, Sns.SNS_MODEL, Sfn.SFN_MODEL, Events.EVENTS_MODEL].flatMap((m) =>
        Object.values(m.errors),
      ),
    ];
    expect(shapes.filter((s) => grpcStatusOf(error(s)) === status.UNKNOWN).map((s) => s.code)).toEqual([]);
  });

  it('carries the AWS code, message and request id as metadata, the message as details', () => {
    const answer = grpcErrorOf(new AwsError(Sqs.SQS_MODEL.errors.QueueDoesNotExist, 'gone'), 'req-1');
    expect(answer.code).toBe(status.NOT_FOUND);
    expect(answer.details).toBe('gone');
    expect(answer.metadata.getMap()).toEqual({
      'aws-error-code': 'QueueDoesNotExist',
      'aws-error-message': 'gone',
      'aws-request-id': 'req-1',
    });
    // SNS speaks the query protocol only: its HTTP answers carry the query code.
    const sns = grpcErrorOf(
      new AwsError(Sns.SNS_MODEL.errors.NotFoundException, 'no topic'),
      'req-2',
      'query',
    );
    expect(sns.metadata.get('aws-error-code')).toEqual(['NotFound']);
  });

  it('percent-encodes what metadata cannot carry', () => {
    expect(metadataText('plain text (ok)')).toBe('plain text (ok)');
    expect(metadataText('100% \u00e9\n')).toBe('100%25 %C3%A9%0A');
  });

  // The router reports such a failure to its observer, which logs it with its stack (RequestTelemetry).
  it('answers a failure that is no AWS error INTERNAL, without throwing it on', async () => {
    const router = {
      call: async () => {
        throw new TypeError('a bug');
      },
    } as unknown as AwsRouter;
    const thrown = await new GrpcFace(router).call('sqs', 'ListQueues', {}, undefined).catch((e) => e);
    expect(thrown).toBeInstanceOf(RpcException);
    const answer = (thrown as RpcException).getError() as ReturnType<typeof grpcErrorOf>;
    expect(answer.code).toBe(status.INTERNAL);
    expect(answer.metadata.get('aws-error-code')).toEqual(['InternalFailure']);
  });
});
