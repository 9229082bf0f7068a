import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';
import { tagMap } from './tag-list';

/** TagResource: adds or overwrites tags of a rule. */
@Injectable()
export class TagResourceOperation extends RuleOperation implements EventsOperation<'TagResource'> {
  readonly name = 'TagResource';

  async handle(input: Events.TagResourceRequest, ctx: OperationContext) {
    const { bus, name } = this.taggedRule(input.ResourceARN, ctx);
    await this.store.tag(ctx.accountId, bus, name, tagMap(input.Tags));
    return {};
  }
}
