import { shell, type BrowserWindow, type Session } from 'electron';

export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://localhost:* http://localhost:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Adds the CSP to every response the window loads (the dev server's too). */
export function applyCsp(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] } });
  });
}

/** The window never navigates away from the app; links open in the system browser, never in a new window. */
export function lockNavigation(win: BrowserWindow, appUrl: string): void {
  const isExternal = (url: string): boolean => /^https?:\/\//.test(url) && !url.startsWith(appUrl);
  win.webContents.on('will-navigate', (event, url) => {
    if (url.startsWith(appUrl)) return;
    event.preventDefault();
    if (isExternal(url)) void shell.openExternal(url);
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
