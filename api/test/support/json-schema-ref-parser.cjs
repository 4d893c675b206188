// Stands in for @apidevtools/json-schema-ref-parser under Jest (see jest.config.js): openapi-backend
// (CommonJS) requires that package, whose version 16 is an ES module only, and Jest's CommonJS
// loader cannot require() an ES module before Node 24.9. The contract is one in-memory document
// with local $refs only, so `parse` is the identity and `dereference` is the synchronous
// dereferencer openapi-backend itself ships for its quick mode.
const { createRequire } = require('node:module');

const fromBackend = createRequire(require.resolve('openapi-backend'));
const { dereferenceSync } = fromBackend('dereference-json-schema');

const inMemoryOnly = (document) => {
  if (typeof document !== 'object' || document === null) {
    throw new Error('the test contract dereferences in-memory documents only');
  }
  return document;
};

module.exports = {
  parse: async (document) => inMemoryOnly(document),
  dereference: async (document) => dereferenceSync(inMemoryOnly(document)),
  resolve: async () => {
    throw new Error('the test contract does not resolve external $refs');
  },
};
