/**
 * OAuth token fields in recorded bodies: what goes out to a token endpoint and what comes back is redacted by
 * field name, and every other body is left byte for byte as it was.
 */
import { describe, expect, it } from 'vitest';
import { redactCredentialFields, redactionMarker } from './redaction';

describe('redactCredentialFields', () => {
  it('redacts the secrets of a form-encoded token request and keeps the rest', () => {
    const sent = 'code=4%2F0AbC&client_id=123.apps.googleusercontent.com&client_secret=GOCSPX-s3cr3t&code_verifier=v~1&grant_type=authorization_code&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555';
    expect(redactCredentialFields(sent)).toBe(
      `code=${redactionMarker('4/0AbC')}&client_id=123.apps.googleusercontent.com&client_secret=${redactionMarker('GOCSPX-s3cr3t')}&code_verifier=${redactionMarker('v~1')}&grant_type=authorization_code&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555`,
    );
    expect(redactCredentialFields('grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJ.eyJ.sig')).toBe(`grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${redactionMarker('eyJ.eyJ.sig')}`);
  });

  it('redacts tokens in a JSON answer without reformatting it', () => {
    const answer = '{\n  "access_token": "ya29.a0x",\n  "expires_in": 3599,\n  "refresh_token":"1//0r",\n  "scope": "https://www.googleapis.com/auth/drive",\n  "token_type": "Bearer"\n}';
    expect(redactCredentialFields(answer)).toBe(answer.replace('ya29.a0x', redactionMarker('ya29.a0x')).replace('1//0r', redactionMarker('1//0r')));
  });

  it('leaves other bodies alone: a Stripe form, an error with a "code", plain text', () => {
    for (const body of ['name=Acme&email=a%40acme.example&metadata[code]=X1', '{"error":{"code":"resource_missing","message":"No such customer"}}', 'code=1234', '']) {
      expect(redactCredentialFields(body)).toBe(body);
    }
  });
});
