import { classifyIp, embeddedV4, inCidr, parseCidr, parseIp, refusalFor } from './ip-classification';

const kind = (address: string) => classifyIp(parseIp(address)!).kind;
const closed = { allowPrivate: false, allowedCidrs: [] };

describe('parseIp', () => {
  it.each([
    ['1.2.3.4', 4, [1, 2, 3, 4]],
    ['::1', 6, [...Array(15).fill(0), 1]],
    ['[::1]', 6, [...Array(15).fill(0), 1]],
    ['fe80::1%eth0', 6, [0xfe, 0x80, ...Array(13).fill(0), 1]],
    ['::ffff:10.0.0.1', 6, [...Array(10).fill(0), 0xff, 0xff, 10, 0, 0, 1]],
    ['::ffff:a00:1', 6, [...Array(10).fill(0), 0xff, 0xff, 10, 0, 0, 1]],
    ['::10.0.0.1', 6, [...Array(12).fill(0), 10, 0, 0, 1]],
    ['2001:db8:0:0:1:0:0:1', 6, [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]],
    ['1:2:3:4:5:6:7.8.9.10', 6, [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 7, 8, 9, 10]],
  ])('reads %s', (text, family, bytes) => {
    expect(parseIp(text)).toEqual({ family, bytes });
  });

  it.each(['', 'localhost', '256.1.1.1', '1.2.3', '01.2.3.4x', ':::1', '1::2::3', 'example.com'])(
    'refuses %j',
    (text) => {
      expect(parseIp(text)).toBeUndefined();
    },
  );
});

describe('parseCidr and inCidr', () => {
  it('matches on whole and partial bytes', () => {
    expect(inCidr(parseIp('100.127.255.255')!, parseCidr('100.64.0.0/10')!)).toBe(true);
    expect(inCidr(parseIp('100.128.0.0')!, parseCidr('100.64.0.0/10')!)).toBe(false);
    expect(inCidr(parseIp('fdff::1')!, parseCidr('fc00::/7')!)).toBe(true);
    expect(inCidr(parseIp('fe00::1')!, parseCidr('fc00::/7')!)).toBe(false);
    expect(inCidr(parseIp('10.0.0.1')!, parseCidr('::/0')!)).toBe(false);
  });

  it('reads a bare address as a single-address range and refuses bad prefixes', () => {
    expect(parseCidr('10.1.2.3')).toMatchObject({ prefix: 32 });
    expect(parseCidr('::1')).toMatchObject({ prefix: 128 });
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0/x')).toBeUndefined();
    expect(parseCidr('ten/8')).toBeUndefined();
  });
});

describe('classifyIp', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    // IPv4 hiding inside IPv6
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a00:1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
  ])('%s is %s', (address, expected) => {
    expect(kind(address)).toBe(expected);
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '172.15.255.255',
    '100.128.0.1',
    '169.253.1.1',
    '1.1.1.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
  ])('%s is public', (address) => {
    expect(kind(address)).toBe('public');
  });

  it('does not take IPv6 loopback for an IPv4-compatible address', () => {
    expect(embeddedV4(parseIp('::1')!)).toBeUndefined();
    expect(embeddedV4(parseIp('::ffff:1.2.3.4')!)).toEqual({ family: 4, bytes: [1, 2, 3, 4] });
  });
});

describe('refusalFor', () => {
  it('says why in words', () => {
    expect(refusalFor('127.0.0.1', closed)).toBe('a loopback address (this machine)');
    expect(refusalFor('10.0.0.1', closed)).toBe('an address on a private network');
    expect(refusalFor('169.254.169.254', closed)).toBe('a link-local address (used for cloud metadata services)');
    expect(refusalFor('::1', closed)).toBe('a loopback address (this machine)');
    expect(refusalFor('93.184.215.14', closed)).toBeUndefined();
  });

  it('allows everything when private targets are allowed, and listed ranges only otherwise', () => {
    expect(refusalFor('127.0.0.1', { allowPrivate: true, allowedCidrs: [] })).toBeUndefined();
    const listed = { allowPrivate: false, allowedCidrs: ['10.1.2.0/24', 'fd00::/8'] };
    expect(refusalFor('10.1.2.77', listed)).toBeUndefined();
    expect(refusalFor('::ffff:10.1.2.77', listed)).toBeUndefined();
    expect(refusalFor('fd00::5', listed)).toBeUndefined();
    expect(refusalFor('10.1.3.1', listed)).toBe('an address on a private network');
    expect(refusalFor('169.254.169.254', listed)).toMatch(/link-local/);
  });
});
