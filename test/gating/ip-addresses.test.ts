import { describe, expect, it } from 'vitest';
import { addressFromHeader, ipNetwork, validIp } from '../../functions/policy/ip-ranges.js';

describe('client addresses', () => {
  it('counts an IPv6 address by its network and an IPv4 address by itself', () => {
    expect(ipNetwork('2001:db8:1:2:3:4:5:6', 64)).toBe('2001:db8:1:2:0:0:0:0/64');
    expect(ipNetwork('2001:db8:1:2::ffff', 64)).toBe(ipNetwork('2001:db8:1:2::1', 64));
    expect(ipNetwork('2001:db8:abcd:12ff::1', 56)).toBe('2001:db8:abcd:1200:0:0:0:0/56');
    expect(ipNetwork('2001:db8:abcd:12ff::1', 60)).toBe('2001:db8:abcd:12f0:0:0:0:0/60');
    expect(ipNetwork('64:ff9b::192.0.2.1', 128)).toBe('64:ff9b:0:0:0:0:c000:201/128');
    expect(ipNetwork('192.0.2.1', 64)).toBe('192.0.2.1');
    expect(ipNetwork('unknown', 64)).toBe('unknown');
  });

  it('gives the same network back when given a network (so a key can be made from either)', () => {
    const network = ipNetwork('2001:db8::1', 64);
    expect(ipNetwork(network, 64)).toBe(network);
  });

  it('reads a header entry with or without a port, and refuses what is not an address', () => {
    expect(addressFromHeader('198.51.100.7:5678', false)).toBe('198.51.100.7');
    expect(addressFromHeader('[2001:db8::7]:443', false)).toBe('2001:db8::7');
    expect(addressFromHeader('[2001:db8::7]', false)).toBe('2001:db8::7');
    expect(addressFromHeader('2001:db8::7', false)).toBe('2001:db8::7');
    // CloudFront writes IPv6 with the port after it and no brackets.
    expect(addressFromHeader('2001:db8::7:46532', true)).toBe('2001:db8::7');
    expect(addressFromHeader('2001:db8:0:0:1:2:3:4:443', true)).toBe('2001:db8:0:0:1:2:3:4');
    expect(addressFromHeader('::ffff:198.51.100.7', false)).toBe('198.51.100.7');
    for (const bad of ['', 'unknown', 'x'.repeat(3000), '[198.51.100.7]:1', '999.0.0.1', '198.51.100.7:port', '1.2.3.4:123456', '::::']) {
      expect(addressFromHeader(bad, false), bad.slice(0, 20)).toBeUndefined();
      expect(addressFromHeader(bad, true), bad.slice(0, 20)).toBeUndefined();
    }
  });

  it('drops an IPv6 zone and makes IPv4-mapped addresses plain', () => {
    expect(validIp('fe80::1%eth0')).toBe('fe80::1');
    expect(validIp('::ffff:192.0.2.9')).toBe('192.0.2.9');
    expect(validIp('192.0.2.9 ')).toBeUndefined();
  });
});
