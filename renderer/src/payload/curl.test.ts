import { describe, expect, it } from 'vitest';
import type { ExchangeView, RecordedBody } from '../../../preload/api';
import { buildCurl, quoteWithSecrets, secretVariable } from './curl';

const body = (text: string, over: Partial<RecordedBody> = {}): RecordedBody => ({ text, encoding: 'utf8', bytes: text.length, sha256: '0', truncated: false, ...over });

function stripe(text = 'name=Adventure%20Works&email=laura%40example.com'): Pick<ExchangeView, 'connector' | 'request'> {
  return {
    connector: 'stripe',
    request: {
      method: 'POST',
      url: 'http://127.0.0.1/v1/customers',
      headers: { authorization: 'Bearer [redacted:f3e21b7d]', 'content-type': 'application/x-www-form-urlencoded', host: '127.0.0.1:1', 'content-length': '48' },
      body: body(text),
    },
  };
}

/**
 * What a POSIX shell makes of the command's words, with the variables exported: the subset of shell syntax the
 * builder may emit (single quotes, "$NAME", backslash-newline, comment lines), read strictly.
 */
function shellWords(command: string, env: Record<string, string>): string[] {
  const text = command.split('\n').filter((line) => !line.startsWith('#')).join('\n').replace(/\\\n/g, ' ').trim().replace(/^curl /, '');
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === ' ') {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) throw new Error('unterminated quote');
      word = (word ?? '') + text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      const m = /^"\$([A-Z0-9_]+)"/.exec(text.slice(i));
      if (!m) throw new Error(`unexpected double quote at ${i}`);
      word = (word ?? '') + (env[m[1]!] ?? '');
      i += m[0].length;
    } else if (c === '\\') {
      word = (word ?? '') + text[i + 1];
      i += 2;
    } else if (/[$`"\\;&|<>()]/.test(c)) {
      throw new Error(`unquoted ${c} at ${i}`);
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

describe('buildCurl', () => {
  it('turns redacted secrets into connector-named variables and never contains the marker', () => {
    const { command, variables } = buildCurl(stripe());
    expect(variables).toEqual(['STRIPE_KEY']);
    expect(command).toContain(`"$STRIPE_KEY"`);
    expect(command).not.toContain('[redacted:');
    expect(command).toMatch(/^# export STRIPE_KEY first/);
  });

  it('drops headers curl computes itself', () => {
    const { command } = buildCurl(stripe());
    expect(command).not.toMatch(/host:/i);
    expect(command).not.toMatch(/content-length/i);
  });

  it('is read by a real shell as the recorded request, with the secret expanded', () => {
    const { command } = buildCurl(stripe(`it's "quoted" $HOME \`x\``));
    const words = shellWords(command, { STRIPE_KEY: 'sk_test_123' });
    expect(words).toEqual([
      '-X', 'POST', 'http://127.0.0.1/v1/customers',
      '-H', 'authorization: Bearer sk_test_123',
      '-H', 'content-type: application/x-www-form-urlencoded',
      '--data-binary', `it's "quoted" $HOME \`x\``,
    ]);
  });

  it('numbers distinct secrets and reuses the name for the same one', () => {
    const exchange = stripe('{"a":"[redacted:aaaa1111]","b":"[redacted:bbbb2222]","c":"[redacted:aaaa1111]"}');
    exchange.request.headers = { 'x-key': '[redacted:aaaa1111]' };
    const { command, variables } = buildCurl(exchange);
    expect(variables).toEqual(['STRIPE_KEY', 'STRIPE_KEY_2']);
    expect(shellWords(command, { STRIPE_KEY: 'one', STRIPE_KEY_2: 'two' }).at(-1)).toBe('{"a":"one","b":"two","c":"one"}');
  });

  it('says so when the body is binary or was cut', () => {
    const binary = stripe();
    binary.request.body = body('AAEC', { encoding: 'base64', bytes: 3 });
    expect(buildCurl(binary).command).toContain('# the 3-byte binary body is not included');
    const cut = stripe();
    cut.request.body = body('abc', { truncated: true, bytes: 90_000 });
    expect(buildCurl(cut).command).toContain('cut at the recording limit');
  });
});

describe('secretVariable', () => {
  it('names variables after the connector', () => {
    expect(secretVariable('googleDrive', 1)).toBe('GOOGLE_DRIVE_KEY');
    expect(secretVariable('slack', 2)).toBe('SLACK_KEY_2');
    expect(secretVariable('', 1)).toBe('SECRET_KEY');
  });
  it('quotes a text without markers as one word', () => {
    expect(quoteWithSecrets('', () => 'X')).toBe(`''`);
  });
});
