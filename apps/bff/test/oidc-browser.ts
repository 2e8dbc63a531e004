/** A cookie as the browser keeps it: its value, and the Set-Cookie line it came in (to check its attributes). */
export interface KeptCookie {
  value: string;
  setCookie: string;
}

const MAX_REDIRECTS = 20;

/**
 * Just enough of a browser to walk a sign-in over plain HTTP: it follows redirects itself (so a test can
 * stop at any hop), keeps cookies per origin and submits forms. Cookie paths and SameSite are not
 * modelled; the tests read the attributes from `setCookie` instead.
 */
export class Browser {
  private readonly jars = new Map<string, Map<string, KeptCookie>>();

  cookie(origin: string, name: string): KeptCookie | undefined {
    return this.jars.get(origin)?.get(name);
  }

  /** Puts a cookie in the jar as if a server had set it (a test forging or carrying one across browsers). */
  setCookie(origin: string, name: string, value: string) {
    this.jar(origin).set(name, { value, setCookie: `${name}=${value}` });
  }

  /** One request, no redirect followed; the cookies it sets are kept. */
  async request(url: string | URL, form?: Record<string, string>): Promise<Response> {
    const target = new URL(url);
    const cookies = [...this.jar(target.origin)].map(([name, c]) => `${name}=${c.value}`).join('; ');
    const response = await fetch(target, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { accept: 'text/html', ...(cookies ? { cookie: cookies } : {}) },
      ...(form ? { body: new URLSearchParams(form) } : {}),
    });
    this.keep(target.origin, response.headers.getSetCookie());
    return response;
  }

  /**
   * Follows redirects from `url` until a response is not a redirect, or the next hop is one `stopBefore`
   * picks (returned unvisited, without a response).
   */
  async follow(url: string | URL, stopBefore: (next: URL) => boolean = () => false): Promise<{ url: URL; response?: Response }> {
    let next = new URL(url);
    for (let hop = 0; hop < MAX_REDIRECTS; hop += 1) {
      if (stopBefore(next)) return { url: next };
      const response = await this.request(next);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: next, response };
      next = new URL(location, next);
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects from ${String(url)}`);
  }

  /** Fills in the page's form with `fields` and submits it, then follows where it leads. */
  async submit(page: { url: URL; response?: Response }, fields: Record<string, string>, stopBefore?: (next: URL) => boolean) {
    const html = (await page.response?.text()) ?? '';
    const action = /<form[^>]*\saction="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form on ${page.url.href}`);
    const response = await this.request(new URL(action, page.url), fields);
    const location = response.headers.get('location');
    if (!location) return { url: page.url, response };
    return this.follow(new URL(location, page.url), stopBefore);
  }

  private jar(origin: string) {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  private keep(origin: string, setCookies: string[]) {
    const jar = this.jar(origin);
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') <= Date.now()));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, { value, setCookie: line });
    }
  }
}
