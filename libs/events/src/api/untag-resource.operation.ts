import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';

/** UntagResource: removes tags of a rule (keys it does not have are no error). */
@Injectable()
export class UntagResourceOperation extends RuleOperation implements EventsOperation<'UntagResource'> {
  readonly name = 'UntagResource';

  async handle(input: Events.UntagResourceRequest, ctx: OperationContext) {
    const { bus, name } = this.taggedRule(input.ResourceARN, ctx);
    await this.store.untag(ctx.accountId, bus, name, input.TagKeys);
    return {};
  }
}
