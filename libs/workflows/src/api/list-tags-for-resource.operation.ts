import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { ResourceTagStore } from '../store/resource-tag.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';
import { onTaggedResource, taggedResource } from './tagging';

/** ListTagsForResource: the resource's tags. */
@Injectable()
export class ListTagsForResourceOperation implements SfnOperation<'ListTagsForResource'> {
  readonly name = 'ListTagsForResource';

  constructor(
    private readonly store: ResourceTagStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.ListTagsForResourceInput) {
    const tags = await onTaggedResource(input.resourceArn, () =>
      this.store.tags(taggedResource(input.resourceArn, this.options.region)),
    );
    return { tags: Object.entries(tags).map(([key, value]) => ({ key, value })) };
  }
}
