/** Reading of an NPS score (−100…100), as commonly banded: below 0 needs work, 0–29 good, 30–69 great, 70+ excellent. */
export function npsBand(score: number): 'needsWork' | 'good' | 'great' | 'excellent' {
  if (score < 0) return 'needsWork';
  if (score < 30) return 'good';
  if (score < 70) return 'great';
  return 'excellent';
}
