import { classifyHit } from './machine-classifier';
import { CLASSIFIER_FIXTURES } from './machine-classifier.fixtures';

describe('classifyHit', () => {
  it.each(CLASSIFIER_FIXTURES.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const verdict = classifyHit(fixture.facts);
    expect(verdict.machine).toBe(fixture.expected.machine);
    expect(verdict.reason).toBe(fixture.expected.reason);
    expect(verdict.via).toBe(fixture.expected.via);
  });

  it('uses the configured windows', () => {
    const facts = CLASSIFIER_FIXTURES.find((f) => f.name === 'an open 1.5 s after delivery')!.facts;
    expect(classifyHit(facts, { openWindowMs: 2000, clickWindowMs: 2000 }).reason).toBe('too_soon_after_delivery');
    expect(classifyHit(facts, { openWindowMs: 0, clickWindowMs: 0 }).machine).toBe(false);
  });
});
