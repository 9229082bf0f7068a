import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { ResourceTagStore } from '../store/resource-tag.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';
import { onTaggedResource, taggedResource } from './tagging';

/** UntagResource: removes tags by key. */
@Injectable()
export class UntagResourceOperation implements SfnOperation<'UntagResource'> {
  readonly name = 'UntagResource';

  constructor(
    private readonly store: ResourceTagStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.UntagResourceInput) {
    await onTaggedResource(input.resourceArn, () =>
      this.store.untag(taggedResource(input.resourceArn, this.options.region), input.tagKeys),
    );
    return {};
  }
}
