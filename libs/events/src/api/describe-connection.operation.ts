import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import { ConnectionStore } from '../store/connection.store';
import { describeConnection } from './connection-request';
import type { EventsOperation } from './events-operation';

/** DescribeConnection: its settings and state; of its authorization parameters, only what is not secret. */
@Injectable()
export class DescribeConnectionOperation implements EventsOperation<'DescribeConnection'> {
  readonly name = 'DescribeConnection';

  constructor(private readonly store: ConnectionStore) {}

  async handle(input: Events.DescribeConnectionRequest, ctx: OperationContext) {
    return describeConnection((await this.store.get(ctx.accountId, input.Name)).record);
  }
}
