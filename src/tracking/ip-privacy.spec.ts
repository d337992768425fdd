import { protectIp, truncateIp } from './ip-privacy';

describe('truncateIp', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0'],
    ['::ffff:198.51.100.9', '198.51.100.0'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::'],
    ['2001:db8::1', '2001:db8:0::'],
    ['::1', '0:0:0::'],
    ['fe80::1:2:3:4', 'fe80:0:0::'],
  ])('%s → %s', (ip, expected) => {
    expect(truncateIp(ip)).toBe(expected);
  });

  it.each(['', 'nonsense', '1.2.3', '1:2:3:4:5:6:7:8:9'])('refuses %j', (ip) => {
    expect(truncateIp(ip)).toBeNull();
  });
});

describe('protectIp', () => {
  it('truncates, hashes with the key, or drops', () => {
    expect(protectIp('203.0.113.77', 'truncate', 'k')).toBe('203.0.113.0');
    expect(protectIp('203.0.113.77', 'none', 'k')).toBeNull();
    const hashed = protectIp('203.0.113.77', 'hash', 'k');
    expect(hashed).toMatch(/^h:[0-9a-f]{32}$/);
    expect(hashed).not.toContain('203');
    expect(protectIp('203.0.113.77', 'hash', 'k')).toBe(hashed);
    expect(protectIp('203.0.113.78', 'hash', 'k')).not.toBe(hashed);
    expect(protectIp('203.0.113.77', 'hash', 'other key')).not.toBe(hashed);
  });
});
