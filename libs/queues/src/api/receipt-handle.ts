import { createHmac, hash, randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';
import { receiptHandleInvalid } from '../errors/sqs-errors';
import type { QueueRef, Receipt } from '../store/queue.store';

/** A signed payload longer than this (no valid handle's is) is signed by createHmac instead. */
const MAX_FAST_PAYLOAD = 2048;
/** HMAC-SHA256 block size (RFC 2104). */
const BLOCK = 64;

/**
 * HMAC-SHA256 of ASCII payloads, computed as RFC 2104 defines it from the key's two padded blocks,
 * prepared once, with one-shot hashes: the same MAC as `createHmac`, for half its cost (every message
 * received is signed, and every delete or visibility change verifies one).
 */
export class FastHmac {
  private readonly inner = Buffer.alloc(BLOCK + MAX_FAST_PAYLOAD);
  private readonly outer = Buffer.alloc(BLOCK + 32);

  constructor(private readonly key: Buffer) {
    // RFC 2104: a key longer than a block is hashed first.
    const k = key.length > BLOCK ? hash('sha256', key, 'buffer') : key;
    for (let i = 0; i < BLOCK; i++) {
      this.inner[i] = (k[i] ?? 0) ^ 0x36;
      this.outer[i] = (k[i] ?? 0) ^ 0x5c;
    }
  }

  /** The base64url MAC of `payload`, which must be ASCII (callers check): it is written as one byte a character. */
  digest(payload: string): string {
    if (payload.length > MAX_FAST_PAYLOAD)
      return createHmac('sha256', this.key).update(payload).digest('base64url');
    // Synchronous from here to the end, so the two shared buffers cannot be used by anyone else meanwhile.
    const n = this.inner.write(payload, BLOCK, 'latin1');
    this.outer.write(hash('sha256', this.inner.subarray(0, BLOCK + n), 'binary'), BLOCK, 'latin1');
    return hash('sha256', this.outer, 'base64url');
  }
}

/** A receipt handle's shape: a base64url payload, a dot, and 22 base64url characters of MAC. */
const HANDLE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/;

/**
 * Receipt handles name the queue, the message and which receive of it this is, so only the latest
 * receive can delete or re-hide a message. They are signed with a key every gateway reads from Redis,
 * so a handle cannot be forged from a message id: as opaque to clients as AWS's.
 */
@Injectable()
export class ReceiptHandles implements OnModuleInit {
  private key?: FastHmac;

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
    this.key = new FastHmac(Buffer.from(stored, 'base64'));
  }

  private sign(payload: string): string {
    if (!this.key) throw new Error('receipt handles used before the module initialised');
    return this.key.digest(payload).slice(0, 22);
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
    // Only what encode makes can be valid; and the MAC is computed over ASCII only.
    if (!HANDLE.test(handle)) throw receiptHandleInvalid(handle);
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
