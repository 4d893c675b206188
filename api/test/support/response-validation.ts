/**
 * Jest set-up for every test file (setupFilesAfterEnv): each response a test receives from the
 * API, through supertest or fetch, is held against the committed OpenAPI document, and the test
 * fails when the document does not describe it (status, media type, body or headers). Responses
 * are collected as they arrive and judged after each test, so a test that catches a request's
 * error cannot swallow the verdict.
 */
import { afterAll, afterEach } from '@jest/globals';
import request from 'supertest';
import { type ObservedResponse, OpenApiContract } from './openapi-contract.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const received: ObservedResponse[] = [];
let contract: Promise<OpenApiContract> | undefined;

const pending: Array<Promise<void>> = [];

/** Takes the responses received so far (and clears them), fetch bodies read to the end. */
export async function takeReceivedResponses(): Promise<ObservedResponse[]> {
  await Promise.all(pending.splice(0, pending.length));
  return received.splice(0, received.length);
}

/** Judges responses against the committed document; what is wrong, one line per response. */
export async function violationsOf(responses: ObservedResponse[]): Promise<string[]> {
  contract ??= OpenApiContract.load();
  const judge = await contract;
  return responses.flatMap((response) => {
    const problems = judge.check(response);
    const route = `${response.method} ${new URL(response.url).pathname} → ${response.status}`;
    return problems.length ? [`${route}: ${problems.join('; ')}`] : [];
  });
}

function record(response: ObservedResponse): void {
  if (LOOPBACK.has(new URL(response.url).hostname)) received.push(response);
}

type Assert = (this: unknown, error: unknown, res: ResponseLike | undefined, fn: unknown) => void;
interface ResponseLike {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text?: string;
}

// supertest calls assert() once per finished request, with the response when there is one.
const prototype = request.Test.prototype as unknown as { assert: Assert };
const assert = prototype.assert;
prototype.assert = function (this: unknown, error, res, fn) {
  if (res) {
    const self = this as unknown as { method: string; url: string };
    record({ method: self.method, url: self.url, status: res.status, headers: res.headers, body: res.text ?? '' });
  }
  return assert.call(this, error, res, fn);
};

const fetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const response = await fetch(input, init);
  const request = new Request(input, init);
  const headers: ObservedResponse['headers'] = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  if (response.headers.getSetCookie().length) headers['set-cookie'] = response.headers.getSetCookie();
  pending.push(
    response
      .clone()
      .text()
      .then((body) => record({ method: request.method, url: request.url, status: response.status, headers, body })),
  );
  return response;
};

async function judgeReceived(): Promise<void> {
  const violations = await violationsOf(await takeReceivedResponses());
  if (violations.length) {
    throw new Error(`Responses the OpenAPI document (api/openapi.json) does not describe:\n${violations.join('\n')}`);
  }
}

// After each test, and once more for what beforeAll/afterAll hooks received.
afterEach(judgeReceived);
afterAll(judgeReceived);
