import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { publicParameters } from '../domain/connection-parameters';
import { Connections } from '../domain/connections';
import { ConnectionStore, type StoredConnection } from '../store/connection.store';
import {
  checkParameters,
  connectionChange,
  mergeParameters,
  refuseUnsupported,
  stateFor,
} from './connection-request';
import type { EventsOperation } from './events-operation';

/**
 * UpdateConnection: a new description, authorization type or parameters. Parameters given replace
 * those of the same names; the result must be complete for the authorization type, and is sealed
 * again. New authorization is AUTHORIZED at once, or AUTHORIZING (OAuth) until a token was fetched.
 * A change made meanwhile by another request is ConcurrentModificationException.
 */
@Injectable()
export class UpdateConnectionOperation implements EventsOperation<'UpdateConnection'> {
  readonly name = 'UpdateConnection';

  constructor(
    private readonly store: ConnectionStore,
    private readonly connections: Connections,
    private readonly clock: Clock,
  ) {}

  async handle(input: Events.UpdateConnectionRequest, ctx: OperationContext) {
    refuseUnsupported(input);
    const { record, revision, sealed } = await this.store.get(ctx.accountId, input.Name);
    const type = input.AuthorizationType ?? record.authorizationType;
    const reauthorize = input.AuthParameters !== undefined || type !== record.authorizationType;
    const now = this.clock.now();
    let updated: StoredConnection = {
      ...record,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      modifiedAt: now,
    };
    let sealedChange: { keep: true } | { set: string } = { keep: true };
    if (reauthorize) {
      const previous = sealed === undefined ? undefined : await this.connections.open(record.arn, sealed);
      const parameters = mergeParameters(previous, record.authorizationType, type, input.AuthParameters);
      checkParameters(type, parameters);
      const { stateReason: _reason, ...rest } = updated;
      const state = stateFor(type);
      updated = {
        ...rest,
        authorizationType: type,
        state,
        ...(state === 'AUTHORIZED' ? { authorizedAt: now } : {}),
        publicParameters: publicParameters(parameters),
      };
      sealedChange = { set: await this.connections.seal(record.arn, parameters) };
    }
    await this.store.update(ctx.accountId, revision, updated, sealedChange);
    if (reauthorize && updated.state === 'AUTHORIZING')
      this.connections.authorizeLater(ctx.accountId, input.Name);
    return connectionChange(updated);
  }
}
