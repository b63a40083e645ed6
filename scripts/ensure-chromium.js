#!/usr/bin/env node
// Makes sure a Chromium exists for the browser tests: Debian's /usr/bin/chromium when it is there;
// otherwise install it (as root with apt-get on Debian, else Playwright's own download). On Debian it
// also installs a Chinese font, so the zh screenshots show characters rather than empty boxes.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const debian = '/usr/bin/chromium';
const cjkFont = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = isRoot && existsSync('/usr/bin/apt-get');
if (existsSync(debian) && (existsSync(cjkFont) || !apt)) process.exit(0);

const run = (cmd) => {
  console.log(`ensure-chromium: ${cmd}`);
  execSync(cmd, { stdio: 'inherit' });
};

if (apt) {
  run('apt-get update -qq || true');
  run('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei');
} else if (!existsSync(debian)) {
  run('npx playwright install chromium');
}
