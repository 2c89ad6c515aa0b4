import { connect, createServer, type Socket } from 'node:net';

/**
 * The browser reaches the app through this connection, which the test can cut. Chromium's network
 * emulation (context.setOffline) tells the page it is offline, but does not reliably reach a
 * service worker that was restarted meanwhile; with the connection cut, nothing gets through.
 */
export async function cuttableConnection(target: string) {
  const { port: targetPort } = new URL(target);
  const open = new Set<Socket>();
  let cut = false;
  const server = createServer((client) => {
    if (cut) return client.destroy();
    const upstream = connect(Number(targetPort), '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => {});
      s.on('close', () => open.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    set(offline: boolean) {
      cut = offline;
      if (offline) for (const s of open) s.destroy();
    },
    close: () => new Promise((r) => server.close(r)),
  };
}
