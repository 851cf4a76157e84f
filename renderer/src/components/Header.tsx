import { useAppInfo } from '../state/resources';
import { ConnectionIndicator } from './ConnectionIndicator';
import { SandboxBadge } from './SandboxBadge';
import { SendContract } from './SendContract';

export function Header() {
  const sandbox = useAppInfo((s) => s.data?.sandbox === true);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Keel</span>
        {sandbox && <SandboxBadge />}
      </div>
      <div className="topbar-actions">
        <ConnectionIndicator />
        <SendContract />
      </div>
    </header>
  );
}
