// End-to-end tests: the release build in dist/, served by the Withme server, driven in Chromium.
// Run from the repository root: npx playwright test -c tests/e2e (scripts/test.sh does).
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 8091);

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.mjs",
  timeout: 30_000,
  // A run that hangs ends here, with its report, rather than at the CI's own limit.
  globalTimeout: 40 * 60_000,
  expect: { timeout: 5_000 },
  workers: 2,
  reporter: [["list"]],
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The Withme server, as in production, with a database of its own for this run.
    command: `../../target/release/withme-server --addr 127.0.0.1:${port} --dist ../../dist --db ${join(tmpdir(), `withme-e2e-${process.pid}.sqlite`)}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    stdout: "ignore",
  },
});
