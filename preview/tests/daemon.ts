// The browser tests' shared fixture: one preview server and one Chromium for a whole jest run, so
// that each test file connects instead of starting its own, and pages (the host bundle loaded once
// per theme) are reused from file to file. Started by harness.ts (detached); writes its state file
// once ready; ends, taking Chromium and the server with it, when the jest process that owns it is
// gone (or on SIGTERM/SIGINT).
//   HEADROOM_PREVIEW_OWNER_PID, HEADROOM_PREVIEW_STATE (state file), HEADROOM_PROMETHEUS_URL
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildHost } from '../build';
import { startPreviewServer } from '../server';

const chromiumPath = process.env.HEADROOM_CHROMIUM ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
  '--hide-scrollbars',
  // What Playwright adds when it launches Chromium itself: above all, no throttling of tabs in the
  // background (several tabs share one window here).
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-back-forward-cache',
  '--disable-breakpad',
  '--disable-component-extensions-with-background-pages',
  '--disable-dev-shm-usage',
  '--disable-field-trial-config',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--force-color-profile=srgb',
  '--metrics-recording-only',
  '--no-default-browser-check',
  '--password-store=basic',
  '--use-mock-keychain',
  '--allow-pre-commit-input',
];

async function main(): Promise<void> {
  const owner = Number(process.env.HEADROOM_PREVIEW_OWNER_PID);
  const stateFile = process.env.HEADROOM_PREVIEW_STATE;
  if (!owner || !stateFile) {
    throw new Error('HEADROOM_PREVIEW_OWNER_PID and HEADROOM_PREVIEW_STATE are required');
  }
  await buildHost();
  const server = await startPreviewServer({ port: 0 });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-preview-chromium-'));
  const chrome = spawn(chromiumPath, [...chromiumArgs, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    chrome.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/DevTools listening on (ws:\/\/\S+)/);
      if (match) {
        resolve(match[1]);
      }
    });
    chrome.on('exit', (code) => reject(new Error(`chromium exited (${code}) before listening: ${output.slice(-2000)}`)));
    chrome.on('error', reject);
  });
  chrome.stderr.resume();

  let stopping = false;
  const stop = async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    fs.rmSync(stateFile, { force: true });
    chrome.kill('SIGTERM');
    const killer = setTimeout(() => chrome.kill('SIGKILL'), 3000);
    await new Promise((resolve) => (chrome.exitCode !== null ? resolve(null) : chrome.once('exit', resolve)));
    clearTimeout(killer);
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  chrome.on('exit', () => void stop());
  setInterval(() => {
    try {
      process.kill(owner, 0);
    } catch {
      void stop();
    }
  }, 1000);

  const state = { pid: process.pid, url: server.url, prometheusUrl: server.prometheusUrl, wsEndpoint };
  fs.writeFileSync(`${stateFile}.tmp`, JSON.stringify(state));
  fs.renameSync(`${stateFile}.tmp`, stateFile);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`preview test daemon: ${err instanceof Error ? err.stack : message}`);
  if (process.env.HEADROOM_PREVIEW_STATE) {
    fs.writeFileSync(`${process.env.HEADROOM_PREVIEW_STATE}.error`, message);
  }
  process.exit(1);
});
