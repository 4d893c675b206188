#!/usr/bin/env node
// Lints api/openapi.json with Spectral (OAS + OWASP API Security ruleset) and Redocly. Fails on
// any error, except the rules listed below for the parts of the document we do not write.
import { spawnSync } from 'node:child_process';

const DOCUMENT = 'api/openapi.json';

/**
 * Rules left off, each for a reason. They apply only to Better Auth's routes (/api/auth/*) and
 * schemas (Auth*), which Better Auth generates from its own validators; restating its limits by
 * hand would drift from what it enforces. Every auth body is still bounded by the 100 KiB limit,
 * passwords by 8–128 characters, and every auth route is rate limited.
 */
const EXCEPTIONS = [
  {
    rule: 'owasp:api4:2023-string-limit',
    scope: 'auth',
    why: 'Better Auth schemas state no maxLength; bodies are capped at 100 KiB',
  },
  {
    rule: 'owasp:api4:2023-string-restricted',
    scope: 'auth',
    why: 'free-text fields (names, user agents) have no format',
  },
  {
    rule: 'owasp:api4:2023-array-limit',
    scope: 'auth',
    why: 'arrays Better Auth returns (sessions, keys) are bounded by the data, not the request',
  },
  {
    rule: 'owasp:api2:2023-no-credentials-in-url',
    scope: 'mail-link',
    why: "Better Auth's mailed links carry their token in the URL (a mail can carry nothing else): reset tokens are single-use and expire in an hour, verification tokens in 24 hours; logs keep neither query strings nor the reset path's token, and pages send no Referer",
  },
  {
    rule: 'owasp:api4:2023-array-limit',
    scope: 'export',
    why: 'the account export lists every task of the caller: bounded by the data, not by the request',
  },
];

const MAIL_LINK_PATHS = ['/api/auth/reset-password', '/api/auth/reset-password/{token}', '/api/auth/verify-email'];
const inScope = {
  auth: (path) => isAuthPath(path),
  'mail-link': (path) => path[0] === 'paths' && MAIL_LINK_PATHS.includes(String(path[1])),
  export: (path) => path.join('.') === 'components.schemas.AccountExportDto.properties.tasks',
};

const isAuthPath = (path) => path.join('/').includes('/api/auth') || String(path[2] ?? '').startsWith('Auth');

function run(command, args) {
  const result = spawnSync('npx', [command, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return result.stdout;
}

let failed = false;

const spectral = JSON.parse(
  run('spectral', ['lint', DOCUMENT, '--ruleset', '.spectral.yaml', '-f', 'json', '--quiet']) || '[]',
);
const kept = spectral.filter((issue) => !EXCEPTIONS.some((e) => e.rule === issue.code && inScope[e.scope](issue.path)));
const errors = kept.filter((issue) => issue.severity === 0);
const warnings = kept.filter((issue) => issue.severity === 1);
for (const issue of errors) console.log(`spectral error ${issue.code} at ${issue.path.join('.')}: ${issue.message}`);
console.log(
  `spectral: ${errors.length} errors, ${warnings.length} warnings (${spectral.length - kept.length} excepted: ${EXCEPTIONS.map((e) => `${e.rule} (${e.scope})`).join(', ')})`,
);
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
