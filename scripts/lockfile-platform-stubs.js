// The registry these machines use serves only the linux-x64 builds of packages
// with per-platform optional binaries, so `npm install` leaves the other
// platforms out of package-lock.json and `npm ci` then refuses the lock file.
// This adds those entries back as platform-restricted optional packages (npm ci
// skips them on linux-x64, as it would with a lock made elsewhere).
// Run it after any `npm install`: node scripts/lockfile-platform-stubs.js
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const file = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const platformOf = (name) => {
  const m =
    /-(darwin|linux|win32|freebsd|openbsd|netbsd|openharmony|sunos|aix|android)-(x64|arm64|arm|ia32|ppc64|s390x|riscv64|loong64|mips64el)/.exec(
      name,
    );
  return m ? { os: [m[1]], cpu: [m[2]] } : undefined;
};
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const platform = platformOf(name);
    if (!platform) continue;
    const base = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (lock.packages[base] || lock.packages[top]) continue;
    lock.packages[top] = { version, optional: true, ...platform };
    added++;
  }
}
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: ${added} platform-specific optional package(s) added`);
