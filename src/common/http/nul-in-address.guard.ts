import type { FastifyInstance } from 'fastify';

/**
 * An /api address with a NUL character (%00) in its path or query is refused
 * before any handler runs: PostgreSQL text cannot hold NUL, so a search or an
 * id with one would fail in the database (a 500). Public pages answer such a
 * link with their friendly "link does not work" page themselves.
 */
export function refuseNulInApiAddresses(instance: FastifyInstance): void {
  instance.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api') || !/%00/i.test(request.url)) return;
    await reply.code(400).send({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The address contains a NUL character (%00), which no path or query value accepts',
    });
  });
}
