import { canonicalTimezone } from './timezone';

describe('canonicalTimezone', () => {
  it.each([
    ['Europe/Amsterdam', 'Europe/Amsterdam'],
    ['europe/amsterdam', 'Europe/Amsterdam'],
    [' America/New_York ', 'America/New_York'],
    ['UTC', 'UTC'],
  ])('%j → %j', (input, expected) => expect(canonicalTimezone(input)).toBe(expected));

  it.each(['Europe/Atlantis', '+01:00', 'GMT+1', 'Etc/GMT-2', '', 'Europe/Amsterdam; DROP', '../../etc/passwd'])(
    'refuses %j',
    (input) => expect(canonicalTimezone(input)).toBeUndefined(),
  );
});
