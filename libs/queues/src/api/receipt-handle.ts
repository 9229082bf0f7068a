import { createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';
import { receiptHandleInvalid } from '../errors/sqs-errors';
import type { QueueRef, Receipt } from '../store/queue.store';

/**
 * Receipt handles name the queue, the message and which receive of it this is, so only the latest
 * receive can delete or re-hide a message. They are signed with a key every gateway reads from Redis,
 * so a handle cannot be forged from a message id: as opaque to clients as AWS's.
 */
@Injectable()
export class ReceiptHandles implements OnModuleInit {
  private key?: Buffer;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** The first gateway to start creates the signing key; every later one reads the same. */
  async onModuleInit(): Promise<void> {
    const name = this.keys.receiptSigningKey();
    await this.redis.set(name, randomBytes(32).toString('base64'), 'NX');
    const stored = await this.redis.get(name);
    if (!stored) throw new Error('the receipt-handle signing key could not be stored in Redis');
    this.key = Buffer.from(stored, 'base64');
  }

  private sign(payload: string): string {
    if (!this.key) throw new Error('receipt handles used before the module initialised');
    return createHmac('sha256', this.key).update(payload).digest('base64url').slice(0, 22);
  }

  /** A handle for this receive of a message; `receivedAt` (ms) bounds later visibility extensions. */
  encode(queue: QueueRef, receipt: Receipt, receivedAt: number): string {
    const payload = Buffer.from(
      `${queue.accountId}/${queue.name}\n${receipt.id}\n${receipt.receiveCount}\n${receivedAt}`,
      'utf8',
    ).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** Decodes a handle for `queue`; a handle that is malformed, forged or for another queue is ReceiptHandleIsInvalid. */
  decode(queue: QueueRef, handle: unknown): Receipt & { receivedAt: number } {
    if (typeof handle !== 'string' || handle.length === 0 || handle.length > 1024)
      throw receiptHandleInvalid(String(handle ?? ''));
    const dot = handle.lastIndexOf('.');
    const payload = handle.slice(0, dot);
    if (dot <= 0 || this.sign(payload) !== handle.slice(dot + 1)) throw receiptHandleInvalid(handle);
    const parts = Buffer.from(payload, 'base64url').toString('utf8').split('\n');
    const [owner, id, count, receivedAt] = parts;
    if (
      parts.length !== 4 ||
      owner !== `${queue.accountId}/${queue.name}` ||
      !/^\d+$/.test(count) ||
      !/^\d+$/.test(receivedAt) ||
      !id
    ) {
      throw receiptHandleInvalid(handle);
    }
    return { id, receiveCount: Number(count), receivedAt: Number(receivedAt) };
  }
}
