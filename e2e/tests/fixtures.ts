// The `test` and `expect` every spec imports: Playwright's own, with an automatic check that no
// page a journey visits is wider than a 320 px screen.
//
// Every time a page of the test (in the default context or in any context the test opens with
// `browser.newContext()`) finishes loading an HTML document in its main frame, a copy of that
// document (its scripts removed) is laid out in a probe page 320 px wide, with the site's own
// stylesheet, and `document.scrollingElement.scrollWidth` is compared with its `clientWidth`.
// The copy is measured, not the journey's page itself: resizing the page a journey is clicking
// on would move its targets under the click. A page that is wider fails the test, naming its
// address and by how much.
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** The narrowest screen every page must fit. */
export const NARROWEST = 320;

interface Overflow {
  url: string;
  scrollWidth: number;
  clientWidth: number;
}

/** Lays `html` (a page of `url`) out `NARROWEST` px wide in `probe`; answers the overflow, if any. */
async function measure(probe: Page, url: string, html: string): Promise<Overflow | null> {
  const origin = new URL(url).origin;
  const copy = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<head([^>]*)>/i, `<head$1><base href="${origin}/">`);
  await probe.setContent(copy, { waitUntil: 'load' });
  const { scrollWidth, clientWidth, styled } = await probe.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    // The site's stylesheet sets the body's margin to 0: a copy laid out without it (the browser's
    // 8 px) would measure another page than the one people see.
    const linked = document.querySelector('link[rel=stylesheet]') !== null;
    const styled = !linked || getComputedStyle(document.body).marginTop !== '8px';
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, styled };
  });
  expect(styled, `the stylesheet of ${url} applies to its 320 px copy`).toBe(true);
  return scrollWidth > clientWidth ? { url, scrollWidth, clientWidth } : null;
}

export const test = base.extend<{ narrowPages: void }>({
  narrowPages: [
    async ({ browser, context }, use) => {
      // A plain 320 px window, whatever the project emulates (a phone's emulation would lay a
      // page without a viewport meta tag out 980 px wide and hide its overflow).
      const probeContext = await browser.newContext({
        viewport: { width: NARROWEST, height: 640 },
        isMobile: false,
        hasTouch: false,
        deviceScaleFactor: 1,
      });
      const probe = await probeContext.newPage();
      const wide: Overflow[] = [];
      const measured = new Set<string>();
      const unmeasured: string[] = [];
      let queue: Promise<void> = Promise.resolve();

      const watchPage = (page: Page) => {
        page.on('load', () => {
          // The document as loaded, read at once (the journey may navigate on right after).
          const url = page.url();
          const snapshot = page
            .evaluate(() =>
              document.contentType === 'text/html' ? document.documentElement.outerHTML : null,
            )
            .catch(() => null);
          queue = queue.then(async () => {
            const html = await snapshot;
            if (!html || !/^https?:/.test(url)) return;
            try {
              const overflow = await measure(probe, url, html);
              measured.add(new URL(url).pathname);
              if (overflow) wide.push(overflow);
            } catch (e) {
              unmeasured.push(`${url}: ${e instanceof Error ? e.message : String(e)}`);
            }
          });
        });
      };
      const watchContext = (c: BrowserContext) => {
        c.pages().forEach(watchPage);
        c.on('page', watchPage);
      };

      watchContext(context);
      const original = browser.newContext.bind(browser) as Browser['newContext'];
      browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
        const opened = await original(...args);
        watchContext(opened);
        return opened;
      };
      try {
        await use();
      } finally {
        browser.newContext = original;
      }
      await queue;
      await probeContext.close();
      console.log(`narrow check: ${measured.size} addresses measured at ${NARROWEST} px`);
      expect(unmeasured, 'pages the 320 px check could not measure').toEqual([]);
      expect(
        wide.map((o) => `${o.url} is ${o.scrollWidth} px wide at ${o.clientWidth} px`),
        `pages wider than a ${NARROWEST} px screen`,
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { APIRequestContext, BrowserContext, Page, WebSocketRoute } from '@playwright/test';
