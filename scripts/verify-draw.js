#!/usr/bin/env node
// Checks a valuemail contest draw from its audit file, offline:
//   node scripts/verify-draw.js contest-12-draw-audit.json
// Exit 0: the published winners are exactly what the published facts produce.
// Exit 1: something does not match (each problem is explained). Exit 2: unusable input.
//
// Deliberately independent of the server: plain Node, node:crypto only, written
// from docs/contest-draw.md rather than imported from src/.
'use strict';
const { createHash, createHmac } = require('node:crypto');
const { readFileSync } = require('node:fs');

const ALGORITHM = 'valuemail-draw/2';
const FORMAT = 'valuemail-contest-draw-audit/1';
// drand quicknet, the beacon the server names (https://drand.love).
const QUICKNET = {
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  genesisTime: 1692803367,
  period: 3,
};

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

function canonical(list) {
  const sorted = list.slice().sort((a, b) => (a[0] === b[0] ? 0 : a[0] < b[0] ? -1 : 1));
  return JSON.stringify(sorted.map(([ref, weight]) => [ref, weight]));
}

function recomputeOrder(seed, list, beaconValue, picks) {
  const digest = sha256(canonical(list));
  const key = createHash('sha256')
    .update([ALGORITHM, seed, digest, beaconValue || ''].join('\n'), 'utf8')
    .digest();
  let block = 0;
  const uniformBelow = (n) => {
    const range = 2n ** 48n;
    const limit = (range / BigInt(n)) * BigInt(n);
    for (;;) {
      const mac = createHmac('sha256', key).update(String(block), 'utf8').digest();
      block += 1;
      const x = BigInt('0x' + mac.subarray(0, 6).toString('hex'));
      if (x < limit) return Number(x % BigInt(n));
    }
  };
  const pool = list
    .slice()
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([ref, weight]) => ({ ref, weight }));
  const order = [];
  while (order.length < picks && pool.length) {
    const total = pool.reduce((s, e) => s + e.weight, 0);
    let ticket = uniformBelow(total);
    let i = 0;
    for (; ticket >= pool[i].weight; i++) ticket -= pool[i].weight;
    order.push(pool.splice(i, 1)[0].ref);
  }
  return order;
}

function verify(doc) {
  const problems = [];
  const warnings = [];
  const passed = [];
  const check = (ok, good, bad) => (ok ? passed.push(good) : problems.push(bad));

  if (doc.format !== FORMAT)
    return { problems: [`unknown file format "${doc.format}" (expected ${FORMAT})`], warnings, passed };
  if (doc.algorithm !== ALGORITHM)
    return { problems: [`this script checks ${ALGORITHM}; the file says "${doc.algorithm}"`], warnings, passed };
  if (!doc.draw)
    return { problems: ['the contest has not been drawn yet: there is nothing to check'], warnings, passed };
  if (!doc.entries) return { problems: ['the file has a draw but no frozen entry list'], warnings, passed };

  const endsAt = Date.parse(doc.contest.endsAt);
  const { seed, order, winners } = doc.draw;
  const list = doc.entries.list;

  check(
    sha256(String(seed)) === doc.commitment.seedHash,
    'the seed matches the fingerprint published at commit',
    `the seed does not match its commitment: sha256(seed) is ${sha256(String(seed))}, the commitment published ${doc.commitment.seedHash}`,
  );
  const committedAt = Date.parse(doc.commitment.committedAt);
  const beaconAt = doc.beacon ? (QUICKNET.genesisTime + (doc.beacon.round - 1) * QUICKNET.period) * 1000 : null;
  if (committedAt < endsAt) passed.push('the seed was committed before entries closed');
  else if (beaconAt !== null && beaconAt > committedAt)
    passed.push('the seed was committed after entries closed, but before the beacon round it names was published');
  else
    problems.push(
      `the seed was committed at ${doc.commitment.committedAt}, after entries closed at ${doc.contest.endsAt}, without a beacon round published later: it could have been chosen knowing every entry`,
    );

  const seen = new Set();
  const badEntries = list.filter((e) => {
    const wellFormed = Array.isArray(e) && typeof e[0] === 'string' && Number.isInteger(e[1]) && e[1] >= 1;
    const repeated = wellFormed && seen.has(e[0]);
    if (wellFormed) seen.add(e[0]);
    return !wellFormed || repeated;
  });
  check(
    badEntries.length === 0,
    'every entry has a distinct id and a whole positive weight',
    `entries that are malformed or repeated: ${JSON.stringify(badEntries.slice(0, 3))}`,
  );
  check(
    list.length === doc.entries.count,
    `the entry list has ${list.length} entries, as stated`,
    `the file says ${doc.entries.count} entries but lists ${list.length}`,
  );
  const digest = sha256(canonical(list));
  check(
    digest === doc.entries.digest,
    'the entry list matches its published fingerprint',
    `the entry list does not match its fingerprint: it hashes to ${digest}, the file states ${doc.entries.digest} (an entry or a weight was changed, added or removed)`,
  );
  check(
    Date.parse(doc.entries.frozenAt) >= endsAt,
    'the entry list was frozen after entries closed',
    `the entry list was frozen at ${doc.entries.frozenAt}, before entries closed at ${doc.contest.endsAt}`,
  );

  let beaconValue = null;
  if (doc.beacon) {
    const b = doc.beacon;
    beaconValue = b.value;
    const publishedAt = beaconAt;
    check(b.chainHash === QUICKNET.chainHash, 'the beacon is drand quicknet', `unknown beacon chain ${b.chainHash}`);
    check(
      publishedAt >= endsAt,
      `beacon round ${b.round} was published after entries closed`,
      `beacon round ${b.round} was published at ${new Date(publishedAt).toISOString()}, before entries closed: its value could be known in advance`,
    );
    check(
      typeof b.value === 'string' && /^[0-9a-f]{32,128}$/.test(b.value),
      'a beacon value was used',
      `the beacon value "${b.value}" is missing or not lowercase hex`,
    );
    if (Date.parse(doc.entries.frozenAt) >= publishedAt)
      warnings.push(
        `the entry list was frozen (${doc.entries.frozenAt}) after beacon round ${b.round} was public (${new Date(publishedAt).toISOString()}): the list could have been chosen knowing the outcome`,
      );
    warnings.push(
      `compare the beacon value with the "randomness" published at ${b.url} (curl -s ${b.url}); this script does not go online`,
    );
  } else {
    warnings.push(
      'no public beacon was used: entrants could not steer this draw, but whoever ran it knew the seed while entries were open',
    );
  }

  if (!problems.length) {
    const expected = recomputeOrder(seed, list, beaconValue, order.length);
    const at = expected.findIndex((ref, i) => ref !== order[i]);
    if (at === -1 && expected.length === order.length)
      passed.push(`the draw order recomputes exactly (${order.length} pick${order.length === 1 ? '' : 's'})`);
    else if (at === -1)
      problems.push(`the file lists ${order.length} picks but only ${expected.length} entries can be drawn`);
    else
      problems.push(
        `pick ${at + 1} should be ${expected[at]} but the file says ${order[at]}: the winners do not follow from the seed, entries and beacon`,
      );
  }

  const positions = winners.map((w) => w.position).join(',');
  check(
    positions === order.map((_, i) => i + 1).join(',') && winners.every((w) => w.entry === order[w.position - 1]),
    'the winners table follows the draw order',
    `the winners table (${winners.map((w) => `${w.position}:${w.entry}`).join(' ')}) does not follow the draw order`,
  );
  const disqualified = winners.filter((w) => w.status === 'disqualified');
  const current = winners.filter((w) => w.status === 'won').length;
  check(
    disqualified.every((w) => w.reason),
    'every disqualification gives a reason',
    'a disqualification has no reason',
  );
  check(
    current === Math.min(doc.contest.winnersWanted, list.length - disqualified.length) &&
      order.length === Math.min(list.length, doc.contest.winnersWanted + disqualified.length),
    `${current} winner${current === 1 ? '' : 's'} stand${current === 1 ? 's' : ''}, one redraw per disqualification (${disqualified.length})`,
    `${current} winners stand and ${order.length} picks were made for ${doc.contest.winnersWanted} wanted and ${disqualified.length} disqualified: picks were added or dropped`,
  );
  return { problems, warnings, passed };
}

function main() {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/verify-draw.js AUDIT_FILE.json');
    return 2;
  }
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`cannot read ${file}: ${error.message}`);
    return 2;
  }
  let result;
  try {
    result = verify(doc);
  } catch (error) {
    console.error(`the file is not a complete draw audit file: ${error.message}`);
    return 2;
  }
  const title = doc.contest ? `"${doc.contest.title}" (contest ${doc.contest.campaignId})` : file;
  for (const line of result.passed) console.log(`  ok   ${line}`);
  for (const line of result.warnings) console.log(`  note ${line}`);
  for (const line of result.problems) console.log(`  FAIL ${line}`);
  if (result.problems.length) {
    console.log(
      `The draw of ${title} does NOT verify: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}.`,
    );
    return 1;
  }
  const standing = doc.draw.winners.filter((w) => w.status === 'won').map((w) => w.entry);
  console.log(`The draw of ${title} verifies. Winners: ${standing.join(', ')}`);
  return 0;
}

if (require.main === module) process.exitCode = main();
else module.exports = { recomputeOrder, verify };
