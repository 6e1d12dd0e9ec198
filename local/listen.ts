import type { AddressInfo, Server } from 'node:net';

/** Listens on 127.0.0.1:`port`; a busy port becomes an error that says what to do. */
export function listen(server: Server, port: number, what: string, flag: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? portInUse(port, what, flag) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

export function portInUse(port: number, what: string, flag: string): Error {
  return new Error(`Port ${port} is busy, so the ${what} cannot start. Stop what uses it, or pick another port with ${flag}.`);
}
