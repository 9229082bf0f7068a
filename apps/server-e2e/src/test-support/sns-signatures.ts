/**
 * AWS's string to sign for an SNS message, written from AWS's documentation ("Verifying the
 * signatures of Amazon SNS messages") independently of the server's signer, so tests check one
 * against the other.
 */
export function stringToSignForTest(message: Record<string, string>): string {
  const names =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return names
    .filter((name) => message[name] !== undefined)
    .map((name) => `${name}\n${message[name]}\n`)
    .join('');
}
