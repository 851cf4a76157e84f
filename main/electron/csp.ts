/**
 * What "a strict Content-Security-Policy" means for Keel's console, as a check: the page loads only its own
 * files, runs no inline or eval'd code, embeds no plugins and cannot re-point its base URL. The console is
 * loaded from `file://`, where there are no response headers, so the policy lives in a `<meta>` tag of
 * `renderer/index.html`; a test holds that tag (and the built copy) to this check.
 */

export type Csp = Map<string, string[]>;

export function parseCsp(policy: string): Csp {
  const directives: Csp = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    // Browsers honour the first occurrence of a directive and ignore repeats.
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** The policy of the page's `<meta http-equiv="Content-Security-Policy">`, or null when there is none. */
export function metaCsp(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gis) ?? []) {
    if (!/http-equiv\s*=\s*["']content-security-policy["']/i.test(tag)) continue;
    const content = /content\s*=\s*"([^"]*)"|content\s*=\s*'([^']*)'/is.exec(tag);
    if (content) return (content[1] ?? content[2] ?? '').replace(/\s+/g, ' ').trim();
  }
  return null;
}

/** Sources that would let a script, style or request come from somewhere other than the app's own files. */
const UNSAFE_SOURCES = new Set(["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", '*', 'http:', 'https:', 'ws:', 'wss:', 'data:', 'blob:', 'filesystem:']);
const FETCH_DIRECTIVES = ['default-src', 'script-src', 'script-src-elem', 'script-src-attr', 'style-src', 'style-src-elem', 'style-src-attr', 'connect-src', 'img-src', 'font-src', 'media-src', 'frame-src', 'worker-src', 'child-src', 'manifest-src'];

/** Every way `policy` falls short of strict, in words; empty when it is strict. */
export function cspWeaknesses(policy: string): string[] {
  const csp = parseCsp(policy);
  const problems: string[] = [];
  const defaults = csp.get('default-src');
  if (!defaults) problems.push("there is no default-src, so anything not named is allowed from anywhere");
  else if (!(defaults.length === 1 && (defaults[0] === "'self'" || defaults[0] === "'none'"))) {
    problems.push(`default-src is "${defaults.join(' ')}"; it must be 'self' or 'none'`);
  }
  for (const directive of FETCH_DIRECTIVES) {
    for (const source of csp.get(directive) ?? []) {
      const lowered = source.toLowerCase();
      if (UNSAFE_SOURCES.has(lowered) || /^(https?|wss?):\/\//.test(lowered) || (!lowered.startsWith("'") && lowered.includes('.'))) {
        problems.push(`${directive} allows ${source}`);
      }
    }
  }
  const objects = csp.get('object-src') ?? (defaults?.[0] === "'none'" ? defaults : undefined);
  if (!objects || objects.join(' ') !== "'none'") problems.push("object-src must be 'none' (no plugins)");
  const base = csp.get('base-uri');
  if (!base || !(base.join(' ') === "'none'" || base.join(' ') === "'self'")) problems.push("base-uri must be 'none' or 'self'");
  return problems;
}
