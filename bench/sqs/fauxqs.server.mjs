// fauxqs (the npm in-memory SQS emulator) as a child process of the SQS bench, without request
// logging (its CLI logs every request). Prints {"port":N} on stdout once listening.
// Usage: node bench/sqs/fauxqs.server.mjs [port]
import { startFauxqs } from 'fauxqs';

const server = await startFauxqs({ port: Number(process.argv[2] ?? 0), logger: false });
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
