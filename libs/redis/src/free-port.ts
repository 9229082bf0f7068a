import { createServer } from 'node:net';

/**
 * Ports this process has handed out. The system may offer a port again as soon as it is free, and a
 * port handed out is free until its taker binds it: a server given two ports in a row (HTTP and TLS)
 * could otherwise get the same one twice.
 */
const handedOut = new Set<number>();

/** A free TCP port on loopback, for a server about to start (tests' HTTP servers and Redis nodes). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => res(port));
    });
  });
}
