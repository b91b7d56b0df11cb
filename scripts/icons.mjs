// Draws Withme's PNG icons from its SVG mark, in Chromium, into public/: 192 and 512 px for
// browsers, and a 512 px maskable icon (the mark inside the central safe zone, on a full-bleed
// background) for tablets and Chromebooks that crop icons to their own shape. Run it again
// after changing the mark; the PNGs are kept in the repository.
//
// Usage: node scripts/icons.mjs

import { chromium } from "playwright-core";

const mark = `<path d="M14 20l7 26 6-18 5 0 6 18 7-26" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>`;
const rounded = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#1f3a8a"/>${mark}</svg>`;
// The safe zone of a maskable icon is a circle of 80% of its width: the mark is drawn at 60%.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#1f3a8a"/><g transform="translate(12.8 12.8) scale(0.6)">${mark}</g></svg>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
for (const [file, svg, size] of [
  ["public/icon-192.png", rounded, 192],
  ["public/icon-512.png", rounded, 512],
  ["public/icon-maskable-512.png", maskable, 512],
]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  await page.screenshot({ path: file, omitBackground: true });
  console.log(`${file}: ${size}×${size}`);
}
await browser.close();
