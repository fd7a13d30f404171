'use strict';

// The framework apps under frameworks/: installed from their committed lock files, given the SDK as
// the files `npm pack` would publish (what `npm install wxlogin-miniprogram` puts into node_modules),
// and built with their own CLIs.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const CLIENT = path.join(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The files of the SDK's package, as npm would pack them. */
function packedFiles() {
  const [pack] = JSON.parse(execFileSync(NPM, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: CLIENT, encoding: 'utf8' }));
  return pack.files.map((f) => f.path);
}

/**
 * The app's dependencies as its committed lock file says, when it has no node_modules yet; then the
 * current SDK, copied in as the package's files. `npm install --no-save` rather than `npm ci`: Taro
 * 4.2.0's @tarojs/binding names optional builds for other platforms (darwin, win32, linux-arm64) that
 * the registry does not have, and `npm ci` refuses a lock file without them.
 */
function prepare(appDir) {
  if (!fs.existsSync(path.join(appDir, 'node_modules', '.package-lock.json'))) {
    execFileSync(NPM, ['install', '--no-save', '--no-audit', '--no-fund'], { cwd: appDir, stdio: 'inherit' });
  }
  const target = path.join(appDir, 'node_modules', 'wxlogin-miniprogram');
  fs.rmSync(target, { recursive: true, force: true });
  for (const file of packedFiles()) {
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.copyFileSync(path.join(CLIENT, file), path.join(target, file));
  }
}

/** Builds the app for WeChat with its own CLI (`npm run build`), the service's address compiled in. */
function build(appDir, baseUrl) {
  try {
    execFileSync(NPM, ['run', 'build'], {
      cwd: appDir, env: { ...process.env, WXLOGIN_BASE_URL: baseUrl }, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024
    });
  } catch (e) {
    // The CLIs draw progress bars: only a failed build's output is worth reading.
    throw new Error(`npm run build failed in ${appDir}:\n${String(e.stdout || '').slice(-3000)}\n${String(e.stderr || '').slice(-3000)}`);
  }
}

module.exports = { CLIENT, prepare, build };
