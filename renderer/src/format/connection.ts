/** Connection states in words: where a credential comes from and what a check found, with the next step. */
import type { ConnectionCheckView, ConnectionView, CredentialKind } from '../../../preload/api';

export function sourceLabel(source: ConnectionView['source']): string {
  switch (source) {
    case 'keychain':
      return 'OS keychain';
    case 'environment':
      return 'Environment variable';
    case 'session':
      return 'This session only (not saved)';
    default:
      return '—';
  }
}

/** A check's outcome as one sentence a person can act on; the server's detail follows it. */
export function checkHeadline(check: ConnectionCheckView, title: string): string {
  if (check.ok) return `Connected: ${title} accepted the credential.`;
  switch (check.problem) {
    case 'bad_credential':
      return `${title} refused the credential. Check that it was copied whole and has not been revoked, then set it again.`;
    case 'missing_scope':
      return `The credential works but lacks a permission Keel needs. Grant it at ${title}, or create a key with it.`;
    case 'unreachable':
      return `Keel could not reach ${title}. Check this computer's network, proxy or firewall, then test again.`;
    default:
      return `The check failed for a reason Keel does not recognise.`;
  }
}

/** `KEEL_SECRET_STRIPE` for the credential named `stripe`: the variable a headless server may set instead. */
export function environmentVariable(credentialName: string): string {
  return `KEEL_SECRET_${credentialName.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** How a credential authorizes, in words. */
export function kindLabel(kind: CredentialKind | null): string {
  switch (kind) {
    case 'token':
      return 'Pasted token or key';
    case 'oauth':
      return 'OAuth sign-in (refresh token)';
    case 'service_account':
      return 'Service-account key';
    default:
      return '—';
  }
}
