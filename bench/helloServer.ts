/**
 * The GraphQL baseline: graphql-yoga serving `{ hello }` on node:http, nothing else (no plugins,
 * no auth, no Redis). placeTower's throughput is reported as a share of this server's.
 */
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const yoga = createYoga({
  schema: createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } }),
  logging: false,
  graphiql: false,
  healthCheckEndpoint: '/health',
});
const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 4001), '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
