import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { ConnectionStore, type StoredConnection } from '../store/connection.store';
import { connectionChange } from './connection-request';
import type { EventsOperation } from './events-operation';

/**
 * DeauthorizeConnection: removes every authorization parameter (the sealed secrets go) so the
 * connection can be given new ones with UpdateConnection. It is DEAUTHORIZED at once; the answer
 * says DEAUTHORIZING, as AWS's does.
 */
@Injectable()
export class DeauthorizeConnectionOperation implements EventsOperation<'DeauthorizeConnection'> {
  readonly name = 'DeauthorizeConnection';

  constructor(
    private readonly store: ConnectionStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: Events.DeauthorizeConnectionRequest, ctx: OperationContext) {
    const { record, revision } = await this.store.get(ctx.accountId, input.Name);
    const { publicParameters: _parameters, stateReason: _reason, ...rest } = record;
    const updated: StoredConnection = { ...rest, state: 'DEAUTHORIZED', modifiedAt: this.clock.now() };
    await this.store.update(ctx.accountId, revision, updated, { drop: true });
    return connectionChange(updated, 'DEAUTHORIZING');
  }
}
