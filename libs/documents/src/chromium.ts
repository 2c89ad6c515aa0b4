import sparticuz from '@sparticuz/chromium';

/** Flags that keep Chromium off the network and quiet on a closed machine (not sparticuz's --single-process set). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** CHROMIUM_PATH, else the binary shipped inside @sparticuz/chromium (unpacked once to the temp dir; nothing is downloaded). */
export async function chromiumPath(override = process.env.CHROMIUM_PATH): Promise<string> {
  return override || (await sparticuz.executablePath());
}
