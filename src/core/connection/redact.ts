/** Replaces the password in a redis:// URL so it can be shown, logged or returned. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

/** Splits a password out of a URL, so the URL can be stored in clear and the password encrypted. */
export function splitPassword(url: string): { url: string; password?: string } {
  try {
    const u = new URL(url);
    if (!u.password) return { url };
    const password = decodeURIComponent(u.password);
    u.password = '';
    return { url: u.toString(), password };
  } catch {
    return { url };
  }
}
