#!/usr/bin/env node
// `npm run bench:framework`: how much of the API's gap to the bare baseline is the framework's
// HTTP layer itself. The same trivial JSON route on node:http, NestJS on Express and NestJS on
// Fastify, measured with wrk (one thread) in alternating rounds. Appends to bench/results/framework.md.
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { freePort } from '../scripts/lib/embedded-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = 3;

class ProbeController {
  ping() {
    return { ok: true, items: [] };
  }
}
Controller()(ProbeController);
Get('ping')(ProbeController.prototype, 'ping', Object.getOwnPropertyDescriptor(ProbeController.prototype, 'ping'));
class ProbeModule {}
Module({ controllers: [ProbeController] })(ProbeModule);

async function startNest(adapter) {
  const app = await NestFactory.create(ProbeModule, adapter, { logger: false });
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}/ping`, close: () => app.close() };
}

async function startBare() {
  const port = await freePort();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, items: [] }));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/ping`, close: () => new Promise((resolve) => server.close(resolve)) };
}

// Asynchronous: the servers live in this process and must keep answering while wrk runs.
async function wrk(url) {
  const { stdout: out } = await promisify(execFile)('wrk', ['-t1', '-c16', '-d5s', '--latency', url]);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p99: p99 ? Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]] : NaN,
  };
}

const targets = {
  'node:http': startBare,
  'NestJS + Express': () => startNest(new ExpressAdapter()),
  'NestJS + Fastify': () => startNest(new FastifyAdapter()),
};
const servers = {};
for (const [name, start] of Object.entries(targets)) servers[name] = await start();
const results = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  const names = round % 2 === 0 ? Object.keys(targets) : Object.keys(targets).reverse();
  for (const name of names) {
    const result = await wrk(servers[name].url);
    results[name].push(result);
    console.log(
      `[framework] round ${round + 1} ${name}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99.toFixed(2)} ms`,
    );
  }
}
for (const server of Object.values(servers)) await server.close();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const bare = median(results['node:http'].map((r) => r.rps));
const rows = Object.entries(results).map(([name, runs]) => {
  const rps = median(runs.map((r) => r.rps));
  return `| ${name} | ${rps.toFixed(0)} | ${median(runs.map((r) => r.p99)).toFixed(2)} | ${(rps / bare).toFixed(2)} |`;
});
const report = `# Framework HTTP layer probe

Measured ${new Date().toISOString()} with \`npm run bench:framework\`: a trivial JSON route, no middleware, no database;
\`wrk -t1 -c16 -d5s\`, medians of ${ROUNDS} alternating rounds.

| server | req/s | p99 ms | ratio to node:http |
| --- | ---: | ---: | ---: |
${rows.join('\n')}
`;
await writeFile(`${root}bench/results/framework.md`, report);
console.log(report);
process.exit(0);
