/**
 * The reference of the `typename` scenario: a bare Apollo Server 5 with a one-field schema on the
 * same HTTP stack as Vangnet (Express 5, @as-integrations/express5, express.json), and nothing
 * else: no limits, no rate limit, no cache, no CORS. `tsx bare-apollo.ts <port>`; it says
 * `listening` on stdout once it accepts requests.
 */
import { createServer } from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";

const port = Number(process.argv[2]);
const apollo = new ApolloServer({
  typeDefs: "type Query { hello: String }",
  resolvers: { Query: { hello: () => "world" } },
  plugins: [ApolloServerPluginLandingPageDisabled()],
});
await apollo.start();
const app = express();
app.disable("x-powered-by");
app.use("/graphql", express.json(), expressMiddleware(apollo));
const server = createServer(app);
server.listen(port, "127.0.0.1", () => process.stdout.write("listening\n"));
const stop = () => {
  server.close();
  void apollo.stop().then(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
