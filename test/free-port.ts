/**
 * Ports for test and bench servers, chosen at run time so that parallel runs (two checkouts, two
 * CI jobs, a bench beside the tests) never collide on a fixed number.
 */
import net from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picked it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs `start` on a free port, trying another when the port was taken between the check and the
 * bind (an outgoing socket may be handed the same number in that moment).
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (error) {
      const taken = /address already in use|could not bind|EADDRINUSE/i.test(String(error));
      if (!taken || attempt >= attempts) throw error;
    }
  }
}
