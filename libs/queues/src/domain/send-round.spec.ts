import { InvalidMessage } from './invalid-message';
import { type MessageToSend, type PreparedMessage, prepareMessage } from './outgoing-message';
import { SendRound } from './queue-sender';

describe('SendRound', () => {
  const round = () => new SendRound('AIDASENDER', 1_800_000_000_000);

  it('prepares a message sent to several queues once, each copy with an id of its own', () => {
    const r = round();
    const message: MessageToSend = { MessageBody: 'hello', MessageAttributes: {} };
    let prepared = 0;
    const prepare = () => {
      prepared++;
      return prepareMessage(message, r.senderId, r.now, false);
    };
    const copies = [1, 2, 3].map(() => r.preparedOnce(message, false, prepare));
    expect(prepared).toBe(1);
    const [first, ...others] = copies as PreparedMessage[];
    expect(first.md5OfBody).toBe('5d41402abc4b2a76b9719d911017c592');
    for (const copy of others) {
      expect(copy.outgoing.id).not.toBe(first.outgoing.id);
      expect({ ...copy.outgoing, id: first.outgoing.id }).toEqual(first.outgoing);
      expect(copy.md5OfBody).toBe(first.md5OfBody);
    }
    expect(new Set(copies.map((c) => (c as PreparedMessage).outgoing.id)).size).toBe(3);
  });

  it('prepares for standard and FIFO queues apart, and an equal but distinct object again', () => {
    const r = round();
    const message: MessageToSend = { MessageBody: 'hello', MessageGroupId: 'g' };
    const calls: boolean[] = [];
    const prepare = (m: MessageToSend, fifo: boolean) => () => {
      calls.push(fifo);
      try {
        return prepareMessage(m, r.senderId, r.now, fifo);
      } catch (e) {
        return e as InvalidMessage;
      }
    };
    r.preparedOnce(message, false, prepare(message, false));
    r.preparedOnce(message, true, prepare(message, true));
    r.preparedOnce({ ...message }, false, prepare({ ...message }, false));
    expect(calls).toEqual([false, true, false]);
  });

  it('answers a refused message with the same refusal each time', () => {
    const r = round();
    const message: MessageToSend = { MessageBody: '' };
    const refuse = () => new InvalidMessage('MissingParameter', 'no body');
    const first = r.preparedOnce(message, false, refuse);
    expect(first).toBeInstanceOf(InvalidMessage);
    expect(r.preparedOnce(message, false, refuse)).toBe(first);
  });
});
