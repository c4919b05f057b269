// Maven's first UI step: checks Node, then runs `npm ci` from the committed package-lock.json unless
// node_modules was already installed from exactly this lock (a stamp holds the lock's hash). `npm ci` prefers
// the local npm cache, so a machine that built once can build again without the registry.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`admin-ui needs Node >= 20.19 (Vite 8), found ${process.versions.node}. Install Node 20.19+ (not Debian's nodejs 18), or build with -DskipUi.`);
  process.exit(1);
}

const lockHash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
const stamp = 'node_modules/.oneapi-lock-sha256';
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash) {
  console.log('admin-ui: node_modules already matches package-lock.json; npm ci skipped');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error('admin-ui: npm ci failed');
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, lockHash);
