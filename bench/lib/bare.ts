import Fastify, { type FastifyInstance } from 'fastify';

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The yardstick: a plain Fastify app (no auth, no tenancy, no validation, no hooks) with
 * only the routes a scenario registers, listening on a free port.
 */
export async function startBare(register: (app: FastifyInstance) => void): Promise<BareServer> {
  const app = Fastify({ logger: false });
  register(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('bare server has no TCP address');
  return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
