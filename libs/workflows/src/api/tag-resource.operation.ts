import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { ResourceTagStore } from '../store/resource-tag.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';
import { tagRecord } from './state-machine-input';
import { onTaggedResource, taggedResource } from './tagging';

/** TagResource: adds or replaces tags, at most 50 a resource. */
@Injectable()
export class TagResourceOperation implements SfnOperation<'TagResource'> {
  readonly name = 'TagResource';

  constructor(
    private readonly store: ResourceTagStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.TagResourceInput) {
    await onTaggedResource(input.resourceArn, () =>
      this.store.tag(taggedResource(input.resourceArn, this.options.region), tagRecord(input.tags)),
    );
    return {};
  }
}
