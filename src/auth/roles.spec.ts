import { defaultRoleFor, roleAllows } from './roles';

describe('roles', () => {
  it('ranks viewer < marketer < admin', () => {
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows('viewer', 'marketer')).toBe(false);
    expect(roleAllows('marketer', 'marketer')).toBe(true);
    expect(roleAllows('marketer', 'admin')).toBe(false);
    expect(roleAllows('admin', 'marketer')).toBe(true);
    expect(roleAllows('admin', 'admin')).toBe(true);
  });

  it('needs viewer for reads and marketer for every other method by default', () => {
    expect(['GET', 'HEAD', 'OPTIONS', 'get'].map(defaultRoleFor)).toEqual(['viewer', 'viewer', 'viewer', 'viewer']);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(defaultRoleFor)).toEqual([
      'marketer',
      'marketer',
      'marketer',
      'marketer',
    ]);
  });
});
