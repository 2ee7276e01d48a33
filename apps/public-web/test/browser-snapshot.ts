/**
 * Opens a page in Debian's headless Chromium through puppeteer-core and prints, as one JSON line, the HTTP status
 * and what the page shows as the browser built it; saves a full-page screenshot. Run as its own process
 * (`node -r @swc-node/register apps/public-web/test/browser-snapshot.ts <url> <screenshot.png>`): puppeteer-core
 * is ES modules only, which Node's require(esm) loads but Jest's module registry does not.
 */
import { launch } from 'puppeteer-core';

export const CHROMIUM = '/usr/bin/chromium';

/** What the test reads of the page (the project compiles without DOM types: these few). */
interface PageNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface PageDocument {
  title: string;
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): Iterable<PageNode>;
}

/** Runs in the browser (puppeteer sends its source): the page's facts as text. */
function readPage() {
  const doc = (globalThis as unknown as { document: PageDocument }).document;
  const text = (node: PageNode | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const all = (selector: string) => [...doc.querySelectorAll(selector)];
  return {
    title: doc.title,
    scriptsOrImages: all('script, img').length,
    needs: all('tr.need td:first-child').map(text),
    stands: Object.fromEntries(all('tr.stand').map((tr) => [tr.getAttribute('data-party'), text(tr)])),
    tranches: all('tr.tranche').map(text),
    paidTotal: text(doc.querySelector('.paid-total')),
    evaluations: all('tr.evaluation td').map(text),
  };
}

export type PageSnapshot = ReturnType<typeof readPage> & { status: number | null };

async function main([url, screenshot]: string[]): Promise<void> {
  if (!url || !screenshot?.endsWith('.png')) throw new Error('usage: browser-snapshot.ts <url> <screenshot.png>');
  const browser = await launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 1100, height: 1400 });
    const response = await tab.goto(url, { waitUntil: 'load' });
    const snapshot: PageSnapshot = { status: response?.status() ?? null, ...(await tab.evaluate(readPage)) };
    await tab.screenshot({ path: screenshot as `${string}.png`, fullPage: true });
    process.stdout.write(`${JSON.stringify(snapshot)}\n`);
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
