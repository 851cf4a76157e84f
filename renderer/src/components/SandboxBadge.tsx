/**
 * Tells the user at a glance that nothing they do here reaches a real account. The explanation is a real
 * element (not a `title`), so it shows on keyboard focus and screen readers read it as the badge's description.
 */
export function SandboxBadge() {
  return (
    <span className="sandbox" tabIndex={0} data-testid="sandbox-badge" aria-describedby="sandbox-tip">
      <span className="badge badge-sandbox">Sandbox</span>
      <span id="sandbox-tip" role="tooltip" className="tooltip">
        Connectors talk to built-in fakes of Stripe, Asana, Slack and Google Drive. No account needed, and nothing
        reaches a real provider.
      </span>
    </span>
  );
}
