'use strict';

// Starts the real wxlogin service (the Spring Boot jar) in sandbox mode on free ports, as a child
// process, and stops it again. Every test file gets its own instance and data directory.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const DEFAULT_JAR = path.resolve(__dirname, '..', '..', '..', 'server', 'target', 'wxlogin-server.jar');
const START_TIMEOUT_MS = 240000;
const ARCHIVE_TIMEOUT_MS = 180000;

/**
 * A service started here lives for one test file: it must start cheaply more than run fast. The C1
 * compiler alone and the serial collector, with the class-data archive of the jar (below), cut the CPU
 * of a start to about a third of the JVM's defaults (docs/testing.md). These options are the tests'
 * only: the image and `java -jar` in production keep the JVM's defaults.
 */
const QUICK_START = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function serviceJar() {
  const jar = process.env.WXLOGIN_SERVER_JAR || DEFAULT_JAR;
  if (!fs.existsSync(jar)) {
    throw new Error(`No service jar at ${jar}. Build it first (./mvnw -B -pl server -am package -DskipTests), `
      + 'or point WXLOGIN_SERVER_JAR at one.');
  }
  return jar;
}

/** Runs a command to its end; rejects with its output when it fails. */
function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), ARCHIVE_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} ended with ${code ?? signal}:\n${output.slice(-3000)}`));
    });
  });
}

/**
 * The JVM arguments that start `jar`: Spring Boot's extracted layout of it with an application
 * class-data archive, made once per jar (by its path, size and time) in the system's temporary folder by
 * a training start that exits after the context is refreshed (Spring Boot's documented CDS recipe), and
 * shared by every test file and module after it. Files or processes racing for it wait for the one
 * that makes it. When it cannot be made, the plain jar is started, after a warning: the tests still
 * run, only more slowly.
 */
async function launchArgs(jar) {
  const stat = fs.statSync(jar);
  const key = crypto.createHash('sha256').update(`${path.resolve(jar)}|${stat.size}|${stat.mtimeMs}`).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `wxlogin-cds-${key}`);
  const archived = ['-XX:SharedArchiveFile=' + path.join(dir, 'app.jsa'), '-jar', path.join(dir, path.basename(jar))];
  const ready = path.join(dir, 'ready');
  if (fs.existsSync(ready)) return archived;
  const lock = `${dir}.lock`;
  try {
    fs.mkdirSync(lock);
  } catch (e) {
    if (e.code !== 'EEXIST') throw e;
    if (Date.now() - fs.statSync(lock).mtimeMs > ARCHIVE_TIMEOUT_MS) {
      // Left by a run that was stopped while it made the archive.
      fs.rmSync(lock, { recursive: true, force: true });
      return launchArgs(jar);
    }
    for (const deadline = Date.now() + ARCHIVE_TIMEOUT_MS; Date.now() < deadline && fs.existsSync(lock);) {
      await new Promise((r) => setTimeout(r, 250));
    }
    if (fs.existsSync(ready)) return archived;
    process.emitWarning(`no class-data archive of ${jar} (another process holds ${lock}): starting the plain jar`);
    return ['-jar', jar];
  }
  const work = fs.mkdtempSync(`${dir}.work-`);
  try {
    await run('java', ['-Djarmode=tools', '-jar', jar, 'extract', '--destination', work]);
    await run('java', [...QUICK_START, '-XX:ArchiveClassesAtExit=' + path.join(work, 'app.jsa'), '-Dspring.context.exit=onRefresh',
      '-jar', path.join(work, path.basename(jar))], {
      env: { ...process.env, WXLOGIN_SANDBOX: 'true', WXLOGIN_PORT: '0', WXLOGIN_SANDBOX_PORT: '0', WXLOGIN_DATA_DIR: path.join(work, 'data') }
    });
    fs.rmSync(path.join(work, 'data'), { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(work, dir);
    fs.writeFileSync(ready, '');
    return archived;
  } catch (e) {
    fs.rmSync(work, { recursive: true, force: true });
    process.emitWarning(`no class-data archive of ${jar}, starting the plain jar: ${e.message}`);
    return ['-jar', jar];
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * @param {Record<string,string>|function({port: number, baseUrl: string}): Record<string,string>} [env] extra
 *        WXLOGIN_... settings for this instance, or a function of its port that answers them
 * @returns {Promise<{baseUrl: string, sandboxUrl: string, stop: () => Promise<void>, log: () => string}>}
 */
async function startService(env = {}) {
  const jar = serviceJar();
  const javaArgs = [...QUICK_START, ...await launchArgs(jar)];
  const port = await freePort();
  const settings = typeof env === 'function' ? env({ port, baseUrl: `http://127.0.0.1:${port}` }) : env;
  const sandboxPort = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxlogin-sdk-test-'));
  const logFile = path.join(dataDir, 'service.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn('java', javaArgs, {
    env: {
      ...process.env,
      WXLOGIN_SANDBOX: 'true',
      WXLOGIN_PORT: String(port),
      WXLOGIN_SANDBOX_PORT: String(sandboxPort),
      WXLOGIN_DATA_DIR: dataDir,
      // The tests log in far more often than a person does.
      WXLOGIN_RATE_LIMIT_PER_IP: '0',
      WXLOGIN_RATE_LIMIT_PER_USER: '0',
      ...settings
    },
    stdio: ['ignore', out, out]
  });
  const log = () => fs.readFileSync(logFile, 'utf8');
  const baseUrl = `http://127.0.0.1:${port}`;
  const cleanUp = () => {
    fs.closeSync(out);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let stopChild;
  try {
    stopChild = await untilUp(child, { what: 'service', readyUrl: `${baseUrl}/actuator/health`, pollMs: 250, log });
  } catch (e) {
    cleanUp();
    throw e;
  }
  return {
    baseUrl,
    sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
    log,
    async stop() {
      await stopChild();
      cleanUp();
    }
  };
}

/**
 * Waits until `readyUrl` answers 200 from a process just spawned (call it before any await, so that no exit
 * is missed). Fails with the end of its log when it exits or cannot be spawned first, or is not up within the
 * start timeout.
 * @param {import('node:child_process').ChildProcess} child the process
 * @param {{what: string, readyUrl: string, pollMs: number, log: () => string}} options what to call it in
 *        errors, the URL that answers 200 once it is up, how often to ask, and its output so far
 * @returns {Promise<() => Promise<void>>} how to stop it: SIGTERM, then SIGKILL after 15 s
 */
async function untilUp(child, { what, readyUrl, pollMs, log }) {
  let exited = child.exitCode !== null || child.signalCode !== null ? { code: child.exitCode, signal: child.signalCode } : null;
  const exit = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
    // A process that could not be spawned (no java on the PATH) emits 'error' and maybe no 'exit'.
    child.on('error', (error) => {
      exited = exited || { error: error.message };
      resolve();
    });
    if (exited) resolve();
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      throw new Error(`the ${what} exited (${JSON.stringify(exited)}) before it was up:\n${log().slice(-4000)}`);
    }
    try {
      const res = await fetch(readyUrl);
      if (res.status === 200) {
        break;
      }
    } catch (e) {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the ${what} did not come up within ${START_TIMEOUT_MS / 1000}s:\n${log().slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return async function stop() {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
      await exit;
      clearTimeout(timer);
    }
  };
}

/**
 * Starts the sandbox alone (sandbox/target/wxlogin-sandbox.jar, or WXLOGIN_SANDBOX_JAR) serving the
 * Douyin and QQ demo apps beside WeChat's: the service's own sandbox serves only WeChat's app, and
 * the Douyin and QQ phones need their platform's app to hand out codes.
 * @returns {Promise<{sandboxUrl: string, stop: () => Promise<void>}>}
 */
async function startPlatformSandbox() {
  const jar = process.env.WXLOGIN_SANDBOX_JAR || path.resolve(__dirname, '..', '..', '..', 'sandbox', 'target', 'wxlogin-sandbox.jar');
  if (!fs.existsSync(jar)) {
    throw new Error(`No sandbox jar at ${jar}. Build it first (./mvnw -B -pl sandbox -am package -DskipTests), or point WXLOGIN_SANDBOX_JAR at one.`);
  }
  const port = await freePort();
  const secret = () => crypto.randomBytes(16).toString('hex');
  let output = '';
  const child = spawn('java', [...QUICK_START, '-jar', jar], {
    env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_SECRET: secret(), SANDBOX_DOUYIN_SECRET: secret(), SANDBOX_QQ_SECRET: secret() },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const sandboxUrl = `http://127.0.0.1:${port}`;
  const stop = await untilUp(child, { what: 'sandbox', readyUrl: `${sandboxUrl}/sandbox/stats`, pollMs: 100, log: () => output });
  return { sandboxUrl, stop };
}

/** POST a JSON body to the sandbox WeChat (simulated phone, faults). */
async function sandboxPost(sandboxUrl, pathName, body) {
  const res = await fetch(sandboxUrl + pathName, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
  });
  const text = await res.text();
  if (res.status !== 200) {
    throw new Error(`sandbox ${pathName} answered ${res.status}: ${text}`);
  }
  return JSON.parse(text);
}

module.exports = { startService, startPlatformSandbox, sandboxPost };
