import { AwsIntRange, AwsString } from '@switchyard/aws-wire';
import { IsArray, IsOptional } from 'class-validator';

/** ReceiveMessage parameters with AWS's limits. */
export class ReceiveMessageDto {
  QueueUrl?: string;
  @IsOptional() @IsArray() AttributeNames?: string[];
  @IsOptional() @IsArray() MessageSystemAttributeNames?: string[];
  @IsOptional() @IsArray() MessageAttributeNames?: string[];
  @IsOptional() @AwsIntRange(1, 10, 'Must be between 1 and 10, if provided.') MaxNumberOfMessages?: number;
  @IsOptional() @AwsIntRange(0, 43200, 'Must be >= 0 and <= 43200, if provided.') VisibilityTimeout?: number;
  @IsOptional() @AwsIntRange(0, 20, 'Must be >= 0 and <= 20, if provided.') WaitTimeSeconds?: number;
  @IsOptional() @AwsString() ReceiveRequestAttemptId?: string;
}
