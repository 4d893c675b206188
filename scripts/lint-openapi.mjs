#!/usr/bin/env node
// Lints api/openapi.json with Spectral (OAS + OWASP API Security ruleset) and Redocly. Fails on
// any error; no rule is turned off, for any part of the document (Better Auth's routes included).
import { spawnSync } from 'node:child_process';

const DOCUMENT = 'api/openapi.json';

function run(command, args) {
  const result = spawnSync('npx', [command, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return result.stdout;
}

let failed = false;

const spectral = JSON.parse(
  run('spectral', ['lint', DOCUMENT, '--ruleset', '.spectral.yaml', '-f', 'json', '--quiet']) || '[]',
);
const errors = spectral.filter((issue) => issue.severity === 0);
const warnings = spectral.filter((issue) => issue.severity === 1);
for (const issue of errors) console.log(`spectral error ${issue.code} at ${issue.path.join('.')}: ${issue.message}`);
console.log(`spectral: ${errors.length} errors, ${warnings.length} warnings`);
failed ||= errors.length > 0;

const redocly = JSON.parse(
  run('redocly', ['lint', DOCUMENT, '--format', 'json']) || '{"totals":{"errors":1},"problems":[]}',
);
for (const problem of redocly.problems.filter((p) => p.severity === 'error')) {
  console.log(`redocly error ${problem.ruleId} at ${problem.location?.[0]?.pointer}: ${problem.message}`);
}
console.log(`redocly: ${redocly.totals.errors} errors, ${redocly.totals.warnings} warnings`);
failed ||= redocly.totals.errors > 0;

process.exit(failed ? 1 : 0);
