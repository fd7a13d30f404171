'use strict';

// The package as npm publishes it: `npm publish --dry-run` accepts it, the tarball holds the SDK and
// nothing else, and a project installing the tarball (as the README says) can require it.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CLIENT = path.join(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npm = (args, cwd) => execFileSync(NPM, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('npm publish --dry-run accepts the package with its metadata, and it holds only the SDK', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(CLIENT, 'package.json'), 'utf8'));

  const report = JSON.parse(npm(['publish', '--dry-run', '--json', '--ignore-scripts'], CLIENT))['wxlogin-miniprogram'];

  assert.equal(report.name, 'wxlogin-miniprogram');
  for (const field of ['repository', 'license', 'files', 'engines', 'publishConfig', 'types']) {
    assert.ok(manifest[field], `package.json has ${field}`);
  }
  const files = report.files.map((f) => f.path).sort();
  assert.ok(files.includes('index.js') && files.includes('index.d.ts') && files.includes('lib/client.js') && files.includes('README.md'));
  // The license the manifest names travels with the code.
  assert.equal(manifest.license, 'Apache-2.0');
  assert.ok(files.includes('LICENSE'));
  assert.match(fs.readFileSync(path.join(CLIENT, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0/);
  assert.deepEqual(files.filter((f) => !/^(index\.js|index\.d\.ts|README\.md|LICENSE|package\.json|lib\/[a-z-]+\.js)$/.test(f)), []);
});

test('the tarball installs into a project and loads with its typings', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxlogin-sdk-pack-'));
  try {
    const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], CLIENT));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'a-mini-program', private: true }));

    npm(['install', '--no-audit', '--no-fund', '--offline', path.join(dir, packed.filename)], dir);
    const loaded = execFileSync(process.execPath, ['-e', `
      const sdk = require('wxlogin-miniprogram');
      process.stdout.write(JSON.stringify([typeof sdk.createClient, sdk.TOKEN_REFUSED_CODES.includes('TOKEN_EXPIRED')]));
    `], { cwd: dir, encoding: 'utf8' });

    assert.deepEqual(JSON.parse(loaded), ['function', true]);
    assert.ok(fs.existsSync(path.join(dir, 'node_modules', 'wxlogin-miniprogram', 'index.d.ts')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
