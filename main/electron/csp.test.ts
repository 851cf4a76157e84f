import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cspWeaknesses, metaCsp, parseCsp } from './csp';

const root = path.resolve(import.meta.dirname, '..', '..');
const built = path.join(root, 'out', 'renderer', 'index.html');

describe("the console page's Content-Security-Policy", () => {
  it('is strict in the source page', () => {
    const policy = metaCsp(fs.readFileSync(path.join(root, 'renderer', 'index.html'), 'utf8'));
    expect(policy).not.toBeNull();
    expect(cspWeaknesses(policy!)).toEqual([]);
  });

  // `npm test` builds first; the built page is what ships, so a bundler that inlined a script would show here.
  it.skipIf(!fs.existsSync(built))('is strict in the built page, which has no inline script or style either', () => {
    const html = fs.readFileSync(built, 'utf8');
    expect(cspWeaknesses(metaCsp(html) ?? '')).toEqual([]);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style\b|\sstyle\s*=/i);
  });
});

describe('cspWeaknesses', () => {
  const strict = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";

  it('accepts a self-only policy', () => {
    expect(cspWeaknesses(strict)).toEqual([]);
    expect(cspWeaknesses("default-src 'none'; script-src 'self'; base-uri 'self'")).toEqual([]);
  });

  it('names each way a policy falls short', () => {
    expect(cspWeaknesses('')).toEqual([
      'there is no default-src, so anything not named is allowed from anywhere',
      "object-src must be 'none' (no plugins)",
      "base-uri must be 'none' or 'self'",
    ]);
    expect(cspWeaknesses(`${strict}; script-src 'self' 'unsafe-eval'`)).toEqual([]); // a repeated directive is ignored, as browsers do
    expect(cspWeaknesses("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.example; style-src 'unsafe-inline'; img-src *; connect-src ws:; object-src 'none'; base-uri 'none'")).toEqual([
      "script-src allows 'unsafe-inline'",
      'script-src allows https://cdn.example',
      "style-src allows 'unsafe-inline'",
      'connect-src allows ws:',
      'img-src allows *',
    ]);
    expect(cspWeaknesses("default-src 'self' data:; object-src 'none'; base-uri 'none'")).toContain(`default-src is "'self' data:"; it must be 'self' or 'none'`);
    expect(cspWeaknesses("default-src 'self'; connect-src api.example.com; object-src 'none'; base-uri 'none'")).toEqual(['connect-src allows api.example.com']);
  });

  it('reads the policy from the page\'s meta tag, whatever its quoting and layout', () => {
    expect(metaCsp(`<meta\n  http-equiv="Content-Security-Policy"\n  content="default-src 'self';\n   object-src 'none'" />`)).toBe("default-src 'self'; object-src 'none'");
    expect(metaCsp(`<meta content='default-src "self"' http-equiv='content-security-policy'>`)).toBe('default-src "self"');
    expect(metaCsp('<meta charset="utf-8">')).toBeNull();
    expect(parseCsp("Default-Src 'self';;").get('default-src')).toEqual(["'self'"]);
  });
});
