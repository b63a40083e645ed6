#!/usr/bin/env node
// Makes sure a Chromium exists for the browser tests: Debian's /usr/bin/chromium when it is there;
// otherwise install it (as root with apt-get on Debian, else Playwright's own download).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const debian = '/usr/bin/chromium';
if (existsSync(debian)) process.exit(0);

const run = (cmd) => {
  console.log(`ensure-chromium: ${cmd}`);
  execSync(cmd, { stdio: 'inherit' });
};

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  run('apt-get update -qq || true');
  run('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
} else {
  run('npx playwright install chromium');
}
