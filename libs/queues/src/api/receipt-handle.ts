import type { QueueRef, Receipt } from '../store/queue.store';
import { receiptHandleInvalid } from '../errors/sqs-errors';

/**
 * Receipt handles name the queue, the message and which receive of it this is, so only the latest
 * receive can delete or re-hide a message. Opaque to clients, like AWS's.
 */
export function encodeReceiptHandle(queue: QueueRef, receipt: Receipt): string {
  return Buffer.from(`${queue.accountId}/${queue.name}\n${receipt.id}\n${receipt.receiveCount}`, 'utf8').toString('base64');
}

/** Decodes a handle for `queue`; a handle that is malformed or for another queue is ReceiptHandleIsInvalid. */
export function decodeReceiptHandle(queue: QueueRef, handle: unknown): Receipt {
  if (typeof handle !== 'string' || handle.length === 0 || handle.length > 1024) throw receiptHandleInvalid(String(handle ?? ''));
  const parts = Buffer.from(handle, 'base64').toString('utf8').split('\n');
  if (parts.length !== 3 || parts[0] !== `${queue.accountId}/${queue.name}` || !/^\d+$/.test(parts[2]) || parts[1].length === 0) {
    throw receiptHandleInvalid(handle);
  }
  return { id: parts[1], receiveCount: Number(parts[2]) };
}
