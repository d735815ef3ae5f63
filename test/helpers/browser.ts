/**
 * The Chromium the browser tests drive, found once by vitest.config.ts (which prints the one notice
 * when there is none, and fails the run instead when VANGNET_REQUIRE_BROWSER=1, as CI sets it).
 * Null means: skip what needs a browser.
 */
export const testChromium: string | null = process.env.VANGNET_TEST_CHROMIUM || null;
