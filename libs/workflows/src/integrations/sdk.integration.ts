import { Injectable } from '@nestjs/common';
import { AwsRouter } from '@switchyard/aws-wire';
import { sdkFailure, type TaskOutcome, taskFailed, taskSucceeded } from './task-outcome';

/** `arn:aws:states:::aws-sdk:<service>:<action>`. */
export const SDK_RESOURCE = /^arn:[^:]+:states:::aws-sdk:([a-z0-9-]+):([a-zA-Z0-9]+)$/;

/** The services an SDK integration reaches here: the name the router knows, and the one errors carry. */
const SERVICES: Readonly<Record<string, { signingName: string; errorService: string }>> = {
  sqs: { signingName: 'sqs', errorService: 'Sqs' },
  sns: { signingName: 'sns', errorService: 'Sns' },
};

/**
 * The AWS SDK integrations with Switchyard's queues and topics: any SQS or SNS operation, its
 * parameters and output named as the API names them (PascalCase), its errors as
 * `Sqs.<Code>Exception` / `Sns.<Code>Exception`.
 */
@Injectable()
export class SdkIntegrations {
  constructor(private readonly router: AwsRouter) {}

  async call(resource: string, parameters: unknown): Promise<TaskOutcome> {
    const [, serviceName, action] = SDK_RESOURCE.exec(resource) ?? [];
    const service = SERVICES[serviceName];
    if (!service)
      return taskFailed(
        'States.Runtime',
        `The resource '${resource}' is not one this deployment serves (AWS SDK integrations reach ${Object.keys(SERVICES).join(' and ')}).`,
      );
    const operation = action[0].toUpperCase() + action.slice(1);
    try {
      const { output } = await this.router.call(service.signingName, operation, parameters ?? {});
      return taskSucceeded(output);
    } catch (e) {
      return sdkFailure(e, service.errorService);
    }
  }
}
