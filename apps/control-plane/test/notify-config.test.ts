import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

const TOKEN = 'x'.repeat(40);

describe('alert webhook settings', () => {
  it('reads CORRIDOR_ALERT_WEBHOOKS as a comma-separated list of URLs, and the console URL', () => {
    const config = loadConfig({ CORRIDOR_SERVICE_TOKEN: TOKEN, CORRIDOR_ALERT_WEBHOOKS: ' http://pager.example/hook , https://chat.example/a?b=c ', CORRIDOR_CONSOLE_URL: 'https://noc.example' });
    expect(config.alertWebhooks).toEqual(['http://pager.example/hook', 'https://chat.example/a?b=c']);
    expect(config.consoleUrl).toBe('https://noc.example');
    expect(loadConfig({ CORRIDOR_SERVICE_TOKEN: TOKEN })).toMatchObject({ alertWebhooks: [], consoleUrl: 'http://localhost:8080' });
  });

  it('refuses to start on a webhook that is not an http(s) URL, naming the variable', () => {
    expect(() => loadConfig({ CORRIDOR_SERVICE_TOKEN: TOKEN, CORRIDOR_ALERT_WEBHOOKS: 'http://ok.example,file:///etc/passwd' })).toThrow(
      /CORRIDOR_ALERT_WEBHOOKS: each must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(() => loadConfig({ CORRIDOR_SERVICE_TOKEN: TOKEN, CORRIDOR_CONSOLE_URL: 'javascript:alert(1)' })).toThrow(/CORRIDOR_CONSOLE_URL: must be an http/);
  });
});
