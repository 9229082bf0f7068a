import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import { ConnectionStore, type StoredConnection } from '../store/connection.store';
import type { EventsOperation } from './events-operation';
import { MAX_PAGE, page, pageStart } from './events-pages';

/** ListConnections: in name order, by NamePrefix and ConnectionState, `Limit` a page (100 at most). */
@Injectable()
export class ListConnectionsOperation implements EventsOperation<'ListConnections'> {
  readonly name = 'ListConnections';

  constructor(private readonly store: ConnectionStore) {}

  async handle(input: Events.ListConnectionsRequest, ctx: OperationContext) {
    const limit = input.Limit ?? MAX_PAGE;
    const found: StoredConnection[] = [];
    let after = pageStart(input.NextToken);
    // Read on until the page (and one more, to know whether more follow) is full of the wanted state.
    for (;;) {
      const batch = await this.store.list(ctx.accountId, {
        prefix: input.NamePrefix,
        after,
        limit: limit + 1,
      });
      found.push(
        ...batch.filter((c) => input.ConnectionState === undefined || c.state === input.ConnectionState),
      );
      if (found.length > limit || batch.length <= limit) break;
      after = batch[batch.length - 1].name;
    }
    const { items, NextToken } = page(found, limit, (c) => c.name);
    return {
      Connections: items.map((c) => ({
        ConnectionArn: c.arn,
        Name: c.name,
        ConnectionState: c.state,
        ...(c.stateReason !== undefined ? { StateReason: c.stateReason } : {}),
        AuthorizationType: c.authorizationType,
        CreationTime: new Date(c.createdAt),
        LastModifiedTime: new Date(c.modifiedAt),
        ...(c.authorizedAt !== undefined ? { LastAuthorizedTime: new Date(c.authorizedAt) } : {}),
      })),
      ...(NextToken ? { NextToken } : {}),
    };
  }
}
