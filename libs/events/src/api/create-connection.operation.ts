import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { publicParameters } from '../domain/connection-parameters';
import { Connections } from '../domain/connections';
import { connectionArn } from '../domain/event-names';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { ConnectionStore, type StoredConnection } from '../store/connection.store';
import { checkParameters, connectionChange, refuseUnsupported, stateFor } from './connection-request';
import type { EventsOperation } from './events-operation';

/**
 * CreateConnection: the authorization (API key, user and password, or OAuth client credentials) and
 * the HTTP parameters requests made with the connection carry. Its secrets are sealed before they
 * reach Redis. API key and basic connections are AUTHORIZED at once; an OAuth connection is
 * AUTHORIZING until its endpoint gave a first token (then AUTHORIZED, or DEAUTHORIZED with the reason).
 */
@Injectable()
export class CreateConnectionOperation implements EventsOperation<'CreateConnection'> {
  readonly name = 'CreateConnection';

  constructor(
    private readonly store: ConnectionStore,
    private readonly connections: Connections,
    private readonly clock: Clock,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {}

  async handle(input: Events.CreateConnectionRequest, ctx: OperationContext) {
    refuseUnsupported(input);
    checkParameters(input.AuthorizationType, input.AuthParameters);
    const now = this.clock.now();
    const arn = connectionArn(this.options.region, ctx.accountId, input.Name, randomUUID());
    const state = stateFor(input.AuthorizationType);
    const record: StoredConnection = {
      arn,
      name: input.Name,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      authorizationType: input.AuthorizationType,
      state,
      createdAt: now,
      modifiedAt: now,
      ...(state === 'AUTHORIZED' ? { authorizedAt: now } : {}),
      publicParameters: publicParameters(input.AuthParameters),
    };
    await this.store.create(ctx.accountId, record, await this.connections.seal(arn, input.AuthParameters));
    if (state === 'AUTHORIZING') this.connections.authorizeLater(ctx.accountId, input.Name);
    // CreateConnection's answer has no LastAuthorizedTime.
    const { LastAuthorizedTime: _authorized, ...answer } = connectionChange(record);
    return answer;
  }
}
