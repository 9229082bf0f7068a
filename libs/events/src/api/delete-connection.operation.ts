import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import { ConnectionStore } from '../store/connection.store';
import { connectionChange } from './connection-request';
import type { EventsOperation } from './events-operation';

/** DeleteConnection: the connection and its sealed secrets are gone at once; the answer says DELETING, as AWS's does. */
@Injectable()
export class DeleteConnectionOperation implements EventsOperation<'DeleteConnection'> {
  readonly name = 'DeleteConnection';

  constructor(private readonly store: ConnectionStore) {}

  async handle(input: Events.DeleteConnectionRequest, ctx: OperationContext) {
    return connectionChange(await this.store.delete(ctx.accountId, input.Name), 'DELETING');
  }
}
