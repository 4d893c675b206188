import { describe, expect, it } from '@jest/globals';
import { checkUrlSyntax, isAllowedAddress } from './webhook-address-policy.js';
import { nextAttemptAt } from './webhook-dispatcher.service.js';

describe('isAllowedAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '224.0.0.251',
    '0.0.0.0',
    '255.255.255.255',
    '240.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    'ff02::1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '::ffff:0:a00:1',
    '::a00:1',
    '64:ff9b::a00:1',
    '64:ff9b:1::a00:1',
    '2002:a9fe:a9fe::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '2001:db8::1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isAllowedAddress(address, false)).toBe(false);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '2606:4700:4700::1111',
    '::ffff:93.184.216.34',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('accepts the public address %s', (address) => {
    expect(isAllowedAddress(address, false)).toBe(true);
  });

  it('accepts loopback only when allowed, and nothing else private then either', () => {
    expect(isAllowedAddress('127.0.0.1', true)).toBe(true);
    expect(isAllowedAddress('::1', true)).toBe(true);
    expect(isAllowedAddress('10.0.0.1', true)).toBe(false);
    expect(isAllowedAddress('169.254.169.254', true)).toBe(false);
  });
});

describe('checkUrlSyntax', () => {
  it('judges IPv4 literals as new URL normalises them', () => {
    expect(new URL('https://2130706433/').hostname).toBe('127.0.0.1');
    expect(new URL('https://0x7f.1/').hostname).toBe('127.0.0.1');
    expect(checkUrlSyntax('https://0300.0250.0.1/', false)).toEqual({ refusal: 'forbidden_address' });
    expect(checkUrlSyntax('https://93.184.216.34/', false)).toHaveProperty('url');
  });
});

describe('nextAttemptAt', () => {
  const event = new Date('2027-01-01T00:00:00Z');
  it('waits 30 s doubling, each wait drawn between half and all of it', () => {
    const wait = (attempt: number, random: number) =>
      nextAttemptAt(attempt, event, event, () => random)!.getTime() - event.getTime();
    expect(wait(1, 1)).toBe(30_000);
    expect(wait(1, 0)).toBe(15_000);
    expect(wait(2, 1)).toBe(60_000);
    expect(wait(5, 1)).toBe(480_000);
    expect(wait(20, 1)).toBe(3 * 3_600_000);
  });

  it('stops 24 hours after the event', () => {
    const late = new Date(event.getTime() + 23.9 * 3_600_000);
    expect(nextAttemptAt(10, late, event, () => 1)).toBeNull();
  });
});
